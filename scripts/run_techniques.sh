#!/usr/bin/env bash
# Runs the technique library (configs/techniques/*.prm) and compares it: each technique's run folder in
# OUTPUT/runs/<technique>, then scripts/safety_report.py OUTPUT/report over all of them (report.html per
# technique; comparison.html, comparison.csv and comparison.png across them: the README's table).
#
# Usage: scripts/run_techniques.sh OUTPUT [--ranks N] [--with-x10 | --x10-run DIR]
#   --ranks     MPI ranks per technique (default 1; the techniques run one after the other)
#   --with-x10  also run the over-manipulation study (rotary_thrust_x10.prm, head-T1 model, on 2 ranks;
#               about an hour on 2 quiet cores, see README.md); left out by default
#   --x10-run   put an earlier run folder of rotary_thrust_x10.prm into the comparison instead of running it
# Refuses an OUTPUT that exists. Prints each technique's wall time and an estimate of the time left.
# Units of every output: mm, N, N mm, MPa, s, deg (strains dimensionless).
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: scripts/run_techniques.sh OUTPUT [--ranks N] [--with-x10 | --x10-run DIR]"
[ $# -ge 1 ] || { echo "$usage" >&2; exit 1; }
output="$1"
shift
ranks=1 with_x10=0 x10_run=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ranks) ranks="${2:-}"; shift 2 || true ;;
    --with-x10) with_x10=1; shift ;;
    --x10-run) x10_run="${2:-}"; shift 2 || true ;;
    *) echo "run_techniques.sh: unknown option '$1' (allowed: --ranks, --with-x10, --x10-run)" >&2; exit 1 ;;
  esac
done
[[ "$ranks" =~ ^[1-9][0-9]*$ ]] || { echo "run_techniques.sh: --ranks '$ranks' is not a positive integer" >&2; exit 1; }
if [ -n "$x10_run" ]; then
  [ "$with_x10" -eq 0 ] || { echo "run_techniques.sh: give --with-x10 or --x10-run, not both" >&2; exit 1; }
  [ -f "$x10_run/summary.csv" ] || { echo "run_techniques.sh: --x10-run '$x10_run' holds no summary.csv (a finished run of rotary_thrust_x10.prm)" >&2; exit 1; }
fi
[ ! -e "$output" ] || { echo "run_techniques.sh: $output exists; choose another folder or remove it first" >&2; exit 1; }

[ -x build/release/solver/cspine ] || scripts/setup.sh release
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"

techniques=()
for config in configs/techniques/*.prm; do
  name=$(basename "$config" .prm)
  [ "$name" != rotary_thrust_x10 ] || [ "$with_x10" -eq 1 ] || continue
  techniques+=("$name")
done

mkdir -p "$output/runs"
started=$(date +%s)
done_count=0
for name in "${techniques[@]}"; do
  n=$ranks
  [ "$name" != rotary_thrust_x10 ] || n=2
  echo "run_techniques: [$((done_count + 1))/${#techniques[@]}] $name on $n rank(s), log $output/runs/$name.log"
  start=$(date +%s)
  if ! mpirun -np "$n" $root_flag --oversubscribe build/release/solver/cspine "configs/techniques/$name.prm" \
      --output "$output/runs/$name" > "$output/runs/$name.log" 2>&1; then
    echo "run_techniques: $name failed; the end of its log:" >&2
    tail -n 20 "$output/runs/$name.log" >&2
    exit 1
  fi
  done_count=$((done_count + 1))
  now=$(date +%s)
  left=$(( (now - started) * (${#techniques[@]} - done_count) / done_count ))
  echo "run_techniques: $name took $((now - start)) s; about $left s left (the mean so far)"
done

runs=()
for name in "${techniques[@]}"; do runs+=("$output/runs/$name"); done
[ -z "$x10_run" ] || runs+=("$x10_run")
/usr/bin/python3 scripts/safety_report.py "$output/report" "${runs[@]}"
echo "run_techniques: wall times above; the comparison is $output/report/comparison.html"
