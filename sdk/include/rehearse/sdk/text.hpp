/// @file
/// Text primitives for reading a written design answer: lowercasing, sentence splitting, word and
/// phrase search, negation and hedging. Header-only and standard library only, so the core's answer
/// readers and every evaluator plugin (which may not link the core) read text the same way.
/// All searches expect lowercase text; lowercase the answer once with `lower`.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::sdk::text {

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// `s` without the white space (space, tab, CR, LF, FF, VT) at either end.
inline std::string_view trim(std::string_view s) noexcept {
    constexpr std::string_view space = " \t\r\n\f\v";
    const auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

/// `s` in double quotes, as error messages show a value the user gave: "abc".
inline std::string in_quotes(std::string_view s) {
    std::string q;
    q.reserve(s.size() + 2);
    q.push_back('"');
    q.append(s);
    q.push_back('"');
    return q;
}

inline bool is_word_char(char c) noexcept { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// One sentence of a text, as written, and the line it starts on (0 = the text's first line).
struct sentence {
    std::string text;
    int line = 0;
};

/// Splits text into sentences on . ! ? ; followed by a space, and on newlines, so decimals ("3.5")
/// and paths ("/v1/users.json") stay whole. Leading whitespace is trimmed; blank sentences are dropped.
inline std::vector<sentence> split_sentences(std::string_view text) {
    std::vector<sentence> out;
    int line = 0;
    std::size_t start = 0;
    auto push = [&](std::size_t end) {
        while (start < end && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
        if (start < end) out.push_back({std::string(text.substr(start, end - start)), line});
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            push(i);
            start = i + 1;
            ++line;
            continue;
        }
        const bool next_space = i + 1 >= text.size() || std::isspace(static_cast<unsigned char>(text[i + 1]));
        if ((c == '.' || c == '!' || c == '?' || c == ';') && next_space) {
            push(i + 1);
            start = i + 1;
        }
    }
    push(text.size());
    return out;
}

/// Position of `needle` in `hay` on word boundaries, or npos. A plural "s"/"es" after it still
/// counts ("cache" finds "caches", "queue" finds "queues").
inline std::size_t find_word(std::string_view hay, std::string_view needle, std::size_t from = 0) noexcept {
    if (needle.empty()) return std::string_view::npos;
    for (std::size_t pos = hay.find(needle, from); pos != std::string_view::npos; pos = hay.find(needle, pos + 1)) {
        const bool left = pos == 0 || !is_word_char(hay[pos - 1]) || !is_word_char(needle.front());
        const std::size_t end = pos + needle.size();
        std::size_t plural_end = end;
        if (plural_end + 1 < hay.size() && hay[plural_end] == 'e' && hay[plural_end + 1] == 's')
            plural_end += 2;
        else if (plural_end < hay.size() && hay[plural_end] == 's')
            ++plural_end;
        const bool right_plural =
            plural_end >= hay.size() || !is_word_char(hay[plural_end]) || !is_word_char(needle.back());
        const bool right_exact = end >= hay.size() || !is_word_char(hay[end]) || !is_word_char(needle.back());
        if (left && (right_plural || right_exact)) return pos;
    }
    return std::string_view::npos;
}

namespace detail {

/// `w` without a final silent "e" ("scrape" -> "scrap"), so its inflections share a prefix.
inline std::string_view inflection_stem(std::string_view w) noexcept {
    if (w.size() > 3 && w.back() == 'e') w.remove_suffix(1);
    return w;
}

/// Length of the word at `pos` when it is `w` or an inflection of it ("sends", "sending",
/// "scraped"); 0 otherwise.
inline std::size_t inflected_at(std::string_view hay, std::size_t pos, std::string_view w) noexcept {
    const std::string_view stem = inflection_stem(w);
    if (hay.substr(pos, stem.size()) != stem) return 0;
    if (pos > 0 && is_word_char(hay[pos - 1])) return 0;
    std::size_t end = pos + stem.size();
    while (end < hay.size() && is_word_char(hay[end])) ++end;
    const std::string_view rest = hay.substr(pos + stem.size(), end - pos - stem.size());
    const std::string_view tail = w.substr(stem.size());  // "" or "e"
    if (!is_word_char(w.back())) return rest.empty() ? stem.size() : 0;
    // Short words only take a plural: "ai" is not "aid".
    if (w.size() < 4) return rest.empty() || rest == "s" ? end - pos : 0;
    for (std::string_view ending : {"", "e", "s", "es", "ed", "d", "ing"}) {
        if (rest == ending && (!ending.empty() || tail.empty()) && (ending != "e" || tail == "e") &&
            (ending != "d" || tail == "e"))
            return end - pos;
    }
    return 0;
}

/// True when `t` has any of `words` on word boundaries.
template <std::size_t N>
bool has_any_word(std::string_view t, const std::array<std::string_view, N>& words) noexcept {
    for (auto w : words)
        if (find_word(t, w) != std::string_view::npos) return true;
    return false;
}

/// True when `t` has any of `words` on word boundaries, exactly (no plural).
template <std::size_t N>
bool has_any_exact_word(std::string_view t, const std::array<std::string_view, N>& words) noexcept {
    for (auto w : words)
        for (auto at = find_word(t, w); at != std::string_view::npos; at = find_word(t, w, at + 1))
            if (at + w.size() >= t.size() || !is_word_char(t[at + w.size()])) return true;
    return false;
}

/// Length of the dash that ends a clause at `i` ("no cache - the DB is fast enough", "still
/// nothing — the pool is the first limit"): an em or en dash, or a hyphen before a space; 0 if none.
inline std::size_t clause_dash_at(std::string_view t, std::size_t i) noexcept {
    if (t[i] == '-' && i + 1 < t.size() && t[i + 1] == ' ') return 1;
    if (t.substr(i, 3) == "\xE2\x80\x94" || t.substr(i, 3) == "\xE2\x80\x93") return 3;
    return 0;
}

/// Counts the words in `t`.
inline std::size_t word_count(std::string_view t) noexcept {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : t) {
        const bool w = is_word_char(c);
        if (w && !in_word) ++n;
        in_word = w;
    }
    return n;
}

}  // namespace detail

/// Position of a phrase whose words may be inflected ("send email" finds "sends the email",
/// "scrape" finds "scraped"), with an article or possessive allowed between words; npos if absent.
inline std::size_t find_phrase(std::string_view hay, std::string_view phrase) noexcept {
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < phrase.size();) {
        while (i < phrase.size() && phrase[i] == ' ') ++i;
        std::size_t j = i;
        while (j < phrase.size() && phrase[j] != ' ') ++j;
        if (j > i) words.push_back(phrase.substr(i, j - i));
        i = j;
    }
    if (words.empty()) return std::string_view::npos;
    static constexpr std::array<std::string_view, 10> fillers{"the", "a",    "an",    "their", "its",
                                                              "our", "each", "every", "his",   "her"};
    const std::string_view first_stem = detail::inflection_stem(words[0]);
    for (std::size_t pos = hay.find(first_stem); pos != std::string_view::npos; pos = hay.find(first_stem, pos + 1)) {
        const std::size_t len = detail::inflected_at(hay, pos, words[0]);
        if (len == 0) continue;
        std::size_t at = pos + len;
        bool ok = true;
        for (std::size_t k = 1; k < words.size() && ok; ++k) {
            if (at < hay.size() && hay[at] == ' ')
                ++at;
            else if (at < hay.size() && (hay[at] == '-' || hay[at] == '/') && words[k - 1].back() != '-')
                ++at;
            std::size_t n = detail::inflected_at(hay, at, words[k]);
            if (n == 0)
                for (auto f : fillers)
                    if (hay.substr(at, f.size()) == f && at + f.size() < hay.size() && hay[at + f.size()] == ' ') {
                        n = detail::inflected_at(hay, at + f.size() + 1, words[k]);
                        if (n) at += f.size() + 1;
                        break;
                    }
            if (n == 0)
                ok = false;
            else
                at += n;
        }
        if (ok) return pos;
    }
    return std::string_view::npos;
}

/// True when the mention at `pos` (length `len`) in the lowercase sentence `s` is negated or
/// contrasted away: "no cache", "never a BLOB", "we don't need sharding", "Kafka is overkill",
/// "Postgres instead of Kafka". A mention in a list shares the list's negation: "leave out Kafka,
/// sharding and microservices", "no Redis, Kafka or Elasticsearch", "Monitoring, alerting and
/// logging are not covered" - but not past a word that opens a positive clause ("no Kafka, just
/// Postgres and Redis").
inline bool negated(std::string_view s, std::size_t pos, std::size_t len) noexcept {
    const std::size_t start = pos > 60 ? pos - 60 : 0;
    std::string_view before = s.substr(start, pos - start);
    const std::string_view after_mention = s.substr(std::min(s.size(), pos + len));
    // A list item is a short noun phrase: at most four words, no pronoun or verb, and no word that
    // opens a positive clause. The last item before the mention needs a conjunction when the list
    // does not go on after it ("no Kafka, Redis and Postgres" vs "no delay, we use a cache").
    static constexpr std::array<std::string_view, 19> not_in_list_item{
        "we",   "i",      "it",  "they",  "you",  "this", "that", "is",     "are", "just",
        "only", "simply", "use", "using", "plus", "then", "one",  "single", "keep"};
    static constexpr std::array<std::string_view, 3> conjunctions{"and", "or", "nor"};
    // The list goes on after the mention's own item, whose rest is at most three more words: "no
    // Kafka, ...", "we don't need a microservice per site or a Kubernetes cluster".
    const bool list_continues = [&] {
        std::size_t k = 0;
        for (int words = 0; words <= 3; ++words) {
            while (k < after_mention.size() && after_mention[k] == ' ') ++k;
            const std::string_view rest = after_mention.substr(k);
            if (rest.rfind(",", 0) == 0 || rest.rfind("and ", 0) == 0 || rest.rfind("or ", 0) == 0 ||
                rest.rfind("nor ", 0) == 0)
                return true;
            std::size_t end = k;
            while (end < after_mention.size() && (is_word_char(after_mention[end]) || after_mention[end] == '-')) ++end;
            if (end == k || detail::has_any_word(after_mention.substr(k, end - k), not_in_list_item)) return false;
            k = end;
        }
        return false;
    }();
    // Each item between the conjunctions is short: "a microservice per site or a" is two items.
    auto list_item = [](std::string_view t, bool need_conjunction) {
        if (detail::has_any_word(t, not_in_list_item)) return false;
        std::size_t words = 0;
        bool joined = false;
        for (std::size_t i = 0; i < t.size();) {
            if (!is_word_char(t[i])) {
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end < t.size() && is_word_char(t[end])) ++end;
            const std::string_view w = t.substr(i, end - i);
            if (std::find(conjunctions.begin(), conjunctions.end(), w) != conjunctions.end()) {
                joined = true;
                words = 0;
            } else if (++words > 4) {
                return false;
            }
            i = end;
        }
        return !need_conjunction || joined;
    };
    // Only the clause the mention is in: "files go to S3, never a BLOB" negates BLOB, while
    // "no delay, we use a cache" does not negate the cache. A comma before a list item does not
    // end the clause: the list reaches back to its head.
    bool last_item = true;
    std::size_t item_end = before.size();
    for (std::size_t i = before.size(); i-- > 0;) {
        const char c = before[i];
        if (c == ',') {
            const bool item = list_item(before.substr(i + 1, item_end - i - 1), last_item && !list_continues);
            last_item = false;
            item_end = i;
            if (item) continue;
        }
        if (c == ',' || c == ':' || c == '(' || c == ')' || c == ';') {
            before = before.substr(i + 1);
            break;
        }
        if (const std::size_t dash = detail::clause_dash_at(before, i)) {
            before = before.substr(i + dash);
            break;
        }
    }
    // "but", "instead", "if" and the like open a new clause too: "no sharding but a read replica",
    // "you might not see it if we read from a replica" ("instead of" itself is a cue).
    for (std::string_view sep :
         {" but ", " instead ", " while ", " whereas ", " although ", " if ", " unless ", " because ", " so "}) {
        auto at = before.rfind(sep);
        while (at != std::string_view::npos && sep == " instead " && before.substr(at + sep.size(), 3) == "of ")
            at = at == 0 ? std::string_view::npos : before.rfind(sep, at - 1);
        if (at != std::string_view::npos) before = before.substr(at + sep.size());
    }
    static constexpr std::array<std::string_view, 42> before_cues{
        "no",          "not",          "without",   "never",     "instead of",   "rather than", "avoid",
        "avoiding",    "don't",        "do not",    "doesn't",   "does not",     "won't",       "will not",
        "isn't",       "aren't",       "skip",      "nor",       "unnecessary",  "unneeded",    "no need",
        "neither",     "wouldn't",     "would not", "shouldn't", "should not",   "against",     "defer",
        "postpone",    "overkill",     "zero",      "nothing",   "hold off",     "leave out",   "left out",
        "leaving out", "out of scope", "excluded",  "exclude",   "not going to", "rejected",    "ruled out"};
    // "drop" only as itself: "drops" usually puts something somewhere or loses it ("drops a job on
    // a queue", "a crash drops sockets").
    static constexpr std::array<std::string_view, 1> exact_before_cues{"drop"};
    if (detail::has_any_word(before, before_cues) || detail::has_any_exact_word(before, exact_before_cues)) return true;
    // After the mention, in the same clause: "sharding is not needed", "a cache is overkill".
    // "A BLOB column per file was the approach we rejected": an option named to be turned down.
    static constexpr std::array<std::string_view, 22> after_cues{
        "is not",        "isn't",       "are not",      "aren't",      "not needed",    "overkill",
        "premature",     "unnecessary", "not required", "can wait",    "is not needed", "would be overkill",
        "not necessary", "not worth",   "out of scope", "not covered", "not in scope",  "not included",
        "not addressed", "left out",    "rejected",     "ruled out"};
    std::string_view after = after_mention.substr(0, 48);
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
            const std::string_view items = clause.substr(0, at);
            std::size_t words = 0;
            bool in_word = false, joined = false;
            for (std::size_t i = 0; i < items.size(); ++i) {
                const bool w = is_word_char(items[i]);
                if (w && !in_word) {
                    ++words;
                    if (items.substr(i, 4) == "and " || items.substr(i, 3) == "or ") joined = true;
                }
                in_word = w;
            }
            if (joined && words <= 8) return true;
        }
    }
    return false;
}

/// The lowercase sentence is hedged into the future or a condition: "if we grow", "later",
/// "at 100x", "we could add".
inline bool hedged(std::string_view s) noexcept {
    static constexpr std::array<std::string_view, 26> cues{
        "if",     "when",  "later",   "future",   "once",   "eventually",  "down the road", "10x",    "100x",
        "1000x",  "would", "could",   "might",    "until",  "trigger",     "not yet",       "only",   "someday",
        "beyond", "grows", "outgrow", "consider", "option", "alternative", "may",           "phase 2"};
    return detail::has_any_word(s, cues);
}

/// The lowercase sentence offers the work only as a future option, not as part of today's design:
/// "we can add Celery later", "if traffic grows we would use a CDN". Narrower than `hedged`:
/// "only" or "when" alone do not make a sentence future-only.
inline bool future_only(std::string_view s) noexcept {
    static constexpr std::array<std::string_view, 28> cues{
        "later",     "in the future", "future",       "eventually",      "down the road", "if it gets", "if we grow",
        "if needed", "when needed",   "if necessary", "when necessary",  "could add",     "can add",    "would add",
        "might add", "could use",     "would use",    "could introduce", "phase 2",       "someday",    "not yet",
        "if load",   "if traffic",    "once we",      "when we need",    "if we need",    "at 10x",     "at 100x"};
    return detail::has_any_word(s, cues);
}

}  // namespace rehearse::sdk::text
