#!/usr/bin/env bash
# One-at-a-time sensitivity of the calibration targets (Panjabi et al. 1988 axial rotation to the right at
# 1.5 N m: C0-C1 ROM, C1-C2 ROM, C1-C2 neutral zone) to each calibrated slack, on the coarse head-C3
# model: every slack at 0, then each raised to 0.1 alone (the values of validation/calibration.md). Each
# run is the validation case axial_rotation_right, loading only (scripts/validate.sh --loading-only).
# Runs go to validation/runs/sensitivity/<name>/ (about 10-15 min each on 1 core; complete runs are
# reused), and each one's report to validation/runs/sensitivity/<name>/report.md.
# Usage: scripts/calibration_sensitivity.sh
set -euo pipefail
cd "$(dirname "$0")/.."

root=validation/runs/sensitivity
mkdir -p "$root"
run() { # name, then 'type=value' slacks
  local name="$1"; shift
  local extra="$root/$name.prm"
  {
    echo "# Slacks of the sensitivity run $name; the rest at 0. Units: fraction of the in-situ length."
    echo "subsection Load case"
    echo "  subsection Ligaments"
    for type in alar capsule_c0_c1 capsule_c1_c2; do
      local value=0
      for pair in "$@"; do [ "${pair%%=*}" != "$type" ] || value="${pair##*=}"; done
      echo "    set Slack $type = $value"
    done
    echo "  end"
    echo "end"
  } > "$extra"
  scripts/validate.sh --cases axial_rotation_right --loading-only --extra "$extra" --runs "$root/$name" \
    --report "$root/$name/report.md"
}
run all_zero
run alar_0.1 alar=0.1
run capsule_c0_c1_0.1 capsule_c0_c1=0.1
run capsule_c1_c2_0.1 capsule_c1_c2=0.1
grep -h "axial_rotation_right" "$root"/*/report.md
