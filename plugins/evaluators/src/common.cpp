#include "common.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace rehearse::evaluators {

bool is_program(std::string_view lang) {
    for (std::string_view l : {"python", "py", "javascript", "js", "typescript", "ts", "java", "go", "rust", "cpp", "c",
                               "ruby", "bash", "sh", "shell", "kotlin", "swift", "csharp", "php"})
        if (lang == l) return true;
    return false;
}

bool context::has_section(std::string_view s) const {
    for (const auto& x : answer.value("sections", json::array()))
        if (x.is_string() && x.get<std::string>() == s) return true;
    return false;
}

context make_context(const json& request) {
    context c{request.at("problem"), request.at("answer"), {}};
    for (const auto& b : c.answer.value("blocks", json::array())) {
        const std::string raw = b.value("text", "");
        const std::string kind = b.value("kind", "");
        const std::string section = b.value("section", "");
        const std::string lang = b.value("lang", "");
        const int line = b.value("line", 0);
        for (auto& s : sdk::text::split_sentences(raw)) {
            std::string lowered = lower(s.text);
            c.sentences.push_back({std::move(lowered), std::move(s.text), section, kind, lang, line + s.line});
        }
    }
    return c;
}

const sentence* mention(const context& c, std::initializer_list<std::string_view> phrases,
                        std::initializer_list<std::string_view> sections, bool allow_hedged, bool skip_code) {
    for (const auto& s : c.sentences) {
        if (skip_code && s.kind == "code" && is_program(s.lang)) continue;
        if (sections.size() && std::find(sections.begin(), sections.end(), s.section) == sections.end()) continue;
        if (s.kind == "heading") continue;
        for (auto p : phrases) {
            for (auto pos = find_word(s.text, p); pos != std::string_view::npos; pos = find_word(s.text, p, pos + 1)) {
                if (negated(s.text, pos, p.size())) continue;
                if (!allow_hedged && hedged(s.text)) continue;
                return &s;
            }
        }
    }
    return nullptr;
}

const sentence* stated(const context& c, std::initializer_list<std::string_view> phrases) {
    for (const auto& s : c.sentences) {
        if ((s.kind == "code" && is_program(s.lang)) || s.kind == "heading" || future_only(s.text)) continue;
        if (!s.text.empty() && s.text.back() == '?') continue;
        for (auto p : phrases)
            for (auto pos = find_word(s.text, p); pos != std::string_view::npos; pos = find_word(s.text, p, pos + 1))
                if (!negated(s.text, pos, p.size())) return &s;
    }
    return nullptr;
}

const sentence* any_mention(const context& c, std::initializer_list<std::string_view> phrases) {
    for (const auto& s : c.sentences)
        for (auto p : phrases)
            if (find_word(s.text, p) != std::string_view::npos) return &s;
    return nullptr;
}

std::string excerpt(std::string_view s, std::size_t max) {
    std::string out(s.substr(0, std::min(s.size(), max)));
    if (s.size() > max) {
        // Cut at a UTF-8 boundary.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
        out += "...";
    }
    return out;
}

json finding(std::string id, std::string dimension, std::string severity, std::string message, std::string advice,
             std::string evidence, std::string why) {
    return {{"id", std::move(id)},           {"dimension", std::move(dimension)}, {"severity", std::move(severity)},
            {"message", std::move(message)}, {"advice", std::move(advice)},       {"evidence", std::move(evidence)},
            {"why", std::move(why)}};
}

double penalty(const json& findings) {
    double p = 0;
    for (const auto& f : findings) {
        const std::string s = f.value("severity", "minor");
        p += s == "critical" ? 0.6 : s == "major" ? 0.45 : s == "minor" ? 0.15 : 0;
    }
    return p;
}

}  // namespace rehearse::evaluators
