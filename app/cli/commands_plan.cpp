// Study plans: enrol in a curriculum, see today's work and the whole plan, mark other work done.
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/plans.hpp"

#include <cstdio>

namespace rehearse::cli {

namespace {

std::string describe(const todays_activity& t) {
    const plan_activity_view& a = t.activity;
    std::string s = a.kind;
    if (a.ref)
        s += " " + *a.ref;
    else if (t.suggested)
        s += " " + t.suggested->id + " (picked for you)";
    s += " (" + std::to_string(a.minutes) + " min)";
    if (t.backlog) s += " [backlog from day " + std::to_string(a.plan_day + 1) + "]";
    if (!t.fits) s += " [if time allows]";
    return s;
}

std::string percent(double share) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
    return buf;
}

int cmd_plan_start(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    plan_start_options o;
    const auto c = inv.value("curriculum");
    if (!c) throw error(errc::usage, "plan start needs --curriculum ID (see: rehearse curricula)");
    o.curriculum = *c;
    if (const auto d = inv.value("start")) o.start = parse_option("start", [&] { return parse_date(*d, "start"); });
    if (const auto d = inv.value("interview-date"))
        o.interview = parse_option("interview-date", [&] { return parse_date(*d, "interview_date"); });
    if (const auto m = inv.integer("minutes-per-day", min_minutes_per_day, max_minutes_per_day))
        o.minutes_per_day = static_cast<int>(*m);
    const enrolment e = start_plan(ctx, who, o);
    if (inv.global.json)
        inv.print_json(e);
    else
        inv.out << who.name << " follows " << e.curriculum << " from " << format_date(e.start)
                << (e.interview ? " (interview " + format_date(*e.interview) + ")" : "")
                << "\nsee: rehearse plan today\n";
    return 0;
}

int cmd_plan_today(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const todays_plan t = plan_today(ctx, who);
    if (inv.global.json) {
        inv.print_json(t);
        return 0;
    }
    inv.out << t.curriculum << ", " << t.date << '\n';
    if (t.starts) {
        inv.out << "the plan starts on " << *t.starts << '\n';
        return 0;
    }
    for (const auto& d : t.days) inv.out << "week " << d.week << " day " << d.day << ": " << d.title << '\n';
    inv.out << "  - reviews: " << t.reviews_today << " of " << t.reviews_due << " due\n";
    for (const auto& a : t.activities) inv.out << "  [" << (a.activity.done ? "x" : " ") << "] " << describe(a) << '\n';
    inv.out << "adherence " << percent(t.adherence) << ", missed days " << t.missed_days << ", backlog " << t.backlog
            << '\n';
    return 0;
}

int cmd_plan_show(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const plan_overview p = plan_show(ctx, who);
    if (inv.global.json) {
        inv.print_json(p);
        return 0;
    }
    inv.out << p.curriculum << " from " << p.start;
    if (p.interview_date) inv.out << " to the interview on " << *p.interview_date;
    inv.out << '\n';
    for (const auto& w : p.weeks) {
        inv.out << "\nweek " << w.number << ": " << w.title << " (" << w.band_min << "-" << w.band_max << "; "
                << join(w.focus) << ")\n";
        for (const auto& d : w.days)
            inv.out << "  " << d.date << (d.plan_day == p.current_day ? " > " : "   ") << (d.done ? "[x] " : "[ ] ")
                    << d.title << '\n';
    }
    inv.out << "\nadherence " << percent(p.adherence) << ", missed days " << p.missed_days << ", backlog " << p.backlog
            << '\n';
    return 0;
}

int cmd_plan_done(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    plan_done_result r;
    try {
        r = plan_done(ctx, who, inv.args.at(0), inv.value("ref"));
    } catch (const value_error& e) {
        if (e.field() != "kind") throw;
        throw error(e.code(), "plan done takes " + e.expected() + " (" + e.hint() + ")");
    }
    if (!inv.global.json)
        inv.out << "logged " << r.logged << '\n';
    else
        inv.print_json(r);
    return 0;
}

}  // namespace

std::vector<command> plan_commands() {
    return {
        {{"plan", "start"},
         "",
         "follow a curriculum as a study plan",
         {{"curriculum", "ID", "the curriculum (see: rehearse curricula)"},
          {"start", "DATE", "first day, YYYY-MM-DD (default: today)"},
          {"interview-date", "DATE", "compress or stretch the plan to end before this day"},
          {"minutes-per-day", "N", "time available per day"}},
         0,
         0,
         &cmd_plan_start},
        {{"plan", "today"}, "", "what is due today in the plan", {}, 0, 0, &cmd_plan_today},
        {{"plan", "show"}, "", "the whole plan: weeks, days, what is done", {}, 0, 0, &cmd_plan_show},
        {{"plan", "done"},
         "KIND",
         "log work the app cannot see (self-assessment, a review or mock done elsewhere)",
         {{"ref", "ID", "the problem of a mock"}},
         1,
         1,
         &cmd_plan_done},
    };
}

}  // namespace rehearse::cli
