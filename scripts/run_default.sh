#!/usr/bin/env bash
# Sets up cspine (packages, build, the bundled spine models) and runs the default job on 2 MPI ranks:
# the rotary thrust at C1-C2 on the bundled head-T1 model with vertebrae C1-C7 rigid
# (configs/rotary_thrust_c1c2_rigid_vertebrae.prm: the thrust of configs/rotary_thrust_c1c2.prm, whose
# meshed bone it matches to 0.0035 deg and 0.00011 strain in about 70 % of the time; README, Two commands).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release

config=configs/rotary_thrust_c1c2_rigid_vertebrae.prm
output=output/rotary_thrust_c1c2
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-run-as-root"
# cspine never writes over earlier results: keep the last run's beside the new one.
if [ -d "$output" ]; then
  kept="$output.$(date +%Y%m%d-%H%M%S)"
  mv "$output" "$kept"
  echo "run_default: the earlier results in $output are now in $kept"
fi
mpirun -np 2 $root_flag --oversubscribe build/release/solver/cspine "$config" --output "$output"

cat <<MESSAGE

Results are in $(pwd)/$output:
  summary.csv          each capsule's and C1-C2 ligament's largest strain (the 95th percentile over a
                       capsule's fibres), when, and the thresholds crossed
  capsules.csv         per step and capsule: its fibres' strain from their in-situ length (largest,
                       95th percentile, mean), the fraction above 10 / 35 / 80 %, the summed tension [N]
  capsule_fibres.csv   per step: every capsule fibre's force [N], elongation [mm] and strain
  ligaments.csv        per step and 1-D ligament: force [N], elongation [mm], strain, past failure
  kinematics.csv       per step: rotation of every level pair (C0-C1 ... C7-T1) [deg]
  contact.csv          per step and joint: contact force [N] and largest penetration [mm]
  history.csv          head rotation [deg] and moment [N mm] per step
  capsules.pvd         each capsule as a surface through its fibres. In ParaView: File > Open
                       capsules.pvd, Apply; colour by fibre_strain [-]; press Play to step through
                       the thrust. Open solution.pvd (the bones) and ligaments.pvd beside it
  solution.pvd         fields per step (displacement, strain, stress, region); C1-C7 are rigid
                       here, so their strain and stress are zero (for deformable bone run
                       configs/rotary_thrust_c1c2.prm, about 40 % slower)
  contact.pvd          contact nodes with gap [mm] and contact_pressure [MPa]
MESSAGE
