#!/usr/bin/env bash
# Validation suite: runs the pure-moment cases of validation/cases/ (Panjabi et al. 1988: flexion,
# extension, lateral bending and axial rotation to each side, 0 -> 1.5 N m -> 0 on the head, C3 fixed)
# and writes validation/report.md with the published value, the model's and the error of every range of
# motion and neutral zone in validation/data/panjabi1988.csv, plus moment-rotation plots (PNG).
#
# Usage: scripts/validate.sh [--mesh coarse|default] [--cases a,b,...] [--extra FILE.prm] [--runs DIR]
#                            [--report FILE.md] [--ranks N] [--loading-only] [--force]
#   --mesh    head_c3_coarse (default: about 10 min per case on 1 core) or head_c3 (about 2.5 times longer)
#   --cases   a subset of validation/cases/*.prm (default: every case listed in the data file)
#   --extra   a .prm fragment appended to every case (e.g. a slack for a sensitivity run)
#   --runs    where each case's results go (default: validation/runs/<mesh>); a case whose results are
#             complete there is reused (and said so), unless --force
#   --report  default: validation/report.md (its plots go beside it)
#   --loading-only  stop at 1.5 N m (ROM and NZ need only the loading; for sensitivity and calibration runs)
# Units of every output: length mm, moment N m in the report (N mm in the solver's files), angle deg.
set -euo pipefail
cd "$(dirname "$0")/.."

mesh=coarse cases="" extra="" runs="" report=validation/report.md ranks=1 force=0 protocol=protocol_load_unload
while [ $# -gt 0 ]; do
  case "$1" in
    --mesh) mesh="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --extra) extra="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    --ranks) ranks="$2"; shift 2 ;;
    --force) force=1; shift ;;
    --loading-only) protocol=protocol_loading; shift ;;
    *) echo "validate.sh: unknown option '$1' (allowed: --mesh, --cases, --extra, --runs, --report, --ranks, --loading-only, --force)" >&2
       exit 1 ;;
  esac
done
case "$mesh" in
  coarse) msh=head_c3_coarse ;;
  default) msh=head_c3 ;;
  *) echo "validate.sh: --mesh '$mesh' is not allowed (coarse or default)" >&2; exit 1 ;;
esac
[ -z "$extra" ] || [ -f "$extra" ] || { echo "validate.sh: --extra file '$extra' does not exist" >&2; exit 1; }
data=validation/data/panjabi1988.csv
[ -n "$cases" ] || cases=$(grep -v '^#' "$data" | tail -n +2 | cut -d, -f1 | awk '!seen[$0]++' | paste -sd,)
runs="${runs:-validation/runs/$mesh}"

[ -x build/release/solver/cspine ] || scripts/setup.sh release
if ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  echo "validate: installing python3-matplotlib (for the plots)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends python3-matplotlib
fi
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"

IFS=, read -r -a case_list <<< "$cases"
for name in "${case_list[@]}"; do
  [ -f "validation/cases/$name.prm" ] || { echo "validate.sh: no case validation/cases/$name.prm" >&2; exit 1; }
done

mkdir -p "$runs"
start=$(date +%s) done_runs=0
for i in "${!case_list[@]}"; do
  name="${case_list[$i]}"
  out="$runs/$name"
  if [ -f "$out/finished" ] && [ "$(cat "$out/finished")" = "$protocol" ] && [ "$force" -eq 0 ]; then
    echo "validate: $name: reusing the complete results in $out (--force reruns)"
    continue
  fi
  # A wrapper config: the case (with the protocol asked for), then the mesh and any extra entries
  # (later entries override).
  wrapper="$runs/$name.prm"
  {
    echo "# Written by scripts/validate.sh: case $name on $msh. Units: mm, N, MPa, s, deg."
    sed "s#validation/cases/protocol_load_unload.prm#validation/cases/$protocol.prm#" "validation/cases/$name.prm"
    echo "include meshes/generated/${msh}_regions.prm"
    printf 'subsection Mesh\n  set File = %s\nend\n' "$(pwd)/meshes/generated/$msh.msh"
    [ -z "$extra" ] || cat "$extra"
  } > "$wrapper"
  rm -rf "$out"
  if [ "$done_runs" -gt 0 ]; then
    left=$(( (${#case_list[@]} - i) * ($(date +%s) - start) / done_runs ))
    echo "validate: $name ($((i + 1))/${#case_list[@]}; about $((left / 60)) min left)"
  else
    echo "validate: $name ($((i + 1))/${#case_list[@]})"
  fi
  status=0
  mpirun -np "$ranks" $root_flag --oversubscribe build/release/solver/cspine "$wrapper" --output "$out" \
    > "$runs/$name.log" 2>&1 || status=$?
  tail -n 2 "$runs/$name.log" | sed 's/^/    /'
  # Exit 2: the solver stopped early; its last converged state is kept and the report says how far it got.
  [ "$status" -eq 0 ] || [ "$status" -eq 2 ] || { echo "validate: $name failed (exit $status, $runs/$name.log)" >&2; exit 1; }
  [ "$status" -ne 0 ] || echo "$protocol" > "$out/finished"
  done_runs=$((done_runs + 1))
done

/usr/bin/python3 scripts/validation_report.py --data "$data" --runs "$runs" --cases "$cases" --mesh "$msh" \
  --report "$report"
echo "validate: wrote $report"
