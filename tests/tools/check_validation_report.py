#!/usr/bin/python3
"""Checks scripts/validation_report.py on two hand-made runs with known rotations: the model values and
errors of the table, the state column (undamped; damped with the damping's moments and its net force on
the head), and that a run which stopped inside a phase (after a step cut) reports that phase as not
reached instead of the rotation at its smaller moment.

Usage: check_validation_report.py SCRIPT WORK_DIR"""
import os
import shutil
import subprocess
import sys

script, work = sys.argv[1], sys.argv[2]
shutil.rmtree(work, ignore_errors=True)
units = "# Units: length mm, force N, time s, angle deg.\n"


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(units + header + "\n")
        for row in rows:
            handle.write(",".join(str(v) for v in row) + "\n")


history_header = ("time [s],head_rotation [deg],head_moment [N mm],stabilization_moment_head [N mm],"
                  "stabilization_moment_spine [N mm],stabilization_force_head [N]")
kinematics_header = "step,time [s],phase,pair,about_x [deg],about_y [deg],about_z [deg],about_head_axis [deg]"
phases = ["nz", "load_0.5", "load_1.0", "load_1.5"]

# flexion: every phase reached; C0-C1 turns -2 deg per step, C1-C2 -3 (flexion is -x); the NZ state is
# damped (37 N mm on the head, 0.5 on the spine, 0.25 N), the others undamped.
flexion = os.path.join(work, "runs", "flexion")
write(os.path.join(flexion, "history.csv"), history_header,
      [(0, 0, 0, 0, 0, 0), (1, 5, 50, 37, 0.5, 0.25), (2, 8, 500, 0, 0, 0), (3, 9, 1000, 0, 0, 0),
       (4, 10, 1500.4, 0, 0, 0)])
write(os.path.join(flexion, "kinematics.csv"), kinematics_header,
      [(step, step, phases[max(step - 1, 0)], pair, -rate * step, 0, 0, rate * step)
       for step in range(5) for pair, rate in (("c0_c1", 2), ("c1_c2", 3))])
# extension: cut in its first phase, stopped at 25 N mm: nothing is reached.
extension = os.path.join(work, "runs", "extension")
write(os.path.join(extension, "history.csv"), history_header, [(0, 0, 0, 0, 0, 0), (0.5, 4, 25, 0, 0, 0)])
write(os.path.join(extension, "kinematics.csv"), kinematics_header,
      [(0, 0, "nz", "c0_c1", 0, 0, 0, 0), (0, 0, "nz", "c1_c2", 0, 0, 0, 0),
       (1, 0.5, "nz", "c0_c1", 2.5, 0, 0, 2.5), (1, 0.5, "nz", "c1_c2", 1.5, 0, 0, 1.5)])
open(os.path.join(flexion, "finished"), "w").write("protocol_loading\n")

data = os.path.join(work, "data.csv")
with open(data, "w") as handle:
    handle.write("case,pair,column,sign,rom_deg,nz_deg,calibrated_rom,calibrated_nz\n"
                 "flexion,c0_c1,about_x,-1,4,1,0,0\nflexion,c1_c2,about_x,-1,10,4,0,0\n"
                 "extension,c0_c1,about_x,1,21.0,1.1,0,0\n")
report = os.path.join(work, "report.md")
subprocess.run([sys.executable, script, "--data", data, "--runs", os.path.join(work, "runs"),
                "--cases", "flexion,extension", "--mesh", "hand_made", "--report", report], check=True)
text = open(report).read()
expected = [
    "| flexion | c0_c1 | ROM | 4 | 8.0 | +100 | no | undamped |",  # 4 steps x 2 deg
    "| flexion | c0_c1 | NZ | 1 | 2.0 | +100 | no | damped: 37 / 0.5; 0.25 N |",
    "| flexion | c1_c2 | ROM | 10 | 12.0 | +20 | no | undamped |",
    "| flexion | c1_c2 | NZ | 4 | 3.0 | -25 | no | damped: 37 / 0.5; 0.25 N |",
    "| extension | c0_c1 | ROM | 21 | not reached |  | no |  |",
    "| extension | c0_c1 | NZ | 1.1 | not reached |  | no |  |",  # 2.5 deg at 25 N mm is no NZ
]
missing = [line for line in expected if line not in text]
if missing:
    sys.exit("validation_report: expected rows missing:\n" + "\n".join(missing) + "\n--- report:\n" + text)
if not os.path.getsize(os.path.join(work, "moment_rotation.png")) > 10000:
    sys.exit("validation_report: the plot is missing or empty")
print("validation_report: passed")
