#include "common.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

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

namespace {

/// The word at `pos` (starting there) is `w` or an inflection of it: "sends", "sending", "scraped".
std::size_t inflected_at(std::string_view hay, std::size_t pos, std::string_view w) noexcept {
    std::string_view stem = w;
    if (stem.size() > 3 && stem.back() == 'e') stem.remove_suffix(1);
    if (hay.substr(pos, stem.size()) != stem) return 0;
    if (pos > 0 && is_word_char(hay[pos - 1])) return 0;
    std::size_t end = pos + stem.size();
    while (end < hay.size() && is_word_char(hay[end])) ++end;
    const std::string_view rest = hay.substr(pos + stem.size(), end - pos - stem.size());
    const std::string_view tail = w.substr(stem.size());  // "" or "e"
    if (!is_word_char(w.back())) return rest.empty() ? stem.size() : 0;
    if (w.size() < 4) return rest.empty() || rest == "s" ? end - pos : 0;  // "ai" is not "aid"
    for (std::string_view ok : {"", "e", "s", "es", "ed", "d", "ing"}) {
        if (rest == ok && (!ok.empty() || tail.empty()) && (ok != "e" || tail == "e") && (ok != "d" || tail == "e"))
            return end - pos;
    }
    return 0;
}

}  // namespace

std::size_t find_phrase(std::string_view hay, std::string_view phrase) noexcept {
    if (phrase.empty()) return std::string_view::npos;
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < phrase.size();) {
        while (i < phrase.size() && phrase[i] == ' ') ++i;
        std::size_t j = i;
        while (j < phrase.size() && phrase[j] != ' ') ++j;
        if (j > i) words.push_back(phrase.substr(i, j - i));
        i = j;
    }
    if (words.empty()) return std::string_view::npos;
    static constexpr std::string_view fillers[] = {"the", "a", "an", "their", "its", "our", "each", "every", "his", "her"};
    for (std::size_t pos = hay.find(words[0].substr(0, words[0].size() > 3 && words[0].back() == 'e' ? words[0].size() - 1 : words[0].size()));
         pos != std::string_view::npos;
         pos = hay.find(words[0].substr(0, words[0].size() > 3 && words[0].back() == 'e' ? words[0].size() - 1 : words[0].size()), pos + 1)) {
        std::size_t len = inflected_at(hay, pos, words[0]);
        if (len == 0) continue;
        std::size_t at = pos + len;
        bool ok = true;
        for (std::size_t k = 1; k < words.size() && ok; ++k) {
            if (at < hay.size() && hay[at] == ' ') ++at;
            else if (at < hay.size() && (hay[at] == '-' || hay[at] == '/') && words[k - 1].back() != '-') ++at;
            std::size_t n = inflected_at(hay, at, words[k]);
            if (n == 0)
                for (auto f : fillers)
                    if (hay.substr(at, f.size()) == f && at + f.size() < hay.size() && hay[at + f.size()] == ' ') {
                        n = inflected_at(hay, at + f.size() + 1, words[k]);
                        if (n) at += f.size() + 1;
                        break;
                    }
            if (n == 0) ok = false;
            else at += n;
        }
        if (ok) return pos;
    }
    return std::string_view::npos;
}

bool negated(std::string_view s, std::size_t pos, std::size_t len) noexcept {
    std::size_t start = pos > 60 ? pos - 60 : 0;
    std::string_view before = s.substr(start, pos - start);
    // Only the clause the mention is in: "files go to S3, never a BLOB" negates BLOB, while
    // "no delay, we use a cache" does not negate the cache.
    // A mention inside a list ("leave out Kafka, sharding and microservices", "no Redis, Kafka or
    // Elasticsearch") shares the list's head: the clause reaches back over short list items.
    const std::string_view after_mention = s.substr(std::min(s.size(), pos + len));
    const bool list_continues = [&] {
        std::size_t k = 0;
        while (k < after_mention.size() && after_mention[k] == ' ') ++k;
        const std::string_view rest = after_mention.substr(k);
        return rest.rfind(",", 0) == 0 || rest.rfind("and ", 0) == 0 || rest.rfind("or ", 0) == 0 ||
               rest.rfind("nor ", 0) == 0;
    }();
    // A list item is a short noun phrase: no pronoun, at most four words.
    auto list_segment = [](std::string_view t, bool need_conjunction) {
        std::size_t n = 0;
        bool conj = false;
        // ... and no word that opens a positive clause: "no Kafka, just Postgres and Redis".
        for (std::string_view pronoun : {"we", "i", "it", "they", "you", "this", "that", "is", "are", "just", "only",
                                         "simply", "use", "using", "plus", "then", "one", "single", "keep"})
            if (find_word(t, pronoun) != std::string_view::npos) return false;
        for (std::string_view c : {"and", "or", "nor"})
            if (find_word(t, c) != std::string_view::npos) conj = true;
        bool in = false;
        for (char ch : t) {
            const bool w = is_word_char(ch);
            if (w && !in) ++n;
            in = w;
        }
        return n <= 4 && (!need_conjunction || conj);
    };
    bool first_segment = true;
    std::size_t segment_end = before.size();
    for (std::size_t i = before.size(); i-- > 0;) {
        const char c = before[i];
        if (c == ',') {
            const bool item = list_segment(before.substr(i + 1, segment_end - i - 1), first_segment && !list_continues);
            first_segment = false;
            segment_end = i;
            if (item) {
                // Keep looking back, but only as far as the list goes.
                continue;
            }
        }
        if (c == ',' || c == ':' || c == '(' || c == ')' || c == ';' || (c == '-' && i + 1 < before.size() && before[i + 1] == ' ')) {
            before = before.substr(i + 1);
            break;
        }
    }
    // "but" and "instead" also open a new clause: "no sharding but a read replica" (while
    // "instead of" itself is a cue).
    for (std::string_view sep : {" but ", " instead ", " while ", " whereas ", " although "}) {
        auto at = before.rfind(sep);
        while (at != std::string_view::npos && sep == " instead " && before.substr(at + sep.size(), 3) == "of ")
            at = at == 0 ? std::string_view::npos : before.rfind(sep, at - 1);
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
    static constexpr std::array<std::string_view, 20> after_cues{
        "is not", "isn't", "are not", "aren't", "not needed", "overkill", "premature", "unnecessary",
        "not required", "can wait", "is not needed", "would be overkill", "not necessary", "not worth",
        "out of scope", "not covered", "not in scope", "not included", "not addressed", "left out"};
    std::string_view after = s.substr(std::min(s.size(), pos + len), 48);
    const auto cut = after.find_first_of(",;.");
    if (cut != std::string_view::npos) after = after.substr(0, cut);
    for (auto cue : after_cues)
        if (after.find(cue) != std::string_view::npos) return true;
    // The head of a list that a later verb negates: "Monitoring, alerting and logging are not covered".
    if (cut != std::string_view::npos && after_mention.size() > cut && after_mention[cut] == ',') {
        std::string_view clause = after_mention.substr(0, 90);
        if (const auto end = clause.find_first_of(";.("); end != std::string_view::npos) clause = clause.substr(0, end);
        for (auto cue : after_cues) {
            const auto at = clause.find(cue);
            if (at == std::string_view::npos) continue;
            // Only list items between the mention and the cue: "X, Y and Z are not ...".
            std::string_view items = clause.substr(0, at);
            std::size_t words = 0;
            bool in = false, joined = false;
            for (std::size_t i = 0; i < items.size(); ++i) {
                const bool w = is_word_char(items[i]);
                if (w && !in) {
                    ++words;
                    if (items.substr(i, 4) == "and " || items.substr(i, 3) == "or ") joined = true;
                }
                in = w;
            }
            if (joined && words <= 8) return true;
        }
    }
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

bool future_only(std::string_view s) noexcept {
    for (std::string_view cue : {"later", "in the future", "future", "eventually", "down the road", "if it gets",
                                 "if we grow", "if needed", "when needed", "if necessary", "when necessary",
                                 "could add", "can add", "would add", "might add", "could use", "would use",
                                 "could introduce", "phase 2", "someday", "not yet", "if load", "if traffic",
                                 "once we", "when we need", "if we need", "at 10x", "at 100x"})
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
