#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, show what a new learner can do, and run the
# HTTP server with the web page (Ctrl-C stops it).
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

== Starting the server: open the URL below in a browser (Ctrl-C stops it)
TXT
exec "$bin" serve --port 8080
