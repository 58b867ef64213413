"""Runs a study's cases: locally, several at a time within the cores, or one case per Slurm array task.
A case that finished is skipped; one that was interrupted continues from its checkpoint (cspine
--resume); one that never wrote a checkpoint starts again. Each case's state is its `status` file:
finished, stopped (cspine stopped early and kept its last converged state: exit 2) or failed <code>.
"""
import os
import signal
import subprocess
import sys
import time

from study.cases import case_name

# cspine's exit codes (README, Running).
FINISHED, STOPPED_EARLY, WALL_TIME = 0, 2, 5


def status_of(case_folder):
    try:
        with open(os.path.join(case_folder, "status")) as handle:
            return handle.read().strip()
    except OSError:
        return ""


def is_done(case_folder):
    return status_of(case_folder) in ("finished", "stopped")


def command(cspine, ranks, case_folder):
    """The command that runs or continues a case."""
    output = os.path.join(case_folder, "output")
    run = [cspine, os.path.join(case_folder, "config.prm")]
    if os.path.exists(os.path.join(output, "checkpoint.cspine")):
        run += ["--resume", output]
    else:
        run += ["--output", output, "--overwrite"]
    mpirun = ["mpirun", "-np", str(ranks), "--oversubscribe"]
    if os.geteuid() == 0:
        mpirun.append("--allow-run-as-root")
    return mpirun + run


def record_status(case_folder, code):
    text = {FINISHED: "finished", STOPPED_EARLY: "stopped"}.get(code, f"failed {code}")
    if code == WALL_TIME:
        text = ""  # checkpointed at the wall-time limit: to be continued
    path = os.path.join(case_folder, "status")
    if text:
        with open(path + ".partial", "w") as handle:
            handle.write(text + "\n")
        os.replace(path + ".partial", path)
    return text


def start_case(cspine, ranks, case_folder):
    run = command(cspine, ranks, case_folder)
    log = open(os.path.join(case_folder, "log.txt"), "a")
    log.write(f"# cspine-study: {' '.join(run)} at {time.ctime()}\n")
    log.flush()
    process = subprocess.Popen(run, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    return process, log


def run_one(cspine, ranks, case_folder):
    """Runs (or continues) one case to its end; returns its status text."""
    if is_done(case_folder):
        return status_of(case_folder)
    process, log = start_case(cspine, ranks, case_folder)
    code = process.wait()
    log.close()
    return record_status(case_folder, code)


def run_local(folder, count, cspine, ranks, jobs, log):
    """Runs the unfinished cases of 1..count, `jobs` at a time, printing progress and the time left."""
    pending = [i for i in range(1, count + 1) if not is_done(os.path.join(folder, case_name(i)))]
    skipped = count - len(pending)
    if skipped:
        log(f"study: {skipped} of {count} cases already done (skipped)")
    running, durations, failed = {}, [], []
    started = time.time()
    last_report = 0.0

    def stop_all(signum, _frame):
        for process, _, _ in running.values():
            os.killpg(process.pid, signal.SIGTERM)
        sys.exit(128 + signum)

    # The cases run in sessions of their own (so that a stop reaches all of an mpirun's ranks); a Ctrl-C or
    # a kill of the runner stops them too, and the next run continues them from their checkpoints.
    signal.signal(signal.SIGTERM, stop_all)
    signal.signal(signal.SIGINT, stop_all)
    while pending or running:
        while pending and len(running) < jobs:
            index = pending.pop(0)
            process, handle = start_case(cspine, ranks, os.path.join(folder, case_name(index)))
            running[index] = (process, handle, time.time())
            log(f"study: {case_name(index)} started")
        time.sleep(0.5)
        for index in list(running):
            process, handle, began = running[index]
            code = process.poll()
            if code is None:
                continue
            handle.close()
            del running[index]
            text = record_status(os.path.join(folder, case_name(index)), code)
            durations.append(time.time() - began)
            if text.startswith("failed") or not text:
                failed.append(index)
            log(f"study: {case_name(index)} {text or 'stopped at its wall time (checkpointed)'} "
                f"after {durations[-1]:.0f} s (log: {os.path.join(folder, case_name(index), 'log.txt')})")
            last_report = 0.0
        if time.time() - last_report >= 30:
            done = count - len(pending) - len(running)
            left = ""
            if durations:
                mean = sum(durations) / len(durations)
                left = f"; about {max(0.0, mean * (len(pending) + len(running) / 2) / jobs) / 60:.1f} min left"
            log(f"study: {done}/{count} done, {len(running)} running, {len(failed)} failed, "
                f"{time.time() - started:.0f} s so far{left}")
            last_report = time.time()
    return failed
