// Recording attempts and choosing what comes next, against a real SQLite file and the bundled packs.
#include "scheduler_fixture.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/content_schema.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/progress.hpp"
#include "rehearse/core/learner/selection.hpp"

#include "cli/options.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <chrono>
#include <set>

using namespace rehearse;
using namespace std::chrono_literals;
using nlohmann::json;
using rehearse::test::scheduler_fixture;
using rehearse::test::scheduler_t0;

namespace {

std::int64_t rows(store& s, const std::string& table) {
    std::int64_t n = 0;
    s.with_db([&](SQLite::Database& db) { n = db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64(); });
    return n;
}

/// A coach's scores, the input of `rehearse attempt --scores`.
attempt_input coach(std::map<std::string, double> scores) { return attempt_input(std::move(scores)); }

/// Records the way the fronts do: the problem looked up once, then the attempt.
attempt_result record(scheduler_fixture& f, const std::string& problem, const attempt_input& in) {
    return record_attempt(*f.ctx, f.ana, f.content().require_problem(problem), in);
}

/// An evaluation with one finding, as grading would hand it to record_attempt.
evaluation_result one_finding() {
    finding no_limit;
    no_limit.id = "no-pagination";
    no_limit.dimension = "api";
    no_limit.severity = "minor";
    no_limit.message = "GET /urls has no limit";
    evaluation_result e;
    e.findings.push_back(no_limit);
    return e;
}

/// A registry with the bundled problems and lessons copied, `retire` ones marked retired.
std::unique_ptr<content_registry> copy_with_retired(const content_registry& from, const std::set<std::string>& retire) {
    auto reg = std::make_unique<content_registry>();
    json doc{{"schema", std::string(content_schema_1_1_id)}, {"problems", json::array()}, {"lessons", json::array()}};
    for (const problem* p : from.problems()) {
        json d = p->doc;
        if (retire.count(p->id)) d["retired"] = true;
        doc["problems"].push_back(d);
    }
    for (const lesson* l : from.lessons()) {
        json d = l->doc;
        if (retire.count(l->id)) d["retired"] = true;
        doc["lessons"].push_back(d);
    }
    content_registry::batch b("copy");
    const auto violations = b.add_content(doc);
    REQUIRE(violations.empty());
    reg->commit(std::move(b));
    return reg;
}

}  // namespace

TEST_CASE("record_attempt stores the attempt, scores, findings and mastery history in one go") {
    scheduler_fixture f;
    attempt_input in = coach({{"data-model", 0.9}, {"api", 0.2}});
    in.source = "answer";
    const evaluation_result evaluation = one_finding();
    in.evaluation = &evaluation;
    const attempt_result r = record(f, "url-shortener-startup", in);
    CHECK(r.attempt_id > 0);
    CHECK(r.problem == "url-shortener-startup");
    CHECK(r.predicted_success > 0.5);  // an easy problem for a newcomer
    REQUIRE(r.mastery.size() == 2);
    for (const auto& c : r.mastery) {
        if (c.dimension == "data-model") CHECK(c.after > c.before);
        if (c.dimension == "api") CHECK(c.after < c.before);
    }
    // Overall is the rubric-weighted mean of the given scores: (0.25·0.9 + 0.2·0.2) / 0.45.
    CHECK(r.overall == doctest::Approx(100 * (0.25 * 0.9 + 0.2 * 0.2) / 0.45));
    CHECK(rows(f.db(), "attempts") == 1);
    CHECK(rows(f.db(), "attempt_scores") == 2);
    CHECK(rows(f.db(), "attempt_findings") == 1);
    CHECK(rows(f.db(), "mastery") == 2);
    CHECK(rows(f.db(), "mastery_history") == 2);
    CHECK(rows(f.db(), "learner_problem_stats") == 1);

    const json j = r;
    CHECK(j["attempt_id"] == r.attempt_id);
    CHECK(j["mastery"]["data-model"]["after"].get<double>() > j["mastery"]["data-model"]["before"].get<double>());
}

TEST_CASE("a failing attempt leaves nothing behind") {
    scheduler_fixture f;
    CHECK_THROWS_AS(record(f, "no-such-problem", coach({{"api", 0.5}})), error);
    CHECK_THROWS_AS(record(f, "url-shortener", coach({{"api", 1.5}})), error);
    CHECK_THROWS_AS(record(f, "url-shortener", coach({{"speed", 0.5}})), error);
    CHECK_THROWS_AS(record(f, "url-shortener", coach({})), error);

    // The attempt, its scores, its finding, the problem stats and the mastery rows are written before
    // the store refuses the last row (a trigger stands in for a failing disk): the transaction must
    // roll them all back.
    f.db().with_db([](SQLite::Database& db) {
        db.exec("CREATE TRIGGER refuse BEFORE INSERT ON mastery_history BEGIN SELECT RAISE(ABORT, 'refused'); END");
    });
    attempt_input in = coach({{"api", 0.5}, {"scaling", 0.4}});
    const evaluation_result evaluation = one_finding();
    in.evaluation = &evaluation;
    try {
        record(f, "url-shortener", in);
        FAIL("expected an error");
    } catch (const error& e) {
        CHECK(e.code() == errc::store);
    }
    for (const char* table :
         {"attempts", "attempt_scores", "attempt_findings", "mastery", "mastery_history", "learner_problem_stats"})
        CHECK_MESSAGE(rows(f.db(), table) == 0, table);
}

TEST_CASE("the CLI's --scores accepts DIM=S lists and rejects the rest as usage errors") {
    using rehearse::cli::parse_scores;
    const auto s = parse_scores("data-model=0.6, api=1");
    CHECK(s.at("data-model") == doctest::Approx(0.6));
    CHECK(s.at("api") == doctest::Approx(1.0));
    for (const char* bad :
         {"", "api", "api=", "api=x", "api=1.2", "api=-0.1", "speed=0.5", "api=0.5,api=0.6", "api=0.5,"}) {
        try {
            (void)parse_scores(bad);
            FAIL("accepted: " << bad);
        } catch (const error& e) {
            CHECK(e.code() == errc::usage);
        }
    }
}

TEST_CASE("next is deterministic for a given clock and state, and explains itself with numbers") {
    scheduler_fixture f;
    record(f, "url-shortener-startup", coach({{"data-model", 0.2}, {"api", 0.8}, {"requirements", 0.7}}));
    const json a = recommend_next(*f.ctx, f.ana);
    const json b = recommend_next(*f.ctx, f.ana);
    CHECK(a == b);
    for (const char* key : {"kind", "id", "title", "reasons", "predicted_success", "due_reviews"})
        CHECK(a.contains(key));

    // The same history in another database gives the same pick.
    scheduler_fixture g;
    record(g, "url-shortener-startup", coach({{"data-model", 0.2}, {"api", 0.8}, {"requirements", 0.7}}));
    CHECK(json(recommend_next(*g.ctx, g.ana)) == a);

    const recommendation p = recommend_next(*f.ctx, f.ana, activity_kind::problem);
    CHECK(p.kind == activity_kind::problem);
    CHECK(f.content().find_problem(p.id) != nullptr);
    CHECK(p.predicted_success > 0);
    CHECK(p.predicted_success < 1);
    REQUIRE(!p.reasons.empty());
    // "data-model is your weakest dimension (0.30); this problem puts 25% of its weight there; predicted success 0.55"
    CHECK(p.reasons[0].find(p.focus) == 0);
    CHECK(p.reasons[0].find("weakest") != std::string::npos);
    CHECK(p.reasons[0].find("% of its weight") != std::string::npos);
    CHECK(p.reasons[0].find("predicted success 0.") != std::string::npos);
    CHECK(p.id != "url-shortener-startup");  // just attempted: spaced out

    const recommendation l = recommend_next(*f.ctx, f.ana, activity_kind::lesson);
    CHECK(l.kind == activity_kind::lesson);
    const lesson* les = f.content().find_lesson(l.id);
    REQUIRE(les != nullptr);
    CHECK(les->prerequisites.empty());  // nothing completed yet: only lessons without prerequisites qualify

    try {
        (void)recommend_next(*f.ctx, f.ana, activity_kind::review);
        FAIL("no card can be due before any lesson");
    } catch (const error& e) {
        CHECK(e.code() == errc::not_found);
    }
}

TEST_CASE("the success target closes the loop on realised success") {
    CHECK(success_target(std::nullopt, 0) == doctest::Approx(0.75));
    CHECK(success_target(0.4, 2) == doctest::Approx(0.75));  // too few attempts to react
    CHECK(success_target(0.55, 8) > 0.8);                    // struggling: easier problems
    CHECK(success_target(0.95, 8) < 0.7);                    // cruising: harder problems
    CHECK(success_target(0.75, 8) == doctest::Approx(0.75));
    CHECK(success_target(0.0, 8) <= 0.88);
}

TEST_CASE("following the recommendations interleaves dimensions and never picks retired problems") {
    scheduler_fixture f;
    // Retire the problem a newcomer would be offered first, and a few more.
    const std::string first = recommend_next(*f.ctx, f.ana, activity_kind::problem).id;
    const std::set<std::string> retired{first, "document-management", "news-feed"};
    const auto reg = copy_with_retired(f.content(), retired);

    sys_ms now = scheduler_t0;
    std::vector<std::string> focuses;
    for (int i = 0; i < 24; ++i) {
        const recommendation r = recommend_next(f.db(), *reg, f.ana, activity_kind::problem, now);
        CHECK_MESSAGE(retired.count(r.id) == 0, r.id);
        const problem* p = reg->find_problem(r.id);
        REQUIRE(p != nullptr);
        // A learner who is good at everything except data-model.
        std::map<std::string, double> scores;
        for (const auto& [dim, w] : p->dimensions) scores[dim] = dim == "data-model" ? 0.3 : 0.85;
        const attempt_result a = record_attempt(f.db(), *reg, f.ana, *p, coach(scores), now);
        CHECK(a.focus == r.focus);
        focuses.push_back(r.focus);
        now += 20h;
    }
    for (std::size_t i = 4; i < focuses.size(); ++i)
        CHECK_MESSAGE(!(focuses[i] == focuses[i - 1] && focuses[i] == focuses[i - 2]),
                      "attempt " << i << ": " << focuses[i]);
    // The weak dimension still gets most of the attention.
    CHECK(std::count(focuses.begin(), focuses.end(), "data-model") >= 6);

    // Retired lessons are never offered either.
    const auto lessons_retired = copy_with_retired(f.content(), {"interview-framework"});
    for (int i = 0; i < 3; ++i)
        CHECK(recommend_next(f.db(), *lessons_retired, f.ana, activity_kind::lesson, now + 1h * i).id !=
              "interview-framework");
}

TEST_CASE("progress has the documented shape and the weakest dimensions first") {
    scheduler_fixture f;
    record(f, "url-shortener", coach({{"scaling", 0.1}, {"api", 0.9}}));
    const json p = learner_progress(*f.ctx, f.ana);
    CHECK(p["learner"] == "ana");
    REQUIRE(p["dimensions"].size() == 8);
    for (const auto& [dim, d] : p["dimensions"].items()) {
        CHECK(d["mastery"].get<double>() >= 0);
        CHECK(d["mastery"].get<double>() <= 1);
        CHECK(d["attempts"].is_number_integer());
        CHECK(d["trend"].is_array());
    }
    CHECK(p["dimensions"]["scaling"]["attempts"] == 1);
    CHECK(p["dimensions"]["estimation"]["attempts"] == 0);
    REQUIRE(p["dimensions"]["scaling"]["trend"].size() == 1);
    CHECK(p["dimensions"]["scaling"]["trend"][0]["at"] == "2026-01-05T09:00:00.000Z");
    CHECK(p["weakest"][0] == "scaling");
    CHECK(p["dimensions"]["api"]["mastery"].get<double>() > p["dimensions"]["estimation"]["mastery"].get<double>());

    // Time away: mastery shown later is lower, history unchanged.
    const json later = learner_progress(f.db(), f.ana, scheduler_t0 + 24h * 120);
    CHECK(later["dimensions"]["api"]["mastery"].get<double>() < p["dimensions"]["api"]["mastery"].get<double>());
    CHECK(later["dimensions"]["api"]["trend"] == p["dimensions"]["api"]["trend"]);
}
