#!/usr/bin/python3
"""Checks scripts/compare_phases.py on a hand-made run folder with known peaks per phase: the table's
values, differences and ratios, the picture, and its refusals (an unknown phase, an earlier comparison).

Usage: check_compare_phases.py SCRIPT WORK_DIR"""
import csv
import os
import shutil
import subprocess
import sys

script, work = sys.argv[1], sys.argv[2]
shutil.rmtree(work, ignore_errors=True)
run = os.path.join(work, "run")
os.makedirs(run)
units = "# units: length mm, force N, time s\n"


def write(name, header, rows):
    with open(os.path.join(run, name), "w") as handle:
        handle.write(units + header + "\n")
        for row in rows:
            handle.write(",".join(str(v) for v in row) + "\n")


# Two capsules over three phases; the peaks of 'fast' and 'slow' are known, 'rest' holds larger values that
# must not count.
write("capsules.csv", "step,time [s],phase,capsule,fibres,largest_strain [-],p95_strain [-],mean_strain [-],"
      "force [N],past_failure [0/1],largest_laxity [mm],mean_laxity [mm],ruptured_fibres",
      [(1, 0.1, "fast", "capsule_c1_c2_left", 2, 0.5, 0.40, 0.2, 10, 0, 0, 0, 0),
       (2, 0.2, "fast", "capsule_c1_c2_left", 2, 0.6, 0.30, 0.2, 12, 0, 0, 0, 0),
       (3, 1.0, "rest", "capsule_c1_c2_left", 2, 0.9, 0.90, 0.2, 99, 0, 0, 0, 0),
       (4, 2.0, "slow", "capsule_c1_c2_left", 2, 0.4, 0.20, 0.2, 8, 0, 0, 0, 0),
       (1, 0.1, "fast", "capsule_c2_c3_right", 2, 0.1, 0.05, 0.0, 1, 0, 0, 0, 0),
       (4, 2.0, "slow", "capsule_c2_c3_right", 2, 0.1, 0.10, 0.0, 2, 0, 0, 0, 0)])
write("capsule_fibres.csv", "step,time [s],phase,fibre,force [N],elongation [mm],strain [-],past_failure [0/1],"
      "laxity [mm],stiffness_loss [-],ruptured [0/1],strain_rate [1/s],rate_factor [-]",
      [(1, 0.1, "fast", "capsule_c1_c2_left/0", 5, 1, 0.4, 0, 0, 0, 0, 8.0, 1),
       (1, 0.1, "fast", "capsule_c1_c2_left/1", 5, 1, 0.4, 0, 0, 0, 0, -3.0, 1),
       (4, 2.0, "slow", "capsule_c1_c2_left/0", 4, 1, 0.2, 0, 0, 0, 0, 0.5, 1),
       (1, 0.1, "fast", "capsule_c2_c3_right/0", 1, 0, 0.05, 0, 0, 0, 0, 2.0, 1.1),
       (4, 2.0, "slow", "capsule_c2_c3_right/0", 2, 0, 0.1, 0, 0, 0, 0, 0.1, 1)])
# alar_left is a C1-C2 ligament; lf_c2_c3 is not and must be left out.
write("ligaments.csv", "step,time [s],phase,ligament,force [N],elongation [mm],strain [-],past_failure [0/1],"
      "laxity [mm],stiffness_loss [-],ruptured [0/1],strain_rate [1/s],rate_factor [-]",
      [(1, 0.1, "fast", "alar_left", 30, 1, 0.12, 0, 0, 0, 0, 4.0, 1),
       (4, 2.0, "slow", "alar_left", 40, 1, 0.15, 0, 0, 0, 0, 0.2, 1),
       (1, 0.1, "fast", "lf_c2_c3", 50, 1, 0.1, 0, 0, 0, 0, 1.0, 1)])
write("regions.csv", "step,time [s],phase,region,volume [mm^3],peak_strain [-],p95_strain [-]",
      [(1, 0.1, "fast", "ligament_transverse", 243, 0.02, 0.01),
       (4, 2.0, "slow", "ligament_transverse", 243, 0.03, 0.02)])

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)


result = subprocess.run(["/usr/bin/python3", script, run, "fast,slow"], capture_output=True, text=True)
expect(result.returncode == 0, f"the comparison failed: {result.stderr}")
with open(os.path.join(run, "phase_comparison.csv")) as handle:
    table = {(row["item"], row["measure"]): row
             for row in csv.DictReader(line for line in handle if not line.startswith("#"))}
expected = {
    ("capsule_c1_c2_left", "p95_strain [-]"): (0.40, 0.20),
    ("capsule_c1_c2_left", "force [N]"): (12, 8),
    ("capsule_c1_c2_left", "strain_rate [1/s]"): (8.0, 0.5),
    ("capsule_c2_c3_right", "p95_strain [-]"): (0.05, 0.10),
    ("alar_left", "force [N]"): (30, 40),
    ("alar_left", "strain_rate [1/s]"): (4.0, 0.2),
    ("ligament_transverse", "p95_strain [-]"): (0.01, 0.02),
}
for key, (fast, slow) in expected.items():
    row = table.get(key)
    expect(row is not None, f"{key} missing from the table")
    if row is None:
        continue
    expect(abs(float(row["fast"]) - fast) < 1e-9 and abs(float(row["slow"]) - slow) < 1e-9,
           f"{key}: {row['fast']}, {row['slow']} instead of {fast}, {slow}")
    expect(abs(float(row["difference"]) - (fast - slow)) < 1e-9, f"{key}: difference {row['difference']}")
    expect(abs(float(row["ratio"]) - fast / slow) < 1e-3, f"{key}: ratio {row['ratio']}")
expect(not any(item == "lf_c2_c3" for item, _ in table), "a subaxial ligament was taken for a C1-C2 one")
expect(os.path.getsize(os.path.join(run, "phase_comparison.png")) > 10000, "no picture")

again = subprocess.run(["/usr/bin/python3", script, run, "fast,slow"], capture_output=True, text=True)
expect(again.returncode != 0 and "--overwrite" in again.stderr, "an earlier comparison was replaced silently")
unknown = subprocess.run(["/usr/bin/python3", script, run, "fast,thrust", "--overwrite"], capture_output=True,
                         text=True)
expect(unknown.returncode != 0 and "'thrust'" in unknown.stderr and "fast, rest, slow" in unknown.stderr,
       f"an unknown phase was not refused with the phases named: {unknown.stderr}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("compare_phases: every figure as expected")
