// The scheduler's commands end to end: the real executable, a temp database, a fixed clock.
#include "support/cli_json.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;

TEST_CASE("attempt, next, progress, lesson and review from the command line") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    auto cli = [&](std::vector<std::string> args, const std::string& input = "") {
        args.insert(args.end(), {"--db", db, "--learner", "ana", "--now", "2026-01-05T09:00:00Z"});
        return run_cli(args, input);
    };
    REQUIRE(cli({"learner", "add", "ana"}).exit_code == 0);

    const json a =
        ok_json(cli({"attempt", "--problem", "url-shortener", "--scores", "data-model=0.3,api=0.9", "--json"}));
    CHECK(a["attempt_id"].is_number_integer());
    CHECK(a["problem"] == "url-shortener");
    CHECK(a["scores"]["api"] == 0.9);
    CHECK(a["mastery"]["data-model"]["after"].get<double>() < a["mastery"]["data-model"]["before"].get<double>());

    CHECK(cli({"attempt", "--problem", "no-such", "--scores", "api=0.5"}).exit_code == 1);
    CHECK(cli({"attempt", "--problem", "url-shortener", "--scores", "api=2"}).exit_code == 2);
    CHECK(cli({"attempt", "--problem", "url-shortener", "--scores", "speed=0.2"}).exit_code == 2);
    CHECK(cli({"attempt", "--problem", "url-shortener", "--scores", "api"}).exit_code == 2);
    CHECK(cli({"attempt", "--problem", "url-shortener"}).exit_code == 2);
    CHECK(cli({"next", "--kind", "everything"}).exit_code == 2);

    const json n = ok_json(cli({"next", "--json"}));
    for (const char* key : {"kind", "id", "title", "reasons", "predicted_success", "due_reviews"})
        CHECK(n.contains(key));
    CHECK(n == ok_json(cli({"next", "--json"})));  // same clock, same state, same answer
    const json np = ok_json(cli({"next", "--kind", "problem", "--json"}));
    CHECK(np["kind"] == "problem");
    CHECK(np["id"] != "url-shortener");

    const json p = ok_json(cli({"progress", "--json"}));
    CHECK(p["learner"] == "ana");
    CHECK(p["dimensions"].size() == 8);
    CHECK(p["dimensions"]["data-model"]["attempts"] == 1);
    CHECK(p["weakest"][0] == "data-model");

    // A lesson makes its cards due; a piped review session grades them.
    CHECK(cli({"next", "--kind", "review"}).exit_code == 1);
    const json started = ok_json(cli({"lesson", "--lesson", "interview-framework", "--json"}));
    CHECK(started["status"] == "started");
    const json r = ok_json(cli({"next", "--kind", "review", "--json"}));
    CHECK(r["kind"] == "review");
    CHECK(r["due_reviews"].get<int>() == started["cards"].get<int>());
    const json session = ok_json(cli({"review", "--json", "--limit", "2"}, "\n3\n\n4\n"));
    CHECK(session["reviewed"].size() == 2);
    const json one = ok_json(cli({"review", "--card", r["id"], "--rating", "3", "--json"}));
    CHECK(one["card"] == r["id"]);
    CHECK(cli({"review", "--card", r["id"], "--rating", "5"}).exit_code == 2);

    const json checked = ok_json(
        cli({"lesson", "--lesson", "interview-framework", "--answer", "I ask about scale and users", "--json"}));
    CHECK(checked["status"] == "completed");
    CHECK(checked["check"]["score"].get<double>() > 0);
}
