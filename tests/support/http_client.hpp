// A small HTTP client for tests against the real server on 127.0.0.1: one request per call, the
// status, content type, body and the headers the tests read; and the two shapes every route answers
// with (a JSON document, or problem+json).
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rehearse::test::http {

using nlohmann::json;

struct reply {
    int status = 0;
    std::string content_type;
    std::string body;
    std::string location, allow, request_id, www_authenticate, link, connection, retry_after;
    json doc() const { return json::parse(body); }
};

/// Extra request headers, e.g. {{"Authorization", "Bearer ..."}}.
using header_list = std::vector<std::pair<std::string, std::string>>;

/// How a body is framed, for the tests of the size limit.
struct body_options {
    bool chunked = false;
    std::optional<std::int64_t> announced_length;  ///< Content-Length to send instead of the real one
};

inline reply call(std::uint16_t port, const std::string& method, const std::string& target,
                  const std::string* body = nullptr, const header_list& headers = {}, body_options options = {}) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (body) {
        req.setContentType("application/json");
        if (options.chunked)
            req.setChunkedTransferEncoding(true);
        else
            req.setContentLength64(options.announced_length.value_or(static_cast<std::int64_t>(body->size())));
    }
    std::ostream& out = session.sendRequest(req);
    if (body && !options.announced_length) out.write(body->data(), static_cast<std::streamsize>(body->size()));
    Poco::Net::HTTPResponse resp;
    std::istream& in = session.receiveResponse(resp);
    reply r;
    r.status = static_cast<int>(resp.getStatus());
    r.content_type = resp.getContentType();
    Poco::StreamCopier::copyToString(in, r.body);
    r.location = resp.get("Location", "");
    r.allow = resp.get("Allow", "");
    r.request_id = resp.get("X-Request-Id", "");
    r.www_authenticate = resp.get("WWW-Authenticate", "");
    r.link = resp.get("Link", "");
    r.connection = resp.get("Connection", "");
    r.retry_after = resp.get("Retry-After", "");
    return r;
}

inline reply get(std::uint16_t port, const std::string& target) { return call(port, "GET", target); }
inline reply post(std::uint16_t port, const std::string& target, const std::string& body) {
    return call(port, "POST", target, &body);
}
inline reply post(std::uint16_t port, const std::string& target, const json& body) {
    return post(port, target, body.dump());
}

/// The problem+json shape with `status`; returns its detail.
inline std::string check_problem(const reply& r, int status) {
    INFO("body: " << r.body);
    CHECK(r.status == status);
    CHECK(r.content_type == "application/problem+json");
    const json d = json::parse(r.body);
    CHECK(d["status"] == status);
    CHECK(d["title"].is_string());
    CHECK(d["type"].is_string());
    REQUIRE(d["detail"].is_string());
    return d["detail"].get<std::string>();
}

/// A 200/201 JSON reply's document; fails the test, showing the body, otherwise.
inline json ok(const reply& r, int status = 200) {
    INFO("body: " << r.body);
    REQUIRE(r.status == status);
    CHECK(r.content_type == "application/json");
    return r.doc();
}

}  // namespace rehearse::test::http
