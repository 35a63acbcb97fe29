// Drills over HTTP against the real server: the list and one drill, an answer graded and recorded,
// and the next recommendation for the time the learner has (the same use cases as `rehearse drills`,
// `show drill`, `drill` and `next --minutes`).
#include "support/http_client.hpp"
#include "support/server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using nlohmann::json;
using rehearse::test::server_process;
using namespace rehearse::test::http;

TEST_CASE("http drills: list, one drill, an attempt graded and recorded, next for the minutes at hand") {
    server_process s;
    const json easy = ok(get(s.port(), "/api/v1/drills?dimension=estimation&difficulty=easy&limit=100"));
    REQUIRE(!easy["items"].empty());
    for (const auto& d : easy["items"]) {
        CHECK(d["dimension"] == "estimation");
        CHECK(d["difficulty"] == "easy");
    }
    const json drill = ok(get(s.port(), "/api/v1/drills/est-tweets-per-second"));
    CHECK(drill["kind"] == "estimate");
    CHECK(drill["prompt"].is_string());
    check_problem(get(s.port(), "/api/v1/drills/no-such-drill"), 404);
    check_problem(get(s.port(), "/api/v1/drills?kind=essay"), 400);

    ok(post(s.port(), "/api/v1/learners", json{{"name", "dee"}}), 201);
    const json right = ok(post(s.port(), "/api/v1/learners/dee/drill-attempts",
                               json{{"drill", "est-tweets-per-second"}, {"answer", "about 1,200 tweets per second"}}),
                          201);
    CHECK(right["drill"] == "est-tweets-per-second");
    CHECK(right["correct"] == true);
    CHECK(right["model_answer"].is_string());
    const json wrong = ok(post(s.port(), "/api/v1/learners/dee/drill-attempts",
                               json{{"drill", "est-tweets-per-second"}, {"answer", "roughly 90 per second"}}),
                          201);
    CHECK(wrong["correct"] == false);
    check_problem(
        post(s.port(), "/api/v1/learners/dee/drill-attempts", json{{"drill", "no-such-drill"}, {"answer", "1"}}), 404);
    check_problem(post(s.port(), "/api/v1/learners/dee/drill-attempts", json{{"drill", "est-tweets-per-second"}}), 400);

    // Ten minutes fit reviews or a drill, never a problem.
    const json next = ok(get(s.port(), "/api/v1/learners/dee/next?minutes=10"));
    CHECK(next["kind"] != "problem");
    check_problem(get(s.port(), "/api/v1/learners/dee/next?minutes=1"), 400);
}
