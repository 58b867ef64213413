"""Reads a study file (STUDY.prm): the base config, the design and the parameters to vary. Every error
names the file, the entry and what is allowed.

    set Base config         = configs/techniques/hvla_rotary_thrust.prm
    set Design              = grid        # grid | latin hypercube | monte carlo
    set Samples             = 8           # sampled designs only
    set Seed                = 1
    set Ranks per case      = 1
    set Checkpoint interval = 2           # steps between a case's checkpoints (a study resumes from them)
    set Mesh generator      = C0,C1,C2,C3 7 1.5   # levels, bone and thin-layer size [mm]: for anatomy/... entries
    set Anatomy table       = meshes/anatomy_table.csv
    subsection Parameter prerotation
      set Entry  = Load case/Protocol/Phase pre-rotate/Head value
      set Values = 20, 30                 # or: Range = first, last, count; or (sampled): Bounds = low, high
    end

An Entry `anatomy/<level>/<quantity>` varies a row of the anatomy table: the study generates that model.
"""
import math
import os

from study import prm

TOP = {"Base config", "Design", "Samples", "Seed", "Ranks per case", "Checkpoint interval", "Mesh generator",
       "Anatomy table"}
PARAMETER = {"Entry", "Values", "Range", "Bounds"}
DESIGNS = ("grid", "latin hypercube", "monte carlo")


class StudyError(Exception):
    pass


def _numbers(file, entry, text, count=None):
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        raise StudyError(f"{file}: {entry} = '{text}' is not a comma-separated list of numbers") from None
    if any(not math.isfinite(v) for v in values):
        raise StudyError(f"{file}: {entry} = '{text}': NaN and inf are not allowed")
    if count is not None and len(values) != count:
        raise StudyError(f"{file}: {entry} = '{text}' needs {count} numbers")
    return values


def _integer(file, entry, text, least):
    try:
        value = int(text)
    except ValueError:
        raise StudyError(f"{file}: {entry} = '{text}' is not an integer") from None
    if value < least:
        raise StudyError(f"{file}: {entry} = {value} must be at least {least}")
    return value


def read(file):
    try:
        found = prm.entries(file)
    except prm.PrmError as error:
        raise StudyError(str(error)) from None
    top, parameters, order = {}, {}, []
    for path, value, where, line in found:
        if len(path) == 1 and path[0] in TOP:
            top[path[0]] = value
        elif len(path) == 2 and path[0].startswith("Parameter ") and path[1] in PARAMETER:
            name = path[0][len("Parameter "):].strip()
            if name not in parameters:
                parameters[name] = {}
                order.append(name)
            if path[1] in parameters[name]:
                raise StudyError(f"{where}:{line}: Parameter {name}/{path[1]} is given twice")
            parameters[name][path[1]] = value
        else:
            raise StudyError(f"{where}:{line}: unknown entry '{'/'.join(path)}' (allowed: {', '.join(sorted(TOP))}, "
                             f"and subsections 'Parameter <name>' with {', '.join(sorted(PARAMETER))})")
    if "Base config" not in top:
        raise StudyError(f"{file}: 'Base config' is required")
    if not os.path.isfile(top["Base config"]):
        raise StudyError(f"{file}: Base config = '{top['Base config']}' does not exist (relative paths are taken "
                         f"from the working directory, {os.getcwd()})")
    design = top.get("Design", "grid")
    if design not in DESIGNS:
        raise StudyError(f"{file}: Design = '{design}' is not allowed (allowed: {', '.join(DESIGNS)})")
    study = {"file": file, "base": top["Base config"], "design": design,
             "samples": _integer(file, "Samples", top.get("Samples", "0"), 0),
             "seed": _integer(file, "Seed", top.get("Seed", "1"), 0),
             "ranks": _integer(file, "Ranks per case", top.get("Ranks per case", "1"), 1),
             "checkpoint_interval": _integer(file, "Checkpoint interval", top.get("Checkpoint interval", "1"), 1),
             "anatomy_table": top.get("Anatomy table", "meshes/anatomy_table.csv"),
             "mesh_generator": top.get("Mesh generator", ""), "parameters": []}
    if design != "grid" and study["samples"] < 1:
        raise StudyError(f"{file}: Samples must be at least 1 for Design = {design}")
    if not order:
        raise StudyError(f"{file}: no 'subsection Parameter <name>': a study varies at least one entry")
    for name in order:
        given = parameters[name]
        where = f"Parameter {name}"
        if "Entry" not in given:
            raise StudyError(f"{file}: {where}/Entry is required (e.g. Load case/Ligaments/Slack capsule_c1_c2)")
        kinds = [k for k in ("Values", "Range", "Bounds") if k in given]
        if len(kinds) != 1:
            raise StudyError(f"{file}: {where} needs exactly one of Values, Range, Bounds (has: {', '.join(kinds) or 'none'})")
        entry = [part.strip() for part in given["Entry"].split("/")]
        parameter = {"name": name, "entry": entry, "values": None, "range": None, "bounds": None,
                     "anatomy": entry[0] == "anatomy"}
        if parameter["anatomy"] and len(entry) != 3:
            raise StudyError(f"{file}: {where}/Entry = '{given['Entry']}': an anatomy entry is anatomy/<level>/<quantity>")
        if "Values" in given:
            parameter["values"] = _numbers(file, where + "/Values", given["Values"])
        elif "Range" in given:
            first, last, count = _numbers(file, where + "/Range", given["Range"], 3)
            if count < 1 or count != int(count):
                raise StudyError(f"{file}: {where}/Range: the count must be a whole number of at least 1")
            parameter["range"] = (first, last, int(count))
        else:
            low, high = _numbers(file, where + "/Bounds", given["Bounds"], 2)
            if not low < high:
                raise StudyError(f"{file}: {where}/Bounds = '{given['Bounds']}': low must be below high")
            parameter["bounds"] = (low, high)
        study["parameters"].append(parameter)
    if any(p["anatomy"] for p in study["parameters"]):
        words = study["mesh_generator"].split()
        if len(words) != 3:
            raise StudyError(f"{file}: Mesh generator = '{study['mesh_generator']}': an anatomy parameter needs "
                             "'LEVELS BONE_SIZE THIN_SIZE' (e.g. C0,C1,C2,C3 7 1.5, as in scripts/make_meshes.sh)")
        if not os.path.isfile(study["anatomy_table"]):
            raise StudyError(f"{file}: Anatomy table = '{study['anatomy_table']}' does not exist")
    return study
