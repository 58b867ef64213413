"""The Slurm path: a job-array script, one array task per case, each task running `cspine-study STUDY
--run-case N` (the same skip / resume logic as a local run). Submitted with sbatch."""
import os
import shlex
import subprocess
import sys


def job_script(folder, study_file, cases, ranks, wall_time, partition, workdir, script):
    lines = ["#!/bin/bash",
             "# Written by cspine-study: one array task per case of the study. Submit: sbatch " +
             os.path.join(folder, "slurm_job.sh"),
             "#SBATCH --job-name=cspine-study",
             f"#SBATCH --array=1-{len(cases)}",
             f"#SBATCH --ntasks={ranks}",
             f"#SBATCH --time={wall_time}",
             f"#SBATCH --output={os.path.join(folder, 'slurm_%a.log')}",
             f"#SBATCH --chdir={workdir}"]
    if partition:
        lines.append(f"#SBATCH --partition={partition}")
    lines += ["set -euo pipefail",
              " ".join(shlex.quote(w) for w in [sys.executable, script, study_file, "--output", folder,
                                                  "--run-case"]) + ' "$SLURM_ARRAY_TASK_ID"', ""]
    path = os.path.join(folder, "slurm_job.sh")
    with open(path, "w") as handle:
        handle.write("\n".join(lines))
    os.chmod(path, 0o755)
    return path


def submit(path, wait):
    """sbatch the script; with `wait`, until every array task has ended. Returns the job id."""
    command = ["sbatch", "--parsable"] + (["--wait"] if wait else []) + [path]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 and not (wait and result.stdout.strip()):
        raise RuntimeError(f"sbatch failed (exit {result.returncode}): {result.stderr.strip()}")
    return result.stdout.strip().split(";")[0]
