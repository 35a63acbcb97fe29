// Study plans on the calendar: today's day, missed days, backlog, interview compression, and the
// plan week's difficulty band steering selection.
#include "scheduler_fixture.hpp"
#include "support/times.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/lesson_progress.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/learner/selection.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

using namespace rehearse;
using namespace std::chrono_literals;
using nlohmann::json;
using rehearse::test::at;
using rehearse::test::scheduler_fixture;

namespace {
std::unique_ptr<app_context> context_at(scheduler_fixture& f, sys_ms now) {
    context_options o;
    o.db_path = f.db().path();
    o.now = now;
    return std::make_unique<app_context>(o);
}

std::string difficulty_of(const content_registry& c, const std::string& id) { return c.find_problem(id)->difficulty; }
}  // namespace

TEST_CASE("missed days shift the plan and leftovers become backlog spread over the next days") {
    scheduler_fixture f(at("2026-01-05T08:00:00Z"));
    plan_start_options o;
    o.curriculum = "startup-four-week";
    o.start = parse_date("2026-01-05", "start");
    start_plan(*f.ctx, f.ana, o);

    const json day1 = plan_today(*f.ctx, f.ana);
    REQUIRE(day1["days"].size() == 1);
    CHECK(day1["days"][0]["week"] == 1);
    CHECK(day1["days"][0]["day"] == 1);
    CHECK(day1["missed_days"] == 0);
    CHECK(day1["activities"].size() == 4);

    // Day 1: one lesson of four activities; days 2 and 3: nothing.
    take_lesson(f.db(), f.content(), f.ana, "interview-framework", std::string("scale and users"),
                at("2026-01-05T10:00:00Z"));
    auto later = context_at(f, at("2026-01-08T09:00:00Z"));
    const json day4 = plan_today(*later, f.ana);
    CHECK(day4["days"][0]["day"] == 2);  // plan day 2, shifted by the two missed days
    CHECK(day4["missed_days"] == 2);
    CHECK(day4["backlog"] == 3);  // three activities of day 1 left
    int from_backlog = 0;
    for (const auto& a : day4["activities"]) from_backlog += a["backlog"].get<bool>() ? 1 : 0;
    CHECK(from_backlog == 1);  // spread over three days
    CHECK(day4["adherence"].get<double>() == doctest::Approx(0.25));

    const json shown = plan_show(*later, f.ana);
    CHECK(shown["weeks"].size() == 4);
    CHECK(shown["current_day"] == 1);
    CHECK(shown["weeks"][0]["days"][1]["date"] == "2026-01-08");
}

TEST_CASE("an interview date compresses the plan and the selector stays in the week's band") {
    scheduler_fixture f(at("2026-01-05T08:00:00Z"));
    plan_start_options o;
    o.curriculum = "startup-four-week";
    o.start = parse_date("2026-01-05", "start");
    o.interview = parse_date("2026-01-19", "interview-date");  // 14 days for a 28-day plan
    start_plan(*f.ctx, f.ana, o);
    const json today = plan_today(*f.ctx, f.ana);
    CHECK(today["days"].size() == 2);  // two plan days a day
    const json shown = plan_show(*f.ctx, f.ana);
    CHECK(shown["weeks"][3]["days"][6]["date"] == "2026-01-18");  // the last day comes before the interview

    CHECK_THROWS(start_plan(*f.ctx, f.ana, [&] {
        auto bad = o;
        bad.interview = parse_date("2026-01-04", "interview-date");
        return bad;
    }()));

    // Week 1's band is easy-medium: a strong learner would otherwise be sent to hard problems.
    sys_ms now = at("2026-01-05T09:00:00Z");
    for (const problem* p : f.content().problems()) {
        std::map<std::string, double> all_good;
        for (const auto& [dim, w] : p->dimensions) all_good[dim] = 1.0;
        record_attempt(f.db(), f.content(), f.ana, *p, attempt_input(all_good), now);
    }
    for (int i = 0; i < 3; ++i) {
        const auto r = recommend_next(f.db(), f.content(), f.ana, activity_kind::problem, now + 24h * 15 + 1h * i);
        CHECK(r.kind == activity_kind::problem);
    }
    const auto in_week1 = recommend_next(f.db(), f.content(), f.ana, activity_kind::problem, now + 1h);
    CHECK(difficulty_of(f.content(), in_week1.id) != "hard");
    bool mentions_band = false;
    for (const auto& reason : in_week1.reasons) mentions_band |= reason.find("band") != std::string::npos;
    CHECK(mentions_band);
}

TEST_CASE("plan done logs work the app cannot see and refuses what the app logs itself") {
    scheduler_fixture f(at("2026-01-07T08:00:00Z"));
    plan_start_options o;
    o.curriculum = "startup-four-week";
    o.start = parse_date("2026-01-05", "start");
    o.interview = parse_date("2026-01-19", "interview_date");  // two plan days a day: today has week 1's day 5
    start_plan(*f.ctx, f.ana, o);
    try {
        (void)plan_done(*f.ctx, f.ana, "problem", std::nullopt);
        FAIL("a problem was logged by hand");
    } catch (const value_error& e) {
        CHECK(e.field() == "kind");
        CHECK(std::string(e.what()) ==
              "kind must be self-assessment, review or mock, not \"problem\" (lessons and problems are logged as you "
              "do them)");
    }
    const plan_done_result r = plan_done(*f.ctx, f.ana, "self-assessment", std::nullopt);
    CHECK(json(r) == json{{"logged", "self-assessment"}});
    bool logged = false;
    for (const auto& a : plan_today(*f.ctx, f.ana).activities)
        logged = logged || (a.activity.kind == "self-assessment" && a.activity.done);
    CHECK(logged);
}
