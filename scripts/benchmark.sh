#!/usr/bin/env bash
# Speed and memory of the solver core: a neo-Hookean block (uniaxial stretch 1.2 in 2 steps, quadratic
# hexahedra) at about 20 k, 150 k and 1 M DoFs on 1 and 2 ranks. Prints DoFs, Newton iterations,
# linear iterations per Newton step, seconds per Newton step (assembly, preconditioner set-up, solve)
# and output seconds, and the peak resident memory of the largest rank. Release build; not a test.
# Usage: scripts/benchmark.sh [largest subdivision count, default 34]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release > /dev/null
largest="${1:-34}"
work=$(mktemp -d)
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"

printf "%-6s %-9s %-6s %-7s %-10s %-9s %-9s %-9s %-8s %-9s\n" ranks DoFs steps Newton "lin/Newton" \
  "asm/N[s]" "prec/N[s]" "solve/N[s]" "out[s]" "peak[MB]"
for n in 9 18 "$largest"; do
  cat > "$work/block.prm" <<PRM
# Units: mm, N, MPa, s.
subsection Mesh
  set Dimensions   = 10, 10, 10
  set Subdivisions = $n, $n, $n
end
subsection Regions
  subsection solid
    set Material = neo_hookean_uncoupled
  end
end
subsection Boundary conditions
  set Fixed displacement = x_min: x = 0; y_min: y = 0; z_min: z = 0; z_max: z = 2*t
end
subsection Time
  set Number of steps = 2
end
subsection Output
  set Interval = 1000
end
PRM
  for ranks in 1 2; do
    log="$work/run_${n}_${ranks}.log"
    mpirun -np "$ranks" $root_flag --oversubscribe build/release/solver/cspine "$work/block.prm" \
      --output "$work/out_${n}_${ranks}" > "$log"
    awk -v ranks="$ranks" '
      /^mesh:/ { for (i = 1; i <= NF; ++i) if ($(i + 1) == "DoFs") dofs = $i }
      /^timing/ { gsub(",", ""); asm = $4; prec = $7; solve = $10; out = $12 }
      /^iterations:/ { steps = $2; newton = $4; linear = $6 }
      /^peak memory/ { peak = $5 }
      END { printf "%-6s %-9s %-6s %-7s %-10.1f %-9.3f %-9.3f %-9.3f %-8.2f %-9.0f\n", ranks, dofs, steps, newton,
            linear / newton, asm / newton, prec / newton, solve / newton, out, peak }' "$log"
  done
done
rm -rf "$work"
