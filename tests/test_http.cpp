// The HTTP API end to end: the real `rehearse serve` on 127.0.0.1:0 with a private database, and
// real HTTP requests through Poco's client. Every loop is bounded.
#include "support/http_client.hpp"
#include "support/server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace {

using nlohmann::json;
using rehearse::test::server_process;
using namespace rehearse::test::http;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// One server for the read-mostly cases: starting one loads every bundled plugin.
server_process& shared_server() {
    static server_process s;
    return s;
}

/// Every id of a list endpoint, walked page by page with `limit`.
std::vector<std::string> walk(std::uint16_t port, const std::string& path, const char* key, int limit) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int i = 0; i < 1000; ++i) {
        const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
        const reply r =
            get(port, path + sep + "limit=" + std::to_string(limit) + (cursor.empty() ? "" : "&cursor=" + cursor));
        REQUIRE(r.status == 200);
        const json d = r.doc();
        CHECK(d["items"].size() <= static_cast<std::size_t>(limit));
        for (const auto& item : d["items"]) ids.push_back(item[key].get<std::string>());
        if (d["next"].is_null()) {
            CHECK(r.link.empty());
            return ids;
        }
        CHECK(r.link.find("rel=\"next\"") != std::string::npos);
        cursor = d["next"].get<std::string>();
    }
    FAIL("the cursor walk did not end");
    return ids;
}

}  // namespace

TEST_CASE("http: content endpoints, the web page and error shapes") {
    const auto port = shared_server().port();
    CHECK(shared_server().url() == "http://127.0.0.1:" + std::to_string(port) + "/");

    const reply page = get(port, "/");
    CHECK(page.status == 200);
    CHECK(page.content_type.rfind("text/html", 0) == 0);
    CHECK(page.body.find("src=\"/static/") != std::string::npos);  // scripts are files of this origin
    CHECK(page.body.find("http://") == std::string::npos);         // no external assets

    const reply plugins = get(port, "/api/v1/plugins");
    REQUIRE(plugins.status == 200);
    CHECK(plugins.content_type == "application/json");
    CHECK(!plugins.doc()["items"].empty());
    CHECK(plugins.doc()["items"][0].contains("api_version"));

    const reply problems = get(port, "/api/v1/problems?difficulty=easy&limit=100");
    REQUIRE(problems.status == 200);
    REQUIRE(!problems.doc()["items"].empty());
    const json easy_list = problems.doc();
    for (const auto& p : easy_list["items"]) CHECK(p["difficulty"] == "easy");
    const reply by_dim = get(port, "/api/v1/problems?dimension=data-model&limit=5");
    REQUIRE(by_dim.status == 200);
    const json dim_list = by_dim.doc();
    for (const auto& p : dim_list["items"]) CHECK(p["dimensions"].contains("data-model"));

    const reply one = get(port, "/api/v1/problems/url-shortener");
    REQUIRE(one.status == 200);
    CHECK(one.doc()["id"] == "url-shortener");
    CHECK(one.doc()["statement"].is_string());

    const reply lessons = get(port, "/api/v1/lessons");
    REQUIRE(lessons.status == 200);
    REQUIRE(!lessons.doc()["items"].empty());
    const std::string lesson_id = lessons.doc()["items"][0]["id"];
    CHECK(get(port, "/api/v1/lessons/" + lesson_id).doc()["id"] == lesson_id);

    const reply curricula = get(port, "/api/v1/curricula");
    REQUIRE(curricula.status == 200);
    REQUIRE(!curricula.doc()["items"].empty());
    const std::string curriculum_id = curricula.doc()["items"][0]["id"];
    CHECK(get(port, "/api/v1/curricula/" + curriculum_id).status == 200);

    SUBCASE("unknown ids and routes are 404 problem+json") {
        check_problem(get(port, "/api/v1/problems/no-such-problem"), 404);
        check_problem(get(port, "/api/v1/lessons/no-such-lesson"), 404);
        check_problem(get(port, "/api/v1/curricula/no-such-plan"), 404);
        check_problem(get(port, "/api/v1/learners/nobody/progress"), 404);
        check_problem(get(port, "/api/v1/nothing-here"), 404);
        check_problem(get(port, "/favicon.ico"), 404);
    }
    SUBCASE("a known path with another method is 405 with Allow") {
        const reply r = call(port, "DELETE", "/api/v1/problems");
        check_problem(r, 405);
        CHECK(r.allow == "GET");
        const reply learners = call(port, "PUT", "/api/v1/learners");
        check_problem(learners, 405);
        CHECK(learners.allow.find("POST") != std::string::npos);
    }
    SUBCASE("bad query values are 400") {
        const reply bad_difficulty = get(port, "/api/v1/problems?difficulty=impossible");
        check_problem(bad_difficulty, 400);
        CHECK(bad_difficulty.doc()["detail"] == "difficulty must be easy, medium or hard, not \"impossible\"");
        check_problem(get(port, "/api/v1/problems?dimension=charisma"), 400);
        check_problem(get(port, "/api/v1/problems?limit=0"), 400);
        check_problem(get(port, "/api/v1/problems?limit=101"), 400);
        check_problem(get(port, "/api/v1/problems?limit=ten"), 400);
        check_problem(get(port, "/api/v1/problems?cursor=not-a-cursor"), 400);
        check_problem(get(port, "/api/v1/problems/%zz"), 400);
    }
    SUBCASE("a cursor walk returns every item exactly once") {
        const auto all = walk(port, "/api/v1/problems", "id", 100);
        REQUIRE(all.size() > 5);
        for (int limit : {1, 3, 7}) {
            const auto walked = walk(port, "/api/v1/problems", "id", limit);
            CHECK(walked == all);
            CHECK(std::set<std::string>(walked.begin(), walked.end()).size() == walked.size());
        }
        const auto easy = walk(port, "/api/v1/problems?difficulty=easy", "id", 2);
        CHECK(easy.size() == problems.doc()["items"].size());
        const auto lesson_ids = walk(port, "/api/v1/lessons", "id", 4);
        CHECK(lesson_ids.size() == walk(port, "/api/v1/lessons", "id", 100).size());
        const reply first = get(port, "/api/v1/problems");
        CHECK(first.doc()["items"].size() == std::min<std::size_t>(20, all.size()));
    }
}

TEST_CASE("http: learners, grading, attempts, recommendations, progress, plans and reviews") {
    const auto port = shared_server().port();

    // doctest runs this part once per subcase on the same server, so the learner may exist already.
    const reply created = post(port, "/api/v1/learners", json{{"name", "grace"}});
    CHECK((created.status == 201 || created.status == 200));
    CHECK(created.doc()["name"] == "grace");
    CHECK(created.location == "/api/v1/learners/grace");
    const reply again = post(port, "/api/v1/learners", json{{"name", "grace"}});
    CHECK(again.status == 200);
    CHECK(again.doc()["created_at"] == created.doc()["created_at"]);
    CHECK(get(port, "/api/v1/learners/grace").doc()["name"] == "grace");
    bool listed = false;
    const json learners = get(port, "/api/v1/learners").doc();
    for (const auto& l : learners["items"]) listed = listed || l["name"] == "grace";
    CHECK(listed);

    SUBCASE("creating a learner is idempotent") {
        const reply first = post(port, "/api/v1/learners", json{{"name", "ada lovelace"}});
        CHECK(first.status == 201);
        CHECK(first.location == "/api/v1/learners/ada%20lovelace");
        CHECK(get(port, first.location).doc()["name"] == "ada lovelace");
        const reply second = post(port, "/api/v1/learners", json{{"name", "ada lovelace"}});
        CHECK(second.status == 200);
        CHECK(second.doc() == first.doc());
    }
    SUBCASE("request bodies are checked") {
        check_problem(post(port, "/api/v1/learners", std::string("{\"name\": ")), 400);
        check_problem(post(port, "/api/v1/learners", std::string("not json at all")), 400);
        check_problem(post(port, "/api/v1/learners", std::string("[1, 2]")), 400);
        check_problem(post(port, "/api/v1/learners", std::string("")), 400);
        check_problem(post(port, "/api/v1/learners", json{{"name", 42}}), 400);
        check_problem(post(port, "/api/v1/learners", json{{"name", "a/b"}}), 400);
        check_problem(post(port, "/api/v1/learners", std::string(200, '[') + std::string(200, ']')), 400);
        check_problem(post(port, "/api/v1/evaluate", json{{"problem", "url-shortener"}}), 400);
        check_problem(post(port, "/api/v1/evaluate", json{{"problem", "no-such-problem"}, {"answer", "## API\n"}}),
                      404);
        check_problem(post(port, "/api/v1/evaluate", json{{"problem", "url-shortener"}, {"answer", ""}}), 400);
        check_problem(post(port, "/api/v1/learners/grace/attempts", json{{"problem", "url-shortener"}}), 400);
        check_problem(post(port, "/api/v1/learners/grace/attempts",
                           json{{"problem", "url-shortener"}, {"scores", {{"charisma", 0.5}}}}),
                      400);
        check_problem(post(port, "/api/v1/learners/grace/attempts",
                           json{{"problem", "url-shortener"}, {"scores", {{"api", 1.5}}}}),
                      400);
        check_problem(post(port, "/api/v1/learners/grace/attempts",
                           json{{"problem", "url-shortener"}, {"scores", {{"api", "high"}}}}),
                      400);
        check_problem(post(port, "/api/v1/learners/grace/attempts",
                           json{{"problem", "no-such-problem"}, {"scores", {{"api", 0.5}}}}),
                      404);
        check_problem(post(port, "/api/v1/learners/nobody/attempts",
                           json{{"problem", "url-shortener"}, {"scores", {{"api", 0.5}}}}),
                      404);
        const reply bad_kind = get(port, "/api/v1/learners/grace/next?kind=nap");
        check_problem(bad_kind, 400);
        // Core names the query field, never the CLI's --kind.
        CHECK(bad_kind.doc()["detail"] == "kind must be problem, lesson, review or drill, not \"nap\"");
    }
    SUBCASE("bodies over 1 MiB are refused with 413") {
        const std::string big = "{\"name\": \"" + std::string(1024 * 1024 + 10, 'x') + "\"}";
        const reply by_length = call(port, "POST", "/api/v1/learners", &big);
        check_problem(by_length, 413);
        const reply chunked = call(port, "POST", "/api/v1/learners", &big, {}, body_options{true, std::nullopt});
        check_problem(chunked, 413);
        const std::string small = "{}";
        const reply announced =
            call(port, "POST", "/api/v1/learners", &small, {}, body_options{false, std::int64_t{100} * 1024 * 1024});
        check_problem(announced, 413);
        // Exactly at the limit is still read (and then judged on its content).
        const std::string at_limit = "{\"name\": \"" + std::string(1024 * 1024 - 12, 'x') + "\"}";
        REQUIRE(at_limit.size() == 1024 * 1024);
        check_problem(call(port, "POST", "/api/v1/learners", &at_limit), 400);
    }
    SUBCASE("grade, record, recommend, progress") {
        const std::string answer =
            read_file(std::string(REHEARSE_TEST_SOURCE_DIR) + "/answers/casetracking-strong-outbox.md");
        REQUIRE(!answer.empty());
        const reply graded = post(port, "/api/v1/evaluate", json{{"problem", "case-tracking"}, {"answer", answer}});
        REQUIRE(graded.status == 200);
        const json e = graded.doc();
        CHECK(e["problem"] == "case-tracking");
        CHECK(e["overall"].is_number());
        CHECK(e["scores"].is_object());
        CHECK(e["findings"].is_array());
        CHECK(e["feedback"].contains("takeaway"));
        CHECK(!e.contains("attempt_id"));

        const reply attempt =
            post(port, "/api/v1/learners/grace/attempts", json{{"problem", "case-tracking"}, {"answer", answer}});
        REQUIRE(attempt.status == 201);
        CHECK(attempt.doc()["attempt_id"].get<long long>() > 0);
        CHECK(attempt.doc()["scores"] == e["scores"]);
        CHECK(attempt.doc()["mastery"].is_object());

        const reply coach = post(port, "/api/v1/learners/grace/attempts",
                                 json{{"problem", "url-shortener"}, {"scores", {{"data-model", 0.6}, {"api", 0.8}}}});
        REQUIRE(coach.status == 201);
        CHECK(coach.doc()["attempt_id"].get<long long>() > attempt.doc()["attempt_id"].get<long long>());
        CHECK(coach.doc()["problem"] == "url-shortener");

        const reply next = get(port, "/api/v1/learners/grace/next");
        REQUIRE(next.status == 200);
        const json n = next.doc();
        CHECK((n["kind"] == "problem" || n["kind"] == "lesson" || n["kind"] == "review"));
        CHECK(!n["reasons"].empty());
        CHECK(n["predicted_success"].is_number());
        const reply next_problem = get(port, "/api/v1/learners/grace/next?kind=problem");
        REQUIRE(next_problem.status == 200);
        CHECK(next_problem.doc()["kind"] == "problem");
        CHECK(get(port, "/api/v1/problems/" + next_problem.doc()["id"].get<std::string>()).status == 200);

        const reply progress = get(port, "/api/v1/learners/grace/progress");
        REQUIRE(progress.status == 200);
        CHECK(progress.doc()["learner"] == "grace");
        CHECK(progress.doc()["dimensions"]["api"]["attempts"].get<int>() >= 2);
        CHECK(!progress.doc()["weakest"].empty());
    }
    SUBCASE("plans, lessons and reviews") {
        post(port, "/api/v1/learners", json{{"name", "lin"}});
        const std::string curriculum = get(port, "/api/v1/curricula").doc()["items"][0]["id"];
        check_problem(get(port, "/api/v1/learners/lin/plan"), 404);
        check_problem(post(port, "/api/v1/learners/lin/plan", json{{"curriculum", "no-such-plan"}}), 404);
        const reply bad_start =
            post(port, "/api/v1/learners/lin/plan", json{{"curriculum", curriculum}, {"start", "soon"}});
        check_problem(bad_start, 400);
        CHECK(bad_start.doc()["detail"] == "start must be a date YYYY-MM-DD, not \"soon\"");
        const reply bad_minutes =
            post(port, "/api/v1/learners/lin/plan", json{{"curriculum", curriculum}, {"minutes_per_day", 3}});
        check_problem(bad_minutes, 400);
        CHECK(bad_minutes.doc()["detail"] == "minutes per day must be between 5 and 600");
        const reply plan = post(port, "/api/v1/learners/lin/plan", json{{"curriculum", curriculum}});
        REQUIRE(plan.status == 201);
        CHECK(plan.doc()["curriculum"] == curriculum);
        CHECK(get(port, "/api/v1/learners/lin/plan").status == 200);
        CHECK(get(port, "/api/v1/learners/lin/plan/today").status == 200);

        const std::string lesson = get(port, "/api/v1/lessons").doc()["items"][0]["id"];
        const reply taken = post(port, "/api/v1/learners/lin/lessons", json{{"lesson", lesson}});
        REQUIRE(taken.status == 200);
        CHECK(taken.doc()["lesson"] == lesson);
        check_problem(post(port, "/api/v1/learners/lin/lessons", json{{"lesson", "no-such-lesson"}}), 404);

        const reply due = get(port, "/api/v1/learners/lin/reviews");
        REQUIRE(due.status == 200);
        REQUIRE(!due.doc()["items"].empty());
        const std::string card = due.doc()["items"][0]["card"];
        const reply reviewed = post(port, "/api/v1/learners/lin/reviews", json{{"card", card}, {"rating", 3}});
        REQUIRE(reviewed.status == 201);
        CHECK(reviewed.doc()["card"] == card);
        check_problem(post(port, "/api/v1/learners/lin/reviews", json{{"card", card}, {"rating", 7}}), 400);
        check_problem(post(port, "/api/v1/learners/lin/reviews", json{{"card", "no/such/card"}, {"rating", 3}}), 404);
    }
}

TEST_CASE("http: concurrent requests are all answered") {
    const auto port = shared_server().port();
    REQUIRE(post(port, "/api/v1/learners", json{{"name", "conc"}}).status < 300);
    constexpr int threads = 4, per_thread = 25;
    std::atomic<int> ok{0}, failed{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                try {
                    reply r;
                    switch ((t + i) % 4) {
                        case 0:
                            r = get(port, "/api/v1/problems?limit=5");
                            break;
                        case 1:
                            r = get(port, "/api/v1/learners/conc/progress");
                            break;
                        case 2:
                            r = post(port, "/api/v1/learners/conc/attempts",
                                     json{{"problem", "url-shortener"}, {"scores", {{"api", 0.5}}}});
                            break;
                        default:
                            r = get(port, "/api/v1/learners/conc/next");
                            break;
                    }
                    (r.status >= 200 && r.status < 300 ? ok : failed)++;
                } catch (...) {
                    failed++;
                }
            }
        });
    for (auto& th : pool) th.join();
    CHECK(failed.load() == 0);
    CHECK(ok.load() == threads * per_thread);
    CHECK(get(port, "/api/v1/learners/conc/progress").doc()["dimensions"]["api"]["attempts"].get<int>() >=
          threads * per_thread / 4);
}

TEST_CASE("http: a busy port is an error, not a second server") {
    const auto port = shared_server().port();
    rehearse::test::temp_dir dir;
    // timeout(1) bounds the run should the second server ever start listening.
    const auto r = rehearse::test::run_process(
        {"/usr/bin/timeout", "20", REHEARSE_CLI, "serve", "--port", std::to_string(port), "--db", dir.file("db")});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot listen") != std::string::npos);
}

TEST_CASE("http: SIGTERM stops the server gracefully") {
    server_process s;
    CHECK(get(s.port(), "/api/v1/plugins").status == 200);
    const auto code = s.stop();
    REQUIRE(code.has_value());
    CHECK(*code == 0);
}
