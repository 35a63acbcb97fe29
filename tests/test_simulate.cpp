// `rehearse simulate` end to end (CONTRACT §8): the JSON shape, determinism for a seed, the same
// learners under every policy, and usage errors. Small N: this is a smoke test, not the benchmark
// (bench/simulate_table.sh is).
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using nlohmann::json;
using rehearse::test::run_cli;

namespace {
rehearse::test::process_result simulate(std::vector<std::string> args, const std::string& db) {
    args.insert(args.begin(), "simulate");
    args.insert(args.end(), {"--db", db, "--json"});
    return run_cli(args);
}
json ok_json(const rehearse::test::process_result& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}
}  // namespace

TEST_CASE("simulate prints CONTRACT §8's object and is deterministic for a seed") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    for (const std::string policy : {"adaptive", "random", "round-robin", "syllabus", "staircase", "oracle"}) {
        CAPTURE(policy);
        const std::vector<std::string> args{"--policy", policy, "--learners", "3", "--sessions", "12", "--seed", "7"};
        const auto first = simulate(args, db);
        const json j = ok_json(first);
        CHECK(j["policy"] == policy);
        CHECK(j["learners"] == 3);
        CHECK(j["sessions"] == 12);
        CHECK(j["variant"] == "default");
        REQUIRE(j["sessions_to_mastery"].is_object());
        for (const char* key : {"mean", "median"}) {
            REQUIRE(j["sessions_to_mastery"][key].is_number());
            CHECK(j["sessions_to_mastery"][key].get<double>() >= 1);
            CHECK(j["sessions_to_mastery"][key].get<double>() <= 12);
        }
        CHECK(j["sessions_to_mastery"]["unfinished"].is_number_integer());
        for (const char* key : {"mean", "weakest"}) {
            REQUIRE(j["final_mastery"][key].is_number());
            CHECK(j["final_mastery"][key].get<double>() > 0);
            CHECK(j["final_mastery"][key].get<double>() < 1);
        }
        CHECK(j["final_mastery"]["weakest"].get<double>() <= j["final_mastery"]["mean"].get<double>());
        for (const char* key : {"auc", "success_rate", "finished_share"}) CHECK(j[key].is_number());
        // Same seed, same bytes.
        CHECK(simulate(args, db).out == first.out);
    }
    // Another seed gives other learners.
    const auto a = ok_json(simulate({"--policy", "random", "--learners", "3", "--sessions", "12", "--seed", "7"}, db));
    const auto b = ok_json(simulate({"--policy", "random", "--learners", "3", "--sessions", "12", "--seed", "8"}, db));
    CHECK(a["final_mastery"] != b["final_mastery"]);
    // The simulation keeps its learners in memory: the learner's database gets none of them.
    const auto learners = ok_json(run_cli({"learner", "list", "--db", db, "--json"}));
    CHECK(learners.empty());
}

TEST_CASE("simulate variants and usage errors") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    for (const std::string v : {"default", "no-forgetting", "easy-optimum", "hard-optimum", "fast-learners",
                                "slow-learners", "noisy-grading"}) {
        const json j = ok_json(simulate({"--policy", "staircase", "--learners", "2", "--sessions", "5", "--variant", v}, db));
        CHECK(j["variant"] == v);
    }
    CHECK(simulate({"--policy", "clever"}, db).exit_code == 2);
    CHECK(simulate({"--variant", "mars"}, db).exit_code == 2);
    CHECK(simulate({"--learners", "0"}, db).exit_code == 2);
}
