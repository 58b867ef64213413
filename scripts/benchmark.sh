#!/usr/bin/env bash
# Speed and memory of the solver core on benchmark B (configs/verification/benchmark_b.prm: a 10 mm
# cube of coupled neo-Hookean material, E = 1 MPa, nu = 0.45, both z faces clamped, z_max pulled 2 mm
# in 10 steps, quadratic hexahedra; a peer solver's reaction is 19.95118 N at 8^3 cells):
#   1. benchmark B at 8^3 and 16^3 cells on 1 and 2 ranks (10 steps);
#   2. the same block in 2 steps at 10^3, 20^3 and N^3 cells (about 28 k, 206 k and 985 k DoFs at the
#      default N = 34) on 1 and 2 ranks, for the growth of the time per Newton update per DoF.
# Each run but the largest is made three times and the one with the median wall time is shown (the three
# wall times are listed). Each row gives DoFs, steps, Newton updates, linear iterations per update,
# seconds per update by phase (assembly, preconditioner set-up or factorisation, solve), wall time, peak
# memory of the largest rank and the reaction on z_max. The targets table of the speed issue follows,
# then the speed-up of each phase and the machine's memory bandwidth on 1 and 2 processes
# (scripts/stream_triad.cc), the ceiling of the speed-up for work bound by memory traffic. Release
# build; not a test (about 12 minutes on 2 cores).
# Usage: scripts/benchmark.sh [largest subdivision count N, default 34]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release > /dev/null
largest="${1:-34}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"

# run <name> <subdivisions> <steps> <ranks> [label]: one row of the table (named label, default name),
# and its figures in $work/<name>.fig.
run() {
  local name=$1 n=$2 steps=$3 ranks=$4 label=${5:-$1}
  sed -e "s/^  set Subdivisions .*/  set Subdivisions  = $n, $n, $n/" \
    -e "s/^  set Number of steps .*/  set Number of steps = $steps/" configs/verification/benchmark_b.prm \
    > "$work/$name.prm"
  local log="$work/$name.log"
  mpirun -np "$ranks" $root_flag --oversubscribe build/release/solver/cspine "$work/$name.prm" \
    --output "$work/out_$name" > "$log" 2>&1 || { echo "$name failed; log:" >&2; cat "$log" >&2; exit 1; }
  local reaction
  reaction=$(awk -F, '!/^#/ && NF > 1 { last = $NF } END { print last }' "$work/out_$name/history.csv")
  awk -v name="$label" -v ranks="$ranks" -v reaction="$reaction" -v fig="$work/$name.fig" '
    /^mesh:/ { for (i = 1; i <= NF; ++i) if ($(i + 1) == "DoFs") dofs = $i }
    /^timing/ { gsub(",", ""); asm = $4; prec = $7; solve = $10; wall = $15 }
    /^iterations:/ { steps = $2; newton = $4; linear = $6 }
    /^peak memory/ { peak = $5 }
    END {
      printf "%-10s %-5s %-8s %-5s %-6s %-10.1f %-8.3f %-9.3f %-9.3f %-8.1f %-8.0f %-10.5f\n", name, ranks, dofs,
             steps, newton, linear / newton, asm / newton, prec / newton, solve / newton, wall, peak, reaction
      printf "%s %s %s %s %s %s\n", dofs, newton, wall, asm, prec, solve > fig
    }' "$log"
}

fig() { awk -v k="$2" '{ print $k }' "$work/$1.fig"; }

# run_median <name> <subdivisions> <steps> <ranks>: the run three times; the row and figures of the one
# with the median wall time (on 2 cores one busy moment moves a 2-rank run of a few seconds by 20-40 %),
# and the three wall times in $work/walls.
run_median() {
  local name=$1 k median
  for k in 1 2 3; do run "${name}_$k" "$2" "$3" "$4" "$name" > "$work/${name}_$k.row"; done
  median=$(for k in 1 2 3; do echo "$(fig "${name}_$k" 3) $k"; done | sort -g | awk 'NR == 2 { print $2 }')
  cat "$work/${name}_$median.row"
  cp "$work/${name}_$median.fig" "$work/$name.fig"
  echo "$name: $(for k in 1 2 3; do printf "%s " "$(fig "${name}_$k" 3)"; done)s" >> "$work/walls"
}

printf "%-10s %-5s %-8s %-5s %-6s %-10s %-8s %-9s %-9s %-8s %-8s %-10s\n" run ranks DoFs steps Newton \
  "lin/Newton" "asm/N[s]" "prec/N[s]" "solve/N[s]" "wall[s]" "peak[MB]" "z_max[N]"
for n in 8 16; do
  for ranks in 1 2; do run_median "B${n}_np$ranks" "$n" 10 "$ranks"; done
done
for n in 10 20; do
  for ranks in 1 2; do run_median "S${n}_np$ranks" "$n" 2 "$ranks"; done
done
for ranks in 1 2; do run "S${largest}_np$ranks" "$largest" 2 "$ranks"; done
echo "Each row but S$largest's is the median of three runs by wall time; the three wall times:"
cat "$work/walls"
per_dof() { awk -v d="$(fig "$1" 1)" -v n="$(fig "$1" 2)" -v w="$(fig "$1" 3)" 'BEGIN { print w / n / d }'; }
echo
echo "Targets (the speed issue):"
printf "%-52s %-10s %-10s\n" benchmark target measured
printf "%-52s %-10s %-10s\n" "benchmark B, 8^3 quadratic hexahedra, 1 rank [s]" "<= 5" "$(fig B8_np1 3)"
printf "%-52s %-10s %-10s\n" "benchmark B, 16^3, 2 ranks [s]" "<= 30" "$(fig B16_np2 3)"
for name in B8 B16 S10 S20 "S$largest"; do
  printf "%-52s %-10s %-10s\n" "speed-up 1 -> 2 ranks, $name ($(fig "${name}_np1" 1) DoFs)" ">= 1.85" \
    "$(awk -v a="$(fig "${name}_np1" 3)" -v b="$(fig "${name}_np2" 3)" 'BEGIN { printf "%.2f", a / b }')"
done
for ranks in 1 2; do
  printf "%-52s %-10s %-10s\n" "time per update per DoF, S10 -> S$largest, $ranks rank(s)" "<= 1.5x" \
    "$(awk -v a="$(per_dof "S10_np$ranks")" -v b="$(per_dof "S${largest}_np$ranks")" 'BEGIN { printf "%.2fx", b / a }')"
done

# Which phase keeps the speed-up down, and how far two cores outrun one on memory traffic alone (the CG's
# matrix-vector products are bound by it): scripts/stream_triad.cc, once alone and as two at once.
echo
echo "Speed-up 1 -> 2 ranks by phase (assembly, preconditioner set-up, solve):"
printf "%-10s %-10s %-10s %-10s\n" run assembly "set-up" solve
for name in B8 B16 S10 S20 "S$largest"; do
  printf "%-10s" "$name"
  for column in 4 5 6; do
    printf " %-10s" "$(awk -v a="$(fig "${name}_np1" $column)" -v b="$(fig "${name}_np2" $column)" \
      'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
  done
  echo
done
c++ -O2 -march=native scripts/stream_triad.cc -o "$work/stream_triad"
alone=$("$work/stream_triad" | awk '{ print $1 }')
"$work/stream_triad" > "$work/triad_a" & "$work/stream_triad" > "$work/triad_b"; wait
together=$(awk '{ sum += $1 } END { printf "%.2f", sum }' "$work/triad_a" "$work/triad_b")
echo "Memory bandwidth (STREAM triad): 1 process $alone GB/s, 2 at once $together GB/s in all:" \
  "$(awk -v a="$alone" -v b="$together" 'BEGIN { printf "%.2f", b / a }')x, the most two ranks can gain on work" \
  "bound by memory traffic."
echo "The load-case targets (rotary thrust on 2 cores) are printed by scripts/benchmark_load_cases.sh, the"
echo "refined spine of at least 1 M DoFs on 2 ranks by scripts/benchmark_refined_spine.sh."
