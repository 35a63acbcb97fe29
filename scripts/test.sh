#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run the whole test suite under
# AddressSanitizer + UndefinedBehaviorSanitizer (every test, the browser's included).
# Set REHEARSE_SKIP_SANITIZE=1 to run it in the normal (optimised) build instead while iterating.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

# The FSRS reference (ts-fsrs) for the differential test, pinned by its lock file.
if [ -f tests/fsrs/package-lock.json ]; then
  (cd tests/fsrs && npm ci --no-audit --no-fund --loglevel=error)
fi
# The browser driver (playwright-core) for the web app's test; the browser is Debian's chromium.
if [ -f tests/web/package-lock.json ]; then
  (cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
fi

jobs=$(nproc 2>/dev/null || echo 2)
if [ "${REHEARSE_SKIP_SANITIZE:-0}" = "1" ]; then
  # Line tables only (-g1): reports and backtraces still name file and line, and the build is faster
  # than with full debug information. A build folder configured earlier keeps its own flags.
  scripts/build.sh build -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
  (cd build && ctest --output-on-failure --timeout 900 -j "$jobs")
else
  # One pass, under the sanitizers: a second pass in the optimised build doubled the time for little
  # (scripts/run.sh and bench/ build that one; REHEARSE_SKIP_SANITIZE=1 tests it).
  scripts/build.sh build-sanitize -DREHEARSE_SANITIZE=ON -DREHEARSE_BUILD_BENCH=OFF
  (cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure --timeout 900 -j "$jobs")
fi
