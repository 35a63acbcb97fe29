// Drills in selection: `next --kind drill` follows the weakest dimension and the drills' FSRS memory,
// and `next --minutes N` recommends only what fits (N <= 10: reviews or a drill, never a problem).
#include "scheduler_fixture.hpp"
#include "support/cli_json.hpp"
#include "support/process.hpp"

#include "rehearse/core/drills/drill_practice.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/learner/selection.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace rehearse;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

/// A coach's grades that leave estimation the weakest dimension.
void next_weak_estimation(test::scheduler_fixture& f) {
    attempt_input in({{"estimation", 0.05}, {"requirements", 0.8}, {"api", 0.8}, {"data-model", 0.8}});
    in.source = "coach";
    record_attempt(*f.ctx, f.ana, f.content().require_problem("url-shortener"), in);
}

bool next_mentions(const recommendation& r, const std::string& text) {
    for (const auto& reason : r.reasons)
        if (reason.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("next --kind drill picks a new or due drill of the weakest dimension, with the reasons") {
    test::scheduler_fixture f;
    next_weak_estimation(f);
    const recommendation r = recommend_next(*f.ctx, f.ana, activity_kind::drill);
    CHECK(r.kind == activity_kind::drill);
    const drill* d = f.content().find_drill(r.id);
    REQUIRE(d != nullptr);
    CHECK(d->dimension == "estimation");
    CHECK(r.focus == "estimation");
    CHECK(r.minutes == d->minutes);
    CHECK(next_mentions(r, "estimation is your weakest dimension"));
    CHECK(next_mentions(r, "a drill you have not done yet"));
    json j;
    to_json(j, r);
    CHECK(j["kind"] == "drill");
    CHECK(j["minutes"] == d->minutes);

    // Answered wrong: not again the same day, but back within days and preferred then.
    const drill_practice wrong = practise_drill(*f.ctx, f.ana, r.id, "no idea");
    CHECK_FALSE(wrong.grade.correct);
    CHECK(recommend_next(*f.ctx, f.ana, activity_kind::drill).id != r.id);
    // Two misses in a row on the dimension are named.
    const recommendation second = recommend_next(*f.ctx, f.ana, activity_kind::drill);
    practise_drill(*f.ctx, f.ana, second.id, "no idea either");
    const sys_ms due = wrong.recorded.memory.due;
    CHECK(due - test::scheduler_t0 <= 48h);
    const recommendation back = recommend_next(f.db(), f.content(), f.ana, activity_kind::drill, due + 1h);
    if (f.content().find_drill(back.id)->dimension == "estimation") {
        CHECK(back.id == r.id);
        CHECK(next_mentions(back, "spaced repetition brings it back"));
        CHECK(next_mentions(back, "both estimates were off by more than 2x"));
    }
}

TEST_CASE("next --minutes fits the time: a drill or reviews for 10 minutes or less, never a problem") {
    test::scheduler_fixture f;
    next_weak_estimation(f);
    for (int minutes : {2, 3, 5, 10}) {
        INFO(minutes);
        const recommendation r = recommend_next(*f.ctx, f.ana, std::nullopt, minutes);
        CHECK((r.kind == activity_kind::drill || r.kind == activity_kind::review));
        CHECK(r.minutes <= minutes);
        CHECK(next_mentions(r, "it fits the " + std::to_string(minutes) + " minutes you have"));
    }
    // Half an hour: no 45-minute problem.
    const recommendation half = recommend_next(*f.ctx, f.ana, std::nullopt, 30);
    CHECK(half.kind != activity_kind::problem);
    CHECK(half.minutes <= 30);
    // An hour: problems compete again.
    CHECK_NOTHROW(recommend_next(*f.ctx, f.ana, activity_kind::problem, 60));
    CHECK_THROWS_AS(recommend_next(*f.ctx, f.ana, activity_kind::problem, 20), error);
    CHECK_THROWS_AS(recommend_next(*f.ctx, f.ana, std::nullopt, 1), value_error);
    // Without --minutes the default pick is a review, a lesson or a problem: never a drill.
    CHECK(recommend_next(*f.ctx, f.ana).kind != activity_kind::drill);
}

TEST_CASE("practice is a drill when it gives the weak dimension more per minute than any problem, else a problem") {
    test::scheduler_fixture f;
    next_weak_estimation(f);
    // Estimation is far the weakest and drills practise it: a drill, with the reason, among problems
    // and drills (recommend_practice) and with an hour to spare.
    const recommendation r = recommend_practice(f.db(), f.content(), f.ana, f.ctx->now());
    CHECK(r.kind == activity_kind::drill);
    CHECK(r.focus == "estimation");
    CHECK(next_mentions(r, "a better use of the time than a problem now"));
    const recommendation hour = recommend_practice(f.db(), f.content(), f.ana, f.ctx->now(), 60);
    CHECK(hour.kind == activity_kind::drill);
    // With every drill just done (none new or due) the practice is a problem.
    for (const drill* d : f.content().drills())
        (void)practise_drill(*f.ctx, f.ana, d->id, d->doc.value("model_answer", std::string("")));
    const recommendation after = recommend_practice(f.db(), f.content(), f.ana, f.ctx->now());
    CHECK(after.kind == activity_kind::problem);
    // Nothing fits two minutes once every drill is done: not found, not a problem.
    CHECK_THROWS_AS(recommend_practice(f.db(), f.content(), f.ana, f.ctx->now(), 2), error);
}

TEST_CASE("next --kind drill and --minutes from the command line") {
    test::temp_dir dir;
    const std::string db = dir.file("r.db");
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--db", db, "--learner", "ana", "--now", "2026-01-05T09:00:00Z"});
        return test::run_cli(args);
    };
    REQUIRE(cli({"learner", "add", "ana"}).exit_code == 0);
    const json d = test::ok_json(cli({"next", "--kind", "drill", "--json"}));
    CHECK(d["kind"] == "drill");
    CHECK(d["minutes"].get<int>() <= 10);
    const json listed = test::ok_json(cli({"drills", "--json"}));
    bool found = false;
    for (const auto& x : listed) found = found || x["id"] == d["id"];
    CHECK(found);
    const json drilled = test::ok_json(cli({"drill", "--drill", d["id"], "--answer", "pass", "--json"}));
    CHECK(drilled["drill"] == d["id"]);

    const json short_time = test::ok_json(cli({"next", "--minutes", "5", "--json"}));
    CHECK(short_time["kind"] != "problem");
    CHECK(short_time["minutes"].get<int>() <= 5);
    const auto text = cli({"next", "--kind", "drill"});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("then: rehearse drill") != std::string::npos);
    CHECK(cli({"next", "--minutes", "1"}).exit_code == 2);
    CHECK(cli({"next", "--minutes", "lots"}).exit_code == 2);
    CHECK(cli({"next", "--kind", "nap"}).exit_code == 2);
}

TEST_CASE("a plan fills a short day with drills for the weakest dimensions, counted against its minutes") {
    test::scheduler_fixture f;
    plan_start_options o;
    o.curriculum = "startup-four-week";
    o.start = parse_date("2026-01-05", "start");
    o.minutes_per_day = 40;  // day 1: lessons of 12 and 15 minutes fit, then 13 minutes are left
    start_plan(*f.ctx, f.ana, o);
    const todays_plan today = plan_today(*f.ctx, f.ana);
    int planned = 0, drilled = 0;
    std::set<std::string> dimensions;
    std::vector<std::string> drills;
    for (const auto& a : today.activities) {
        if (a.activity.kind != "drill") {
            if (a.fits && !a.activity.done) planned += a.activity.minutes;
            continue;
        }
        REQUIRE(a.activity.ref);
        const drill* d = f.content().find_drill(*a.activity.ref);
        REQUIRE(d != nullptr);
        CHECK(a.activity.minutes == d->minutes);
        CHECK(a.suggested);
        dimensions.insert(d->dimension);
        drills.push_back(d->id);
        drilled += d->minutes;
    }
    CHECK(planned == 27);
    REQUIRE_FALSE(drills.empty());
    CHECK(drills.size() <= 3);
    CHECK(dimensions.size() == drills.size());  // one per dimension
    CHECK(planned + drilled <= 40);

    // A drill done today counts against the day: what is left shrinks.
    practise_drill(*f.ctx, f.ana, drills.front(), "no idea");
    int drilled_after = 0;
    for (const auto& a : plan_today(*f.ctx, f.ana).activities)
        if (a.activity.kind == "drill") drilled_after += a.activity.minutes;
    CHECK(drilled_after <= 40 - planned - f.content().find_drill(drills.front())->minutes);

    // Without a daily budget the plan is not filled.
    test::scheduler_fixture g;
    plan_start_options unlimited = o;
    unlimited.minutes_per_day.reset();
    start_plan(*g.ctx, g.ana, unlimited);
    for (const auto& a : plan_today(*g.ctx, g.ana).activities) CHECK(a.activity.kind != "drill");
}
