#!/usr/bin/env bash
# Builds sdk/template out of tree against an installed SDK, exactly as a coach would, and loads the
# result through the real CLI.
#   sdk_template_test.sh BUILD_DIR SOURCE_DIR REHEARSE_CLI
set -euo pipefail
build_dir=$1 source_dir=$2 cli=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" --component sdk > "$work/install.log"
# The header-only text helpers are installed and compile on their own as C++17, warning-free.
cat > "$work/text_check.cpp" <<'EOF'
#include <rehearse/sdk/text.hpp>
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
echo "sdk template: built out of tree and loaded"
