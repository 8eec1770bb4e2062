#!/usr/bin/env bash
# test.sh — everything CI checks, in the order a failure is cheapest to read:
#   1. dependencies (scripts/install-deps.sh; instant when all are present)
#   2. a Release build in build/ and its whole ctest suite: the GoogleTest unit
#      tests and the script tests (tests/run_scripts.py, under tide and python3)
#   3. the same suite on an AddressSanitizer + UndefinedBehaviorSanitizer
#      Debug build in build-asan/
#   4. the GIL's unit tests (tests/unit/runtime_gil_test.cpp) on a
#      ThreadSanitizer Debug build in build-tsan/ (only that target: the
#      runtime and the test, no front end, no LLVM side, no tide)
#   5. bench/run.py --check: every benchmark still runs and prints the same
#      checksum under tide as under python3 (timings are not checked)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh

echo "== Release build (build/)"
cmake -G Ninja -DCMAKE_BUILD_TYPE=Release -S . -B build
ninja -C build
ctest --test-dir build --output-on-failure -j2

echo "== ASan + UBSan build (build-asan/)"
# Debug: an optimised ASan build's larger frames overflow the 8 MiB stack
# in the parser's 100,000-bracket unit test before its depth guard trips.
cmake -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTIDE_SANITIZE=ON -S . -B build-asan
ninja -C build-asan
# detect_leaks=0: the runtime does not free everything at exit yet.  Objects
# in reference cycles are never reclaimed until the cycle collector lands
# (DESIGN.md), and immortal objects (None, True, small strings, interned
# names) are deliberately never freed; LeakSanitizer would report both.
# abort_on_error=1 turns a sanitizer report into SIGABRT, which the test
# runners count as a crash, rather than exit status 1, which a script test
# could mistake for an uncaught Python exception.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1
ctest --test-dir build-asan --output-on-failure -j2
unset ASAN_OPTIONS UBSAN_OPTIONS

echo "== ThreadSanitizer: the GIL's unit tests (build-tsan/)"
cmake -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTIDE_SANITIZE_THREAD=ON -S . -B build-tsan
ninja -C build-tsan runtime_gil_test
# halt_on_error=1 + abort_on_error=1: the first race report aborts the run.
# setarch -R (no address-space randomisation): GCC 12's TSan cannot map its
# shadow memory on kernels with high mmap randomisation (vm.mmap_rnd_bits
# 32), and the layout does not matter to these tests.
TSAN_OPTIONS=halt_on_error=1:abort_on_error=1:second_deadlock_stack=1 \
  setarch "$(uname -m)" -R build-tsan/runtime_gil_test

echo "== benchmarks still run (bench/run.py --check)"
python3 bench/run.py --check --tide build/tide
