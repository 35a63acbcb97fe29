// The HTTP front without Poco: requests and responses as plain values, a router from (method, path
// pattern) to small handlers, and the one place where errors become problem+json responses. The
// Poco adapter (server.cpp) only moves bytes in and out of these types, so everything here is
// testable and free of Poco's naming.
#pragma once

#include "rehearse/core/access/access_tokens.hpp"
#include "rehearse/core/base/error.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rehearse::http {

/// Request bodies above this are refused with 413 (README.md, The HTTP API).
inline constexpr std::size_t max_body_bytes = 1024 * 1024;

struct request {
    std::string method;
    std::string target;                         ///< as sent: path and query, still encoded
    std::string path;                           ///< the encoded path, without the query
    std::vector<std::string> segments;          ///< decoded path segments
    std::map<std::string, std::string> query;   ///< decoded; the last of repeated keys wins
    std::map<std::string, std::string> params;  ///< the route's {names}, decoded
    std::string body;
    std::map<std::string, std::string> headers;  ///< the ones the API reads, names in lower case
    std::string route;                           ///< the pattern that matched, e.g. /api/v1/problems/{id}
    std::optional<principal> caller;             ///< who signed in (servers with --auth); none on a local server

    /// A route parameter (always present for the route that matched).
    const std::string& param(const std::string& name) const { return params.at(name); }
    std::optional<std::string> query_value(const std::string& name) const;
};

struct response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool close = false;  ///< close the connection after answering (the request body was not fully read)

    static response json(int status, const nlohmann::json& doc);
};

using handler = std::function<response(const request&)>;

/// Splits a request target into path, decoded segments and decoded query. error(invalid_input) for
/// a malformed target (bad percent-encoding, no leading '/').
void parse_target(request& r);

/// The HTTP status of an error code; the only mapping between the two.
int status_for(errc code) noexcept;

/// A body that is well-formed JSON but holds a value the server cannot represent (a number beyond
/// a double's range, such as 1e400): answered 422 rather than 400, since the syntax is fine.
class unprocessable_value : public error {
   public:
    explicit unprocessable_value(const std::string& message) : error(errc::invalid_input, message) {}
};

/// True when a Content-Type names JSON: application/json or an application/...+json type,
/// parameters (charset) and letter case aside.
bool is_json_media_type(std::string_view content_type);

/// application/problem+json: {type, title, status, detail, code}.
response problem(int status, std::string_view code, const std::string& detail);
/// The problem for an error thrown by a use case. Codes that mean a fault of ours answer 500 with a
/// safe message; the real one goes to `log`.
response problem_for(const error& e, const std::function<void(const std::string&)>& log);

class router {
   public:
    /// `pattern` is a path of literal segments and `{name}` segments, e.g. /api/v1/problems/{id}.
    void add(std::string method, std::string_view pattern, handler h);

    /// Routes and runs the handler. Never throws: unknown paths answer 404, a known path with
    /// another method 405 (with Allow), errors become problem+json.
    response handle(request& r) const noexcept;

    /// Every (method, pattern) added, in order: the API index and its description are checked against it.
    std::vector<std::pair<std::string, std::string>> patterns() const;

    /// Checks who may reach what (the server's access policy): `authenticate` runs on every request
    /// before routing and may set `caller`; `authorize` runs once a route has matched, with `route`
    /// and `params` set. Either throws error(unauthenticated | forbidden) to refuse.
    void set_guard(std::function<void(request&)> authenticate, std::function<void(const request&)> authorize) {
        authenticate_ = std::move(authenticate);
        authorize_ = std::move(authorize);
    }

    /// Where internal errors are reported (default: stderr).
    void set_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }

   private:
    struct route {
        std::string method;
        std::vector<std::string> segments;  ///< "{name}" for a parameter
        handler run;
    };
    std::vector<route> routes_;
    std::function<void(const std::string&)> log_;
    std::function<void(request&)> authenticate_;
    std::function<void(const request&)> authorize_;

    response dispatch(request& r) const;
    void log(const std::string& message) const;
};

}  // namespace rehearse::http
