"""Gathers a study into one table and two plots:
- study.csv: per case its status, its parameters and every quantity of its summary.csv (column
  "<item> <quantity>"), plus the largest capsule strain over all capsules;
- strain_vs_parameters.png: that largest capsule strain (95th percentile of fibre strain) against each
  parameter;
- tornado.png: per parameter, the mean of that strain over the cases in the upper half of its values
  less the mean over the lower half (a one-at-a-time effect for a grid, a crude main effect for samples).
"""
import csv
import os

from commented_csv import read_rows
from study.cases import read_plan
from study.runner import status_of

KEY = "largest_capsule_p95_strain [-]"


def gather(folder):
    plan = read_plan(folder)
    header, cases = plan[0], plan[1:]
    columns, rows = [], []
    for case in cases:
        row = dict(zip(header, case))
        row["status"] = status_of(os.path.join(folder, case[0])) or "not run"
        summary = os.path.join(folder, case[0], "output", "summary.csv")
        largest = None
        if row["status"] in ("finished", "stopped") and os.path.exists(summary):
            for item in read_rows(summary):
                name = item.pop("item")
                for quantity, value in item.items():
                    column = f"{name} {quantity}"
                    if column not in columns:
                        columns.append(column)
                    row[column] = value
                if name.startswith("capsule_") and item.get("p95_strain [-]"):
                    value = float(item["p95_strain [-]"])
                    largest = value if largest is None else max(largest, value)
        row[KEY] = "" if largest is None else f"{largest:g}"
        rows.append(row)
    return header, ["status", KEY] + columns, rows


def write_table(folder, study_file):
    header, columns, rows = gather(folder)
    path = os.path.join(folder, "study.csv")
    with open(path + ".partial", "w", newline="") as handle:
        handle.write(f"# cspine-study {os.path.abspath(study_file)}: one row per case. Units as in each case's "
                     "summary.csv: strains dimensionless, time s, laxity mm; parameters in the base config's units.\n")
        handle.write(f"# {KEY}: the largest 95th-percentile fibre strain over every capsule of the case.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header + columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header + columns])
    os.replace(path + ".partial", path)
    return path, header[1:], rows


def plot(folder, parameters, rows):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    done = [r for r in rows if r.get(KEY)]
    if not done:
        return []
    strain = [float(r[KEY]) for r in done]
    figure, axes = plt.subplots(1, len(parameters), figsize=(4.2 * len(parameters), 3.6), squeeze=False)
    for axis, name in zip(axes[0], parameters):
        axis.plot([float(r[name]) for r in done], strain, "o", color="tab:blue")
        axis.set_xlabel(name)
        axis.set_ylabel("largest capsule strain (p95 of fibres) [-]")
        axis.grid(alpha=0.3)
    figure.suptitle(f"{os.path.basename(os.path.abspath(folder))}: capsule strain against each parameter "
                    f"({len(done)} cases)")
    figure.tight_layout()
    scatter = os.path.join(folder, "strain_vs_parameters.png")
    figure.savefig(scatter, dpi=110)
    plt.close(figure)

    effects = []
    for name in parameters:
        values = sorted({float(r[name]) for r in done})
        if len(values) < 2:
            effects.append((name, 0.0))
            continue
        middle = (values[0] + values[-1]) / 2
        low = [float(r[KEY]) for r in done if float(r[name]) <= middle]
        high = [float(r[KEY]) for r in done if float(r[name]) > middle]
        effects.append((name, sum(high) / len(high) - sum(low) / len(low) if low and high else 0.0))
    effects.sort(key=lambda e: abs(e[1]))
    figure, axis = plt.subplots(figsize=(7.5, 0.6 * len(effects) + 1.9))
    axis.barh([e[0] for e in effects], [e[1] for e in effects],
              color=["tab:red" if e[1] > 0 else "tab:blue" for e in effects])
    axis.axvline(0, color="black", linewidth=0.8)
    axis.set_xlabel("change of the largest capsule strain [-]\n(mean over the upper half of the parameter's range "
                    "less the lower half)")
    axis.set_title("Sensitivity of capsule strain (tornado)")
    axis.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    tornado = os.path.join(folder, "tornado.png")
    figure.savefig(tornado, dpi=110)
    plt.close(figure)
    return [scatter, tornado]
