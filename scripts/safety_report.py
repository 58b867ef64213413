#!/usr/bin/python3
"""Safety report of cspine load-case runs: for every capsule and C1-C2 ligament, the peak strain against the
afferent-onset, saturation and yield thresholds of the run (Load case/Report/Thresholds), the laxity it keeps
(permanent set from sub-failure damage), strain-time plots of the worst items, and the C0-C1 and C1-C2
range of motion before and after the protocol: under 1.5 N m (the last state of the phases named
probe_before and probe_after) and, where the run has them, at the edge of the neutral zone (probe_before_nz
and probe_after_nz).
With more than one run, also a comparison across them (comparison.html, comparison.csv, comparison.png):
one row per run (technique).

Usage: scripts/safety_report.py OUTPUT_FOLDER RUN_FOLDER [RUN_FOLDER ...]
Writes OUTPUT_FOLDER/<run>/report.html (+ .png) per run; refuses an OUTPUT_FOLDER that exists.
Needs python3-matplotlib (Debian; scripts/setup.sh installs it). Units: strain [-], laxity [mm], angles [deg]."""
import argparse
import csv
import html
import os
import re
import shutil
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# The C1-C2 ligaments the users ask about (1-D ligaments and solid regions of the bundled models).
C1_C2_LIGAMENTS = ("alar_left", "alar_right", "ligament_transverse", "transverse")
ROM_PAIRS = ("c0_c1", "c1_c2")
# (label, phase before, phase after): the probes a protocol may hold (configs/techniques/common/rom_probes.prm).
PROBES = (("1.5 N m", "probe_before", "probe_after"), ("0.05 N m (neutral zone)", "probe_before_nz", "probe_after_nz"))
PROBE_PHASES = {phase for _, before, after in PROBES for phase in (before, after)}


def fail(message):
    sys.exit(f"safety_report: {message}")


def rows(path):
    """The rows of a cspine .csv (comment lines start with '#') as dictionaries; [] if the file is absent."""
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def thresholds_of(run):
    """The strain thresholds of the run, from the fraction_above_<t> columns of capsules.csv or regions.csv."""
    for name in ("capsules.csv", "regions.csv"):
        table = rows(os.path.join(run, name))
        if table:
            found = [float(m.group(1)) for key in table[0] for m in [re.match(r"fraction_above_([0-9.eE+-]+) ", key)] if m]
            if found:
                return found
    return [0.10, 0.35, 0.80]


def is_reported(item):
    return item.startswith("capsule_") or item in C1_C2_LIGAMENTS


def phase_ends(run):
    """{(phase, pair): rotation [deg] about the head axis at the last step of the phase} for the probes."""
    ends = {}
    for row in rows(os.path.join(run, "kinematics.csv")):
        phase = row["phase"].split("#")[0]
        if row["pair"] in ROM_PAIRS and phase in PROBE_PHASES:
            ends[(phase, row["pair"])] = float(row["about_head_axis [deg]"])  # the last row of the phase wins
    return ends


def rom(run):
    """{probe label: {pair: (before, after)}} [deg]: the ends of each probe's phases in the run (probes the
    run lacks are left out)."""
    ends = phase_ends(run)
    motion = {}
    for label, before, after in PROBES:
        pairs = {pair: (ends[(before, pair)], ends[(after, pair)]) for pair in ROM_PAIRS
                 if (before, pair) in ends and (after, pair) in ends}
        if pairs:
            motion[label] = pairs
    return motion


def histories(run):
    """{item: ([time], [strain])}: capsules' p95 fibre strain, ligaments' strain, regions' p95 strain."""
    series = {}
    for name, key, value in (("capsules.csv", "capsule", "p95_strain [-]"), ("ligaments.csv", "ligament", "strain [-]"),
                             ("regions.csv", "region", "p95_strain [-]")):
        for row in rows(os.path.join(run, name)):
            time, strain = series.setdefault(row[key], ([], []))
            time.append(float(row["time [s]"]))
            strain.append(float(row[value]))
    return series


def run_summary(run):
    """The reported items of summary.csv: (item, p95, single point, laxity, crossed)."""
    summary = rows(os.path.join(run, "summary.csv"))
    if not summary:
        fail(f"{run}/summary.csv is missing or empty (did the run finish?)")
    if "laxity [mm]" not in summary[0]:
        fail(f"{run}/summary.csv has no laxity column: it was written by a cspine without sub-failure damage")
    items = []
    for row in summary:
        if is_reported(row["item"]):
            items.append((row["item"], float(row["p95_strain [-]"]), float(row["single_point_peak [-]"]),
                          float(row["laxity [mm]"]), row["thresholds_crossed"]))
    if not items:
        fail(f"{run}/summary.csv reports no capsule or C1-C2 ligament")
    return items


def table_html(header, body):
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    lines = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>\n" for row in body)
    return f"<table>\n<tr>{cells}</tr>\n{lines}</table>\n"


STYLE = ("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}"
         "td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eee}"
         "td:first-child{text-align:left}.warn{color:#a00}</style>")


def report_run(run, folder):
    """Writes folder/report.html and its plots; returns the run's row of the comparison."""
    os.makedirs(folder)
    name = os.path.basename(os.path.normpath(run))
    thresholds = thresholds_of(run)
    items = run_summary(run)
    motion = rom(run)

    body = []
    for item, p95, single, laxity, crossed in items:
        marks = ["yes" if p95 > t else "" for t in thresholds]
        body.append([item, f"{p95:.4f}", f"{single:.4f}"] + marks + [f"{laxity:.3f}", crossed or "-"])
    header = (["item", "peak strain (p95) [-]", "most strained fibre [-]"] +
              [f"> {t:g}" for t in thresholds] + ["laxity after [mm]", "crossed"])

    # Strain against time of the four worst items, with the thresholds.
    worst = [item for item, *_ in sorted(items, key=lambda entry: -entry[1])[:4]]
    series = histories(run)
    figure, axis = plt.subplots(figsize=(9, 4.5), constrained_layout=True)
    for item in worst:
        if item in series:
            axis.plot(*series[item], label=item)
    for k, threshold in enumerate(thresholds):
        axis.axhline(threshold, color="grey", linestyle=(0, (4, 2 + 2 * k)), linewidth=0.8)
        axis.annotate(f"{threshold:g}", (1.0, threshold), xycoords=("axes fraction", "data"), fontsize=8, color="grey")
    axis.set_xlabel("time [s]")
    axis.set_ylabel("strain [-] (capsules: p95 of the fibres)")
    axis.set_title(f"{name}: the most strained capsules and ligaments")
    axis.grid(alpha=0.3)
    axis.legend(fontsize=8)
    figure.savefig(os.path.join(folder, "worst_items.png"), dpi=100)
    plt.close(figure)

    rom_text = "<p>No range-of-motion probe (phases probe_before and probe_after) in this protocol.</p>"
    if motion:
        rom_rows = [[pair, label, f"{before:.2f}", f"{after:.2f}", f"{after - before:+.2f}"]
                    for label, pairs in motion.items() for pair, (before, after) in pairs.items()]
        rom_text = table_html(["level", "probe moment", "before [deg]", "after [deg]", "growth [deg]"], rom_rows)

    lax = max(items, key=lambda entry: entry[3])
    lax_name = lax[0] if lax[3] > 0 else "none"
    lax_text = (f"Most lax: {html.escape(lax[0])}, {lax[3]:.3f} mm." if lax[3] > 0 else
                "No capsule fibre or ligament passed its damage onset, so none keeps any laxity.")
    with open(os.path.join(folder, "report.html"), "w") as out:
        out.write(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>cspine safety report: {html.escape(name)}"
                  f"</title>{STYLE}</head><body>\n<h1>Safety report: {html.escape(name)}</h1>\n"
                  f"<p>Run folder: {html.escape(os.path.abspath(run))}. Strains are engineering strains of the capsule "
                  "fibres from their in-situ length (p95 over a capsule's fibres) and of the 1-D ligaments; solid "
                  "regions give the 95th percentile of the maximum principal Green-Lagrange strain. Thresholds: "
                  f"{', '.join(f'{t:g}' for t in thresholds)} (the run's Load case/Report/Thresholds; by default "
                  "afferent onset, saturation and capsule yield). Laxity: slack gained for good by sub-failure "
                  "damage, at the end of the run.</p>\n<h2>Peak strain and laxity</h2>\n"
                  + table_html(header, body) +
                  f"<p>{lax_text}</p>\n"
                  "<h2>Range of motion about the head axis (pure moment probes)</h2>\n" + rom_text +
                  "<h2>Strain against time</h2>\n<img src='worst_items.png' alt='strain against time'>\n"
                  "</body></html>\n")
    capsules = [entry for entry in items if entry[0].startswith("capsule_")]
    ligaments = [entry for entry in items if not entry[0].startswith("capsule_")]
    return {
        "run": name,
        "peak capsule strain [-]": max((e[1] for e in capsules), default=float("nan")),
        "worst capsule": max(capsules, key=lambda e: e[1])[0] if capsules else "",
        "peak C1-C2 ligament strain [-]": max((e[1] for e in ligaments), default=float("nan")),
        "largest laxity [mm]": lax[3],
        "most lax": lax_name,
        "C0-C1 ROM growth [deg]": growth(motion.get(PROBES[0][0], {}), "c0_c1", lax[3]),
        "C1-C2 ROM growth [deg]": growth(motion.get(PROBES[0][0], {}), "c1_c2", lax[3]),
        "C1-C2 neutral-zone growth [deg]": growth(motion.get(PROBES[1][0], {}), "c1_c2", lax[3]),
        "ROM growth from": ("the probes" if motion else "no damage (the state is the undamaged one)" if lax[3] == 0
                            else "not probed"),
    }


def growth(motion, pair, largest_laxity):
    """[deg] The probe's rotation after minus before; without probes 0 when nothing is lax (the elastic,
    frictionless model is then in its undamaged state again), else NaN (unknown)."""
    if pair in motion:
        return motion[pair][1] - motion[pair][0]
    return 0.0 if largest_laxity == 0 else float("nan")


def compare(rows_, output):
    columns = list(rows_[0].keys())
    with open(os.path.join(output, "comparison.csv"), "w", newline="") as handle:
        handle.write("# cspine technique comparison. Units: strain [-], laxity [mm], rotation [deg].\n")
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows_)
    figure, axes = plt.subplots(1, 3, figsize=(13, 4.5), constrained_layout=True)
    names = [row["run"] for row in rows_]
    for axis, key in zip(axes, ("peak capsule strain [-]", "peak C1-C2 ligament strain [-]", "largest laxity [mm]")):
        values = [row[key] for row in rows_]
        axis.barh(names, values, color="C0")
        axis.set_xlabel(key)
        axis.set_xlim(left=0)
        axis.grid(axis="x", alpha=0.3)
        if not any(value > 0 for value in values):
            axis.text(0.5, 0.5, "0 in every run", transform=axis.transAxes, ha="center", va="center")
    figure.savefig(os.path.join(output, "comparison.png"), dpi=100)
    plt.close(figure)
    body = [[row[c] if isinstance(row[c], str) else f"{row[c]:.4g}" for c in columns] for row in rows_]
    links = "".join(f"<li><a href='{html.escape(r)}/report.html'>{html.escape(r)}</a></li>" for r in names)
    with open(os.path.join(output, "comparison.html"), "w") as out:
        out.write(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>cspine technique comparison</title>{STYLE}"
                  "</head><body>\n<h1>Technique comparison</h1>\n" + table_html(columns, body) +
                  "<img src='comparison.png' alt='comparison'>\n<h2>Reports</h2><ul>" + links + "</ul></body></html>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("runs", nargs="+")
    options = parser.parse_args()
    if os.path.exists(options.output):
        fail(f"{options.output} exists; choose another folder or remove it first")
    names = [os.path.basename(os.path.normpath(run)) for run in options.runs]
    if len(set(names)) != len(names):
        fail("two runs share a folder name; each run's report is a folder named after its run")
    for run in options.runs:
        if not os.path.isdir(run):
            fail(f"{run} is not a run folder")
    # Written beside the output and renamed at the end, so that a failure leaves no half-written report.
    partial = options.output.rstrip("/") + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    try:
        comparison = [report_run(run, os.path.join(partial, name))
                      for run, name in zip(options.runs, names)]
        if len(comparison) > 1:
            compare(comparison, partial)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    os.rename(partial, options.output)
    for row in comparison:
        print(f"safety_report: {row['run']}: peak capsule strain {row['peak capsule strain [-]']:.4f} "
              f"({row['worst capsule']}), largest laxity {row['largest laxity [mm]']:.3f} mm ({row['most lax']})")
    print(f"safety_report: {options.output}/" + ("comparison.html" if len(comparison) > 1 else f"{names[0]}/report.html"))


if __name__ == "__main__":
    main()
