"""Lays out a study's folder: one folder per case with the config that makes it (the base config, then
the case's entries), and the models an anatomy parameter asks for, generated once per distinct anatomy.

    STUDY_OUT/study.prm     the study file as run
    STUDY_OUT/plan.csv      case, then each parameter's value (what a resume must find unchanged)
    STUDY_OUT/meshes/<id>/  generated models (anatomy parameters only)
    STUDY_OUT/case_NNN/config.prm, output/ (cspine's run folder), log.txt, status
"""
import csv
import hashlib
import os
import subprocess

from study import prm


def case_name(index):
    return f"case_{index:03d}"


def number(value):
    return f"{value:.10g}"


def plan_rows(study, values):
    header = ["case"] + [p["name"] for p in study["parameters"]]
    return [header] + [[case_name(i + 1)] + [number(v) for v in case] for i, case in enumerate(values)]


def read_plan(folder):
    with open(os.path.join(folder, "plan.csv"), newline="") as handle:
        return [row for row in csv.reader(handle)]


def write_plan(folder, rows):
    with open(os.path.join(folder, "plan.csv"), "w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def base_mesh_file(base):
    """The base config's Mesh/File as an absolute path (cspine takes a relative one from the config's
    folder), or None."""
    value, _ = prm.last_value(base, ["Mesh", "File"])
    if not value:
        return None
    return value if os.path.isabs(value) else os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(base)), value))


def anatomy_model(study, folder, anatomy, generator, log):
    """The generated model for the anatomy values {(level, quantity): value}; made once, then reused."""
    key = ";".join(f"{level}/{quantity}={number(v)}" for (level, quantity), v in sorted(anatomy.items()))
    model_id = hashlib.sha256(key.encode()).hexdigest()[:12]
    model_folder = os.path.join(folder, "meshes", model_id)
    stem = os.path.join(model_folder, "model")
    if os.path.exists(stem + ".msh") and os.path.exists(os.path.join(model_folder, "done")):
        return stem + ".msh"
    os.makedirs(model_folder, exist_ok=True)
    table = os.path.join(model_folder, "anatomy_table.csv")
    replaced = set()
    with open(study["anatomy_table"], newline="") as source, open(table, "w", newline="") as target:
        for line in source:
            fields = line.rstrip("\n").split(",")
            if not line.startswith("#") and len(fields) >= 3 and (fields[0], fields[1]) in anatomy:
                fields[2] = number(anatomy[(fields[0], fields[1])])
                replaced.add((fields[0], fields[1]))
                line = ",".join(fields) + "\n"
            target.write(line)
    missing = set(anatomy) - replaced
    if missing:
        raise RuntimeError(f"{study['file']}: anatomy entries not in {study['anatomy_table']}: "
                           + ", ".join(f"anatomy/{l}/{q}" for l, q in sorted(missing)))
    levels, bone, thin = study["mesh_generator"].split()
    log(f"study: generating the model for {key} ({model_folder})")
    with open(os.path.join(model_folder, "generator.log"), "w") as out:
        status = subprocess.call([generator, table, stem, levels, bone, thin], stdout=out, stderr=subprocess.STDOUT)
    if status != 0:
        raise RuntimeError(f"the mesh generator failed for {key} (exit {status}); see {model_folder}/generator.log")
    with open(os.path.join(model_folder, "anatomy.txt"), "w") as handle:
        handle.write(key + "\n")
    open(os.path.join(model_folder, "done"), "w").close()
    return stem + ".msh"


def write_case_configs(study, folder, values, generator, log):
    base = os.path.abspath(study["base"])
    base_mesh = base_mesh_file(study["base"])
    for index, case in enumerate(values, start=1):
        case_folder = os.path.join(folder, case_name(index))
        os.makedirs(case_folder, exist_ok=True)
        anatomy = {(p["entry"][1], p["entry"][2]): v for p, v in zip(study["parameters"], case) if p["anatomy"]}
        mesh = anatomy_model(study, folder, anatomy, generator, log) if anatomy else base_mesh
        lines = [f"# Written by cspine-study: {case_name(index)} of {os.path.abspath(study['file'])}.",
                 "# The base config, then this case's entries (later entries win). Units: those of the base config",
                 "# (mm, N, MPa, s, deg).",
                 f"include {base}"]
        text = "\n".join(lines) + "\n"
        for parameter, value in zip(study["parameters"], case):
            if not parameter["anatomy"]:
                text += f"# Parameter {parameter['name']}\n" + prm.override_text(parameter["entry"], number(value))
        if mesh:
            text += prm.override_text(["Mesh", "File"], mesh)
        text += prm.override_text(["Output", "Checkpoint interval"], str(study["checkpoint_interval"]))
        with open(os.path.join(case_folder, "config.prm"), "w") as handle:
            handle.write(text)
