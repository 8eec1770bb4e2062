#!/usr/bin/env bash
# install-deps.sh — installs what building and testing tide needs, on Debian 12
# (bookworm), as root.  Idempotent and fast when nothing is missing: it asks
# dpkg first and only touches apt when a package is absent.  `apt-get update`
# runs only when apt does not know a missing package or an install fails
# (stale package lists), so a warm machine never waits on the network.
#
# llvm-19-dev comes from bookworm itself (1:19.1.7-3~deb12u1), not from
# apt.llvm.org, so no extra repository or key is needed.
set -euo pipefail

PACKAGES=(
  build-essential        # g++ 12 (C++20), make, libc headers
  cmake ninja-build      # the build
  re2c                   # generates the lexer from compiler/lexer.re
  llvm-19-dev            # codegen, O2 pipeline, ORC JIT
  libzstd-dev zlib1g-dev # LLVM's CMake config wants them to link LLVM statically
  libboost-context-dev   # fibers for tasks
  libgmp-dev             # arbitrary-precision ints
  libreadline-dev        # the REPL's line editing and history (the driver only;
                         # the library python3 uses on Debian, same keys and inputrc)
  libgtest-dev googletest  # unit tests
  python3                # the oracle for script tests, the test runners, and the
                         # build's Unicode tables (runtime/unicode/gen_unicode_tables.py)
  git ca-certificates
)
wanted=("${PACKAGES[@]}")

# One dpkg-query for all packages: a package is present when its status is
# "install ok installed" (a removed package keeps a "deinstall" record).  It
# exits 1 when it has never heard of a package, hence `|| true`.
installed=" $(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null |
  awk '$2 == "install" && $3 == "ok" && $4 == "installed" { printf "%s ", $1 }' || true)"
missing=()
for p in "${wanted[@]}"; do
  [[ "$installed" == *" $p "* ]] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#wanted[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "install-deps: run as root to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update
fi
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
