#!/usr/bin/env bash
# The HTTP server under wrk on a large database: 10,000 learners with 1,000,000 review events between
# them (100 each, over 20 flashcards each), GET .../next and POST .../reviews at 50 and 200 keep-alive
# connections; requests/s, p99 latency and errors per run (README, Measured).
#   bench/http.sh [BUILD_DIR] [SECONDS_PER_RUN]
# Needs wrk (installed here from Debian when missing) and python3 (its sqlite3 module seeds the
# database directly: going through the API would take longer than the benchmark itself).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-15}
rehearse="$build/bin/rehearse"
[ -x "$rehearse" ] || { echo "bench/http.sh: build first (scripts/build.sh $build)" >&2; exit 1; }
if ! command -v wrk > /dev/null 2>&1; then
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y -qq wrk > /dev/null
fi

work=$(mktemp -d /tmp/rehearse-bench-http.XXXXXX)
trap 'kill "$server" 2> /dev/null || true; rm -rf "$work"' EXIT
db="$work/bench.db"

# The schema and the card ids come from rehearse itself.
"$rehearse" --db "$db" learner add seed > /dev/null
"$rehearse" --db "$db" lessons --json > "$work/lessons.json"
for id in $(python3 -c 'import json,sys; print(" ".join(l["id"] for l in json.load(open(sys.argv[1]))))' "$work/lessons.json"); do
  "$rehearse" --db "$db" show lesson "$id" --json
done | python3 -c '
import json, sys
dec = json.JSONDecoder(); text = sys.stdin.read(); i = 0; ids = []
while i < len(text):
    while i < len(text) and text[i].isspace(): i += 1
    if i >= len(text): break
    doc, i = dec.raw_decode(text, i)
    ids += [doc["pack"] + "/" + doc["id"] + "/" + c["id"] for c in doc["cards"]]
print("\n".join(ids))' > "$work/cards.txt"

python3 - "$db" "$work/cards.txt" <<'PY'
import random, sqlite3, sys
from datetime import datetime, timedelta, timezone
db = sqlite3.connect(sys.argv[1])
cards = open(sys.argv[2]).read().split()
rng = random.Random(7)
start = datetime(2026, 6, 1, tzinfo=timezone.utc)
iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
with db:
    db.executemany("INSERT INTO learners(name, created_at) VALUES (?, ?)",
                   ((f"l{n:05d}", iso(start)) for n in range(10000)))
    ids = [r[0] for r in db.execute("SELECT id FROM learners WHERE name LIKE 'l%'")]
    # Every learner has taken the first four lessons, whose 20 cards they review (cards.txt is cut
    # to them below, so the POST benchmark grades cards the learner has).
    mine = cards[:20]
    lessons = sorted({c.rsplit("/", 1)[0].split("/", 1)[1] for c in mine})
    db.executemany("INSERT INTO lesson_progress(learner_id, lesson_id, status, check_score, cards_introduced, started_at, "
                   "updated_at) VALUES (?, ?, 'completed', 1.0, 5, ?, ?)",
                   ((lid, l, iso(start), iso(start)) for lid in ids for l in lessons))
    card_rows, review_rows = [], []
    for lid in ids:
        for c in mine:
            due = start + timedelta(days=rng.randint(150, 200))
            card_rows.append((lid, c, "review", rng.uniform(1, 60), rng.uniform(3, 8), iso(due), iso(start), 5, iso(start)))
        t = start
        for k in range(100):
            t += timedelta(hours=rng.randint(1, 30))
            review_rows.append((lid, mine[k % 20], rng.randint(1, 4), iso(t), "review", 10.0, 5.0, 0.9, 10, iso(t + timedelta(days=10))))
    db.executemany("INSERT INTO cards(learner_id, card_id, state, stability, difficulty, due, last_review, reps, introduced_at) "
                   "VALUES (?,?,?,?,?,?,?,?,?)", card_rows)
    db.executemany("INSERT INTO review_log(learner_id, card_id, rating, reviewed_at, state_before, stability, difficulty, "
                   "retrievability, interval_days, due) VALUES (?,?,?,?,?,?,?,?,?,?)", review_rows)
open(sys.argv[2], "w").write("\n".join(mine) + "\n")
print(f"seeded {len(ids)} learners, {len(card_rows)} cards, {len(review_rows)} review events")
PY

"$rehearse" --db "$db" serve --port 0 > "$work/serve.out" 2> "$work/requests.log" &
server=$!
for _ in $(seq 1 200); do grep -q 'serving on' "$work/serve.out" && break; sleep 0.1; done
url=$(grep -o 'http://[^/]*/' "$work/serve.out")

# Each request picks a random learner; reviews grade a random card of the bundled lessons.
cat > "$work/next.lua" <<'LUA'
math.randomseed(os.time())
request = function() return wrk.format("GET", string.format("/api/v1/learners/l%05d/next", math.random(0, 9999))) end
LUA
{ echo 'cards = {'; sed 's/.*/"&",/' "$work/cards.txt"; echo '}'; cat <<'LUA'
math.randomseed(os.time())
request = function()
  local body = string.format('{"card":"%s","rating":%d}', cards[math.random(#cards)], math.random(1, 4))
  return wrk.format("POST", string.format("/api/v1/learners/l%05d/reviews", math.random(0, 9999)),
                    {["Content-Type"] = "application/json"}, body)
end
LUA
} > "$work/reviews.lua"

echo "| request | connections | requests/s | p99 | errors |"
echo "|---|---|---|---|---|"
for c in 50 200; do
  for what in next reviews; do
    out=$(wrk -t2 -c"$c" -d"${seconds}s" --latency -s "$work/$what.lua" "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    socket=$(awk '/Socket errors/ {print $0}' <<< "$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$out")
    label=$([ "$what" = next ] && echo 'GET .../next' || echo 'POST .../reviews')
    echo "| $label | $c | $rps | $p99 | ${socket:-0 socket errors}; ${non2xx:-0} non-2xx |"
  done
done
# What the non-2xx answers were, from the request log.
echo
echo "answers by status:"
awk '$1 == "request" {print $5}' "$work/requests.log" | sort | uniq -c
grep -m3 ' 400 ' "$work/requests.log" || true
