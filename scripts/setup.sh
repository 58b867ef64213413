#!/usr/bin/env bash
# Installs the Debian 12 packages cspine needs (skipping those present), configures and builds into
# build/<type>, and (release) generates the bundled spine models into meshes/generated/ if they are
# missing or out of date (scripts/mesh_inputs_hash.sh).
# Usage: scripts/setup.sh [release|debug] [--no-meshes]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."

type="${1:-release}"
meshes="${2:-}"
if [ -n "$meshes" ] && [ "$meshes" != "--no-meshes" ]; then
  echo "setup.sh: unknown option '$meshes' (allowed: --no-meshes)" >&2
  exit 1
fi
case "$type" in
  release) cmake_type=Release ;;
  debug) cmake_type=Debug ;;
  *) echo "setup.sh: unknown build type '$type' (allowed: release, debug)" >&2; exit 1 ;;
esac

# python3-matplotlib: the safety and study reports (scripts/safety_report.py, scripts/cspine-study).
# munge, slurmctld, slurmd, slurm-client: the study runner's Slurm path, tested on a one-node cluster
# that tests/study/slurm_study_test.sh starts and stops itself (no service is enabled or started here).
# libopenblas0-serial: Debian's alternatives then give MUMPS OpenBLAS instead of the reference BLAS, whose
# dgemm was 30 % of a moment-controlled spine run (the factorisation 5x faster on the C3-C4 case). The
# serial build, so that MPI ranks do not start threads of their own.
packages=(g++ cmake ninja-build ccache numdiff libdeal.ii-dev libvtk9-dev libgtest-dev googletest
          openmpi-bin libopenmpi-dev gmsh libgmsh-dev libopenblas0-serial python3-matplotlib
          munge slurmctld slurmd slurm-client)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Debian 12: libvtk9-dev depends on python3-vtk9, which conflicts with python3-paraview (pvbatch).
if [[ " ${missing[*]} " == *" libvtk9-dev "* ]] && dpkg-query -W -f='${Status}' python3-paraview 2>/dev/null | grep -q "ok installed"; then
  echo "setup: libvtk9-dev cannot be installed beside python3-paraview (Debian 12 packages conflict)." >&2
  echo "       Remove it first: apt-get remove python3-paraview (the paraview GUI can stay)." >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# OpenMPI refuses to run as root and to oversubscribe unless told; tests use these flags.
mpi_flags="--oversubscribe"
[ "$(id -u)" -ne 0 ] || mpi_flags="--allow-run-as-root;--oversubscribe"

build="build/$type"
mkdir -p build
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$cmake_type" -DCSPINE_WERROR=ON \
      -DMPIEXEC_PREFLAGS="$mpi_flags" > "$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j 2
echo "setup: built $build"
# The bundled models are regenerated when missing or made from another table or generator.
if [ "$type" = release ] && [ -z "$meshes" ] &&
   ! cmp -s meshes/generated/inputs.sha256 <(scripts/mesh_inputs_hash.sh); then
  scripts/make_meshes.sh
fi
