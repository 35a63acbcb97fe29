// Mock interviews over HTTP end to end: the real `rehearse serve` on 127.0.0.1:0 with real plugins,
// real HTTP requests through Poco's client, and the real CLI on the same database file for a
// session started on one front and continued on the other. Every loop is bounded.
#include "support/cli_json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

// A named namespace: unity builds compile this file together with test_http.cpp, whose helpers
// have the same short names in its anonymous namespace.
namespace http_mock_test {

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;
using rehearse::test::server_process;

// Declared here (not a using-directive), so they hide test_http.cpp's helpers of the same names
// when a unity build compiles the files together.
using rehearse::test::http::call;
using rehearse::test::http::check_problem;
using rehearse::test::http::get;
using rehearse::test::http::ok;
using rehearse::test::http::post;
using rehearse::test::http::reply;

/// The interviewer's answer to a bundled problem's clarifying `question`, from the pack itself.
std::string clarification_answer(const std::string& pack, const std::string& problem, const std::string& question) {
    std::ifstream in(std::string(REHEARSE_PROJECT_SOURCE_DIR) + "/plugins/" + pack + "/content/problems.json");
    const json doc = json::parse(in);
    const json& problems = doc.is_array() ? doc : doc.at("problems");
    for (const auto& p : problems)
        if (p.at("id") == problem)
            for (const auto& c : p.at("clarifications"))
                if (c.at("question") == question) return c.at("answer").get<std::string>();
    FAIL("no clarifying question \"" << question << "\" in " << problem);
    return {};
}

/// A data model without any tenant key, for a problem many companies share.
const std::string schema_without_tenancy =
    "```sql\n"
    "CREATE TABLE documents (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  uploaded_by BIGINT NOT NULL,\n"
    "  title TEXT NOT NULL,\n"
    "  storage_key TEXT NOT NULL,\n"
    "  created_at TIMESTAMP NOT NULL\n"
    ");\n"
    "CREATE TABLE folders (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  name TEXT NOT NULL\n"
    ");\n"
    "```\n";

const std::string small_design =
    "## Requirements\n\n- Agents create and update tickets; customers view and comment.\n- Status changes email "
    "the customer within a minute.\n\n## Architecture\n\n- API servers behind a load balancer, PostgreSQL, an "
    "outbox table and a worker that sends email through the provider.\n\n## API\n\n- POST /api/v1/tickets -> 201 "
    "Created\n- PATCH /api/v1/tickets/{id} -> 200 OK | 409\n";

std::string sessions_of(const std::string& learner) { return "/api/v1/learners/" + learner + "/mock-sessions"; }

TEST_CASE("http mock: a full mock interview over HTTP") {
    server_process server;
    const auto port = server.port();
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "mia"}}).status == 201);
    const std::string base = sessions_of("mia");

    const json started = ok(post(port, base, json{{"problem", "document-management"}, {"level", "intermediate"}}), 201);
    const std::string id = started["session"];
    REQUIRE(!id.empty());
    CHECK(started["problem"] == "document-management");
    CHECK(started["interviewer"].is_string());
    CHECK(!started["interviewer"].get<std::string>().empty());
    CHECK(started["phase"]["index"] == 0);
    CHECK(started["phase"]["count"].get<int>() > 2);
    CHECK(started["time_up"] == false);
    const std::string at = base + "/" + id;

    // A clarifying question gets the problem's own answer.
    const std::string question = "How many uploads happen per day, and how big are the files?";
    const json answered = ok(post(port, at + "/messages", json{{"text", question}}));
    CHECK(answered["session"] == id);
    CHECK(answered["kind"] == "clarification");
    const std::string scale = clarification_answer("startup-pack", "document-management", question);
    CHECK(answered["interviewer"].get<std::string>().find(scale) != std::string::npos);

    // A schema without a tenant key draws the tenancy probe.
    const json probed =
        ok(post(port, at + "/sections", json{{"markdown", schema_without_tenancy}, {"section", "data-model"}}));
    CHECK(probed["kind"] == "probe");
    REQUIRE(probed["probes"].is_array());
    bool tenancy = false;
    for (const auto& p : probed["probes"])
        tenancy = tenancy || p.get<std::string>().find("own data") != std::string::npos;
    CHECK(tenancy);

    // Both spellings of "the next phase".
    const json second = ok(post(port, at + "/phase", json::object()));
    CHECK(second["phase"]["index"] == 1);
    const json third = ok(post(port, at + "/phase", json{{"to", "next"}}));
    CHECK(third["phase"]["index"] == 2);
    CHECK(third["phase"]["name"] != second["phase"]["name"]);

    const json finished = ok(post(port, at + "/finish", json{{"self_assessment", "I forgot tenancy at first."}}));
    CHECK(finished["session"] == id);
    CHECK(finished["mock"] == true);
    CHECK(finished["overall"].is_number_integer());
    CHECK(finished["attempt_id"].get<long long>() > 0);
    CHECK(finished["self_assessment"] == "I forgot tenancy at first.");
    CHECK(finished["transcript_evidence"].is_object());
    CHECK(finished["next"].is_object());

    const json shown = ok(get(port, at));
    CHECK(shown["session"] == id);
    CHECK(shown["state"] == "finished");
    CHECK(shown["problem"] == "document-management");
    CHECK(shown["level"] == "intermediate");
    REQUIRE(shown["transcript"].is_array());
    bool asked = false;
    for (const auto& line : shown["transcript"])
        asked = asked || (line["role"] == "candidate" && line["text"] == question);
    CHECK(asked);
    REQUIRE(shown.contains("evaluation"));
    CHECK(shown["evaluation"]["attempt_id"] == finished["attempt_id"]);
    CHECK(shown["evaluation"]["overall"] == finished["overall"]);

    const json listed = ok(get(port, base));
    REQUIRE(listed["items"].size() == 1);
    CHECK(listed["items"][0]["session"] == id);
    CHECK(listed["items"][0]["state"] == "finished");
    CHECK(listed["next"].is_null());

    // The attempt counts as the learner's practice, like one recorded any other way.
    const json progress = ok(get(port, "/api/v1/learners/mia/progress"));
    CHECK(progress["dimensions"]["data-model"]["attempts"].get<int>() >= 1);
}

TEST_CASE("http mock: a session started by the CLI goes on over HTTP") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("shared.db");
    server_process server({"--db", db});  // the last --db wins
    const auto port = server.port();
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "cleo"}}).status == 201);
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--db", db, "--learner", "cleo", "--json"});
        return ok_json(run_cli(args));
    };

    const json started = cli({"mock", "start", "--problem", "case-tracking", "--format", "45"});
    const std::string id = started["session"];
    const std::string at = sessions_of("cleo") + "/" + id;

    const json open = ok(get(port, at));
    CHECK(open["state"] == "open");
    CHECK(open["problem"] == "case-tracking");
    CHECK(open["format"] == 45);
    REQUIRE(!open["transcript"].empty());
    CHECK(open["transcript"][0]["text"] == started["interviewer"]);

    const std::string question = "What statuses does a ticket move through?";
    const json answered = ok(post(port, at + "/messages", json{{"text", question}}));
    CHECK(answered["kind"] == "clarification");
    CHECK(answered["interviewer"].get<std::string>().find(
              clarification_answer("startup-pack", "case-tracking", question)) != std::string::npos);

    // Back to the CLI for a step, then on over HTTP again.
    const json moved = cli({"mock", "phase", "next", "--session", id});
    CHECK(moved["phase"]["index"] == 1);
    ok(post(port, at + "/sections", json{{"markdown", small_design}}));
    const json finished = ok(post(port, at + "/finish", json::object()));
    CHECK(finished["mock"] == true);
    CHECK(finished["attempt_id"].get<long long>() > 0);
    CHECK(!finished.contains("self_assessment"));

    // The CLI sees what HTTP did.
    const json shown = cli({"mock", "show", "--session", id});
    CHECK(shown["state"] == "finished");
    CHECK(shown["evaluation"]["attempt_id"] == finished["attempt_id"]);
    const json over_http = ok(get(port, at));
    CHECK(shown["transcript"] == over_http["transcript"]);
    CHECK(shown["evaluation"] == over_http["evaluation"]);
    const json listed = cli({"mock", "list"});
    REQUIRE(listed.is_array());
    REQUIRE(listed.size() == 1);
    CHECK(listed[0] == ok(get(port, sessions_of("cleo")))["items"][0]);
}

TEST_CASE("http mock: errors are problem+json") {
    server_process server;
    const auto port = server.port();
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "ann"}}).status == 201);
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "bob"}}).status == 201);
    const std::string base = sessions_of("ann");
    const json started = ok(post(port, base, json{{"problem", "case-tracking"}}), 201);
    const std::string id = started["session"];
    const std::string at = base + "/" + id;

    SUBCASE("the session is created where Location says, and without a problem on the recommended one") {
        const reply r = post(port, sessions_of("bob"), std::string());
        const json recommended = ok(get(port, "/api/v1/learners/bob/next?kind=problem"));
        const json doc = ok(r, 201);
        CHECK(doc["problem"] == recommended["id"]);
        CHECK(r.location == sessions_of("bob") + "/" + doc["session"].get<std::string>());
        CHECK(ok(get(port, r.location))["session"] == doc["session"]);
    }
    SUBCASE("unknown sessions, learners and other learners' sessions are 404") {
        check_problem(get(port, base + "/m0000000000000000"), 404);
        check_problem(post(port, base + "/m0000000000000000/messages", json{{"text", "hello"}}), 404);
        check_problem(get(port, sessions_of("bob") + "/" + id), 404);
        check_problem(post(port, sessions_of("bob") + "/" + id + "/messages", json{{"text", "hello"}}), 404);
        check_problem(post(port, sessions_of("bob") + "/" + id + "/finish", json::object()), 404);
        check_problem(get(port, sessions_of("nobody")), 404);
        check_problem(post(port, sessions_of("nobody"), json{{"problem", "case-tracking"}}), 404);
        check_problem(post(port, base, json{{"problem", "no-such-problem"}}), 404);
        CHECK(ok(get(port, sessions_of("bob")))["items"].empty());
    }
    SUBCASE("bad bodies and values are 400 naming the field") {
        CHECK(check_problem(post(port, at + "/messages", json{{"text", ""}}), 400).find("text") != std::string::npos);
        check_problem(post(port, at + "/messages", json{{"text", "   "}}), 400);
        CHECK(check_problem(post(port, at + "/messages", json::object()), 400).find("\"text\"") != std::string::npos);
        CHECK(check_problem(post(port, at + "/messages", json{{"text", 42}}), 400).find("\"text\"") !=
              std::string::npos);
        check_problem(post(port, at + "/messages", std::string("{\"text\": ")), 400);
        check_problem(post(port, at + "/messages", std::string()), 400);
        CHECK(
            check_problem(
                post(port, at + "/sections", json{{"markdown", schema_without_tenancy}, {"section", "charisma"}}), 400)
                .find("section") != std::string::npos);
        CHECK(check_problem(post(port, at + "/sections", json{{"section", "api"}}), 400).find("\"markdown\"") !=
              std::string::npos);
        check_problem(post(port, at + "/sections", json{{"markdown", ""}, {"section", "api"}}), 400);
        CHECK(check_problem(post(port, base, json{{"problem", "case-tracking"}, {"format", 50}}), 400).find("format") !=
              std::string::npos);
        check_problem(post(port, base, json{{"problem", "case-tracking"}, {"format", "45"}}), 400);
        CHECK(
            check_problem(post(port, base, json{{"problem", "case-tracking"}, {"level", "guru"}}), 400).find("level") !=
            std::string::npos);
        check_problem(post(port, base, json{{"problem", 7}}), 400);
        CHECK(check_problem(post(port, at + "/phase", json{{"to", "previous"}}), 400).find("\"to\"") !=
              std::string::npos);
        check_problem(post(port, at + "/finish", json{{"self_assessment", 1}}), 400);
        // Nothing said or written yet: nothing to grade.
        check_problem(post(port, at + "/finish", json::object()), 400);
        // None of it reached the session.
        CHECK(ok(get(port, at))["transcript"].size() == 1);
        CHECK(ok(get(port, base))["items"].size() == 1);
    }
    SUBCASE("a finished session is a conflict") {
        ok(post(port, at + "/sections", json{{"markdown", small_design}}));
        ok(post(port, at + "/finish", std::string()));
        CHECK(check_problem(post(port, at + "/finish", json::object()), 409).find(id) != std::string::npos);
        check_problem(post(port, at + "/messages", json{{"text", "one more thing"}}), 409);
        check_problem(post(port, at + "/sections", json{{"markdown", small_design}}), 409);
        check_problem(post(port, at + "/phase", json::object()), 409);
        CHECK(ok(get(port, at))["state"] == "finished");
    }
    SUBCASE("a wrong method is 405 with Allow") {
        const reply r = call(port, "DELETE", at);
        check_problem(r, 405);
        CHECK(r.allow == "GET");
        const reply list = call(port, "PUT", base);
        check_problem(list, 405);
        CHECK(list.allow.find("POST") != std::string::npos);
        check_problem(get(port, at + "/messages"), 405);
    }
    SUBCASE("the endpoint index names the routes") {
        const json index = ok(get(port, "/api/v1"));
        int found = 0;
        for (const auto& e : index["endpoints"])
            found += e.get<std::string>().find("/mock-sessions") != std::string::npos;
        CHECK(found == 7);
    }
}

}  // namespace http_mock_test
