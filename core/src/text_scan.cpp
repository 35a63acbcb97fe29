#include "rehearse/text_scan.hpp"

#include <array>
#include <cctype>

namespace rehearse::text {

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
        // A trailing plural "s"/"es" still counts: "caches", "queues".
        std::size_t e = end;
        if (e < hay.size() && hay[e] == 'e' && e + 1 < hay.size() && hay[e + 1] == 's') e += 2;
        else if (e < hay.size() && hay[e] == 's') ++e;
        const bool right = e >= hay.size() || !is_word_char(hay[e]) || !is_word_char(needle.back());
        const bool right_exact = end >= hay.size() || !is_word_char(hay[end]) || !is_word_char(needle.back());
        if (left && (right || right_exact)) return pos;
    }
    return std::string_view::npos;
}

std::vector<std::string> sentences(std::string_view t) {
    std::vector<std::string> out;
    std::string cur;
    auto push = [&] {
        std::size_t a = 0;
        while (a < cur.size() && std::isspace(static_cast<unsigned char>(cur[a]))) ++a;
        if (a < cur.size()) out.push_back(cur.substr(a));
        cur.clear();
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        cur += c;
        const bool next_space = i + 1 >= t.size() || std::isspace(static_cast<unsigned char>(t[i + 1]));
        if (c == '\n' || ((c == '.' || c == '!' || c == '?' || c == ';') && next_space)) push();
    }
    push();
    return out;
}

bool negated(std::string_view s, std::size_t pos, std::size_t len) noexcept {
    // Look back over the few words before the mention, within the same clause.
    std::size_t start = pos > 48 ? pos - 48 : 0;
    std::string_view before = s.substr(start, pos - start);
    for (std::size_t i = before.size(); i-- > 0;) {
        const char c = before[i];
        if (c == ',' || c == ':' || c == '(' || c == ')' ||
            (c == '-' && i + 1 < before.size() && before[i + 1] == ' ')) {
            // "X, not Y": a comma ends the clause unless the negation follows it directly.
            before = before.substr(i + 1);
            break;
        }
    }
    static constexpr std::array<std::string_view, 27> cues{
        "no",       "not",     "without", "never",  "instead of", "rather than", "avoid",   "don't",   "do not",
        "doesn't",  "does not", "won't",  "will not", "isn't",    "aren't",      "skip",    "nor",     "unnecessary",
        "unneeded", "no need", "neither", "wouldn't", "would not", "shouldn't",  "not use", "against", "defer"};
    for (auto cue : cues)
        if (find_word(before, cue) != std::string_view::npos) return true;
    // After the mention: "sharding is not needed", "a cache is overkill", "Kafka would be premature".
    const std::string_view after = s.substr(std::min(s.size(), pos + len), 40);
    static constexpr std::array<std::string_view, 12> after_cues{
        "is not",   "isn't",     "are not", "aren't",   "not needed", "overkill",
        "premature", "unnecessary", "is unnecessary", "not required", "would be overkill", "can wait"};
    for (auto cue : after_cues) {
        const auto at = after.find(cue);
        if (at != std::string_view::npos) {
            // Only within the same clause.
            const auto cut = after.find_first_of(",;.");
            if (cut == std::string_view::npos || at < cut) return true;
        }
    }
    return false;
}

}  // namespace rehearse::text
