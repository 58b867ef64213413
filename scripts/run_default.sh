#!/usr/bin/env bash
# Sets up cspine and runs the default job on 2 MPI ranks. Until the spine model lands, the default job
# is the uniaxial verification block (configs/verification/uniaxial_neo_hookean.prm).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release

config=configs/verification/uniaxial_neo_hookean.prm
output=output/uniaxial_neo_hookean
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"
mpirun -np 2 $root_flag --oversubscribe build/release/solver/cspine "$config" --output "$output"

cat <<MESSAGE

Results are in $(pwd)/$output:
  solution.pvd         fields per step: open it in ParaView (File > Open, then Apply), colour by
                       max_principal_strain or von_mises_stress, and press Play to step through time
  history.csv          time [s], reactions per fixed boundary [N], monitor-point displacements [mm]
  used-parameters.prm  every entry the run used
MESSAGE
