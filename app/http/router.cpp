#include "http/router.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace rehearse::http {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            const bool complete = i + 2 < s.size();
            const int hi = complete ? hex_value(s[i + 1]) : -1;
            const int lo = complete ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) throw error(errc::invalid_input, "malformed percent-encoding in the request target");
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

const char* reason_phrase(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Error";
    }
}

}  // namespace

std::optional<std::string> request::query_value(const std::string& name) const {
    const auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

response response::json(int status, const nlohmann::json& doc) {
    response r;
    r.status = status;
    // Replace invalid UTF-8 (from plugin text or a stored answer) rather than fail the response.
    r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

void parse_target(request& r) {
    const std::string_view target = r.target;
    const auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    const std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
    if (path.empty() || path.front() != '/')
        throw error(errc::invalid_input, "the request target must be a path starting with '/'");
    r.path = std::string(path);
    r.segments.clear();
    path.remove_prefix(1);
    // "/api/v1/problems/" means the same as "/api/v1/problems"; "/" has no segments.
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (!path.empty())
        for (auto seg : split(path, '/')) r.segments.push_back(percent_decode(seg, false));
    r.query.clear();
    if (!query.empty())
        for (auto pair : split(query, '&')) {
            if (pair.empty()) continue;
            const auto eq = pair.find('=');
            std::string key = percent_decode(pair.substr(0, eq), true);
            std::string value = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true);
            r.query[std::move(key)] = std::move(value);
        }
}

bool is_json_media_type(std::string_view content_type) {
    std::string type(content_type.substr(0, content_type.find(';')));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    if (type == "application/json") return true;
    return type.rfind("application/", 0) == 0 && type.size() > 17 && type.compare(type.size() - 5, 5, "+json") == 0;
}

int status_for(errc code) noexcept {
    switch (code) {
        case errc::usage:
        case errc::invalid_input:
            return 400;
        case errc::unauthenticated:
            return 401;
        case errc::forbidden:
            return 403;
        case errc::not_found:
            return 404;
        case errc::conflict:
            return 409;
        case errc::too_large:
            return 413;
        case errc::unavailable:
            return 503;
        case errc::invalid_content:
        case errc::plugin:
        case errc::store:
        case errc::io:
        case errc::internal:
            return 500;
    }
    return 500;
}

response problem(int status, std::string_view code, const std::string& detail) {
    nlohmann::json doc{{"type", "urn:rehearse:problem:" + std::string(code)},
                       {"title", reason_phrase(status)},
                       {"status", status},
                       {"detail", detail},
                       {"code", code}};
    response r = response::json(status, doc);
    r.content_type = "application/problem+json";
    return r;
}

response problem_for(const error& e, const std::function<void(const std::string&)>& log) {
    const int status = status_for(e.code());
    if (status >= 500) {
        // The message of a server-side failure may name files or SQL; the client gets a safe one.
        if (log) log(std::string(code_name(e.code())) + ": " + e.what());
        return problem(status, code_name(e.code()), "the server could not complete the request");
    }
    return problem(status, code_name(e.code()), e.what());
}

void router::add(std::string method, std::string_view pattern, handler h) {
    route r{std::move(method), {}, std::move(h)};
    std::string_view p = pattern;
    if (!p.empty() && p.front() == '/') p.remove_prefix(1);
    if (!p.empty())
        for (auto seg : split(p, '/')) r.segments.emplace_back(seg);
    routes_.push_back(std::move(r));
}

std::vector<std::pair<std::string, std::string>> router::patterns() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& rt : routes_) {
        std::string pattern;
        for (const auto& seg : rt.segments) pattern += "/" + seg;
        out.emplace_back(rt.method, pattern.empty() ? "/" : pattern);
    }
    return out;
}

void router::log(const std::string& message) const {
    if (log_)
        log_(message);
    else
        std::cerr << "rehearse serve: " << message << '\n';
}

response router::dispatch(request& r) const {
    std::vector<std::string> allowed;
    for (const auto& rt : routes_) {
        if (rt.segments.size() != r.segments.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < rt.segments.size() && ok; ++i) {
            const std::string& s = rt.segments[i];
            if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
                if (r.segments[i].empty())
                    ok = false;
                else
                    params[s.substr(1, s.size() - 2)] = r.segments[i];
            } else {
                ok = s == r.segments[i];
            }
        }
        if (!ok) continue;
        if (rt.method != r.method) {
            if (std::find(allowed.begin(), allowed.end(), rt.method) == allowed.end()) allowed.push_back(rt.method);
            continue;
        }
        r.params = std::move(params);
        r.route.clear();
        for (const auto& seg : rt.segments) r.route += "/" + seg;
        if (r.route.empty()) r.route = "/";
        if (authorize_) authorize_(r);
        // Every body this API reads is JSON; anything else (text/plain, a form, no type at all) is
        // refused rather than parsed as JSON on trust. An empty body carries no type to check.
        if (!r.body.empty()) {
            const auto type = r.headers.find("content-type");
            if (type == r.headers.end() || !is_json_media_type(type->second))
                return problem(415, "unsupported_media_type",
                               "request bodies are JSON: send them with Content-Type: application/json" +
                                   std::string(type == r.headers.end() ? " (this one had no Content-Type)"
                                                                       : " (this one was " + type->second + ")"));
        }
        return rt.run(r);
    }
    if (!allowed.empty()) {
        std::string allow;
        for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
        response out =
            problem(405, "method_not_allowed", r.method + " is not allowed on " + r.path + " (allowed: " + allow + ")");
        out.headers.emplace_back("Allow", allow);
        return out;
    }
    return problem(404, "not_found", "no such resource: " + r.path);
}

response router::handle(request& r) const noexcept {
    try {
        try {
            parse_target(r);
            if (authenticate_) authenticate_(r);
            return dispatch(r);
        } catch (const unprocessable_value& e) {
            return problem(422, "out_of_range", e.what());
        } catch (const error& e) {
            return problem_for(e, [this](const std::string& m) { log(m); });
        } catch (const nlohmann::json::parse_error& e) {
            return problem(400, code_name(errc::invalid_input), std::string("malformed JSON: ") + e.what());
        } catch (const std::exception& e) {
            log(std::string("internal error: ") + e.what());
            return problem(500, code_name(errc::internal), "the server could not complete the request");
        } catch (...) {
            log("internal error: unknown exception");
            return problem(500, code_name(errc::internal), "the server could not complete the request");
        }
    } catch (...) {
        // Building the problem itself failed (out of memory): a fixed answer that cannot throw further.
        response out;
        out.status = 500;
        out.content_type = "application/problem+json";
        out.close = true;
        return out;
    }
}

}  // namespace rehearse::http
