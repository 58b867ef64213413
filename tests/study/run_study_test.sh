#!/usr/bin/env bash
# CTest study_local_and_resumed: a four-case study (two thrust forces x two slacks of the subaxial capsules)
# run locally, uninterrupted; then the same study killed (SIGKILL of the runner and of every case's
# processes) once a case has checkpointed, and run again: it must skip what finished, continue the
# interrupted cases from their checkpoints, and give the same study.csv. Also: a study with a bad entry
# is refused with a message that names it, and an existing folder of another study is refused.
# Usage: run_study_test.sh REPO BUILD_DIR WORK_DIR BASE_CONFIG
set -euo pipefail
repo=$1 build=$2 work=$3 base=$4
study_cmd=("$repo/scripts/cspine-study")
rm -rf "$work"; mkdir -p "$work"; cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > study.prm <<PRM
# The study runner's test: thrust force x subaxial capsule slack. Units: N, fraction of the in-situ length.
set Base config         = $base
set Design              = grid
set Ranks per case      = 1
set Checkpoint interval = 1
subsection Parameter force
  set Entry  = Load case/Thrust/Peak force
  set Values = 10, 20
end
subsection Parameter slack
  set Entry  = Load case/Ligaments/Slack capsule_subaxial
  set Range  = 0, 0.1, 2
end
PRM

"${study_cmd[@]}" study.prm --output whole --build "$build" --jobs 2 > whole.log 2>&1 || { cat whole.log; fail "the study did not run"; }
[ "$(grep -c '^case_' whole/study.csv)" -eq 4 ] || fail "study.csv has not 4 cases"
[ "$(grep -c ',finished,' whole/study.csv)" -eq 4 ] || fail "not every case finished"
for picture in strain_vs_parameters.png tornado.png; do
  [ -s "whole/$picture" ] || fail "no $picture"
done
# The parameters reached the cases: the force and the slack change the capsule strain.
/usr/bin/python3 - whole/study.csv <<'PY' || fail "the varied entries did not change the results"
import csv, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1]) if not line.startswith("#")))
key = "largest_capsule_p95_strain [-]"
by = {(r["force"], r["slack"]): float(r[key]) for r in rows}
assert set(by) == {("10", "0"), ("10", "0.1"), ("20", "0"), ("20", "0.1")}, by
assert by[("20", "0")] > by[("10", "0")] * 1.05, by          # more force, more strain
assert abs(by[("20", "0.1")] - by[("20", "0")]) > 1e-3, by   # slack changes the fibre strain
print("study values:", by)
PY
grep -q "Peak force = 20" whole/case_003/config.prm || fail "case_003 does not set the force"

# Interrupted: kill everything once a case has a checkpoint, then resume.
"${study_cmd[@]}" study.prm --output resumed --build "$build" --jobs 2 > resumed_1.log 2>&1 &
runner=$!
# Killed once one case has finished and another has checkpointed without finishing: the resumed study
# must then skip one and continue the other.
ready() {
  local finished=0 checkpointed=0
  for c in resumed/case_00*; do
    if [ -f "$c/status" ]; then finished=1; elif [ -f "$c/output/checkpoint.cspine" ]; then checkpointed=1; fi
  done
  [ "$finished" -eq 1 ] && [ "$checkpointed" -eq 1 ]
}
for _ in $(seq 1 1500); do
  ready && break
  sleep 0.2
done
ready || fail "no case finished while another had checkpointed"
kill -9 "$runner" 2> /dev/null
wait "$runner" 2> /dev/null || true
pkill -9 -f "$work/resumed/case_" || true
sleep 1
interrupted=$(for c in resumed/case_00*; do [ -f "$c/status" ] || echo "$c"; done | wc -l)
[ "$interrupted" -gt 0 ] || fail "the kill came too late: every case had finished"
"${study_cmd[@]}" study.prm --output resumed --build "$build" --jobs 2 > resumed_2.log 2>&1 || { cat resumed_2.log; fail "the resumed study failed"; }
grep -q "resuming the study" resumed_2.log || fail "the second run did not resume"
grep -q "already done (skipped)" resumed_2.log || fail "the finished case was not skipped"
grep -q -- "--resume" resumed/case_00*/log.txt || fail "no case continued from its checkpoint"
diff <(grep -v '^#' whole/study.csv) <(grep -v '^#' resumed/study.csv) || fail "the resumed study.csv differs"

# Bad input and a foreign folder.
sed 's/set Design              = grid/set Design              = factorial/' study.prm > bad.prm
if "${study_cmd[@]}" bad.prm --output bad --build "$build" > bad.log 2>&1; then fail "a bad Design was accepted"; fi
grep -q "Design = 'factorial' is not allowed" bad.log || { cat bad.log; fail "the message does not name the entry"; }
[ ! -e bad ] || fail "a refused study left a folder"
sed 's/Values = 10, 20/Values = 10, 30/' study.prm > other.prm
if "${study_cmd[@]}" other.prm --output whole --build "$build" > other.log 2>&1; then fail "another study's folder was reused"; fi
grep -q "holds another study" other.log || { cat other.log; fail "no message for a foreign folder"; }

# Geometry as a study variable: the anatomy table's global scale. Each distinct anatomy is generated once
# (scripts/make_meshes.sh's C3-C4 sizes) and the case runs on it.
cat > geometry.prm <<PRM
# The study runner's test: the model's global scale (anatomy table, row all/scale). Units: -.
set Base config    = $base
set Mesh generator = C3,C4 3 0.7
set Anatomy table  = $repo/meshes/anatomy_table.csv
subsection Parameter scale
  set Entry  = anatomy/all/scale
  set Values = 0.9, 1
end
PRM
"${study_cmd[@]}" geometry.prm --output geometry --build "$build" --jobs 2 > geometry.log 2>&1 || { cat geometry.log; fail "the geometry study failed"; }
[ "$(ls geometry/meshes/*/model.msh | wc -l)" -eq 2 ] || fail "not one generated model per scale"
grep -q "^all,scale,0.9," geometry/meshes/*/anatomy_table.csv || fail "no model was generated at scale 0.9"
grep -q "meshes/.*/model.msh" geometry/case_001/config.prm || fail "case_001 does not run on its generated model"
/usr/bin/python3 - geometry/study.csv <<'PY' || fail "the scale did not change the results"
import csv, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1]) if not line.startswith("#")))
key = "largest_capsule_p95_strain [-]"
values = {r["scale"]: float(r[key]) for r in rows if r["status"] == "finished"}
assert set(values) == {"0.9", "1"}, values
assert abs(values["0.9"] - values["1"]) > 1e-3, values
print("geometry study:", values)
PY
echo "PASS: $interrupted case(s) unfinished at the kill, resumed; study.csv identical; geometry study ran"
