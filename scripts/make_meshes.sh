#!/usr/bin/env bash
# Regenerates the spine meshes from meshes/anatomy_table.csv into meshes/generated/ (deterministic:
# the same files every time) and renders the default one to meshes/subaxial_c3_t1.png.
# Usage: scripts/make_meshes.sh   (after scripts/setup.sh; rendering needs xvfb, skipped without it)
set -euo pipefail
cd "$(dirname "$0")/.."
generator=build/release/meshes/generator/cspine_mesh
[ -x "$generator" ] || scripts/setup.sh release
mkdir -p meshes/generated
table=meshes/anatomy_table.csv
# name, levels (top to bottom), bone size [mm], thin-layer size [mm]
while read -r name levels bone thin; do
  "$generator" "$table" "meshes/generated/$name" "$levels" "$bone" "$thin"
done <<'LIST'
subaxial_c3_t1 C3,C4,C5,C6,C7,T1 3 0.7
subaxial_c3_t1_coarse C3,C4,C5,C6,C7,T1 7 1.7
segment_c3_c4 C3,C4 3 0.7
segment_c3_c4_coarse C3,C4 5 1.2
LIST
if command -v xvfb-run > /dev/null; then
  xvfb-run -a /usr/bin/python3 scripts/render_mesh.py meshes/generated/subaxial_c3_t1.msh meshes/subaxial_c3_t1.png
  echo "picture: meshes/subaxial_c3_t1.png"
fi
