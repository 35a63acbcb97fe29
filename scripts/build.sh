#!/usr/bin/env bash
# Configures and builds Rehearse into BUILD_DIR (default: build/).
#   scripts/build.sh [BUILD_DIR] [extra cmake arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)
# Unity builds compile each area's sources together: nlohmann/json and doctest are parsed and their
# templates generated once per batch instead of once per file (pass -DCMAKE_UNITY_BUILD=OFF to
# rebuild single files while editing).
# Ninja starts compiling an area as soon as the build begins, where Make waits for the libraries it
# links against; a build folder made earlier with another generator keeps it.
generator=()
if [ ! -f "$build_dir/CMakeCache.txt" ] && command -v ninja > /dev/null 2>&1; then generator=(-G Ninja); fi
cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON "$@" > "$build_dir.configure.log" 2>&1 ||
  { cat "$build_dir.configure.log"; exit 1; }
cmake --build "$build_dir" -j "$jobs"
