// `rehearse simulate`: the simulated-learner benchmark (docs/simulation.md).
#include "cli/cli.hpp"

#include "rehearse/sim/simulate.hpp"

#include <cstdio>

namespace rehearse::cli {

namespace {

int cmd_simulate(invocation& inv) {
    sim::options o;
    if (const auto p = inv.value("policy")) o.policy = *p;
    if (const auto v = inv.value("variant")) o.variant = *v;
    o.learners = static_cast<int>(inv.integer("learners", 1, 100000).value_or(o.learners));
    o.sessions = static_cast<int>(inv.integer("sessions", 1, 10000).value_or(o.sessions));
    o.seed = static_cast<std::uint64_t>(inv.integer("seed", 0, 9007199254740991LL).value_or(1));
    o.session_minutes = static_cast<int>(inv.integer("session-minutes", 10, 600).value_or(0));
    // Only the bundled problems are needed; the adaptive policy's store is in memory, so the
    // learner's own database is never touched.
    const auto r = sim::simulate(inv.context().content(), o);
    if (inv.global.json) {
        inv.print_json(sim::result_json(r));
        return 0;
    }
    char line[768];
    std::snprintf(
        line, sizeof line,
        "policy %s, variant %s: %d learners, %d sessions, seed %llu\n"
        "sessions to mastery: mean %.1f (unfinished counted as %d), median %.1f, unfinished %d (%.0f%% finished)\n"
        "mastery after %d sessions: mean %.3f, weakest %.3f\n"
        "final mastery: mean %.3f, weakest %.3f; learning-curve area %.3f\n"
        "success rate %.3f (%.3f before mastering every dimension)\n"
        "study minutes to mastery: mean %.0f (unfinished counted as %d), median %.0f; %.0f minutes studied, "
        "%.1f problems and %.1f drills per learner\n",
        r.policy.c_str(), r.variant.c_str(), r.learners, r.sessions, static_cast<unsigned long long>(r.seed),
        r.mastery_mean, r.sessions, r.mastery_median, r.unfinished, 100 * r.finished_share, r.checkpoint,
        r.checkpoint_mean, r.checkpoint_weakest, r.final_mean, r.final_weakest, r.auc, r.success_rate,
        r.learning_success_rate, r.minutes_mean, r.horizon_minutes, r.minutes_median, r.study_minutes,
        r.problems_per_learner, r.drills_per_learner);
    inv.out << line;
    return 0;
}

}  // namespace

std::vector<command> simulation_commands() {
    return {
        {{"simulate"},
         "",
         "benchmark a selection policy on simulated learners (docs/simulation.md)",
         {{"policy", "P",
           "adaptive (the product's selector), random, round-robin, syllabus, staircase, oracle, drills-only"},
          {"learners", "N", "simulated learners (default 100)"},
          {"sessions", "K", "sessions per learner (default 60)"},
          {"seed", "S", "seed; the same seed gives the same learners and result (default 1)"},
          {"session-minutes", "M",
           "minutes a session (10-600): problems and drills that fit (default: one problem a session, no drills)"},
          {"variant", "NAME",
           "default, no-forgetting, easy-optimum, hard-optimum, fast-learners, slow-learners, noisy-grading"}},
         0,
         0,
         &cmd_simulate},
    };
}

}  // namespace rehearse::cli
