// `rehearse srs replay`: the FSRS-6 scheduler over a stream of review events (docs/cli.md, srs replay).
#include "cli/cli.hpp"
#include "cli/srs_options.hpp"

#include "rehearse/core/learner/srs_replay.hpp"

namespace rehearse::cli {

namespace {

int cmd_srs_replay(invocation& inv) {
    std::vector<std::string> options;
    for (const auto name : srs_option_names())
        if (const auto v = inv.value(name.substr(2))) {  // the table's names carry no "--"
            options.emplace_back(name);
            options.push_back(*v);
        }
    // docs/cli.md (srs replay): a wrong parameter count (and any bad option value) fails the
    // replay, exit 1;
    // srs_option_error is an invalid_input error, which the CLI maps to exit 1.
    const fsrs::parameters params = parse_srs_options(options);
    return srs_replay(inv.in, inv.out, inv.err, params) == 0 ? 0 : 1;
}

}  // namespace

std::vector<command> srs_commands() {
    return {
        {{"srs", "replay"},
         "",
         "replay review events (JSON lines on stdin) through FSRS-6 and print the memory state after each",
         {{"retention", "R", "desired retention, 0 < R <= 1 (default 0.9)"},
          {"params", "w0,...,w20", "the 21 FSRS-6 weights (default: FSRS-6 defaults)"},
          {"short-term", "on|off", "same-day (short-term) scheduling (default on)"},
          {"learning-steps", "1m,10m", "learning steps (default 1m,10m)"},
          {"relearning-steps", "10m", "relearning steps (default 10m)"},
          {"maximum-interval", "DAYS", "longest interval in days (default 36500)"}},
         0,
         0,
         &cmd_srs_replay},
    };
}

}  // namespace rehearse::cli
