// Plugins that misbehave (real .so files: an evaluator that never answers, one that answers
// garbage, one that throws) loaded into the real server beside the bundled ones: grading still
// answers from the other evaluators and names the failing ones, other requests are served while a
// call hangs, /healthz reports each plugin's health, and the process survives and stops cleanly.
#include "support/cli_json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace {

using nlohmann::json;
using rehearse::test::run_cli;
using rehearse::test::server_process;
using namespace rehearse::test::http;

const std::string limit_answer =
    "## Requirements\n\nHow many links a day? Assume 1M.\n\n## Architecture\n\n- Client -> API -> PostgreSQL\n";

/// The plugin entry of /healthz with this id; null when it is not listed.
json plugin_entry(std::uint16_t port, const std::string& id) {
    const json health = ok(get(port, "/healthz"));
    for (const auto& p : health["plugins"])
        if (p["id"] == id) return p;
    return nullptr;
}

/// Every warning of an evaluation, one string, for substring checks.
std::string warnings_of(const json& evaluation) {
    std::string all;
    for (const auto& w : evaluation.value("warnings", json::array())) all += w.get<std::string>() + "\n";
    return all;
}

/// Waits (bounded) until the server's stderr contains `text`.
bool wait_for_log(const server_process& s, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (s.err().find(text) != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace

TEST_CASE("http plugin limits: a hanging, a garbage and a throwing evaluator cost only their own grades") {
    // 4 s: long enough that the requests below finish while the hanging call is still waited for.
    server_process s({"--plugins", REHEARSE_FIXTURE_MISBEHAVING_DIR, "--plugin-time-limit", "4"});
    const auto port = s.port();
    const json before = ok(get(port, "/healthz"));
    CHECK(before["plugin_time_limit_ms"] == 4000);
    for (const char* id : {"fixture-hang", "fixture-garbage", "fixture-throw"}) {
        const json p = plugin_entry(port, id);
        REQUIRE(p.is_object());
        CHECK(p["status"] == "ok");
        CHECK(p["calls"] == 0);
    }

    // Grading starts, and its call into fixture-hang never returns...
    reply graded;
    std::atomic<bool> graded_done{false};
    std::thread grader([&] {
        graded = post(port, "/api/v1/evaluate", json{{"problem", "url-shortener"}, {"answer", limit_answer}});
        graded_done = true;
    });
    REQUIRE(wait_for_log(s, "plugin fixture-hang: warning: evaluating; this call never returns"));
    // ...while the server goes on answering everything else.
    CHECK(ok(get(port, "/healthz"))["status"] == "ok");
    CHECK(!ok(get(port, "/api/v1/problems"))["items"].empty());
    ok(post(port, "/api/v1/learners", json{{"name", "ivy"}}), 201);
    ok(post(port, "/api/v1/learners/ivy/attempts",
            json{{"problem", "url-shortener"}, {"scores", {{"data-model", 0.5}}}}),
       201);
    CHECK_FALSE(graded_done.load());  // still inside the hanging call: the limit is 4 s
    grader.join();

    // The evaluation answered, from the other evaluators, naming each one that failed.
    const json evaluation = ok(graded);
    CHECK(evaluation["scores"].contains("data-model"));
    CHECK(evaluation["overall"].get<int>() > 0);
    const std::string warned = warnings_of(evaluation);
    CHECK(warned.find("evaluator fixture-hang failed") != std::string::npos);
    CHECK(warned.find("did not answer within 4 s") != std::string::npos);
    CHECK(warned.find("evaluator fixture-garbage failed") != std::string::npos);
    CHECK(warned.find("not JSON") != std::string::npos);
    CHECK(warned.find("evaluator fixture-throw failed") != std::string::npos);
    CHECK(warned.find("the grading service is unreachable") != std::string::npos);

    const json hang = plugin_entry(port, "fixture-hang");
    CHECK(hang["status"] == "timed-out");
    CHECK(hang["failures"] == 1);
    CHECK(hang["last_error"].get<std::string>().find("did not answer within 4 s") != std::string::npos);
    const json garbage = plugin_entry(port, "fixture-garbage");
    CHECK(garbage["status"] == "failing");
    CHECK(garbage["last_error"].get<std::string>().find("not JSON") != std::string::npos);
    const json thrower = plugin_entry(port, "fixture-throw");
    CHECK(thrower["status"] == "failing");
    CHECK(thrower["failures"] == 1);
    CHECK(thrower["last_error"].get<std::string>().find("unreachable") != std::string::npos);
    const json bundled = plugin_entry(port, "evaluators");
    REQUIRE(bundled.is_object());
    CHECK(bundled["status"] == "ok");
    CHECK(bundled["calls"].get<int>() > 0);
    CHECK(!bundled.contains("last_error"));

    // A later grading does not queue behind the stuck call: the disabled plugin is refused at once.
    // JSON of the wrong shape is a failure as well as text that is not JSON.
    const json again =
        ok(post(port, "/api/v1/evaluate",
                json{{"problem", "url-shortener"}, {"answer", limit_answer + "\nfixture-wrong-shape\n"}}));
    const std::string warned_again = warnings_of(again);
    CHECK(warned_again.find("is disabled: an earlier call has run past the 4 s limit") != std::string::npos);
    CHECK(warned_again.find("\"score\" that is not a number") != std::string::npos);
    CHECK(again["scores"].contains("data-model"));
    CHECK(plugin_entry(port, "fixture-hang")["failures"] == 2);
    CHECK(plugin_entry(port, "fixture-garbage")["failures"] == 2);

    // The server log says when a plugin starts failing and when it times out, once each.
    const std::string log = s.err();
    CHECK(log.find("plugin fixture-hang: error: evaluator \"fixture-hang\" did not answer within 4 s") !=
          std::string::npos);
    CHECK(log.find("plugin fixture-throw: warning: failing:") != std::string::npos);
    CHECK(log.find("plugin fixture-throw: warning: failing:") == log.rfind("plugin fixture-throw: warning: failing:"));

    // The stuck thread is left behind, and the server still stops gracefully on SIGTERM.
    CHECK(s.stop() == 0);
}

TEST_CASE("http plugin limits: a call that was only slow gives its plugin back when it returns") {
    // 1 s against a call that takes 5: the call is given up on, then comes back.
    server_process s({"--plugins", REHEARSE_FIXTURE_MISBEHAVING_DIR, "--plugin-time-limit", "1"});
    const auto port = s.port();
    const json slow = ok(post(port, "/api/v1/evaluate",
                              json{{"problem", "url-shortener"}, {"answer", limit_answer + "fixture-slow-once\n"}}));
    CHECK(warnings_of(slow).find("evaluator \"fixture-hang\" did not answer within 1 s") != std::string::npos);
    REQUIRE(wait_for_log(s, "plugin fixture-hang: warning: a call returned after"));
    CHECK(s.err().find("past the 1 s limit; the plugin takes calls again") != std::string::npos);
    const json back = plugin_entry(port, "fixture-hang");
    CHECK(back["status"] == "failing");
    CHECK(back["last_error"].get<std::string>().find("did not answer within 1 s") != std::string::npos);

    // Called again, it answers, and is healthy.
    const json quick = ok(post(port, "/api/v1/evaluate",
                               json{{"problem", "url-shortener"}, {"answer", limit_answer + "fixture-quick\n"}}));
    CHECK(warnings_of(quick).find("fixture-hang") == std::string::npos);
    const json healthy = plugin_entry(port, "fixture-hang");
    CHECK(healthy["status"] == "ok");
    CHECK(healthy["calls"] == 2);
    CHECK(healthy["failures"] == 1);
    CHECK(s.stop() == 0);
}

TEST_CASE("http plugin limits: the CLI grades and exits with a plugin that never answers") {
    const auto graded = run_cli({"evaluate", "--problem", "url-shortener", "--answer", "-", "--json", "--plugins",
                                 REHEARSE_FIXTURE_MISBEHAVING_DIR, "--db", ":memory:"},
                                limit_answer);
    const json evaluation = rehearse::test::ok_json(graded);
    CHECK(evaluation["scores"].contains("data-model"));
    CHECK(warnings_of(evaluation).find("did not answer within 2 s") != std::string::npos);
}

TEST_CASE("http plugin limits: serve checks --plugin-time-limit and reports --durable") {
    const auto bad = run_cli({"serve", "--plugin-time-limit", "0", "--db", ":memory:"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--plugin-time-limit") != std::string::npos);
    CHECK(run_cli({"serve", "--plugin-time-limit", "soon", "--db", ":memory:"}).exit_code == 2);

    server_process normal;
    CHECK(ok(get(normal.port(), "/healthz"))["database"]["synchronous"] == "normal");
    CHECK(ok(get(normal.port(), "/healthz"))["plugin_time_limit_ms"] == 2000);
    server_process durable({"--durable"});
    CHECK(ok(get(durable.port(), "/healthz"))["database"]["synchronous"] == "full");
}
