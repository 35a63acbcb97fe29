// Study plans: enrol in a curriculum, see today's work and the whole plan, mark other work done.
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/plans.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>

namespace rehearse::cli {

namespace {

using nlohmann::json;

std::string describe(const json& a) {
    std::string s = a["kind"].get<std::string>();
    if (!a["ref"].is_null()) s += " " + a["ref"].get<std::string>();
    else if (a.contains("suggested")) s += " " + a["suggested"]["id"].get<std::string>() + " (picked for you)";
    s += " (" + std::to_string(a["minutes"].get<int>()) + " min)";
    if (a.value("backlog", false)) s += " [backlog from day " + std::to_string(a["plan_day"].get<int>() + 1) + "]";
    if (!a.value("fits", true)) s += " [if time allows]";
    return s;
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
    json out{{"curriculum", e.curriculum}, {"start", format_date(e.start)}};
    out["interview_date"] = e.interview ? json(format_date(*e.interview)) : json(nullptr);
    out["minutes_per_day"] = e.minutes_per_day ? json(*e.minutes_per_day) : json(nullptr);
    if (inv.global.json) inv.print_json(out);
    else inv.out << who.name << " follows " << e.curriculum << " from " << format_date(e.start)
                 << (e.interview ? " (interview " + format_date(*e.interview) + ")" : "") << "\nsee: rehearse plan today\n";
    return 0;
}

int cmd_plan_today(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const json t = plan_today_json(ctx, who);
    if (inv.global.json) {
        inv.print_json(t);
        return 0;
    }
    inv.out << t["curriculum"].get<std::string>() << ", " << t["date"].get<std::string>() << '\n';
    if (t.contains("starts")) {
        inv.out << "the plan starts on " << t["starts"].get<std::string>() << '\n';
        return 0;
    }
    for (const auto& d : t["days"])
        inv.out << "week " << d["week"] << " day " << d["day"] << ": " << d["title"].get<std::string>() << '\n';
    inv.out << "  - reviews: " << t["reviews_today"] << " of " << t["reviews_due"] << " due\n";
    for (const auto& a : t["activities"]) inv.out << "  [" << (a["done"].get<bool>() ? "x" : " ") << "] " << describe(a) << '\n';
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f%%", t["adherence"].get<double>() * 100);
    inv.out << "adherence " << buf << ", missed days " << t["missed_days"] << ", backlog " << t["backlog"] << '\n';
    return 0;
}

int cmd_plan_show(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const json p = plan_show_json(ctx, who);
    if (inv.global.json) {
        inv.print_json(p);
        return 0;
    }
    inv.out << p["curriculum"].get<std::string>() << " from " << p["start"].get<std::string>();
    if (!p["interview_date"].is_null()) inv.out << " to the interview on " << p["interview_date"].get<std::string>();
    inv.out << '\n';
    for (const auto& w : p["weeks"]) {
        inv.out << "\nweek " << w["number"] << ": " << w["title"].get<std::string>() << " (" << w["band"].value("min", "")
                << "-" << w["band"].value("max", "") << "; " << join(w["focus"]) << ")\n";
        for (const auto& d : w["days"]) {
            inv.out << "  " << d["date"].get<std::string>() << (d["plan_day"] == p["current_day"] ? " > " : "   ")
                    << (d["done"].get<bool>() ? "[x] " : "[ ] ") << d["title"].get<std::string>() << '\n';
        }
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f%%", p["adherence"].get<double>() * 100);
    inv.out << "\nadherence " << buf << ", missed days " << p["missed_days"] << ", backlog " << p["backlog"] << '\n';
    return 0;
}

int cmd_plan_done(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const std::string kind = inv.args.at(0);
    if (kind != "self-assessment" && kind != "review" && kind != "mock")
        throw error(errc::usage, "plan done takes self-assessment, review or mock (lessons and problems are logged as you do them)");
    ctx.db().transaction([&](SQLite::Database& db) {
        log_plan_activity(db, ctx.content(), who.id, kind, inv.value("ref"), ctx.now());
    });
    if (!inv.global.json) inv.out << "logged " << kind << '\n';
    else inv.print_json({{"logged", kind}});
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
