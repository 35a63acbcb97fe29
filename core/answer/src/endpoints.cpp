#include "rehearse/core/answer/endpoints.hpp"

#include <rehearse/sdk/text.hpp>

#include <array>
#include <cctype>
#include <set>
#include <string>

namespace rehearse {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 7> methods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

/// Status codes on a line: three-digit numbers 1xx-5xx standing alone ("-> 202 Accepted",
/// "(201)", "returns 404"), not parts of paths, sizes or longer numbers.
void statuses_in(std::string_view s, std::set<int>& out) {
    for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) continue;
        if (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '/' || s[i - 1] == '.' ||
                      s[i - 1] == ',' || s[i - 1] == '=' || s[i - 1] == '_' || s[i - 1] == '{' || s[i - 1] == '$'))
            continue;
        std::size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        if (j - i != 3) {
            i = j;
            continue;
        }
        if (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == ',' ||
                             s[j] == '/' || s[j] == '%'))
            if (!(s[j] == ',' || s[j] == '/')) {  // "201," and "4xx/5xx" lists are fine
                i = j;
                continue;
            }
        const int code = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        if (code >= 100 && code <= 599) out.insert(code);
        i = j;
    }
    // "4xx" / "5xx" shorthand counts as naming error responses.
    const std::string l = sdk::text::lower(s);
    if (l.find("4xx") != std::string::npos) out.insert(400);
    if (l.find("5xx") != std::string::npos) out.insert(500);
}

struct found {
    std::string method;
    std::size_t method_pos;
    std::string path;
    std::size_t end;
};

/// An uppercase method followed by a path starting with "/" (or a full URL).
bool find_endpoint(std::string_view line, found& f) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (!std::isupper(static_cast<unsigned char>(line[i]))) continue;
        if (i > 0 && std::isalnum(static_cast<unsigned char>(line[i - 1]))) continue;
        for (auto m : methods) {
            if (line.substr(i, m.size()) != m) continue;
            std::size_t j = i + m.size();
            if (j < line.size() && std::isalnum(static_cast<unsigned char>(line[j]))) continue;
            while (j < line.size() && (line[j] == ' ' || line[j] == '\t' || line[j] == '`')) ++j;
            // A table with the method and the path in cells of their own: "POST | /v1/petitions |".
            if (j < line.size() && line[j] == '|') {
                ++j;
                while (j < line.size() && (line[j] == ' ' || line[j] == '\t' || line[j] == '`')) ++j;
            }
            if (line.substr(j, 7) == "http://" || line.substr(j, 8) == "https://") {
                const auto slash = line.find('/', j + 8);
                if (slash == std::string_view::npos) continue;
                j = slash;
            }
            if (j >= line.size() || line[j] != '/') continue;
            std::size_t k = j;
            while (k < line.size() && !std::isspace(static_cast<unsigned char>(line[k])) && line[k] != '`' &&
                   line[k] != '"' && line[k] != '\'' && line[k] != ')' && line[k] != ',')
                ++k;
            std::string path(line.substr(j, k - j));
            while (!path.empty() && (path.back() == '.' || path.back() == ':' || path.back() == ';')) path.pop_back();
            f = {std::string(m), i, path, k};
            return true;
        }
    }
    return false;
}

json make_endpoint(const found& f, std::string_view section, int line) {
    json e{{"method", f.method},
           {"path", f.path},
           {"path_params", json::array()},
           {"query_params", json::array()},
           {"statuses", json::array()},
           {"async", false},
           {"webhook", false},
           {"text", ""},
           {"section", section},
           {"line", line}};
    std::string path = f.path;
    if (const auto q = path.find('?'); q != std::string::npos) {
        std::string query = path.substr(q + 1);
        path.resize(q);
        std::size_t start = 0;
        while (start <= query.size()) {
            auto amp = query.find('&', start);
            if (amp == std::string::npos) amp = query.size();
            std::string part = query.substr(start, amp - start);
            if (const auto eq = part.find('='); eq != std::string::npos) part.resize(eq);
            if (!part.empty()) e["query_params"].push_back(sdk::text::lower(part));
            start = amp + 1;
        }
    }
    e["path"] = path;
    // Path parameters: {id}, :id, <id>.
    std::size_t seg = 0;
    while (seg < path.size()) {
        auto next = path.find('/', seg + 1);
        if (next == std::string::npos) next = path.size();
        std::string s = path.substr(seg + 1, next - seg - 1);
        if (s.size() > 2 && ((s.front() == '{' && s.back() == '}') || (s.front() == '<' && s.back() == '>')))
            e["path_params"].push_back(s.substr(1, s.size() - 2));
        else if (s.size() > 1 && s.front() == ':')
            e["path_params"].push_back(s.substr(1));
        seg = next;
    }
    return e;
}

void finish(json& e) {
    std::set<int> codes;
    statuses_in(e["text"].get<std::string>(), codes);
    e["statuses"] = codes;
    const std::string t = sdk::text::lower(e["text"].get<std::string>());
    const bool job = t.find("job") != std::string::npos || t.find("status url") != std::string::npos ||
                     t.find("poll") != std::string::npos || t.find("/status") != std::string::npos ||
                     t.find("async") != std::string::npos || t.find("queued") != std::string::npos ||
                     t.find("background") != std::string::npos;
    e["webhook"] = t.find("webhook") != std::string::npos || t.find("callback") != std::string::npos;
    e["async"] = codes.count(202) > 0 || e["webhook"].get<bool>() ||
                 (job && (t.find("returns") != std::string::npos || t.find("->") != std::string::npos ||
                          t.find("return") != std::string::npos || t.find("async") != std::string::npos));
}

}  // namespace

json empty_endpoints() { return {{"endpoints", json::array()}, {"status_mentions", json::array()}}; }

void read_endpoints_block(std::string_view block, std::string_view section, int first_line, json& out) {
    if (!out.is_object() || !out.contains("endpoints")) out = empty_endpoints();
    json* current = nullptr;
    std::size_t pos = 0;
    int line_no = first_line;
    std::set<int> loose;
    while (pos <= block.size()) {
        auto end = block.find('\n', pos);
        if (end == std::string_view::npos) end = block.size();
        std::string_view line = block.substr(pos, end - pos);
        found f;
        std::size_t scan = 0;
        bool any = false;
        // Several endpoints may share a line ("GET /a and POST /b"); each owns the text up to the next.
        while (scan < line.size()) {
            std::string_view rest = line.substr(scan);
            if (!find_endpoint(rest, f)) break;
            any = true;
            found next;
            std::string_view after = rest.substr(f.end);
            const bool more = find_endpoint(after, next);
            const std::size_t stop = more ? f.end + next.method_pos : rest.size();
            out["endpoints"].push_back(make_endpoint(f, section, line_no));
            current = &out["endpoints"].back();
            (*current)["text"] = std::string(rest.substr(0, stop));
            scan += stop;
        }
        if (!any) {
            if (current) {
                (*current)["text"] = (*current)["text"].get<std::string>() + "\n" + std::string(line);
            } else {
                // Prose numbers ("500 users") are not statuses; only lines about responses count.
                const std::string l = sdk::text::lower(line);
                for (auto cue : {"error", "status", "return", "respon", "http", "fail", "conflict", "not found",
                                 "invalid", "4xx", "5xx", "reject"})
                    if (l.find(cue) != std::string::npos) {
                        statuses_in(line, loose);
                        break;
                    }
            }
        }
        pos = end + 1;
        ++line_no;
    }
    // Statuses mentioned in the block outside any endpoint (e.g. "Errors: 400, 404, 409").
    for (int c : loose) out["status_mentions"].push_back(c);
    for (auto& e : out["endpoints"])
        if (e["statuses"].empty()) finish(e);
}

}  // namespace rehearse
