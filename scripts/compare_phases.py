#!/usr/bin/python3
"""Compares two phases of one cspine run: for every capsule and every C1-C2 ligament, the peak over each
phase of its strain, force and strain rate, their difference and ratio. Made for
configs/techniques/thrust_fast_vs_slow.prm (the same peak force as a 100 ms thrust and as a 2 s
mobilization), but works for any two phases of any run.

Usage: scripts/compare_phases.py RUN_FOLDER PHASE_A,PHASE_B [--overwrite]
Writes RUN_FOLDER/phase_comparison.csv and phase_comparison.png and prints the table (Markdown).
Units: strain [-] (capsules: 95th percentile over the fibres of their engineering strain from the in-situ
length; 1-D ligaments: engineering strain; solid ligament regions: 95th percentile of the maximum principal
Green-Lagrange strain), force [N], strain rate [1/s]. Needs python3-matplotlib (Debian)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from commented_csv import read_rows  # noqa: E402

# The 1-D ligaments of the C0-C2 complex (their names in ligaments.csv start with one of these).
C1_C2_LIGAMENTS = ("alar", "apical", "tectorial_membrane", "aaom", "paom", "aaam", "paam")


def fail(message):
    sys.exit(f"compare_phases: {message}")


def rows_of(run, name):
    path = os.path.join(run, name)
    if not os.path.exists(path):
        fail(f"{path} does not exist (is {run} a finished cspine run folder?)")
    return read_rows(path)


def peaks(rows, key, columns, phases, absolute=()):
    """{(item, column): {phase: largest value over the phase's rows}} for the given phases."""
    result = {}
    for row in rows:
        if row["phase"] not in phases:
            continue
        for column in columns:
            value = float(row[column])
            if column in absolute:
                value = abs(value)
            slot = result.setdefault((row[key], column), {})
            slot[row["phase"]] = max(slot.get(row["phase"], value), value)
    return result


def fibre_rate_peaks(run, phases):
    """{capsule: {phase: largest fibre strain rate}} from capsule_fibres.csv (fibre names <capsule>/<k>)."""
    result = {}
    for row in rows_of(run, "capsule_fibres.csv"):
        if row["phase"] not in phases:
            continue
        capsule = row["fibre"].rsplit("/", 1)[0]
        slot = result.setdefault((capsule, "strain_rate [1/s]"), {})
        value = float(row["strain_rate [1/s]"])
        slot[row["phase"]] = max(slot.get(row["phase"], value), value)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run")
    parser.add_argument("phases", help="two phase names, comma-separated (e.g. fast,slow)")
    parser.add_argument("--overwrite", action="store_true", help="replace an earlier comparison in the folder")
    options = parser.parse_args()
    phases = [p.strip() for p in options.phases.split(",") if p.strip()]
    if len(phases) != 2:
        fail(f"give two phases, comma-separated (got '{options.phases}')")
    table_path = os.path.join(options.run, "phase_comparison.csv")
    picture_path = os.path.join(options.run, "phase_comparison.png")
    for path in (table_path, picture_path):
        if os.path.exists(path) and not options.overwrite:
            fail(f"{path} exists; pass --overwrite to replace it")

    capsules = rows_of(options.run, "capsules.csv")
    ligaments = [row for row in rows_of(options.run, "ligaments.csv") if row["ligament"].startswith(C1_C2_LIGAMENTS)]
    regions = [row for row in rows_of(options.run, "regions.csv") if row["region"].startswith("ligament_")]
    present = {row["phase"] for row in capsules}
    for phase in phases:
        if phase not in present:
            fail(f"phase '{phase}' is not in {options.run}/capsules.csv (its phases: {', '.join(sorted(present))})")

    measures = {}
    measures.update(peaks(capsules, "capsule", ["p95_strain [-]", "force [N]", "largest_laxity [mm]"], phases))
    measures.update(fibre_rate_peaks(options.run, phases))
    measures.update(peaks(ligaments, "ligament", ["strain [-]", "force [N]", "strain_rate [1/s]"], phases))
    measures.update(peaks(regions, "region", ["p95_strain [-]"], phases))

    a, b = phases
    lines = []
    with open(table_path + ".part", "w") as table:
        table.write(f"# Peaks over phase '{a}' and phase '{b}' of {os.path.abspath(options.run)}; difference = "
                    f"{a} - {b}, ratio = {a} / {b}. Units in the measure's name: strain [-], force [N], "
                    "laxity [mm], strain rate [1/s].\n")
        table.write(f"item,measure,{a},{b},difference,ratio\n")
        for (item, measure), values in sorted(measures.items()):
            va, vb = values.get(a, 0.0), values.get(b, 0.0)
            ratio = f"{va / vb:.4g}" if vb != 0 else ""
            table.write(f"{item},{measure},{va:.6g},{vb:.6g},{va - vb:.6g},{ratio}\n")
            lines.append(f"| {item} | {measure} | {va:.4g} | {vb:.4g} | {va - vb:+.4g} | {ratio} |")
    print(f"| item | measure | {a} | {b} | {a} - {b} | {a} / {b} |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(lines))

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("capsule p95 strain [-]", [(k[0], v) for k, v in sorted(measures.items())
                                          if k[1] == "p95_strain [-]" and k[0].startswith("capsule_")]),
              ("C1-C2 ligament peak force [N]", [(k[0], v) for k, v in sorted(measures.items())
                                                 if k[1] == "force [N]" and k[0].startswith(C1_C2_LIGAMENTS)])]
    figure, axes = plt.subplots(1, 2, figsize=(13, 4.8))
    for axis, (title, items) in zip(axes, panels):
        positions = range(len(items))
        for offset, phase in ((-0.2, a), (0.2, b)):
            axis.bar([p + offset for p in positions], [v.get(phase, 0.0) for _, v in items], width=0.4, label=phase)
        axis.set_xticks(list(positions))
        axis.set_xticklabels([name.replace("capsule_", "") for name, _ in items], rotation=45, ha="right")
        axis.set_title(title)
        axis.legend()
    figure.suptitle(f"Peaks per phase: {a} against {b} ({os.path.basename(os.path.abspath(options.run))})")
    figure.tight_layout()
    figure.savefig(picture_path + ".part.png", dpi=110)
    os.replace(table_path + ".part", table_path)
    os.replace(picture_path + ".part.png", picture_path)
    print(f"\nwritten: {table_path}, {picture_path}")


if __name__ == "__main__":
    main()
