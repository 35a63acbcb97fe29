// Bad input over HTTP against the real server: every refusal is a clear problem+json answer with
// the status that names the fault, never a 500, a silent acceptance or a dropped connection.
#include "support/http_client.hpp"
#include "support/server_process.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using namespace rehearse::test::http;
using rehearse::test::server_process;

/// One raw exchange: `bytes` go out exactly as written (request line and headers included), and
/// the answer is read until the server closes the connection.
reply bad_input_raw_exchange(std::uint16_t port, const std::string& bytes) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(30, 0));
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    std::string raw;
    char buffer[4096];
    try {
        for (;;) {
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) break;
            raw.append(buffer, static_cast<std::size_t>(n));
        }
    } catch (const Poco::Exception&) {
        // A reset after the answer (the server closed with request bytes still unread) ends it too.
    }
    reply r;
    INFO("raw answer: " << raw);
    REQUIRE(raw.rfind("HTTP/1.", 0) == 0);
    r.status = std::stoi(raw.substr(9, 3));
    const auto head_end = raw.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    const std::string head = raw.substr(0, head_end);
    r.body = raw.substr(head_end + 4);
    for (const std::string name : {"Content-Type: ", "content-type: "})
        if (const auto at = head.find(name); at != std::string::npos)
            r.content_type = head.substr(at + name.size(), head.find("\r\n", at) - at - name.size());
    return r;
}

/// A POST sent raw with `content_type` (none when empty): the test client always sends
/// application/json with a body.
reply bad_input_post_typed(std::uint16_t port, const std::string& target, const std::string& content_type,
                           const std::string& body) {
    return bad_input_raw_exchange(port, "POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
                                            (content_type.empty() ? "" : "Content-Type: " + content_type + "\r\n") +
                                            "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

}  // namespace

TEST_CASE("http bad input: numbers beyond a double's range are 422 with the field named and malformed JSON stays 400") {
    server_process server;
    const auto port = server.port();
    CHECK(check_problem(post(port, "/api/v1/learners", std::string(R"({"name": 1e400})")), 422).find("\"name\"") !=
          std::string::npos);
    CHECK(check_problem(post(port, "/api/v1/evaluate", std::string(R"({"problem":"url-shortener","answer":-1e999})")),
                        422)
              .find("\"answer\"") != std::string::npos);
    // A top-level number has no field to name.
    check_problem(post(port, "/api/v1/learners", std::string("1e400")), 422);
    CHECK(post(port, "/api/v1/learners", std::string(R"({"name": 1e300})")).status == 400);  // in range: not a string
    check_problem(post(port, "/api/v1/learners", std::string(R"({"name": )")), 400);
    ok(post(port, "/api/v1/learners", json{{"name", "ada"}}), 201);
    check_problem(post(port, "/api/v1/learners/ada/plan", std::string(R"({"curriculum":"x","minutes_per_day":9e999})")),
                  422);
}

TEST_CASE(
    "http bad input: a body that is not application/json is 415 while GETs and empty optional bodies are unaffected") {
    server_process server;
    const auto port = server.port();
    const std::string body = json{{"name", "ada"}}.dump();
    CHECK(check_problem(bad_input_post_typed(port, "/api/v1/learners", "text/plain", body), 415).find("text/plain") !=
          std::string::npos);
    check_problem(bad_input_post_typed(port, "/api/v1/learners", "application/x-www-form-urlencoded", body), 415);
    // No Content-Type at all, with a body present.
    check_problem(bad_input_post_typed(port, "/api/v1/learners", "", body), 415);
    CHECK(get(port, "/api/v1/learners/ada").status == 404);  // no refused body added anyone
    // JSON with a charset, or a +json type, is JSON.
    CHECK(bad_input_post_typed(port, "/api/v1/learners", "Application/JSON; charset=utf-8", body).status == 201);
    const std::string other = json{{"name", "bea"}}.dump();
    CHECK(bad_input_post_typed(port, "/api/v1/learners", "application/merge-patch+json", other).status == 201);
    ok(get(port, "/api/v1/learners"));
    // An empty POST where every field is optional, sent with no type, is still accepted.
    CHECK(bad_input_post_typed(port, "/api/v1/learners/ada/mock-sessions", "", "").status == 201);
}

TEST_CASE("http bad input: a Content-Length beyond the limit is 413 and a non-numeric one 400 and each is answered") {
    server_process server;
    const auto port = server.port();
    const auto announce = [&](const std::string& length) {
        return bad_input_raw_exchange(port,
                                      "POST /api/v1/learners HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                      "Content-Type: application/json\r\nContent-Length: " +
                                          length + "\r\n\r\n{}");
    };
    check_problem(announce("104857600"), 413);
    check_problem(announce("18446744073709551615"), 413);
    check_problem(announce("99999999999999999999999"), 413);
    check_problem(announce("abc"), 400);
    check_problem(announce("-5"), 400);
    ok(get(port, "/healthz"));  // the server is still serving
}

TEST_CASE("http bad input: the learner names . and .. are refused and their encodings reach no learner") {
    server_process server;
    const auto port = server.port();
    CHECK(check_problem(post(port, "/api/v1/learners", json{{"name", ".."}}), 400).find("..") != std::string::npos);
    check_problem(post(port, "/api/v1/learners", json{{"name", "."}}), 400);
    ok(post(port, "/api/v1/learners", json{{"name", "..."}}), 201);  // only the two path steps are special
    for (const std::string target : {"/api/v1/learners/%2e%2e", "/api/v1/learners/%2e%2e/progress",
                                     "/api/v1/learners/%2E/attempts", "/api/v1/learners/../progress"}) {
        INFO(target);
        const reply r = get(port, target);
        CHECK((r.status == 404 || r.status == 400));
        CHECK(r.content_type == "application/problem+json");
    }
    const auto list = ok(get(port, "/api/v1/learners"));
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0]["name"] == "...");
}

TEST_CASE("http bad input: a request in an HTTP version other than 1.0 or 1.1 is 505") {
    server_process server;
    const auto port = server.port();
    check_problem(bad_input_raw_exchange(port, "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n"), 505);
    check_problem(bad_input_raw_exchange(port, "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n"), 505);
    CHECK(bad_input_raw_exchange(port, "GET /healthz HTTP/1.0\r\n\r\n").status == 200);
}

TEST_CASE("http bad input: requests the HTTP library cannot read still get problem+json") {
    server_process server;
    const auto port = server.port();
    CHECK(check_problem(bad_input_raw_exchange(port, "JUNK\r\n\r\n"), 400).find("could not be read") !=
          std::string::npos);
    const std::string long_url = "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
    CHECK(check_problem(bad_input_raw_exchange(port, long_url), 400).find("too long") != std::string::npos);
    std::string many_headers = "GET /healthz HTTP/1.1\r\n";
    for (int i = 0; i < 200; ++i) many_headers += "X-Header-" + std::to_string(i) + ": v\r\n";
    CHECK(check_problem(bad_input_raw_exchange(port, many_headers + "\r\n"), 400).find("header") != std::string::npos);
    // Keep-alive still works: two requests on one connection are both answered.
    const reply both = bad_input_raw_exchange(
        port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(both.status == 200);
    CHECK(both.body.find("HTTP/1.1 200") != std::string::npos);
    ok(get(port, "/healthz"));
}
