#!/usr/bin/env bash
# Builds and runs the scheduler speed benchmark and prints the ratios against its goals:
# selection under 1 ms (5,000 cards, 500 attempts) and FSRS replay at least 10x faster than ts-fsrs
# on the same 1M reviews. Usage: bench/run.sh [BUILD_DIR]   (default: build)
# Timings on a loaded machine are noisy; each figure is the best of three rounds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREHEARSE_BUILD_BENCH=ON >/dev/null
make -C "$build" -j"${JOBS:-2}" rehearse_bench_scheduler >/dev/null
if [ ! -d "$root/tests/fsrs/node_modules/ts-fsrs" ]; then
  (cd "$root/tests/fsrs" && npm ci --silent)
fi
reviews="$(mktemp)"
trap 'rm -f "$reviews"' EXIT
cpp="$("$build/bin/rehearse_bench_scheduler" --reviews-out "$reviews")"
echo "$cpp"
node_out="$(node "$root/bench/fsrs_replay_node.mjs" "$reviews")"
echo "$node_out" | head -1
value() { echo "$1" | awk -v k="$2" '$1 == k { print $2 }'; }
cpp_ms="$(value "$cpp" fsrs_replay_ms)"; node_ms="$(value "$node_out" fsrs_replay_ms)"
cpp_sum="$(value "$cpp" fsrs_checksum)"; node_sum="$(value "$node_out" fsrs_checksum)"
sel_ms="$(value "$cpp" selection_ms)"
echo
awk -v c="$cpp_ms" -v n="$node_ms" -v s="$sel_ms" -v cs="$cpp_sum" -v ns="$node_sum" 'BEGIN {
  printf "replay speed: rehearse %.0f ms, ts-fsrs %.0f ms for 1M reviews: %.1fx faster (goal >= 10x) %s\n",
         c, n, n / c, (n / c >= 10 ? "OK" : "BELOW GOAL");
  printf "same results: checksum %s vs %s %s\n", cs, ns, (cs == ns ? "OK" : "DIFFERENT");
  printf "selection: %.3f ms per next (goal < 1 ms): %.1fx under the goal %s\n", s, 1 / s, (s < 1 ? "OK" : "ABOVE GOAL");
}'
