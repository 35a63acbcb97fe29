#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and show what a new learner can do.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
bin=build/bin/rehearse
echo
echo "== Loaded plugins"
"$bin" plugins
echo
echo "== Practice problems"
"$bin" problems
echo
echo "== Study plans"
"$bin" curricula
cat <<'TXT'

Next steps:
  build/bin/rehearse learner add ada
  build/bin/rehearse show problem url-shortener-startup
  build/bin/rehearse lessons
  build/bin/rehearse --help
TXT
