#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run the whole test suite — once in a
# normal build and once under AddressSanitizer + UndefinedBehaviorSanitizer.
# Set REHEARSE_SKIP_SANITIZE=1 to skip the sanitizer pass while iterating locally.
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
# Line tables only (-g1): reports and backtraces still name file and line, and the build is faster
# than with full debug information. A build folder configured earlier keeps its own flags.
scripts/build.sh build -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
(cd build && ctest --output-on-failure --timeout 900 -j "$jobs")

if [ "${REHEARSE_SKIP_SANITIZE:-0}" != "1" ]; then
  echo "== The same suite under ASan + UBSan (but the browser test: it checks the page in Chromium,"
  echo "   and the server code it reaches runs under the sanitizers in the HTTP tests)"
  scripts/build.sh build-sanitize -DREHEARSE_SANITIZE=ON -DREHEARSE_BUILD_BENCH=OFF
  (cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure --timeout 900 -j "$jobs" -LE browser)
fi
