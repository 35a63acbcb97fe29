// `rehearse simulate` end to end (docs/simulation.md): the JSON shape, determinism for a seed, the same
// learners under every policy, and usage errors. Small N: this is a smoke test, not the benchmark
// (bench/simulate_table.sh is).
#include "support/cli_json.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/sim/learner.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
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
        // Without --session-minutes a session is one problem: the minutes are the problems' formats.
        CHECK(j["session_minutes"].is_null());
        CHECK(j["per_learner"]["problems"] == 12);
        CHECK(j["per_learner"]["drills"] == 0);
        CHECK(j["minutes_to_mastery"]["horizon"] == 12 * 60);
        CHECK(j["minutes_to_mastery"]["unfinished"] == j["sessions_to_mastery"]["unfinished"]);
        CHECK(j["study_minutes"].get<double>() >= 12 * 45);
        CHECK(j["study_minutes"].get<double>() <= 12 * 60);
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

TEST_CASE("simulate with study minutes: problems and drills in sessions of M minutes, deterministic") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    for (const std::string policy :
         {"adaptive", "random", "round-robin", "syllabus", "staircase", "oracle", "drills-only"}) {
        CAPTURE(policy);
        const std::vector<std::string> args{"--policy",  policy, "--learners",        "2", "--sessions",
                                            "6",         "--seed", "5", "--session-minutes", "60"};
        const auto first = simulate(args, db);
        const json j = ok_json(first);
        CHECK(j["session_minutes"] == 60);
        const json& m = j["minutes_to_mastery"];
        CHECK(m["horizon"] == 6 * 60);
        for (const char* key : {"mean", "median"}) {
            REQUIRE(m[key].is_number());
            CHECK(m[key].get<double>() > 0);
            CHECK(m[key].get<double>() <= 6 * 60);
        }
        CHECK(m["unfinished"] == j["sessions_to_mastery"]["unfinished"]);
        // Every session is filled up to its minutes, never beyond.
        CHECK(j["study_minutes"].get<double>() <= 6 * 60);
        CHECK(j["study_minutes"].get<double>() >= 6 * 50);
        const double problems = j["per_learner"]["problems"].get<double>();
        const double drills = j["per_learner"]["drills"].get<double>();
        if (policy == "drills-only") {
            CHECK(problems == 0);
            CHECK(drills >= 6 * 8);  // drills take 2-8 minutes
        } else if (policy != "oracle" && policy != "adaptive") {
            CHECK(problems == 6);  // the baselines: their problem first, then drills for the time it leaves
        } else {
            CHECK(problems + drills >= 6);
        }
        CHECK(simulate(args, db).out == first.out);
    }
    // The product's selector chooses drills as well as problems when it has the time.
    const json a = ok_json(simulate({"--policy", "adaptive", "--learners", "3", "--sessions", "8", "--seed", "5",
                                     "--session-minutes", "60"},
                                    db));
    CHECK(a["per_learner"]["drills"].get<double>() > 0);
    CHECK(a["per_learner"]["problems"].get<double>() > 0);
    CHECK(simulate({"--policy", "drills-only"}, db).exit_code == 2);  // drills need a session's minutes
    CHECK(simulate({"--session-minutes", "5"}, db).exit_code == 2);
}

TEST_CASE("a drill in the simulator teaches only its dimension, in proportion to its minutes") {
    using namespace rehearse;
    const sim::world w = sim::make_world("default");
    drill d;
    d.id = "est-short";
    d.dimension = "estimation";
    d.difficulty = "easy";
    d.minutes = 3;
    drill longer = d;
    longer.minutes = 6;
    sim::learner_model a(w, 1, 0), b(w, 1, 0);
    const auto before = a.skills(0);
    a.practise(d, 0);
    b.practise(longer, 0);
    const auto after = a.skills(0), after_longer = b.skills(0);
    for (std::size_t i = 0; i < all_dimensions.size(); ++i) {
        CAPTURE(all_dimensions[i]);
        if (all_dimensions[i] == "estimation") {
            CHECK(after[i] > before[i]);
            // The same fit from the same state: twice the minutes, twice the learning.
            CHECK(after_longer[i] - before[i] == doctest::Approx(2 * (after[i] - before[i])));
        } else {
            CHECK(after[i] == before[i]);
            CHECK(after_longer[i] == before[i]);
        }
    }
    // Graded on its own dimension only, in quarters (four rubric points).
    const double score = a.respond(d, 1);
    CHECK(score >= 0);
    CHECK(score <= 1);
    CHECK(score * 4 == doctest::Approx(std::round(score * 4)));
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
