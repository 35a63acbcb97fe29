#!/usr/bin/env bash
# Every policy in every simulator variant, as a markdown table, plus per variant the adaptive
# selector against the best baseline and the oracle. Usage:
#   bench/simulate_table.sh [REHEARSE_BINARY] [LEARNERS] [SESSIONS] [SEED] [SESSION_MINUTES]
# (defaults: build/bin/rehearse 200 60 1, and one problem a session). With SESSION_MINUTES each
# session is that many minutes of problems and drills, the drills-only baseline joins, and the
# tables compare study minutes to mastery. JOBS=N runs N simulations at a time (default 1).
# docs/simulation.md shows the output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/bin/rehearse}"
learners="${2:-200}"; sessions="${3:-60}"; seed="${4:-1}"; minutes="${5:-}"
policies="adaptive staircase round-robin syllabus random oracle"
extra=()
if [ -n "$minutes" ]; then
  policies="adaptive staircase round-robin syllabus random drills-only oracle"
  extra=(--session-minutes "$minutes")
fi
variants="default no-forgetting easy-optimum hard-optimum fast-learners slow-learners noisy-grading"
dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT
i=0
for v in $variants; do
  for p in $policies; do
    printf '%03d %s %s\n' "$i" "$v" "$p"
    i=$((i + 1))
  done
done >"$dir/runs"
# Each run writes its own file; they are read back in the order above, so JOBS does not change the output.
export bin learners sessions seed dir
extra_args="${extra[*]:-}"; export extra_args
xargs -P "${JOBS:-1}" -L 1 bash -c '"$bin" simulate --policy "$2" --variant "$1" --learners "$learners" \
  --sessions "$sessions" --seed "$seed" $extra_args --json |
  python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)))" >"$dir/$0.json"' <"$dir/runs"
cat "$dir"/[0-9]*.json >"$dir/all"
if [ -n "$minutes" ]; then
  echo "rehearse simulate, $learners learners, $sessions sessions of $minutes minutes, seed $seed"
else
  echo "rehearse simulate, $learners learners, $sessions sessions, seed $seed"
fi
echo
python3 - "$dir/all" "$minutes" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
timed = bool(sys.argv[2])
after = rows[0]["mastery_after"]["sessions"]
baselines = ["staircase", "round-robin", "syllabus", "random"] + (["drills-only"] if timed else [])
if not timed:
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
    key = lambda r: r["sessions_to_mastery"]["mean"]
else:
    horizon = rows[0]["minutes_to_mastery"]["horizon"]
    print(f"| variant | policy | study minutes to mastery (mean, censored at {horizon}) | median | finished | "
          f"sessions to mastery (mean) | problems | drills | weakest after {after} | final weakest | success before mastery |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        m = r["minutes_to_mastery"]
        print(f"| {r['variant']} | {r['policy']} | {m['mean']:.0f} | {m['median']:.0f} | {100*r['finished_share']:.0f}% | "
              f"{r['sessions_to_mastery']['mean']:.1f} | {r['per_learner']['problems']:.1f} | {r['per_learner']['drills']:.1f} | "
              f"{r['mastery_after']['weakest']:.3f} | {r['final_mastery']['weakest']:.3f} | {r['success_rate_while_learning']:.2f} |")
    print()
    print("| variant | best baseline (minutes) | adaptive (minutes) | adaptive ÷ best baseline | share of the baseline→oracle gap closed | within 0.7× | adaptive no worse than best baseline |")
    print("|---|---|---:|---:|---:|---|---|")
    key = lambda r: r["minutes_to_mastery"]["mean"]
for v in dict.fromkeys(r["variant"] for r in rows):
    by = {r["policy"]: key(r) for r in rows if r["variant"] == v}
    best = min(baselines, key=lambda p: by[p])
    a, b, o = by["adaptive"], by[best], by["oracle"]
    closed = (b - a) / (b - o) if b != o else float("nan")
    if not timed:
        gain = (b - a) / b if b else 0
        print(f"| {v} | {best} ({b:.1f}) | {100*gain:.0f}% | {100*closed:.0f}% | {'yes' if a <= b else 'no'} |")
    else:
        ratio = a / b if b else float("nan")
        print(f"| {v} | {best} ({b:.0f}) | {a:.0f} | {ratio:.2f} | {100*closed:.0f}% | "
              f"{'yes' if a <= 0.7 * b else 'no'} | {'yes' if a <= b else 'no'} |")
PY
