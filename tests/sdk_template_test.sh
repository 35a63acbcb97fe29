#!/usr/bin/env bash
# Builds sdk/template out of tree against an installed SDK, exactly as a coach would, and loads the
# result through the real CLI.
#   sdk_template_test.sh BUILD_DIR SOURCE_DIR REHEARSE_CLI
set -euo pipefail
build_dir=$1 source_dir=$2 cli=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" --component sdk > "$work/install.log"
# The schema references come with the SDK.
for doc in content-v1.md evaluate-v1.md; do
    test -f "$work/prefix/share/rehearse/sdk-schema/$doc" || { echo "FAIL: sdk/schema/$doc is not installed"; exit 1; }
done
# The header-only text helpers and dimension ids are installed and compile on their own as C++17,
# warning-free.
cat > "$work/text_check.cpp" <<'EOF'
#include <rehearse/sdk/dimensions.hpp>
#include <rehearse/sdk/text.hpp>
static_assert(rehearse::sdk::is_dimension("data-model") && !rehearse::sdk::is_dimension("vibes"));
static_assert(rehearse::sdk::all_dimensions.size() == 8 && rehearse::sdk::all_difficulties.size() == 3);
int main() {
    const std::string s = rehearse::sdk::text::lower("We leave out sharding, Cassandra and Kafka.");
    const auto at = rehearse::sdk::text::find_word(s, "kafka");
    return at != std::string::npos && rehearse::sdk::text::negated(s, at, 5) ? 0 : 1;
}
EOF
"${CXX:-c++}" -std=c++17 -Wall -Wextra -Wpedantic -Werror -I"$work/prefix/include" "$work/text_check.cpp" \
    -o "$work/text_check"
"$work/text_check" || { echo "FAIL: the installed rehearse/sdk/text.hpp does not read negation"; exit 1; }

cp -r "$source_dir/sdk/template" "$work/my-plugin"
cmake -S "$work/my-plugin" -B "$work/my-plugin/build" -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/my-plugin/build" -j 2 > "$work/build.log"

plugin="$work/my-plugin/build/my-pack.so"
test -f "$plugin" || { echo "FAIL: the template did not produce $plugin"; exit 1; }
# Only the entry point is exported.
exported=$(nm -D --defined-only "$plugin" | awk '$2 == "T" {print $3}' | sort | tr '\n' ' ')
[ "$exported" = "rehearse_plugin_entry_v1 " ] || { echo "FAIL: unexpected exports: $exported"; exit 1; }

"$cli" plugins check "$plugin"
"$cli" --plugins "$work/my-plugin/build" problems --json > "$work/problems.json"
grep -q '"my-pack-guestbook"' "$work/problems.json" || { echo "FAIL: the template's problem is not listed"; exit 1; }
"$cli" --plugins "$work/my-plugin/build" plugins --json | grep -q '"my-pack"' || { echo "FAIL: plugin not listed"; exit 1; }

# The template's evaluator grades through the real CLI: a thin answer gets its finding and a lower
# score; a full answer gets neither. An evaluator that ignored the answer would fail here.
cat > "$work/thin.md" <<'EOF'
# Guestbook

## Requirements
Visitors post messages.

## Architecture
An app in front of PostgreSQL.
EOF
cat > "$work/full.md" <<'EOF'
# Guestbook

## Requirements
Visitors leave short messages on a page and read the newest ones first. The owner hides spam and
abusive messages. A few hundred messages a day, read far more often than written, so one small
deployment is plenty.

## Architecture
One stateless web application behind a load balancer serves the page and the API. It reads and
writes a single PostgreSQL database. There is no cache and no queue: the load is tiny and every
request is a single indexed query.

## Data model
One table holds every message; the owner hides a message instead of deleting it, so moderation
can be undone.

```sql
CREATE TABLE messages (id BIGSERIAL PRIMARY KEY, author VARCHAR(80) NOT NULL,
  body VARCHAR(2000) NOT NULL, hidden BOOLEAN NOT NULL DEFAULT FALSE, created_at TIMESTAMPTZ NOT NULL);
CREATE INDEX messages_recent ON messages (created_at, id);
```

## API
- POST /api/v1/messages creates a message and returns 201 with its id.
- GET /api/v1/messages?cursor=... returns 200 with a page of visible messages, newest first.
- PATCH /api/v1/messages/{id} lets the owner hide or show a message and returns 200.
EOF
grade() {
    "$cli" --plugins "$work/my-plugin/build" --db "$work/rehearse.db" \
        evaluate --problem my-pack-guestbook --answer "$1" --json "${@:2}"
}
grade "$work/thin.md" > "$work/thin.json"
grade "$work/full.md" > "$work/full.json" 2> "$work/full.err"
python3 -c '
import json, sys
thin, full = (json.load(open(path)) for path in sys.argv[1:3])
ids = lambda result: [f["id"] for f in result["findings"]]
checks = [
    ("my-pack/thin-sections" in ids(thin), "the thin answer lacks the finding my-pack/thin-sections"),
    ("my-pack/thin-sections" not in ids(full), "the full answer got the finding my-pack/thin-sections"),
    (full["scores"]["communication"] > thin["scores"]["communication"],
     "communication: full %s is not above thin %s" % (full["scores"]["communication"], thin["scores"]["communication"])),
    (full["overall"] > thin["overall"], "overall: full %s is not above thin %s" % (full["overall"], thin["overall"])),
]
failed = [why for ok, why in checks if not ok]
for why in failed:
    print("FAIL: " + why)
sys.exit(1 if failed else 0)
' "$work/thin.json" "$work/full.json"

# The evaluator's info line reaches stderr with --verbose only; stdout stays one JSON document.
if grep -q "plugin my-pack" "$work/full.err"; then echo "FAIL: an info message shown without --verbose"; exit 1; fi
grade "$work/full.md" --verbose > "$work/verbose.json" 2> "$work/verbose.err"
grep -q "^rehearse: plugin my-pack: info: 4 of 4 expected sections have substance$" "$work/verbose.err" ||
    { echo "FAIL: --verbose does not show the evaluator's log line:"; cat "$work/verbose.err"; exit 1; }
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/verbose.json" ||
    { echo "FAIL: with --verbose, stdout is not one JSON document"; exit 1; }
echo "sdk template: built out of tree, loaded, graded a thin and a full answer, and logged"
