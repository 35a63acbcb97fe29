// The drill commands end to end: the real executable, a temp database, a fixed clock.
#include "support/cli_json.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;

TEST_CASE("drills lists and filters the bundled drills from the command line") {
    const json all = ok_json(run_cli({"drills", "--json"}));
    REQUIRE(all.is_array());
    CHECK(all.size() >= 80);
    for (const auto& d : all)
        for (const char* key : {"id", "title", "dimension", "difficulty", "kind", "minutes", "pack"})
            CHECK(d.contains(key));

    const json easy_estimates =
        ok_json(run_cli({"drills", "--json", "--dimension", "estimation", "--difficulty", "easy"}));
    CHECK(easy_estimates.size() >= 2);
    for (const auto& d : easy_estimates) {
        CHECK(d["dimension"] == "estimation");
        CHECK(d["difficulty"] == "easy");
    }
    CHECK(run_cli({"drills", "--difficulty", "trivial"}).exit_code == 2);
    CHECK(run_cli({"drills", "--dimension", "speed"}).exit_code == 2);

    const auto table = run_cli({"drills", "--dimension", "reliability"});
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("fail-queue-down") != std::string::npos);
    CHECK(table.out.find("DIFFICULTY") != std::string::npos);

    const json shown = ok_json(run_cli({"show", "drill", "est-tweets-per-second", "--json"}));
    CHECK(shown["prompt"].is_string());
    CHECK(run_cli({"show", "drill", "no-such-drill"}).exit_code == 1);
}

TEST_CASE("drill grades, records and schedules an answer from the command line") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--db", db, "--learner", "ana", "--now", "2026-01-05T09:00:00Z"});
        return run_cli(args);
    };
    REQUIRE(cli({"learner", "add", "ana"}).exit_code == 0);

    const json right =
        ok_json(cli({"drill", "--drill", "est-tweets-per-second", "--answer", "about 1.2k/s", "--json"}));
    for (const char* key : {"drill", "score", "correct", "findings", "feedback", "model_answer"})
        CHECK(right.contains(key));
    CHECK(right["drill"] == "est-tweets-per-second");
    CHECK(right["correct"] == true);
    CHECK(right["score"].get<double>() >= 0.7);
    CHECK(right["attempt_id"].is_number_integer());
    CHECK(right["review"]["interval_days"].get<int>() >= 7);
    CHECK(right["mastery"]["estimation"]["after"].get<double>() >
          right["mastery"]["estimation"]["before"].get<double>());

    const std::string file = dir.file("answer.md");
    std::ofstream(file) << "Uploads still succeed.\n";
    const json wrong = ok_json(cli({"drill", "--drill", "fail-queue-down", "--answer-file", file, "--json"}));
    CHECK(wrong["correct"] == false);
    CHECK(wrong["findings"].size() >= 2);
    CHECK(wrong["model_answer"].get<std::string>().find("outbox") != std::string::npos);
    CHECK(wrong["review"]["interval_days"].get<int>() <= 2);

    const auto text = cli({"drill", "--drill", "est-tweets-per-second", "--answer", "10/s"});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("Model answer:") != std::string::npos);

    // Unknown drill: exit 1 with a message that says where to look; usage errors: exit 2.
    const auto unknown = cli({"drill", "--drill", "no-such-drill", "--answer", "x", "--json"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err.find("unknown drill \"no-such-drill\"") != std::string::npos);
    CHECK(unknown.out.empty());
    CHECK(cli({"drill", "--drill", "fail-queue-down"}).exit_code == 2);
    CHECK(cli({"drill", "--answer", "x"}).exit_code == 2);
    CHECK(cli({"drill", "--drill", "fail-queue-down", "--answer", "x", "--answer-file", file}).exit_code == 2);
    CHECK(cli({"drill", "--drill", "fail-queue-down", "--answer-file", dir.file("missing.md")}).exit_code == 1);
}

TEST_CASE("packs lint counts drills and names the file and the field of a bad one") {
    const std::string plugins = std::string(REHEARSE_BUILD_DIR) + "/lib/rehearse/plugins/";
    std::vector<std::string> all{"packs", "lint", "--json"};
    for (const char* so :
         {"startup-pack.so", "classics-pack.so", "ladder-pack.so", "concepts-pack.so", "drills-pack.so"})
        all.push_back(plugins + so);
    const json linted = ok_json(run_cli(all));
    CHECK(linted["ok"] == true);
    CHECK(linted["drills"].get<int>() >= 80);

    rehearse::test::temp_dir dir;
    const std::string file = dir.file("my-drills.json");
    std::ofstream(file) << R"({"schema": "rehearse.content/1.1", "drills": [{"id": "d1", "title": "t",
        "dimension": "speed", "difficulty": "easy", "kind": "failure", "minutes": 3, "prompt": "p",
        "expected": {"key_points": [{"point": "a", "keywords": ["a"]}, {"point": "b", "keywords": ["b"]}]},
        "model_answer": "a b", "feedback": "f", "problems": [], "lessons": ["no-such-lesson"]}]})";
    const auto bad = run_cli({"packs", "lint", file});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("my-drills.json") != std::string::npos);
    CHECK(bad.err.find("drills[0].dimension") != std::string::npos);

    // A valid drill that names a lesson no file given provides: an unresolved reference.
    std::ofstream(file) << R"({"schema": "rehearse.content/1.1", "drills": [{"id": "d1", "title": "t",
        "dimension": "reliability", "difficulty": "easy", "kind": "failure", "minutes": 3, "prompt": "p",
        "expected": {"key_points": [{"point": "a", "keywords": ["a"]}, {"point": "b", "keywords": ["b"]}]},
        "model_answer": "a b", "feedback": "f", "problems": [], "lessons": ["no-such-lesson"]}]})";
    const auto unresolved = run_cli({"packs", "lint", file});
    CHECK(unresolved.exit_code == 1);
    CHECK(unresolved.err.find("lessons[0]") != std::string::npos);
    CHECK(unresolved.err.find("no-such-lesson") != std::string::npos);
}

TEST_CASE("a failed finding assigns a drill for its dimension in the evaluation's feedback") {
    // A real weak answer (over-engineered, no estimate, no pagination, ...): the assignment names a
    // drill that practises the dimension of the first improvement, as `rehearse drill --drill ID`.
    const std::string answer =
        std::string(REHEARSE_TEST_SOURCE_DIR) + "/answers/dev/casetracking-weak-microservices.md";
    const json e = ok_json(run_cli({"evaluate", "--problem", "case-tracking", "--answer", answer, "--json"}));
    std::string failed;
    for (const auto& f : e["findings"])
        if (f["severity"] != "info") {
            failed = f["dimension"].get<std::string>();
            break;
        }
    REQUIRE(!failed.empty());
    const std::string assignment = e["feedback"]["assignment"].get<std::string>();
    const std::string marker = "rehearse drill --drill ";
    const auto at = assignment.find(marker);
    REQUIRE(at != std::string::npos);
    const auto start = at + marker.size();
    const std::string id = assignment.substr(start, assignment.find(',', start) - start);
    const json d = ok_json(run_cli({"show", "drill", id, "--json"}));
    CHECK(d["dimension"] == failed);
    // The whole problem to design next is still assigned after the drill.
    CHECK(assignment.find("rehearse evaluate --problem ") != std::string::npos);
}
