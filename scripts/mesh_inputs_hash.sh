#!/usr/bin/env bash
# One SHA-256 over what the bundled spine models are made from: the anatomy table, the generator's
# sources and the list of models in make_meshes.sh (scripts/setup.sh regenerates them when it changes).
set -euo pipefail
cd "$(dirname "$0")/.."
cat meshes/anatomy_table.csv meshes/generator/*.h meshes/generator/*.cc scripts/make_meshes.sh | sha256sum | cut -d' ' -f1
