"""The Slurm path: a job-array script, one array task per case, each task running `cspine-study STUDY
--run-case N` (the same skip / resume logic as a local run). Submitted with sbatch."""
import os
import shlex
import subprocess
import sys
import time


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


def submit(path):
    """sbatch the script; returns the job id."""
    result = subprocess.run(["sbatch", "--parsable", path], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"sbatch failed (exit {result.returncode}): {result.stderr.strip()}")
    return result.stdout.strip().split(";")[0]


def tasks_in_queue(job):
    """{state: count} of the job's array tasks still known to Slurm (PENDING, RUNNING, ...)."""
    result = subprocess.run(["squeue", "-h", "-r", "-j", job, "-o", "%T"], capture_output=True, text=True)
    if result.returncode != 0:
        return {}  # the job has left the queue
    counts = {}
    for state in result.stdout.split():
        counts[state] = counts.get(state, 0) + 1
    return counts


def wait_for(job, count, done_cases, log, poll=5.0):
    """Until the job has left the queue, with progress (cases done, running, queued; time left)."""
    started, last = time.time(), 0.0
    while True:
        queue = tasks_in_queue(job)
        done = done_cases()
        if not queue:
            return
        if time.time() - last >= 30:
            running = queue.get("RUNNING", 0)
            left = ""
            if done:
                per_case = (time.time() - started) / done
                left = f"; about {per_case * (count - done) / 60:.1f} min left"
            log(f"study: Slurm job {job}: {done}/{count} done, {running} running, "
                f"{sum(queue.values()) - running} queued{left}")
            last = time.time()
        time.sleep(poll)
