// Option values the CLI parses itself, and core's value errors reworded for the option they came
// from. Plain functions over core (no invocation, no terminal), so the tests link them directly.
#pragma once

#include "rehearse/core/base/error.hpp"

#include <map>
#include <string>
#include <string_view>

namespace rehearse::cli {

/// Rewords a core value_error for the option its value came from: `--OPTION takes EXPECTED, not
/// "VALUE"`, a usage error.
[[noreturn]] void throw_for_option(const value_error& e, std::string_view option);

/// Runs `parse` (a core call that reads one option's value) and rewords its value_error for `option`.
template <class F>
auto parse_option(std::string_view option, F&& parse) -> decltype(parse()) {
    try {
        return parse();
    } catch (const value_error& e) {
        throw_for_option(e, option);
    }
}

/// `--scores DIM=S,DIM=S`: scores from 0 to 1 on known dimensions, each once; error(usage) naming
/// --scores otherwise.
std::map<std::string, double> parse_scores(std::string_view text);

}  // namespace rehearse::cli
