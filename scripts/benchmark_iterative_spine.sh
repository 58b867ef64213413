#!/usr/bin/env bash
# The iterative spine solve against the direct one (issue 18: a spine solve that scales past a direct
# solver). Runs the first steps of the rotary thrust's pre-rotation (2.5 deg each, C1-C7 rigid) on the
# coarse, the bundled and a refined head-T1 model on linear tetrahedra (with --quadratic also the bundled
# one on quadratic tetrahedra), each with `Linear solver/Method = cg` (GAMG on K's soft block; CG for the
# loose column solves and one GMRES on the bordered system per Newton update, mechanics/bordered_krylov:
# 23 % less solve time than `gmres` on the refined model, 2026-12-07) and with `direct` (MUMPS), on 2
# ranks. Prints per case the DoFs, Newton updates, Krylov iterations per update (the column solves and the
# GMRES together), seconds per update (the whole run's, and the linear solver's: set-up and solves) and
# peak memory per rank. Not a test: about 4 minutes on 2 cores for the default 2
# steps, 2 more with --quadratic. The refined (2.3 mm in bone, 0.9 mm in the thin layers) and fine (1.6
# and 0.6 mm) models are generated into output/refined_spine/ if they are not there.
# Usage: scripts/benchmark_iterative_spine.sh [steps] [--quadratic]   (default 2 steps)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/refined_spine_common.sh
read_steps_and_flag benchmark_iterative_spine.sh --quadratic "$@"
quadratic=$flag_given
scripts/setup.sh release > /dev/null
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"
make_refined_spine_mesh
make_fine_spine_mesh
folder=output/iterative_spine
mkdir -p "$folder"
cases="coarse:$(pwd)/meshes/generated/head_t1_coarse.msh:1 bundled:$(pwd)/meshes/generated/head_t1.msh:1"
cases="$cases refined:$(pwd)/$refined_spine_mesh.msh:1 fine:$(pwd)/$fine_spine_mesh.msh:1"
[ "$quadratic" = false ] || cases="$cases bundled_quadratic:$(pwd)/meshes/generated/head_t1.msh:2"

summary=$folder/summary.txt
printf "# The rotary thrust's first %s pre-rotation step(s), C1-C7 rigid, 2 ranks (%s)\n" "$steps" "$(date -u +%F)" > "$summary"
printf "%-18s %-7s %9s %8s %12s %10s %12s %9s\n" case method DoFs updates "its/update" "s/update" "linear s/upd" "peak MB" >> "$summary"
for entry in $cases; do
  IFS=: read -r name mesh degree <<< "$entry"
  for method in cg direct; do
    config=$folder/${name}_$method.prm
    cat > "$config" <<PRM
# Written by scripts/benchmark_iterative_spine.sh: the rotary thrust's pre-rotation (configs/rotary_thrust_c1c2.prm)
# with C1-C7 rigid, $steps step(s) of 2.5 deg, solved by Method = $method. Units: mm, N, MPa, s, deg.
include configs/common/spine_model.prm
include configs/common/rigid_vertebrae.prm
include configs/common/exact_bone_rotation.prm
subsection Mesh
  set File = $mesh
end
subsection Linear solver
  set Method         = $method
  set Preconditioner = gamg
end
PRM
    prerotation_protocol "$steps" >> "$config"
    [ "$degree" = 1 ] || echo "include configs/common/quadratic_tetrahedra.prm" >> "$config"
    out=$folder/${name}_$method
    rm -rf "$out"
    echo "== $name, $method"
    mpirun -np 2 $root_flag build/release/solver/cspine "$config" --output "$out" | tee "$out.log" \
      | grep --line-buffered "^step\|^mesh"
    awk -v name="$name" -v method="$method" '
      /^mesh:/ { for (i = 1; i <= NF; ++i) if ($i == "DoFs") dofs = $(i - 1) }
      /^iterations:/ { newton = $4; linear = $6 }
      /^timing/ { gsub(",", ""); setup = $7; solve = $10; wall = $15 }
      /^peak memory/ { peak = $5 }
      END { printf "%-18s %-7s %9s %8d %12.1f %10.2f %12.2f %9.0f\n", name, method, dofs, newton, linear / newton, wall / newton,
                   (setup + solve) / newton, peak }' \
      "$out.log" >> "$summary"
  done
done
echo
cat "$summary"
echo "(its/update: Krylov iterations per Newton update for cg, right-hand sides for direct; s/update: total wall / updates;"
echo " linear s/upd: the linear solver's set-up (GAMG or the factorisation) and solves per update)"
