#!/usr/bin/python3
"""Compares load-case runs in one picture: each capsule's and C1-C2 ligament's largest strain (summary.csv,
95th percentile) side by side, and each level's rotation about the three axes over time (kinematics.csv),
one line per run. For a quasi-static against a dynamic thrust, a thrust against a mobilization, ...

Usage: scripts/compare_runs.py PICTURE.png RUN_FOLDER [RUN_FOLDER ...] [--levels c0_c1,c1_c2,c2_c3]
Needs python3-matplotlib (Debian)."""
import argparse
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    """The rows of a cspine .csv (comment lines start with '#') as dictionaries."""
    if not os.path.exists(path):
        sys.exit(f"compare_runs: {path} does not exist (is the run folder complete?)")
    with open(path) as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("picture")
    parser.add_argument("runs", nargs="+")
    parser.add_argument("--levels", default="c0_c1,c1_c2,c2_c3", help="level pairs whose rotation is plotted")
    options = parser.parse_args()
    if os.path.exists(options.picture):
        sys.exit(f"compare_runs: {options.picture} exists; remove it first")
    levels = options.levels.split(",")

    summaries = {run: rows(os.path.join(run, "summary.csv")) for run in options.runs}
    kinematics = {run: rows(os.path.join(run, "kinematics.csv")) for run in options.runs}
    items = [row["item"] for row in summaries[options.runs[0]]
             if row["item"].startswith("capsule_") or row["item"] in ("alar_left", "alar_right", "ligament_transverse")]

    figure, axes = plt.subplots(1 + len(levels), 1, figsize=(11, 4 + 2.6 * len(levels)), constrained_layout=True,
                                gridspec_kw={"height_ratios": [1.6] + [1] * len(levels)})
    width = 0.8 / len(options.runs)
    for k, run in enumerate(options.runs):
        by_item = {row["item"]: float(row["p95_strain [-]"]) for row in summaries[run]}
        axes[0].bar([i + k * width for i in range(len(items))], [by_item.get(item, float("nan")) for item in items],
                    width, label=os.path.basename(os.path.normpath(run)))
    axes[0].set_xticks([i + 0.4 - width / 2 for i in range(len(items))])
    axes[0].set_xticklabels([item.replace("capsule_", "") for item in items], rotation=60, ha="right", fontsize=8)
    axes[0].set_ylabel("largest strain, p95 [-]")
    axes[0].set_title("Capsules (fibre engineering strain) and C1-C2 ligaments")
    axes[0].legend()
    axes[0].grid(axis="y", alpha=0.3)

    for axis, level in zip(axes[1:], levels):
        for k, run in enumerate(options.runs):
            series = [row for row in kinematics[run] if row["pair"] == level]
            if not series:
                sys.exit(f"compare_runs: {run}/kinematics.csv has no level pair '{level}'")
            time = [float(row["time [s]"]) for row in series]
            for component, style in (("about_x", "-"), ("about_y", "--"), ("about_z", ":")):
                axis.plot(time, [float(row[component + " [deg]"]) for row in series], style, color=f"C{k}",
                          label=f"{os.path.basename(os.path.normpath(run))} {component}")
        axis.set_ylabel(f"{level} [deg]")
        axis.grid(alpha=0.3)
    axes[-1].set_xlabel("time [s]")
    axes[1].legend(fontsize=7, ncol=2)
    axes[1].set_title("Rotation of the upper body of each level on the lower: about x (extension +), y (left bending +), "
                      "z (right axial +)", fontsize=9)
    figure.savefig(options.picture, dpi=110)
    print(f"compare_runs: {options.picture}")


if __name__ == "__main__":
    main()
