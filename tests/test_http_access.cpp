// Signing in to a shared server, against the real `rehearse serve --auth` and the real CLI on the
// same database: tokens (hashed, revocable), a learner's own data, a coach's groups, and the
// operations routes (/healthz, /metrics, request ids).
#include "support/cli_json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;
using rehearse::test::server_process;
using namespace rehearse::test::http;

namespace {

/// A token issued by the CLI on the server's database.
std::string access_test_token(const server_process& s, const std::string& learner, const std::string& role) {
    const json t =
        ok_json(run_cli({"token", "create", "--learner", learner, "--role", role, "--json", "--db", s.db()}));
    REQUIRE(t["token"].is_string());
    CHECK(t["learner"] == learner);
    CHECK(t["role"] == role);
    return t["token"].get<std::string>();
}

reply access_test_get(const server_process& s, const std::string& target, const std::string& token) {
    return call(s.port(), "GET", target, nullptr, {{"Authorization", "Bearer " + token}});
}

}  // namespace

TEST_CASE("http access: tokens, a learner's own data, a coach's groups") {
    server_process s({"--auth"});
    const std::string ana = access_test_token(s, "ana", "learner");
    const std::string ben = access_test_token(s, "ben", "learner");
    const std::string cora = access_test_token(s, "cora", "coach");
    ok_json(run_cli({"group", "create", "team", "--coach", "cora", "--json", "--db", s.db()}));
    const json group = ok_json(run_cli({"group", "add", "team", "--learner", "ana", "--json", "--db", s.db()}));
    CHECK(group["members"] == json::array({"ana"}));

    SUBCASE("no token, a malformed one or an unknown one: 401 with a challenge") {
        const reply none = get(s.port(), "/api/v1/learners/ana/progress");
        check_problem(none, 401);
        CHECK(none.www_authenticate.rfind("Bearer", 0) == 0);
        check_problem(access_test_get(s, "/api/v1/problems", "not-a-token"), 401);
        std::string forged = ana;
        forged.back() = forged.back() == '0' ? '1' : '0';  // right id, wrong secret
        check_problem(access_test_get(s, "/api/v1/learners/ana/progress", forged), 401);
        // The web app and the operations routes are outside /api/v1 and need no token.
        CHECK(get(s.port(), "/").status == 200);
        CHECK(get(s.port(), "/healthz").status == 200);
    }

    SUBCASE("a learner reaches their own data and the shared content, no one else's") {
        const json me = ok(access_test_get(s, "/api/v1/me", ana));
        CHECK(me == json{{"auth", true}, {"learner", "ana"}, {"role", "learner"}, {"groups", json::array()}});
        ok(access_test_get(s, "/api/v1/learners/ana/progress", ana));
        ok(access_test_get(s, "/api/v1/problems", ana));
        check_problem(access_test_get(s, "/api/v1/learners/ben/progress", ana), 403);
        check_problem(access_test_get(s, "/api/v1/learners/nobody/next", ana), 403);
        check_problem(access_test_get(s, "/api/v1/groups/team/progress", ana), 403);
        const json listed = ok(access_test_get(s, "/api/v1/learners", ana));
        REQUIRE(listed["items"].size() == 1);
        CHECK(listed["items"][0]["name"] == "ana");
        // Adding someone else is the server operator's job.
        const std::string body = R"({"name":"mallory"})";
        check_problem(call(s.port(), "POST", "/api/v1/learners", &body, {{"Authorization", "Bearer " + ana}}), 403);
    }

    SUBCASE("a coach reaches the learners of their groups and the group's progress") {
        const json me = ok(access_test_get(s, "/api/v1/me", cora));
        CHECK(me["role"] == "coach");
        CHECK(me["groups"] == json::array({"team"}));
        ok(access_test_get(s, "/api/v1/learners/ana/progress", cora));
        check_problem(access_test_get(s, "/api/v1/learners/ben/progress", cora), 403);
        const json progress = ok(access_test_get(s, "/api/v1/groups/team/progress", cora));
        CHECK(progress["group"] == "team");
        CHECK(progress["coach"] == "cora");
        REQUIRE(progress["learners"].size() == 1);
        CHECK(progress["learners"][0]["learner"] == "ana");
        CHECK(progress["learners"][0]["mastery"].size() == 8);
        CHECK(progress["weakest"].size() == 8);
        const json groups = ok(access_test_get(s, "/api/v1/groups", cora));
        REQUIRE(groups["items"].size() == 1);
        CHECK(groups["items"][0]["name"] == "team");
        check_problem(access_test_get(s, "/api/v1/groups/elsewhere/progress", cora), 404);
        // Another coach's group stays closed.
        const std::string dan = access_test_token(s, "dan", "coach");
        check_problem(access_test_get(s, "/api/v1/groups/team/progress", dan), 403);
        check_problem(access_test_get(s, "/api/v1/learners/ana/progress", dan), 403);
    }

    SUBCASE("only a digest is stored, and a revoked token signs no one in") {
        {
            SQLite::Database db(s.db(), SQLite::OPEN_READONLY);
            SQLite::Statement q(db, "SELECT secret_hash FROM access_tokens");
            int rows = 0;
            while (q.executeStep()) {
                ++rows;
                const std::string stored = q.getColumn(0).getString();
                CHECK(stored.size() == 64);  // hex SHA-256
                CHECK(ben.find(stored) == std::string::npos);
            }
            CHECK(rows >= 3);
        }
        ok(access_test_get(s, "/api/v1/learners/ben/progress", ben));
        const json revoked = ok_json(run_cli({"token", "revoke", ben, "--json", "--db", s.db()}));
        CHECK(revoked["learner"] == "ben");
        CHECK(revoked["revoked_at"].is_string());
        check_problem(access_test_get(s, "/api/v1/learners/ben/progress", ben), 401);
        const auto unknown = run_cli({"token", "revoke", "000000000000", "--db", s.db()});
        CHECK(unknown.exit_code == 1);
        CHECK(unknown.err.find("unknown token") != std::string::npos);
    }
}

TEST_CASE("http access: a non-loopback address needs --auth") {
    const auto refused = run_cli({"serve", "--host", "0.0.0.0", "--port", "0", "--db", ":memory:"});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--auth") != std::string::npos);
    const auto bad_role = run_cli({"token", "create", "--learner", "x", "--role", "admin", "--db", ":memory:"});
    CHECK(bad_role.exit_code == 2);
}

TEST_CASE("http ops: healthz, metrics per route, request ids, past attempts") {
    server_process s;
    const reply health = get(s.port(), "/healthz");
    const json h = ok(health);
    CHECK(h["status"] == "ok");
    CHECK(h["database"]["status"] == "ok");
    CHECK(!h["plugins"].empty());
    CHECK(!health.request_id.empty());
    CHECK(get(s.port(), "/healthz").request_id != health.request_id);

    // A local server has no sign-in: everyone is the local user.
    CHECK(ok(get(s.port(), "/api/v1/me")) ==
          json{{"auth", false}, {"learner", nullptr}, {"role", "local"}, {"groups", json::array()}});

    ok(post(s.port(), "/api/v1/learners", json{{"name", "eve"}}), 201);
    const json first = ok(
        post(s.port(), "/api/v1/learners/eve/attempts", json{{"problem", "url-shortener"}, {"scores", {{"api", 0.5}}}}),
        201);
    const json second = ok(
        post(s.port(), "/api/v1/learners/eve/attempts", json{{"problem", "url-shortener"}, {"scores", {{"api", 0.8}}}}),
        201);
    const reply first_page = get(s.port(), "/api/v1/learners/eve/attempts?limit=1");
    const json page1 = ok(first_page);
    REQUIRE(page1["items"].size() == 1);
    CHECK(page1["items"][0]["id"] == second["attempt_id"]);
    REQUIRE(page1["next"].is_string());
    CHECK(first_page.link ==
          "</api/v1/learners/eve/attempts?limit=1&cursor=" + page1["next"].get<std::string>() + ">; rel=\"next\"");
    const json page2 =
        ok(get(s.port(), "/api/v1/learners/eve/attempts?limit=1&cursor=" + page1["next"].get<std::string>()));
    REQUIRE(page2["items"].size() == 1);
    CHECK(page2["items"][0]["id"] == first["attempt_id"]);
    CHECK(page2["next"].is_null());
    const json one =
        ok(get(s.port(), "/api/v1/learners/eve/attempts/" + std::to_string(first["attempt_id"].get<long>())));
    CHECK(one["problem"] == "url-shortener");
    CHECK(one["source"] == "coach");
    check_problem(get(s.port(), "/api/v1/learners/eve/attempts/999999"), 404);
    check_problem(get(s.port(), "/api/v1/learners/eve/attempts/abc"), 404);

    const reply metrics = get(s.port(), "/metrics");
    CHECK(metrics.status == 200);
    CHECK(metrics.content_type.rfind("text/plain", 0) == 0);
    CHECK(metrics.body.find("rehearse_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2") !=
          std::string::npos);
    CHECK(metrics.body.find("rehearse_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/learners/"
                            "{name}/attempts\",le=\"+Inf\"} 2") != std::string::npos);
    CHECK(metrics.body.find("rehearse_http_connections_open") != std::string::npos);
    // The request log names each request by its id.
    s.stop();
    CHECK(s.err().find("request " + health.request_id + " GET /healthz 200") != std::string::npos);
}

TEST_CASE("http: the CLI and the server write one database at the same time and lose nothing") {
    server_process s;
    ok(post(s.port(), "/api/v1/learners", json{{"name", "wren"}}), 201);
    constexpr int http_writes = 60, cli_writers = 2, cli_writes_each = 6;
    std::atomic<int> http_created{0};
    std::vector<int> http_failures;
    std::mutex failures_mutex;
    std::thread http_writer([&] {
        for (int i = 0; i < http_writes; ++i) {
            const reply r = post(s.port(), "/api/v1/learners/wren/attempts",
                                 json{{"problem", "url-shortener"}, {"scores", {{"api", (i % 10) / 10.0}}}});
            if (r.status == 201) {
                ++http_created;
            } else {
                std::lock_guard lock(failures_mutex);
                http_failures.push_back(r.status);
            }
        }
    });
    std::vector<std::thread> cli;
    std::atomic<int> cli_created{0};
    for (int w = 0; w < cli_writers; ++w)
        cli.emplace_back([&] {
            for (int i = 0; i < cli_writes_each; ++i)
                if (run_cli({"attempt", "--learner", "wren", "--problem", "url-shortener", "--scores", "scaling=0.6",
                             "--db", s.db()})
                        .exit_code == 0)
                    ++cli_created;
        });
    http_writer.join();
    for (auto& t : cli) t.join();
    CHECK(http_failures.empty());
    CHECK(http_created == http_writes);
    CHECK(cli_created == cli_writers * cli_writes_each);
    const json page = ok(get(s.port(), "/api/v1/learners/wren/attempts?limit=100"));
    CHECK(page["items"].size() == static_cast<std::size_t>(http_writes + cli_writers * cli_writes_each));
}
