// Teaching dialogues and `ask` over HTTP end to end: the real `rehearse serve` on 127.0.0.1:0,
// real HTTP requests through Poco's client, and the real CLI on the same database file for a
// session started on one front and continued on the other. Every loop is bounded.
#include "support/cli_json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

// A named namespace: unity builds compile this file together with test_http.cpp and
// test_http_mock.cpp, whose helpers have the same short names.
namespace http_teach_test {

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

/// A query-string value, percent-encoded.
std::string query_encode(const std::string& s) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
    return out;
}

bool has(const json& list, const std::string& item) { return std::find(list.begin(), list.end(), item) != list.end(); }

std::string sessions_of(const std::string& learner) { return "/api/v1/learners/" + learner + "/teach-sessions"; }

// cache-aside's key points (plugins/concepts-pack), as the coach names them.
const std::string read_point = "On a read: check the cache, on a miss read the database and populate the cache";
const std::string write_point = "On a write: update the database, then invalidate (delete) the cached key";
const std::string ttl_point = "TTL bounds staleness as a safety net";
const std::string fit_point = "Cache suits read-heavy, rarely changing data";

const std::string read_reply = "On a read I check the cache first; on a miss I read from the database and populate it.";
const std::string rest_reply =
    "When the product is edited I update the database and then delete the key. The TTL bounds how stale an entry "
    "gets. It suits read-heavy data with a high hit rate.";

TEST_CASE("http teach: a lesson taught over HTTP to the end") {
    server_process server;
    const auto port = server.port();
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "tess"}}).status == 201);
    const std::string base = sessions_of("tess");

    const reply created = post(port, base, json{{"lesson", "cache-aside"}, {"level", "intermediate"}});
    const json started = ok(created, 201);
    const std::string id = started["session"];
    REQUIRE(!id.empty());
    CHECK(created.location == base + "/" + id);
    CHECK(started["lesson"] == "cache-aside");
    CHECK(started["level"] == "intermediate");
    CHECK(started["kind"] == "explain");
    CHECK(started["done"] == false);
    const std::string opening = started["coach"];
    CHECK(opening.find("librarian") != std::string::npos);             // the analogy
    CHECK(opening.find("Describe cache-aside") != std::string::npos);  // the check question
    const std::string at = base + "/" + id;

    const json open = ok(get(port, created.location));
    CHECK(open["session"] == id);
    CHECK(open["state"] == "open");
    CHECK(open["done"] == false);
    REQUIRE(open["transcript"].size() == 1);
    CHECK(open["transcript"][0]["role"] == "coach");
    CHECK(open["transcript"][0]["text"] == opening);

    // Key points accumulate across replies.
    const json first = ok(post(port, at + "/messages", json{{"text", read_reply}}));
    CHECK(first["session"] == id);
    CHECK(first["kind"] == "feedback");
    CHECK(first["done"] == false);
    CHECK(first["covered"] == json::array({read_point}));
    CHECK(first["missed"].size() == 3);
    CHECK(has(first["missed"], write_point));
    CHECK(!first.contains("cards"));
    CHECK(ok(get(port, "/api/v1/learners/tess/reviews"))["items"].empty());  // no cards before the end

    const json last = ok(post(port, at + "/messages", json{{"text", rest_reply}}));
    CHECK(last["done"] == true);
    CHECK(last["kind"] == "recap");
    CHECK(last["missed"].empty());
    CHECK(last["covered"].size() == 4);
    CHECK(has(last["covered"], ttl_point));
    CHECK(has(last["covered"], fit_point));
    CHECK(last["score"] == 1.0);
    CHECK(last["cards"] == 6);
    CHECK(last["mastery"].is_object());

    // The lesson is recorded: its cards are up for review and its dimensions have evidence.
    const json reviews = ok(get(port, "/api/v1/learners/tess/reviews"));
    CHECK(reviews["items"].size() == 6);
    CHECK(reviews["due"].get<int>() + reviews["new_available"].get<int>() == 6);
    const json progress = ok(get(port, "/api/v1/learners/tess/progress"));
    CHECK(progress["dimensions"]["scaling"]["trend"].size() == 1);

    const json shown = ok(get(port, at));
    CHECK(shown["state"] == "finished");
    CHECK(shown["done"] == true);
    CHECK(shown["level"] == "intermediate");
    CHECK(shown["missed"].empty());
    CHECK(shown["covered"].size() == 4);
    REQUIRE(shown["transcript"].size() == 5);  // the opening, then two replies and two answers
    CHECK(shown["transcript"][1]["role"] == "learner");
    CHECK(shown["transcript"][1]["text"] == read_reply);

    const json listed = ok(get(port, base));
    REQUIRE(listed["items"].size() == 1);
    CHECK(listed["items"][0]["session"] == id);
    CHECK(listed["items"][0]["lesson"] == "cache-aside");
    CHECK(listed["items"][0]["state"] == "finished");
    CHECK(listed["items"][0]["started_at"].is_string());
    CHECK(listed["next"].is_null());

    // A second dialogue; the list pages like the others.
    const json again = ok(post(port, base, json{{"lesson", "cache-aside"}}), 201);
    CHECK(!again["level"].get<std::string>().empty());  // from the learner's mastery
    const reply page = get(port, base + "?limit=1");
    const json first_page = ok(page);
    CHECK(first_page["items"].size() == 1);
    REQUIRE(first_page["next"].is_string());
    const json second_page = ok(get(port, base + "?limit=1&cursor=" + first_page["next"].get<std::string>()));
    CHECK(second_page["items"].size() == 1);
    CHECK(second_page["items"][0]["session"] != first_page["items"][0]["session"]);
    CHECK(second_page["next"].is_null());
}

TEST_CASE("http teach: a session started by the CLI goes on over HTTP") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("shared.db");
    server_process server({"--db", db});  // the last --db wins
    const auto port = server.port();
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "cleo"}}).status == 201);
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--db", db, "--learner", "cleo", "--json"});
        return ok_json(run_cli(args));
    };

    const json started = cli({"teach", "start", "--lesson", "cache-aside", "--level", "beginner"});
    const std::string id = started["session"];
    const std::string at = sessions_of("cleo") + "/" + id;

    const json open = ok(get(port, at));
    CHECK(open["state"] == "open");
    CHECK(open["lesson"] == "cache-aside");
    CHECK(open["level"] == "beginner");
    REQUIRE(open["transcript"].size() == 1);
    CHECK(open["transcript"][0]["text"] == started["coach"]);

    const json hint = ok(post(port, at + "/messages", json{{"text", "Could I have a hint?"}}));
    CHECK(hint["kind"] == "hint");
    CHECK(hint["level"] == "beginner");
    CHECK(hint["done"] == false);

    // Back to the CLI for a step, then on over HTTP again.
    const json first = cli({"teach", "say", "--session", id, "--text", read_reply});
    CHECK(first["covered"] == json::array({read_point}));
    const json last = ok(post(port, at + "/messages", json{{"text", rest_reply}}));
    CHECK(last["done"] == true);
    CHECK(last["covered"].size() == 4);  // the CLI's reply counts
    CHECK(last["cards"] == 6);

    // The CLI sees what HTTP did.
    const json shown = cli({"teach", "show", "--session", id});
    const json over_http = ok(get(port, at));
    CHECK(shown["state"] == "finished");
    CHECK(shown == over_http);
    CHECK(shown["transcript"].size() == 7);
    CHECK(run_cli({"teach", "say", "--session", id, "--text", "more", "--db", db, "--learner", "cleo"}).exit_code == 1);
    const json listed = ok(get(port, sessions_of("cleo")));
    REQUIRE(listed["items"].size() == 1);
    CHECK(listed["items"][0]["session"] == id);
}

TEST_CASE("http teach: ask answers from the lessons, as rehearse ask --json does") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("shared.db");
    server_process server({"--db", db});
    const auto port = server.port();
    const std::string question = "Should I use Redis or Memcached?";

    const json a = ok(get(port, "/api/v1/ask?text=" + query_encode(question)));
    REQUIRE(!a["lessons"].empty());
    CHECK(a["lessons"].size() <= 3);
    CHECK(a["lessons"][0].get<std::string>().rfind("cache", 0) == 0);
    const std::string answer = a["answer"];
    CHECK(answer.find("cache") != std::string::npos);
    CHECK(answer.find("What's your use case here?") != std::string::npos);
    CHECK(a == ok_json(run_cli({"ask", "--text", question, "--json", "--db", db})));

    const json none = ok(get(port, "/api/v1/ask?text=" + query_encode("What's a good recipe for banana bread?")));
    CHECK(none["lessons"].empty());
    CHECK(none["answer"].get<std::string>().back() == '?');

    CHECK(check_problem(get(port, "/api/v1/ask"), 400).find("text") != std::string::npos);
    CHECK(check_problem(get(port, "/api/v1/ask?text="), 400).find("text") != std::string::npos);
    check_problem(get(port, "/api/v1/ask?text=%20%20"), 400);
    const reply wrong_method = post(port, "/api/v1/ask", json{{"text", question}});
    check_problem(wrong_method, 405);
    CHECK(wrong_method.allow == "GET");
}

TEST_CASE("http teach: errors are problem+json") {
    server_process server;
    const auto port = server.port();
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "ann"}}).status == 201);
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "bob"}}).status == 201);
    const std::string base = sessions_of("ann");
    const json started = ok(post(port, base, json{{"lesson", "cache-aside"}}), 201);
    const std::string id = started["session"];
    const std::string at = base + "/" + id;

    SUBCASE("unknown lessons, sessions, learners and other learners' sessions are 404") {
        CHECK(check_problem(post(port, base, json{{"lesson", "no-such-lesson"}}), 404).find("no-such-lesson") !=
              std::string::npos);
        check_problem(get(port, base + "/t0000000000000000"), 404);
        check_problem(post(port, base + "/t0000000000000000/messages", json{{"text", "hello"}}), 404);
        check_problem(get(port, sessions_of("bob") + "/" + id), 404);
        check_problem(post(port, sessions_of("bob") + "/" + id + "/messages", json{{"text", "hello"}}), 404);
        check_problem(get(port, sessions_of("nobody")), 404);
        check_problem(post(port, sessions_of("nobody"), json{{"lesson", "cache-aside"}}), 404);
        // A mock session is not a teaching one, nor the other way round.
        const json mock = ok(post(port, "/api/v1/learners/ann/mock-sessions", json{{"problem", "case-tracking"}}), 201);
        check_problem(get(port, base + "/" + mock["session"].get<std::string>()), 404);
        check_problem(get(port, "/api/v1/learners/ann/mock-sessions/" + id), 404);
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
            check_problem(post(port, base, json{{"lesson", "cache-aside"}, {"level", "expert"}}), 400).find("level") !=
            std::string::npos);
        CHECK(check_problem(post(port, base, json{{"lesson", "cache-aside"}, {"level", 3}}), 400).find("\"level\"") !=
              std::string::npos);
        CHECK(check_problem(post(port, base, json{{"level", "beginner"}}), 400).find("\"lesson\"") !=
              std::string::npos);
        check_problem(post(port, base, json{{"lesson", 7}}), 400);
        check_problem(post(port, base, std::string()), 400);
        check_problem(post(port, base, std::string("[\"cache-aside\"]")), 400);
        // None of it reached the sessions.
        CHECK(ok(get(port, at))["transcript"].size() == 1);
        CHECK(ok(get(port, base))["items"].size() == 1);
    }
    SUBCASE("a step on a finished session is a conflict") {
        const json gave_up = ok(post(port, at + "/messages", json{{"text", "I give up, show me the answer"}}));
        CHECK(gave_up["done"] == true);
        CHECK(gave_up["kind"] == "answer");
        CHECK(gave_up["score"] == 0.0);
        CHECK(check_problem(post(port, at + "/messages", json{{"text", "one more thing"}}), 409).find(id) !=
              std::string::npos);
        const json shown = ok(get(port, at));
        CHECK(shown["state"] == "finished");
        CHECK(shown["transcript"].size() == 3);
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
            found += e.get<std::string>().find("/teach-sessions") != std::string::npos;
        CHECK(found == 4);
        CHECK(has(index["endpoints"], "GET /api/v1/ask"));
    }
}

}  // namespace http_teach_test
