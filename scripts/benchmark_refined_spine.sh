#!/usr/bin/env bash
# The speed issue's last target: a refined spine model of at least 1 M DoFs solved on 2 ranks within the
# node's memory. Generates the head-T1 model at 2.3 mm in bone and 0.9 mm in the thin layers (the bundled
# one: 4 and 1.25 mm) into output/refined_spine/, puts it on quadratic tetrahedra with C1-C7 rigid
# (as configs/rotary_thrust_c1c2_quadratic.prm does) and runs the first steps of the rotary thrust's pre-rotation
# (2.5 deg each, as in the shipped case) on 2 ranks. Prints the DoFs, Newton updates, seconds per update
# by phase, wall time and peak memory per rank. Not a test: 2.5 minutes for the default 2 steps on 2 cores
# (2026-12-07; 13 minutes on 2026-12-05, before the soft-row factorisation), 4.5 with --cg (before the soft block, 2026-12-07).
# MUMPS gets a 25 % workspace margin (ICNTL(14); cspine's default is 100 %, against delayed pivots of an
# indefinite tangent under moment control): with 100 % its analysis asks for 12.8 GB per rank, more
# than a 24 GiB node has, and the run is refused before it starts.
# With --cg the same case is solved iteratively (Linear solver/Method = cg: GAMG on K's soft block, CG for
# the loose column solves and one GMRES per Newton update on the rigid bodies' bordered system) instead of
# by MUMPS; its folder is run_cg.
# Usage: scripts/benchmark_refined_spine.sh [steps] [--cg]   (default 2 steps, MUMPS)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/refined_spine_common.sh
read_steps_and_flag benchmark_refined_spine.sh --cg "$@"
method=direct
[ "$flag_given" = false ] || method=cg
scripts/setup.sh release > /dev/null
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"
folder=output/refined_spine
mesh=$refined_spine_mesh
make_refined_spine_mesh
cat > "$folder/case.prm" <<PRM
# Written by scripts/benchmark_refined_spine.sh: the rotary thrust's pre-rotation (configs/rotary_thrust_c1c2.prm)
# on quadratic tetrahedra with C1-C7 rigid, on the refined model: $steps step(s) of 2.5 deg.
# Units: mm, N, MPa, s, deg.
include configs/common/spine_model.prm
include configs/common/rigid_vertebrae.prm
include configs/common/quadratic_tetrahedra.prm
subsection Mesh
  set File = $(pwd)/$mesh.msh
end
subsection Linear solver
  set Method = $method
end
PRM
prerotation_protocol "$steps" >> "$folder/case.prm"
out=$folder/run
[ "$method" = direct ] || out=${out}_$method
rm -rf "$out"
start=$(date +%s.%N)
mumps_margin=""
[ "$method" != direct ] || mumps_margin="-mat_mumps_icntl_14 25"
mpirun -np 2 $root_flag build/release/solver/cspine "$folder/case.prm" --output "$out" $mumps_margin \
  | grep --line-buffered -v "^region" | tee "$out.log"
wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
awk -v wall="$wall" -v planned="$steps" '
  /^mesh:/ { for (i = 1; i <= NF; ++i) if ($i == "DoFs") dofs = $(i - 1) }
  /^iterations:/ { steps = $2; newton = $4 }
  /^timing/ { gsub(",", ""); asm = $4; prec = $7; solve = $10 }
  /^peak memory/ { peak = $5 }
  /^step / { converged = $2 }
  END {
    printf "\nrefined spine: %s DoFs on 2 ranks, %s steps, %s Newton updates, wall %.0f s\n", dofs, steps, newton, wall
    printf "per update: assembly %.1f s, factorisation (direct) or preconditioner set-up %.1f s, solves %.1f s; peak memory %.0f MB per rank\n",
           asm / newton, prec / newton, solve / newton, peak
    printf "target: >= 1 M DoFs on 2 ranks within 24 GiB (24,576 MB): %s DoFs, %d of %d steps converged, at most %.0f MB on the node\n",
           dofs, converged, planned, 2 * peak
  }' "$out.log"
