#!/usr/bin/env bash
# demo.sh — from a fresh Debian 12 machine to a running tide: installs the
# dependencies, configures and builds a Release tide into build/, and runs
# examples/hello.py with it.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake -G Ninja -DCMAKE_BUILD_TYPE=Release -S . -B build
ninja -C build tide
echo "+ build/tide examples/hello.py"
build/tide examples/hello.py
