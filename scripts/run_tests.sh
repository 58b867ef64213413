#!/usr/bin/env bash
# Sets up cspine and runs every test (unit, MPI, bad input, regression) with CTest on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release
cd build/release
ctest -j 2 --output-on-failure --timeout 1200
