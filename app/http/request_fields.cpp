#include "http/request_fields.hpp"

#include "rehearse/core/base/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace rehearse::http {

using nlohmann::json;

namespace {

// Deeper documents are no request of ours; refusing them early keeps a hostile body cheap.
constexpr int max_json_depth = 64;

std::string hex_encode(std::string_view s) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() * 2);
    for (unsigned char c : s) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

std::optional<std::string> hex_decode(std::string_view s) {
    if (s.size() % 2 != 0) return std::nullopt;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); i += 2) {
        const int hi = value(s[i]), lo = value(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

}  // namespace

std::string url_encode(std::string_view s) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
    return out;
}

long integer_query(const request& r, const std::string& name, long min, long max, long fallback) {
    const auto v = r.query_value(name);
    if (!v) return fallback;
    char* end = nullptr;
    errno = 0;
    const long n = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno == ERANGE || n < min || n > max)
        throw error(errc::usage, name + " takes a whole number from " + std::to_string(min) + " to " +
                                     std::to_string(max) + ", not \"" + *v + "\"");
    return n;
}

json body_object(const request& r) {
    if (r.body.empty()) throw error(errc::invalid_input, "expected a JSON object in the request body");
    json doc;
    // The last key read names the field when a number overflows: the lexer fails on the value
    // right after its key, before the value reaches this callback.
    std::string last_key;
    try {
        doc = json::parse(r.body, [&last_key](int depth, json::parse_event_t event, json& parsed) {
            if (depth > max_json_depth)
                throw error(errc::invalid_input,
                            "the JSON body nests deeper than " + std::to_string(max_json_depth) + " levels");
            if (event == json::parse_event_t::key && parsed.is_string()) last_key = parsed.get<std::string>();
            return true;
        });
    } catch (const json::parse_error& e) {
        throw error(errc::invalid_input, std::string("malformed JSON: ") + e.what());
    } catch (const json::out_of_range&) {
        // nlohmann reports 1e400 as out_of_range, not as a parse error: the syntax is fine.
        throw unprocessable_value(last_key.empty() ? std::string("a number in the body is out of range")
                                                   : "\"" + last_key + "\" holds a number out of range");
    }
    if (!doc.is_object()) throw error(errc::invalid_input, "the request body must be a JSON object");
    return doc;
}

std::optional<std::string> optional_string(const json& body, const char* field) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw error(errc::invalid_input, std::string("\"") + field + "\" must be a string");
    return it->get<std::string>();
}

std::string required_string(const json& body, const char* field) {
    auto v = optional_string(body, field);
    if (!v) throw error(errc::invalid_input, std::string("the request body needs \"") + field + "\"");
    return *v;
}

const rehearse::problem& find_problem(app_context& ctx, const std::string& id) {
    const rehearse::problem* p = ctx.content().find_problem(id);
    if (!p) throw error(errc::not_found, "unknown problem \"" + id + "\" (see: GET /api/v1/problems)");
    return *p;
}

json optional_body_object(const request& r) { return r.body.empty() ? json::object() : body_object(r); }

response created(const json& doc, const std::string& location) {
    response out = response::json(201, doc);
    if (!location.empty()) out.headers.emplace_back("Location", location);
    return out;
}

response page(const request& r, json items, const char* key) {
    const long limit = integer_query(r, "limit", 1, max_page_limit, default_page_limit);
    std::optional<std::string> after;
    if (const auto c = r.query_value("cursor"); c && !c->empty()) {
        after = hex_decode(*c);
        if (!after) throw error(errc::usage, "cursor \"" + *c + "\" is not one this API gave out");
    }
    std::vector<json> sorted(items.begin(), items.end());
    std::stable_sort(sorted.begin(), sorted.end(), [key](const json& a, const json& b) {
        return a.at(key).get_ref<const std::string&>() < b.at(key).get_ref<const std::string&>();
    });
    auto it = sorted.begin();
    if (after)
        it = std::upper_bound(sorted.begin(), sorted.end(), *after, [key](const std::string& k, const json& item) {
            return k < item.at(key).get_ref<const std::string&>();
        });
    json page_items = json::array();
    for (; it != sorted.end() && static_cast<long>(page_items.size()) < limit; ++it) page_items.push_back(*it);
    json next = nullptr;
    std::string link;
    if (it != sorted.end() && !page_items.empty()) {
        const std::string cursor = hex_encode(page_items.back().at(key).get<std::string>());
        next = cursor;
        std::string query;
        for (const auto& [k, v] : r.query)
            if (k != "cursor") query += (query.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
        link = r.path + "?" + query + (query.empty() ? "" : "&") + "cursor=" + cursor;
    }
    response out = response::json(200, json{{"items", std::move(page_items)}, {"next", next}});
    if (!link.empty()) out.headers.emplace_back("Link", "<" + link + ">; rel=\"next\"");
    return out;
}

}  // namespace rehearse::http
