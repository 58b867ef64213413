#!/usr/bin/python3
"""Writes validation/report.md and moment-rotation plots from the runs of scripts/validate.sh.

Range of motion (ROM): the rotation of a level pair at the end of the 1.5 N m loading step.
Neutral zone (NZ): a model without friction or preconditioning returns to zero when unloaded, so
Panjabi's NZ (the laxity measured at zero load) is read as the rotation at 0.05 N m on the loading
branch, where the lax zone ends (stated in the report).
Units: moment N m (the solver's files: N mm), angle deg.
"""
import argparse
import csv
import math
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read_rows(path):
    with open(path) as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def column_named(row, prefix):
    return next(key for key in row if key.split(" [")[0] == prefix)


def read_run(folder):
    """Per step: time, phase, head moment [N m], the stabilization's moment on the spine and on the head
    [N m], and rotations per pair."""
    history = read_rows(os.path.join(folder, "history.csv"))
    kinematics = read_rows(os.path.join(folder, "kinematics.csv"))
    steps = []
    moment_key = column_named(history[0], "head_moment")
    stabilization_key = column_named(history[0], "stabilization_moment_spine")
    head_damping_key = column_named(history[0], "stabilization_moment_head")
    # Runs from before the column was written have no head force: None.
    head_force_key = next((key for key in history[0] if key.split(" [")[0] == "stabilization_force_head"), None)
    for step, row in enumerate(history):
        steps.append({"time": float(row["time [s]"]), "moment": float(row[moment_key]) / 1000,
                      "stabilization": float(row[stabilization_key]) / 1000,
                      "head_damping": float(row[head_damping_key]) / 1000,
                      "head_force": float(row[head_force_key]) if head_force_key else None, "pairs": {}, "phase": ""})
    for row in kinematics:
        step = int(row["step"])
        steps[step]["phase"] = row["phase"]
        steps[step]["pairs"][row["pair"]] = {key.split(" [")[0]: float(value) for key, value in row.items()
                                             if key.startswith("about_")}
    return steps


def state_of(step):
    """'undamped', or the stabilisation's moments about the head axis on the head and on the spine [N mm]
    and the size of its net force on the head [N] (where recorded). Undamped: both moments below 0.1 N mm,
    a tenth of the moment search's tolerance (1 N mm); a relaxed state leaves about 1e-6 N mm."""
    if abs(step["head_damping"]) * 1000 < 0.1 and abs(step["stabilization"]) * 1000 < 0.1:
        return "undamped"
    force = "" if step["head_force"] is None else f"; {step['head_force']:.2g} N"
    return f"damped: {step['head_damping'] * 1000:.0f} / {step['stabilization'] * 1000:.1f}{force}"


def last_of_phase(steps, phase, moment):
    """The phase's last step, if it reached the phase's `moment` [N m] (to the moment search's 1 N mm
    tolerance, with margin): a run that stopped inside the phase, after a step cut, did not."""
    found = [s for s in steps[1:] if s["phase"] == phase]  # step 0 is the unloaded start
    return found[-1] if found and abs(found[-1]["moment"] - moment) <= 0.002 else None


def main():
    parser = argparse.ArgumentParser()
    for option in ("data", "runs", "cases", "mesh", "report"):
        parser.add_argument("--" + option, required=True)
    args = parser.parse_args()
    cases = args.cases.split(",")
    published = [row for row in read_rows(args.data) if row["case"] in cases]
    report_folder = os.path.dirname(os.path.abspath(args.report))

    runs, notes = {}, []
    for case in cases:
        folder = os.path.join(args.runs, case)
        if not os.path.exists(os.path.join(folder, "history.csv")):
            notes.append(f"- `{case}`: no results in `{folder}`.")
            continue
        runs[case] = read_run(folder)
        if not os.path.exists(os.path.join(folder, "finished")):
            reached = max(abs(s["moment"]) for s in runs[case])
            notes.append(f"- `{case}`: did not finish (the solver stopped, or the run was stopped); it reached "
                         f"{reached:.2f} N m (see `{args.runs}/{case}.log`).")

    lines = [
        "# Validation against Panjabi et al. 1988",
        "",
        "Written by `scripts/validate.sh`; do not edit. Published values: `validation/data/panjabi1988.csv`",
        "(Panjabi et al. 1988, Spine 13(7):726-730; 10 occiput-C7 specimens, pure moments to 1.5 N m, 3rd",
        f"load cycle). Model: `meshes/generated/{args.mesh}.msh`, C3's inferior endplate fixed, pure moment on",
        "the head (rigid with C0). Units: angle deg, moment N m.",
        "",
        "- ROM: rotation of the pair at 1.5 N m on the loading branch.",
        "- NZ: the model is elastic and returns to zero when unloaded, so Panjabi's neutral zone (laxity at",
        "  zero load after preconditioning) is read as the rotation at 0.05 N m on the loading branch, where",
        "  the lax zone ends. This is a definition, not a measurement of the same thing.",
        "- Calibrated: the value was one of the three fitting targets (axial rotation to the right:",
        "  C0-C1 and C1-C2 ROM, C1-C2 NZ; `validation/calibration.md`); every other value was not tuned.",
        "- State: `undamped` where the solver's viscous stabilisation, after carrying Newton to the state,",
        "  was relaxed away (`Newton/Undamped solve`: its reference moved to the state, its strength cut",
        "  tenfold, solved again, until its forces are within the residual tolerance; its moments about the",
        "  head axis below 0.1 N mm): an equilibrium it has no part in. `damped` where a relaxation solve",
        "  failed and the partly relaxed state stands, with the damping's moment about the head axis on the",
        "  head and on the spine at that state [N mm] and the size of its net force on the head [N] (runs",
        "  made before that was recorded show none). The head's share of the moment is subtracted from the",
        "  applied moment; the force is not: the spine carries it beside the moment (README, Known gaps).",
        "",
        "| case | pair | measure | published [deg] | model [deg] | error [%] | calibrated | state |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in published:
        steps = runs.get(row["case"])
        for measure, phase, moment, key, flag in (("ROM", "load_1.5", 1.5, "rom_deg", "calibrated_rom"),
                                                  ("NZ", "nz", 0.05, "nz_deg", "calibrated_nz")):
            target = float(row[key])
            step = last_of_phase(steps, phase, moment) if steps else None
            if step is None or row["pair"] not in step["pairs"]:
                model, error, state = "not reached", "", ""
            else:
                value = int(row["sign"]) * step["pairs"][row["pair"]][row["column"]]
                model, error = f"{value:.1f}", f"{100 * (value - target) / target:+.0f}"
                state = state_of(step)
            calibrated = "yes" if row[flag] == "1" else "no"
            lines.append(f"| {row['case']} | {row['pair']} | {measure} | {target:g} | {model} | {error} | {calibrated} "
                         f"| {state} |")

    protocols = []
    for case in runs:
        marker = os.path.join(args.runs, case, "finished")
        protocol = open(marker).read().strip() if os.path.exists(marker) else "incomplete"
        protocols.append(f"{case} {protocol.replace('protocol_load_unload', 'loading and unloading').replace('protocol_loading', 'loading only')}")
    lines += ["", "Protocol of each run: " + ", ".join(protocols) + "."]
    damped = [f"{case} ({', '.join(s['phase'] for s in steps[1:] if state_of(s) != 'undamped')})"
              for case, steps in runs.items() if any(state_of(s) != "undamped" for s in steps[1:])]
    lines += ["", "Steps whose damped state stands, per case: " + ("; ".join(damped) if damped else "none") + "."]
    if damped:
        lines += ["In those states the damping is left partly relaxed. It is proportional to each node's volume and",
                  "the head is large; with `Newton/Damping follows the head drive` (on in the validation model) it",
                  "resists only the head's deviation from the drive's turn, not the turn. What it still holds is",
                  "in the column 'state': its moments and its net force on the head, which the spine carries",
                  "beside the moment, so the state is not exactly a pure moment; see the README's Known gaps."]
    if notes:
        lines += ["", "Incomplete runs:", ""] + notes

    figure, axes = plt.subplots(2, 3, figsize=(13, 8), squeeze=False)
    for axis, case in zip(axes.flat, cases):
        axis.set_title(case.replace("_", " "))
        axis.set_xlabel("rotation [deg]")
        axis.set_ylabel("moment [N m]")
        axis.grid(alpha=0.3)
        for row, colour in zip([r for r in published if r["case"] == case], ("tab:blue", "tab:red")):
            label = row["pair"].replace("_", "-").upper()
            if case in runs:
                steps = runs[case]
                angles = [0] + [int(row["sign"]) * s["pairs"][row["pair"]][row["column"]] for s in steps[1:]]
                moments = [0] + [abs(s["moment"]) for s in steps[1:]]
                axis.plot(angles, moments, "o-", color=colour, label=f"{label} model")
            axis.plot([float(row["rom_deg"])], [1.5], "*", markersize=14, color=colour,
                      label=f"{label} Panjabi 1988 ROM")
            axis.plot([float(row["nz_deg"])], [0.05], "s", markerfacecolor="none", markersize=9, color=colour,
                      label=f"{label} Panjabi 1988 NZ (at 0.05 N m)")
        axis.legend(fontsize=7, loc="best")
    for axis in list(axes.flat)[len(cases):]:
        axis.set_visible(False)
    figure.suptitle(f"Pure moments on the head, C3 fixed ({args.mesh}); model against Panjabi et al. 1988")
    figure.tight_layout()
    plot = os.path.join(report_folder, "moment_rotation.png")
    figure.savefig(plot, dpi=110)
    lines += ["", "![Moment against rotation per case; stars: published ROM, squares: published NZ]"
              "(moment_rotation.png)", ""]
    if not all(math.isfinite(s[key]) for steps in runs.values() for s in steps for key in ("stabilization",
                                                                                           "head_damping")):
        raise SystemExit("validation_report: a stabilization moment is not finite")
    with open(args.report, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
