#!/usr/bin/env bash
# CTest study_through_slurm: starts a one-node Slurm cluster on this machine (munged, slurmctld, slurmd with
# a minimal slurm.conf: proctrack/linuxproc, no cgroups, its own ports, state and sockets under WORK_DIR),
# submits the study of study_local_and_resumed through `cspine-study --slurm --wait`, and requires the same
# study.csv as that local run. The daemons it started are stopped by their PIDs. If they cannot start
# (packages missing, no permission), the test says why and exits 77, which CTest reports as skipped.
# Usage: slurm_study_test.sh REPO BUILD_DIR WORK_DIR LOCAL_STUDY_DIR
set -euo pipefail
repo=$1 build=$2 work=$3 local_study=$4
skip() { echo "SKIPPED: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
for program in munged slurmctld slurmd sbatch squeue sinfo mpirun; do
  command -v "$program" > /dev/null || skip "$program is not installed (Debian packages munge, slurmctld, slurmd, slurm-client; scripts/setup.sh installs them)"
done
[ -f "$local_study/whole/study.csv" ] || fail "the local study's results ($local_study/whole/study.csv) are missing"
rm -rf "$work"; mkdir -p "$work"/{state,spool,munge}; chmod 700 "$work/munge"
cd "$work"
pids=()
stop_daemons() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
}
trap stop_daemons EXIT

# munge: a fresh key, its own socket.
dd if=/dev/urandom of=munge/munge.key bs=1024 count=1 status=none
chmod 400 munge/munge.key
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$work/munge/socket" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/seed" --log-file="$work/munge/munged.log" \
  > munge/munged.out 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$work/munge/socket" ] && break; sleep 0.1; done
[ -S "$work/munge/socket" ] || skip "munged did not start: $(tail -n 3 munge/munged.log 2> /dev/null)"

host=$(hostname -s)
node=$(slurmd -C | head -n 1)           # this machine's NodeName line as slurmd sees it
port=$((20000 + $$ % 20000))
user=$(id -un)
cat > slurm.conf <<CONF
# A one-node cluster for the study test. Written by tests/study/slurm_study_test.sh.
ClusterName=cspinetest
SlurmctldHost=$host
SlurmUser=$user
SlurmdUser=$user
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge/socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
$node
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" > slurmctld.out 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" > slurmd.out 2>&1 &
pids+=($!)
state=""
for _ in $(seq 1 100); do
  state=$(sinfo -h -N -o '%T' 2> /dev/null | head -n 1 || true)
  [ "$state" = "idle" ] && break
  sleep 0.3
done
[ "$state" = "idle" ] || skip "the local Slurm did not come up (node state '$state'): $(tail -n 3 slurmctld.log slurmd.log 2> /dev/null | tr '\n' ' ')"
echo "slurm: one-node cluster up on $host ($(echo "$node" | grep -o 'CPUs=[0-9]*'))"

cp "$local_study/study.prm" study.prm
started=$(date +%s)
"$repo/scripts/cspine-study" study.prm --output slurm_study --build "$build" --slurm --wait --time 00:10:00 \
  > study.log 2>&1 || { cat study.log; tail -n 20 slurm_study/slurm_*.log 2> /dev/null; fail "the study through Slurm failed"; }
cat study.log
grep -q "as Slurm job" study.log || fail "the study was not submitted"
grep -q "study: Slurm job [0-9]*: [0-9]*/4 done" study.log || fail "no progress while waiting for the job"
ls slurm_study/slurm_*.log > /dev/null 2>&1 || fail "no Slurm task logs: the cases did not run as array tasks"
diff <(grep -v '^#' "$local_study/whole/study.csv") <(grep -v '^#' slurm_study/study.csv) \
  || fail "study.csv through Slurm differs from the local run's"
echo "PASS: the study through Slurm ($(( $(date +%s) - started )) s) gives the local study.csv"
