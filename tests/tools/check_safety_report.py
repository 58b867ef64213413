#!/usr/bin/python3
"""CTest of scripts/safety_report.py on two hand-made run folders whose figures are known: the comparison
must give each run's peak capsule strain, peak C1-C2 ligament strain, largest laxity and ROM growth (the
rotation at the end of probe_after minus that at the end of probe_before, and the same for the neutral-zone
probes); an existing output folder is refused, and a run without summary.csv fails without leaving a
report behind.
Usage: check_safety_report.py SCRIPT SCRATCH_FOLDER"""
import csv
import os
import shutil
import subprocess
import sys

script, scratch = sys.argv[1], sys.argv[2]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
UNITS = "# Units: length mm, force N, stress MPa, time s, angles deg; strains and stretches dimensionless.\n"


def write(path, header, rows):
    with open(path, "w") as handle:
        handle.write(UNITS + header + "\n" + "".join(",".join(map(str, row)) + "\n" for row in rows))


def make_run(name, capsule_strain, alar_strain, laxity, rom_before, rom_after, probes=True, nz=None):
    folder = os.path.join(scratch, name)
    os.makedirs(folder)
    write(os.path.join(folder, "summary.csv"),
          "item,p95_strain [-],time_of_p95 [s],single_point_peak [-],thresholds_crossed,laxity [mm]",
          [["capsule_c1_c2_left", capsule_strain, 1.0, capsule_strain + 0.05, "10%", laxity],
           ["capsule_c1_c2_right", capsule_strain / 2, 1.0, capsule_strain / 2, "", 0],
           ["vertebra_c2", 0.5, 1.0, 0.6, "", 0],  # not a capsule or C1-C2 ligament: left out
           ["alar_left", alar_strain, 1.0, alar_strain, "", laxity / 4]])
    write(os.path.join(folder, "capsules.csv"),
          "step,time [s],phase,capsule,fibres,largest_strain [-],p95_strain [-],mean_strain [-],"
          "fraction_above_0.1 [-],fraction_above_0.35 [-],fraction_above_0.8 [-],force [N],past_failure [0/1],"
          "largest_laxity [mm],mean_laxity [mm],ruptured_fibres",
          [[0, 0, "a", "capsule_c1_c2_left", 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
           [1, 1, "a", "capsule_c1_c2_left", 16, capsule_strain, capsule_strain, 0, 1, 0, 0, 5, 0, laxity, 0, 0]])
    write(os.path.join(folder, "ligaments.csv"),
          "step,time [s],phase,ligament,force [N],elongation [mm],strain [-],past_failure [0/1],laxity [mm],"
          "stiffness_loss [-],ruptured [0/1]",
          [[0, 0, "a", "alar_left", 0, 0, 0, 0, 0, 0, 0], [1, 1, "a", "alar_left", 9, 1, alar_strain, 0, 0, 0, 0]])
    kinematics = []
    phases = [("probe_before", rom_before), ("thrust#2", (30, 3)), ("probe_after", rom_after)]
    if nz:  # the neutral-zone probes: (C1-C2, C0-C1) before and after
        phases += [("probe_before_nz", nz[0]), ("probe_after_nz", nz[1])]
    for phase, values in phases if probes else phases[1:2]:
        for pair, value in zip(("c1_c2", "c0_c1"), values):
            kinematics.append([0, 0, phase, pair, 0, 0, 0, value - 1])  # an earlier step of the phase
            kinematics.append([1, 1, phase, pair, 0, 0, 0, value])
    write(os.path.join(folder, "kinematics.csv"),
          "step,time [s],phase,pair,about_x [deg],about_y [deg],about_z [deg],about_head_axis [deg]", kinematics)
    return folder


# Without probes ROM growth is 0 where nothing is lax (the model is then in its undamaged state), unknown
# (NaN) where something is.
runs = [make_run("thrust", 0.62, 0.12, 0.8, (38.0, 7.0), (41.5, 7.25), nz=((29.5, 6.0), (31.25, 6.5))),
        make_run("gentle", 0.21, 0.03, 0.0, (38.0, 7.0), (38.0, 7.0)),
        make_run("unprobed_gentle", 0.1, 0.01, 0.0, None, None, probes=False),
        make_run("unprobed_thrust", 0.7, 0.1, 0.3, None, None, probes=False)]
output = os.path.join(scratch, "report")
subprocess.run([script, output] + runs, check=True)

nan = float("nan")
# (capsule, ligament, laxity, C0-C1 growth, C1-C2 growth, C1-C2 neutral-zone growth); a run probed at 1.5 N m
# but not in the neutral zone has an unknown (NaN) neutral-zone growth where it is lax, 0 where it is not.
expected = {"thrust": (0.62, 0.12, 0.8, 0.25, 3.5, 1.75), "gentle": (0.21, 0.03, 0.0, 0.0, 0.0, 0.0),
            "unprobed_gentle": (0.1, 0.01, 0.0, 0.0, 0.0, 0.0), "unprobed_thrust": (0.7, 0.1, 0.3, nan, nan, nan)}
with open(os.path.join(output, "comparison.csv")) as handle:
    rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
failures = []
for row in rows:
    capsule, ligament, laxity, c0_c1, c1_c2, c1_c2_nz = expected.pop(row["run"])
    for key, value in (("peak capsule strain [-]", capsule), ("peak C1-C2 ligament strain [-]", ligament),
                       ("largest laxity [mm]", laxity), ("C0-C1 ROM growth [deg]", c0_c1),
                       ("C1-C2 ROM growth [deg]", c1_c2), ("C1-C2 neutral-zone growth [deg]", c1_c2_nz)):
        if not (abs(float(row[key]) - value) <= 1e-12 or (value != value and float(row[key]) != float(row[key]))):
            failures.append(f"{row['run']}: {key} = {row[key]}, expected {value}")
    source = {"thrust": "the probes", "gentle": "the probes", "unprobed_gentle": "no damage",
              "unprobed_thrust": "not probed"}[row["run"]]
    if not row["ROM growth from"].startswith(source):
        failures.append(f"{row['run']}: ROM growth from '{row['ROM growth from']}', expected '{source}'")
    if row["run"] == "thrust" and row["most lax"] != "capsule_c1_c2_left":
        failures.append(f"thrust: most lax item {row['most lax']}, expected capsule_c1_c2_left")
if expected:
    failures.append(f"comparison.csv lacks the runs {sorted(expected)}")
for name in ("comparison.html", "comparison.png", "thrust/report.html", "thrust/worst_items.png", "gentle/report.html"):
    if not os.path.getsize(os.path.join(output, name)):
        failures.append(f"{name} is empty")
with open(os.path.join(output, "thrust", "report.html")) as handle:
    page = handle.read()
for text in ("capsule_c1_c2_left", "alar_left", "+3.50", "0.800", "neutral zone", "+1.75"):
    if text not in page:
        failures.append(f"thrust/report.html does not show '{text}'")
if "vertebra_c2" in page:
    failures.append("thrust/report.html lists a bone as a tissue")

# An existing output folder is refused; a run without summary.csv leaves nothing behind.
if subprocess.run([script, output] + runs, capture_output=True).returncode == 0:
    failures.append("an existing output folder was not refused")
os.remove(os.path.join(runs[1], "summary.csv"))
broken = os.path.join(scratch, "broken")
result = subprocess.run([script, broken] + runs, capture_output=True, text=True)
if result.returncode == 0 or "summary.csv" not in result.stderr:
    failures.append(f"a run without summary.csv was not refused clearly: {result.stderr!r}")
if os.path.exists(broken) or os.path.exists(broken + ".partial"):
    failures.append("a failed report left a folder behind")

if failures:
    sys.exit("check_safety_report: " + "; ".join(failures))
print("check_safety_report: comparison figures, pages and refusals as expected")
