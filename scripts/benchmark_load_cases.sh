#!/usr/bin/env bash
# Runs shipped load cases (configs/*.prm) on the bundled model on 1 and 2 ranks, prints wall time,
# Newton and linear iterations, step cuts, seconds by phase (assembly, preconditioner set-up or
# factorisation, solve) and peak memory per run, and checks that summary.csv (and
# the other reports) agree between 1 and 2 ranks to solver tolerance. Not a test: it takes minutes
# per case. Results stay in output/load_cases/<case>_np<ranks> (with the log).
# Usage: scripts/benchmark_load_cases.sh [case ...]   (default: every load case in configs/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release > /dev/null
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for config in configs/*.prm; do cases+=("$(basename "$config" .prm)"); done
fi

# Newton stops at |R| <= 1e-7 x the force scale on the spine (configs/common/spine_model.prm): the
# reports agree to 1e-5 relative; kinematics (rigid fits, degrees) to 1e-4 deg absolute.
compare() {
  local report=$1 absolute=$2
  if numdiff -q -a "$absolute" -r 1e-5 -s ", \n" "$3/$report.csv" "$4/$report.csv" > /dev/null 2>&1; then
    echo "same"
  else
    echo "DIFFERENT"
  fi
}

printf "%-24s %-5s %-9s %-6s %-7s %-7s %-5s %-8s %-8s %-8s %-9s\n" case ranks wall[s] steps Newton linear cuts \
  asm[s] prec[s] solve[s] peak[MB]
status=0
for name in "${cases[@]}"; do
  config="configs/$name.prm"
  [ -f "$config" ] || { echo "no such load case: $config" >&2; exit 2; }
  for ranks in 1 2; do
    out="output/load_cases/${name}_np$ranks"
    rm -rf "$out"
    mkdir -p "$out"
    start=$(date +%s.%N)
    if ! mpirun -np "$ranks" $root_flag --oversubscribe build/release/solver/cspine "$config" --output "$out" \
      > "$out.log" 2>&1; then
      echo "$name on $ranks rank(s) failed; see $out.log" >&2
      status=1
    fi
    wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    awk -v name="$name" -v ranks="$ranks" -v wall="$wall" '
      /step cut at/ { ++cuts }
      /^iterations:/ { steps = $2; newton = $4; linear = $6 }
      /^timing/ { gsub(",", ""); asm = $4; prec = $7; solve = $10 }
      /^peak memory/ { peak = $5 }
      END { printf "%-24s %-5s %-9.1f %-6s %-7s %-7s %-5d %-8.1f %-8.1f %-8.1f %-9.0f\n", name, ranks, wall, steps,
            newton, linear, cuts, asm, prec, solve, peak }' "$out.log"
  done
  np1="output/load_cases/${name}_np1"
  np2="output/load_cases/${name}_np2"
  line="  1 vs 2 ranks:"
  for report in summary regions ligaments contact history; do
    line+=" $report $(compare $report 1e-8 "$np1" "$np2"),"
  done
  line+=" kinematics $(compare kinematics 1e-4 "$np1" "$np2")"
  echo "$line"
  [[ "$line" != *DIFFERENT* ]] || status=1
done
exit $status
