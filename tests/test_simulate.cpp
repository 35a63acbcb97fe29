// `rehearse simulate` end to end (docs/simulation.md): the JSON shape, determinism for a seed, the same
// learners under every policy, and usage errors. Small N: this is a smoke test, not the benchmark
// (bench/simulate_table.sh is).
#include "support/cli_json.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;

namespace {
rehearse::test::process_result simulate(std::vector<std::string> args, const std::string& db) {
    args.insert(args.begin(), "simulate");
    args.insert(args.end(), {"--db", db, "--json"});
    return run_cli(args);
}
}  // namespace

TEST_CASE("simulate prints its documented object and is deterministic for a seed") {
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
        // The mid-run snapshot is taken after min(40, K) sessions: here the run's end, so it is the final one.
        CHECK(j["mastery_after"]["sessions"] == 12);
        CHECK(j["mastery_after"]["mean"] == j["final_mastery"]["mean"]);
        CHECK(j["mastery_after"]["weakest"] == j["final_mastery"]["weakest"]);
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
        const json j =
            ok_json(simulate({"--policy", "staircase", "--learners", "2", "--sessions", "5", "--variant", v}, db));
        CHECK(j["variant"] == v);
    }
    CHECK(simulate({"--policy", "clever"}, db).exit_code == 2);
    CHECK(simulate({"--variant", "mars"}, db).exit_code == 2);
    CHECK(simulate({"--learners", "0"}, db).exit_code == 2);
}

TEST_CASE("the adaptive selector brings simulated learners to mastery sooner than every baseline") {
    // A regression guard on the selector's quality, not the benchmark (bench/simulate_table.sh runs
    // 200 learners in every variant). Deterministic: the same seed gives the same learners, so the
    // comparison cannot flake. On these 40 learners the adaptive policy needs about two thirds of the
    // sessions of the best baseline; 0.8 leaves room for small changes and fails on a real regression.
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    std::map<std::string, double> mean;
    std::map<std::string, double> after40;
    for (const std::string policy : {"adaptive", "random", "round-robin", "syllabus", "staircase", "oracle"}) {
        const json j =
            ok_json(simulate({"--policy", policy, "--learners", "40", "--sessions", "60", "--seed", "3"}, db));
        mean[policy] = j["sessions_to_mastery"]["mean"].get<double>();
        after40[policy] = j["mastery_after"]["weakest"].get<double>();
        CHECK(j["mastery_after"]["sessions"] == 40);
    }
    double best_baseline = 1e9;
    for (const std::string b : {"random", "round-robin", "syllabus", "staircase"}) {
        CAPTURE(b);
        CHECK(mean["adaptive"] < mean[b]);
        CHECK(after40["adaptive"] > after40[b]);  // the weakest dimension is further along at session 40
        best_baseline = std::min(best_baseline, mean[b]);
    }
    CHECK(mean["adaptive"] <= 0.8 * best_baseline);
    CHECK(mean["oracle"] <= mean["adaptive"]);  // the oracle sees the hidden skills: an upper reference
}
