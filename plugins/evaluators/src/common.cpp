#include "common.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace rehearse::evaluators {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_word_char(char c) noexcept { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::size_t find_word(std::string_view hay, std::string_view needle, std::size_t from) noexcept {
    if (needle.empty()) return std::string_view::npos;
    for (std::size_t pos = hay.find(needle, from); pos != std::string_view::npos; pos = hay.find(needle, pos + 1)) {
        const bool left = pos == 0 || !is_word_char(hay[pos - 1]) || !is_word_char(needle.front());
        const std::size_t end = pos + needle.size();
        std::size_t e = end;
        if (e + 1 < hay.size() && hay[e] == 'e' && hay[e + 1] == 's') e += 2;
        else if (e < hay.size() && hay[e] == 's') ++e;
        const bool right = e >= hay.size() || !is_word_char(hay[e]) || !is_word_char(needle.back());
        const bool exact = end >= hay.size() || !is_word_char(hay[end]) || !is_word_char(needle.back());
        if (left && (right || exact)) return pos;
    }
    return std::string_view::npos;
}

bool negated(std::string_view s, std::size_t pos, std::size_t len) noexcept {
    std::size_t start = pos > 60 ? pos - 60 : 0;
    std::string_view before = s.substr(start, pos - start);
    // Only the clause the mention is in: "files go to S3, never a BLOB" negates BLOB, while
    // "no delay, we use a cache" does not negate the cache.
    for (std::size_t i = before.size(); i-- > 0;) {
        const char c = before[i];
        if (c == ',' || c == ':' || c == '(' || c == ')' || c == ';' || (c == '-' && i + 1 < before.size() && before[i + 1] == ' ')) {
            before = before.substr(i + 1);
            break;
        }
    }
    // "but" and "instead" also open a new clause: "no sharding but a read replica".
    for (std::string_view sep : {" but ", " instead ", " while ", " whereas ", " although "}) {
        const auto at = before.rfind(sep);
        if (at != std::string_view::npos) before = before.substr(at + sep.size());
    }
    static constexpr std::string_view cues[] = {
        "no",        "not",        "without",   "never",     "instead of", "rather than", "avoid",
        "avoiding",  "don't",      "do not",    "doesn't",   "does not",   "won't",       "will not",
        "isn't",     "aren't",     "skip",      "nor",       "unnecessary", "no need",    "neither",
        "wouldn't",  "would not",  "shouldn't", "should not", "against",   "defer",       "postpone",
        "overkill",  "drop",       "zero",      "nothing",   "hold off",   "leave out",   "left out",
        "leaving out", "out of scope", "not going to", "excluded", "exclude"};
    for (auto cue : cues)
        if (find_word(before, cue) != std::string_view::npos) return true;
    std::string_view after = s.substr(std::min(s.size(), pos + len), 48);
    const auto cut = after.find_first_of(",;.");
    if (cut != std::string_view::npos) after = after.substr(0, cut);
    static constexpr std::array<std::string_view, 14> after_cues{
        "is not", "isn't", "are not", "aren't", "not needed", "overkill", "premature", "unnecessary",
        "not required", "can wait", "is not needed", "would be overkill", "not necessary", "not worth"};
    for (auto cue : after_cues)
        if (after.find(cue) != std::string_view::npos) return true;
    return false;
}

bool hedged(std::string_view s) noexcept {
    static constexpr std::array<std::string_view, 26> cues{
        "if",     "when",   "later",   "future", "once",    "eventually", "down the road", "10x",    "100x",
        "1000x",  "would",  "could",   "might",  "until",   "trigger",    "not yet",       "only",   "someday",
        "beyond", "grows",  "outgrow", "consider", "option", "alternative", "may",         "phase 2"};
    for (auto cue : cues)
        if (find_word(s, cue) != std::string_view::npos) return true;
    return false;
}

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
        // Split on sentence ends and newlines, keeping decimals ("3.5") and paths intact.
        std::string cur;
        int cur_line = line;
        auto push = [&] {
            std::size_t a = 0;
            while (a < cur.size() && std::isspace(static_cast<unsigned char>(cur[a]))) ++a;
            if (a < cur.size()) c.sentences.push_back({lower(cur.substr(a)), cur.substr(a), section, kind, lang, cur_line});
            cur.clear();
        };
        for (std::size_t i = 0; i < raw.size(); ++i) {
            const char ch = raw[i];
            if (ch == '\n') {
                push();
                ++cur_line;
                continue;
            }
            cur += ch;
            const bool next_space = i + 1 >= raw.size() || std::isspace(static_cast<unsigned char>(raw[i + 1]));
            if ((ch == '.' || ch == '!' || ch == '?' || ch == ';') && next_space) push();
        }
        push();
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
        p += s == "critical" ? 0.35 : s == "major" ? 0.25 : s == "minor" ? 0.12 : 0;
    }
    return p;
}

}  // namespace rehearse::evaluators
