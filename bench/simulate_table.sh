#!/usr/bin/env bash
# Every policy in every simulator variant, as a markdown table, plus per variant the adaptive
# selector against the best baseline and the oracle. Usage:
#   bench/simulate_table.sh [REHEARSE_BINARY] [LEARNERS] [SESSIONS] [SEED]
# (defaults: build/bin/rehearse 200 60 1). docs/simulation.md shows the output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/bin/rehearse}"
learners="${2:-200}"; sessions="${3:-60}"; seed="${4:-1}"
policies="adaptive staircase round-robin syllabus random oracle"
variants="default no-forgetting easy-optimum hard-optimum fast-learners slow-learners noisy-grading"
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
for v in $variants; do
  for p in $policies; do
    "$bin" simulate --policy "$p" --variant "$v" --learners "$learners" --sessions "$sessions" --seed "$seed" --json |
      python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >>"$out"
  done
done
echo "rehearse simulate, $learners learners, $sessions sessions, seed $seed"
echo
python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
after = rows[0]["mastery_after"]["sessions"]
print(f"| variant | policy | sessions to mastery (mean, censored) | median | finished | mean after {after} | weakest after {after} | "
      "final mean | final weakest | AUC | success rate | success before mastery |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    m = r["sessions_to_mastery"]
    print(f"| {r['variant']} | {r['policy']} | {m['mean']:.1f} | {m['median']:.1f} | {100*r['finished_share']:.0f}% | "
          f"{r['mastery_after']['mean']:.3f} | {r['mastery_after']['weakest']:.3f} | "
          f"{r['final_mastery']['mean']:.3f} | {r['final_mastery']['weakest']:.3f} | {r['auc']:.3f} | "
          f"{r['success_rate']:.2f} | {r['success_rate_while_learning']:.2f} |")
print()
print("| variant | best baseline | adaptive vs best baseline (fewer sessions) | share of the baseline→oracle gap closed | adaptive no worse than best baseline |")
print("|---|---|---:|---:|---|")
baselines = ["staircase", "round-robin", "syllabus", "random"]
for v in dict.fromkeys(r["variant"] for r in rows):
    by = {r["policy"]: r["sessions_to_mastery"]["mean"] for r in rows if r["variant"] == v}
    best = min(baselines, key=lambda p: by[p])
    a, b, o = by["adaptive"], by[best], by["oracle"]
    gain = (b - a) / b if b else 0
    closed = (b - a) / (b - o) if b != o else float("nan")
    print(f"| {v} | {best} ({b:.1f}) | {100*gain:.0f}% | {100*closed:.0f}% | {'yes' if a <= b else 'no'} |")
PY
