// `rehearse export` and `rehearse import` end to end: a learner's history built with the real CLI
// on a real SQLite file, exported, imported into a fresh database, and compared there through the
// same commands a learner uses.
#include "support/cli_json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;

namespace {

const std::string export_test_later = "2026-03-20T09:00:00Z";

struct export_fixture {
    rehearse::test::temp_dir dir;
    std::string source = dir.file("source.db");

    rehearse::test::process_result cli(const std::string& db, std::vector<std::string> args, const std::string& at,
                                       const std::string& learner = "ada") {
        std::vector<std::string> all{"--db", db, "--now", at};
        if (!learner.empty()) all.insert(all.end(), {"--learner", learner});
        all.insert(all.end(), args.begin(), args.end());
        return run_cli(all);
    }
    json step(const std::string& db, std::vector<std::string> args, const std::string& at) {
        args.push_back("--json");
        return ok_json(cli(db, args, at));
    }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir.file(name), std::ios::binary) << text;
        return dir.file(name);
    }

    /// A history touching every part of the export: graded and coach-scored attempts, a plan, a
    /// lesson and card reviews, a drill, a finished mock interview and an open teaching dialogue.
    void build_history() {
        REQUIRE(cli(source, {"learner", "add", "ada"}, "2026-03-01T08:00:00Z").exit_code == 0);
        step(source, {"plan", "start", "--curriculum", "startup-four-week", "--start", "2026-03-01"},
             "2026-03-01T08:01:00Z");
        step(source,
             {"attempt", "--problem", "case-tracking", "--answer",
              std::string(REHEARSE_TEST_SOURCE_DIR) + "/answers/dev/casetracking-strong-outbox.md"},
             "2026-03-01T09:00:00Z");
        step(source, {"attempt", "--problem", "url-shortener", "--scores", "data-model=0.4,api=0.7"},
             "2026-03-02T09:00:00Z");
        step(source, {"lesson", "--lesson", "interview-framework"}, "2026-03-02T10:00:00Z");
        const json due = step(source, {"next", "--kind", "review"}, "2026-03-02T10:05:00Z");
        step(source, {"review", "--card", due.at("id"), "--rating", "3"}, "2026-03-02T10:06:00Z");
        step(source, {"drill", "--drill", "est-tweets-per-second", "--answer", "about 1.2k/s"}, "2026-03-03T09:00:00Z");
        const json mock = step(source, {"mock", "start", "--problem", "url-shortener"}, "2026-03-04T10:00:00Z");
        mock_session = mock.at("session");
        step(source, {"mock", "say", "--session", mock_session, "--text", "How many users do we expect?"},
             "2026-03-04T10:02:00Z");
        step(source, {"mock", "finish", "--session", mock_session}, "2026-03-04T10:40:00Z");
        step(source, {"teach", "start", "--lesson", "cache-aside"}, "2026-03-05T10:00:00Z");
    }
    std::string mock_session;
};

/// Rows per table of a database file, every table: "nothing changed" means all of these equal.
std::map<std::string, long long> export_test_row_counts(const std::string& path) {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    std::map<std::string, long long> out;
    while (tables.executeStep()) {
        const std::string name = tables.getColumn(0).getString();
        out[name] = db.execAndGet("SELECT COUNT(*) FROM \"" + name + "\"").getInt64();
    }
    return out;
}

/// What a learner sees, as the commands print it at one fixed time.
json export_test_views(export_fixture& f, const std::string& db, const std::string& learner) {
    json views;
    views["progress"] = ok_json(f.cli(db, {"progress", "--json"}, export_test_later, learner));
    views["next"] = ok_json(f.cli(db, {"next", "--json"}, export_test_later, learner));
    views["next_problem"] = ok_json(f.cli(db, {"next", "--kind", "problem", "--json"}, export_test_later, learner));
    views["plan"] = ok_json(f.cli(db, {"plan", "show", "--json"}, export_test_later, learner));
    views["progress"].erase("learner");
    return views;
}

}  // namespace

TEST_CASE("an exported history imported into a fresh database gives the same progress, next and plan") {
    export_fixture f;
    f.build_history();

    const auto first = f.cli(f.source, {"export"}, export_test_later);
    REQUIRE(first.exit_code == 0);
    const json doc = json::parse(first.out);
    CHECK(doc["format"] == "rehearse-learner-export");
    CHECK(doc["version"] == 1);
    CHECK(doc["attempts"].size() == 3);  // two attempts and the mock's
    CHECK(doc["review_log"].size() == 1);
    CHECK(doc["drill_attempts"].size() == 1);
    CHECK(doc["sessions"].size() == 2);
    CHECK(doc["plans"].size() == 1);
    CHECK_FALSE(doc.contains("access_tokens"));
    // Stable: an unchanged history exports to the same bytes.
    CHECK(f.cli(f.source, {"export"}, "2026-04-01T00:00:00Z").out == first.out);

    const std::string file = f.dir.file("ada.json");
    const json written = f.step(f.source, {"export", "-o", file}, export_test_later);
    CHECK(written["path"] == file);
    CHECK(rehearse::test::slurp(file) == first.out);

    const std::string target = f.dir.file("target.db");
    const json imported = ok_json(f.cli(target, {"import", file, "--json"}, export_test_later, ""));
    CHECK(imported["learner"] == "ada");
    CHECK(imported["learner_created"] == true);
    CHECK(imported["sections"]["attempts"]["added"] == 3);
    CHECK(imported["warnings"].empty());

    CHECK(export_test_views(f, target, "ada") == export_test_views(f, f.source, "ada"));
    // The mock's transcript and its evaluation (an attempt id inside the session's log) came along.
    CHECK(f.step(target, {"mock", "show", "--session", f.mock_session}, export_test_later) ==
          f.step(f.source, {"mock", "show", "--session", f.mock_session}, export_test_later));
    // And the imported history exports to the very same document.
    CHECK(f.cli(target, {"export"}, export_test_later).out == first.out);

    // Importing the same file again changes nothing.
    const auto counts = export_test_row_counts(target);
    const json again = ok_json(f.cli(target, {"import", file, "--json"}, export_test_later, ""));
    CHECK(again["learner_created"] == false);
    for (const auto& [section, c] : again["sections"].items()) {
        INFO(section);
        CHECK(c["added"] == 0);
        CHECK(c["updated"] == 0);
    }
    CHECK(export_test_row_counts(target) == counts);
    const auto human = f.cli(target, {"import", file}, export_test_later, "");
    CHECK(human.exit_code == 0);
    CHECK(human.out.find("nothing to import") != std::string::npos);
}

TEST_CASE("an export imported under another name sits beside the original, and twice changes nothing") {
    export_fixture f;
    f.build_history();
    const std::string file = f.dir.file("ada.json");
    f.step(f.source, {"export", "--output", file}, export_test_later);

    const json copy = ok_json(f.cli(f.source, {"import", file, "--json"}, export_test_later, "grace"));
    CHECK(copy["learner"] == "grace");
    CHECK(copy["learner_created"] == true);
    CHECK(export_test_views(f, f.source, "grace") == export_test_views(f, f.source, "ada"));
    const json grace_mocks = ok_json(f.cli(f.source, {"mock", "list", "--json"}, export_test_later, "grace"));
    REQUIRE(grace_mocks.size() == 1);
    CHECK(ok_json(f.cli(f.source, {"mock", "list", "--json"}, export_test_later, "ada")).size() == 1);
    // The copy's interview points at the copy's attempt, not at the original's.
    const std::string grace_session = grace_mocks[0]["session"];
    CHECK(grace_session != f.mock_session);
    json grace_mock = ok_json(
        f.cli(f.source, {"mock", "show", "--session", grace_session, "--json"}, export_test_later, "grace"));
    json ada_mock = f.step(f.source, {"mock", "show", "--session", f.mock_session}, export_test_later);
    CHECK(grace_mock["evaluation"]["attempt_id"] != ada_mock["evaluation"]["attempt_id"]);
    for (json* m : {&grace_mock, &ada_mock}) {
        (*m)["evaluation"].erase("attempt_id");
        m->erase("session");
    }
    CHECK(grace_mock == ada_mock);

    const auto counts = export_test_row_counts(f.source);
    const json again = ok_json(f.cli(f.source, {"import", file, "--json"}, export_test_later, "grace"));
    for (const auto& [section, c] : again["sections"].items()) CHECK(c["added"] == 0);
    CHECK(export_test_row_counts(f.source) == counts);
}

TEST_CASE("a later export of the same learner adds only what is new") {
    export_fixture f;
    f.build_history();
    const std::string early = f.dir.file("early.json");
    f.step(f.source, {"export", "-o", early}, export_test_later);
    const std::string target = f.dir.file("target.db");
    ok_json(f.cli(target, {"import", early, "--json"}, export_test_later, ""));

    f.step(f.source, {"attempt", "--problem", "url-shortener", "--scores", "data-model=0.8,api=0.8"},
           "2026-03-10T09:00:00Z");
    const std::string late = f.dir.file("late.json");
    f.step(f.source, {"export", "-o", late}, export_test_later);
    const json merged = ok_json(f.cli(target, {"import", late, "--json"}, export_test_later, ""));
    CHECK(merged["sections"]["attempts"]["added"] == 1);
    CHECK(merged["sections"]["attempts"]["unchanged"] == 3);
    CHECK(merged["sections"]["mastery"]["updated"].get<int>() > 0);
    CHECK(export_test_views(f, target, "ada") == export_test_views(f, f.source, "ada"));
    CHECK(f.cli(target, {"export"}, export_test_later).out == rehearse::test::slurp(late));
}

TEST_CASE("a malformed, newer or inconsistent export is refused and the database is left as it was") {
    export_fixture f;
    f.build_history();
    const auto exported = f.cli(f.source, {"export"}, export_test_later);
    REQUIRE(exported.exit_code == 0);
    const json doc = json::parse(exported.out);

    const std::string target = f.dir.file("target.db");
    REQUIRE(f.cli(target, {"learner", "add", "zoe"}, export_test_later, "").exit_code == 0);
    const auto counts = export_test_row_counts(target);

    auto refused = [&](const std::string& name, const std::string& text, const std::string& message) {
        INFO(name);
        const auto r = f.cli(target, {"import", f.write(name, text)}, export_test_later, "");
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        INFO(r.err);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(export_test_row_counts(target) == counts);
    };
    refused("truncated.json", exported.out.substr(0, exported.out.size() / 2), "malformed JSON");
    refused("other.json", R"({"format": "something-else", "version": 1})", "not a learner export");

    json newer = doc;
    newer["version"] = 2;
    refused("newer.json", newer.dump(), "version 2");

    // A bad row late in the document: every row before it was already written, and all are undone.
    json bad_row = doc;
    bad_row["sessions"].back()["events"][0]["seq"] = "first";
    refused("bad-row.json", bad_row.dump(), "sessions[1].events[0]: field \"seq\" must be an integer");

    json bad_ref = doc;
    bad_ref["mastery_history"][0]["attempt_id"] = 99;
    refused("bad-ref.json", bad_ref.dump(), "mastery_history[0]: attempt_id must be the position of an attempt");

    json out_of_range = doc;
    out_of_range["review_log"][0]["rating"] = 7;
    refused("out-of-range.json", out_of_range.dump(), "nothing was imported");

    json unknown_field = doc;
    unknown_field["cards"][0]["colour"] = "red";
    refused("unknown-field.json", unknown_field.dump(), "cards[0]: unknown field \"colour\"");

    const auto missing = f.cli(target, {"import", f.dir.file("no-such.json")}, export_test_later, "");
    CHECK(missing.exit_code == 1);
    CHECK(export_test_row_counts(target) == counts);

    CHECK(f.cli(f.source, {"export"}, export_test_later, "nobody").exit_code == 1);
    CHECK(f.cli(f.source, {"export"}, export_test_later, "").exit_code == 2);
}

TEST_CASE("an export naming content this installation lacks is imported with a warning") {
    export_fixture f;
    REQUIRE(f.cli(f.source, {"learner", "add", "ada"}, "2026-03-01T08:00:00Z").exit_code == 0);
    f.step(f.source, {"attempt", "--problem", "url-shortener", "--scores", "api=0.7"}, "2026-03-02T09:00:00Z");
    json doc = json::parse(f.cli(f.source, {"export"}, export_test_later).out);
    doc["attempts"][0]["problem_id"] = "retired-problem";
    const auto r = f.cli(f.dir.file("target.db"), {"import", f.write("odd.json", doc.dump())}, export_test_later, "");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("unknown problem \"retired-problem\"") != std::string::npos);
    CHECK(json::parse(f.cli(f.dir.file("target.db"), {"export"}, export_test_later).out) == doc);
}

TEST_CASE("GET /api/v1/learners/{name}/export answers the document the CLI writes") {
    rehearse::test::server_process server;
    const std::string db = server.db();
    auto cli = [&](std::vector<std::string> args, const std::string& at) {
        args.insert(args.end(), {"--db", db, "--learner", "ada", "--now", at});
        return run_cli(args);
    };
    REQUIRE(cli({"learner", "add", "ada"}, "2026-03-01T08:00:00Z").exit_code == 0);
    ok_json(cli({"attempt", "--problem", "url-shortener", "--scores", "api=0.7", "--json"}, "2026-03-02T09:00:00Z"));
    const auto r = rehearse::test::http::get(server.port(), "/api/v1/learners/ada/export");
    CHECK(r.status == 200);
    CHECK(r.doc() == json::parse(cli({"export"}, export_test_later).out));
    CHECK(r.doc()["attempts"].size() == 1);
    CHECK(rehearse::test::http::get(server.port(), "/api/v1/learners/nobody/export").status == 404);
}
