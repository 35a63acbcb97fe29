#include "rehearse/core/answer/estimates.hpp"

#include <rehearse/sdk/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

namespace rehearse {

using nlohmann::json;

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

/// Reads the next word (letters only) at `i` after optional spaces; returns it lowercased.
std::string next_word(std::string_view s, std::size_t& i) {
    std::size_t j = i;
    while (j < s.size() && s[j] == ' ') ++j;
    std::size_t k = j;
    while (k < s.size() && (is_alpha(s[k]) || s[k] == '_')) ++k;
    if (k == j) return "";
    i = k;
    return sdk::text::lower(s.substr(j, k - j));
}

/// The word (letters, digits, '-' and '_') right before `at`, lowercased; "" when punctuation other
/// than spaces comes first.
std::string previous_word(std::string_view s, std::size_t at) {
    std::size_t k = at;
    while (k > 0 && s[k - 1] == ' ') --k;
    std::size_t b = k;
    while (b > 0 && (is_alpha(s[b - 1]) || is_digit(s[b - 1]) || s[b - 1] == '-' || s[b - 1] == '_')) --b;
    return sdk::text::lower(s.substr(b, k - b));
}

std::string period_word(const std::string& w) {
    if (w == "s" || w == "sec" || w == "secs" || w == "second" || w == "seconds") return "second";
    if (w == "min" || w == "mins" || w == "minute" || w == "minutes") return "minute";
    if (w == "h" || w == "hr" || w == "hrs" || w == "hour" || w == "hours") return "hour";
    if (w == "d" || w == "day" || w == "days" || w == "daily") return "day";
    if (w == "wk" || w == "week" || w == "weeks" || w == "weekly") return "week";
    if (w == "mo" || w == "month" || w == "months" || w == "monthly") return "month";
    if (w == "y" || w == "yr" || w == "yrs" || w == "year" || w == "years" || w == "yearly" || w == "annually")
        return "year";
    return "";
}

/// Size units: multiplier in bytes (bits are divided by 8).
double size_unit(const std::string& raw, bool& bits) {
    bits = false;
    std::string w = sdk::text::lower(raw);
    static const std::array<std::pair<std::string_view, double>, 16> units{{
        {"b", 1},
        {"byte", 1},
        {"bytes", 1},
        {"kb", 1e3},
        {"kib", 1024.0},
        {"mb", 1e6},
        {"mib", 1048576.0},
        {"gb", 1e9},
        {"gib", 1073741824.0},
        {"tb", 1e12},
        {"tib", 1099511627776.0},
        {"pb", 1e15},
        {"pib", 1125899906842624.0},
        {"eb", 1e18},
        {"kilobytes", 1e3},
        {"megabytes", 1e6},
    }};
    for (const auto& [u, m] : units)
        if (w == u) return m;
    if (w == "gigabytes") return 1e9;
    if (w == "terabytes") return 1e12;
    if (w == "petabytes") return 1e15;
    static const std::array<std::pair<std::string_view, double>, 8> bit_words{{{"bit", 1},
                                                                               {"bits", 1},
                                                                               {"kbit", 1e3},
                                                                               {"mbit", 1e6},
                                                                               {"gbit", 1e9},
                                                                               {"tbit", 1e12},
                                                                               {"kbits", 1e3},
                                                                               {"mbits", 1e6}}};
    for (const auto& [u, m] : bit_words)
        if (w == u) {
            bits = true;
            return m / 8;
        }
    static const std::array<std::pair<std::string_view, double>, 5> bit_units{
        {{"kbps", 1e3}, {"mbps", 1e6}, {"gbps", 1e9}, {"tbps", 1e12}, {"bps", 1}}};
    for (const auto& [u, m] : bit_units)
        if (w == u) {
            bits = true;
            return m / 8;
        }
    return 0;
}

}  // namespace

void read_estimates_line(std::string_view line, std::string_view section, int line_no, json& out) {
    // A table row ("rides per second | 100 M / 2.6 M s ≈ 38 avg |"): its first cell names the numbers
    // of the other cells.
    std::string row_label;
    if (const auto bar = line.find('|'); bar != std::string_view::npos && bar > 0)
        row_label = std::string(line.substr(0, bar));
    std::size_t clause_start = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        // Clause boundaries: a sentence end, a semicolon, a bullet-like separator or a pipe.
        if (c == ';' || c == '|' || c == '\n' ||
            ((c == '.' || c == '!' || c == '?') && (i + 1 >= line.size() || line[i + 1] == ' '))) {
            clause_start = i + 1;
            ++i;
            continue;
        }
        const bool starts_number =
            is_digit(c) && (i == 0 || (!is_alpha(line[i - 1]) && line[i - 1] != '_' && line[i - 1] != '/' &&
                                       !is_digit(line[i - 1]) && line[i - 1] != '.' && line[i - 1] != '^'));
        if (!starts_number) {
            ++i;
            continue;
        }
        const std::size_t num_start = i;
        std::string digits;
        bool seen_dot = false;
        while (i < line.size()) {
            if (is_digit(line[i]))
                digits += line[i++];
            else if (line[i] == ',' && i + 3 < line.size() && is_digit(line[i + 1]) && is_digit(line[i + 2]) &&
                     is_digit(line[i + 3]) && (i + 4 >= line.size() || !is_digit(line[i + 4])))
                i += 1;  // thousands separator: 1,000
            else if (line[i] == '.' && !seen_dot && i + 1 < line.size() && is_digit(line[i + 1])) {
                seen_dot = true;
                digits += line[i++];
            } else
                break;
        }
        if (digits.empty() || digits.size() > 18) continue;
        double value = std::strtod(digits.c_str(), nullptr);
        // Things that are numbers but not estimates: list markers ("1."), versions ("v1"),
        // years (2024), HTTP status codes next to a method, ids like 62^7.
        if (i < line.size() && line[i] == '^') {
            while (i < line.size() && (line[i] == '^' || is_digit(line[i]))) ++i;
            continue;
        }
        std::size_t j = i;
        double mult = 1;
        // Magnitude suffix attached or after a space: 3.5k, 1.25M, 10 million, 2B users, 200 M.
        {
            std::size_t k = j;
            const std::string w = next_word(line, k);
            std::size_t letter = j;
            while (letter < line.size() && line[letter] == ' ') ++letter;
            const char orig = letter < line.size() ? line[letter] : '\0';
            const bool attached = letter == j;
            if (w == "k" || w == "thousand")
                mult = 1e3, j = k;
            else if ((w == "m" && orig == 'M') || w == "million" || w == "mil" || w == "mm")
                mult = 1e6, j = k;
            else if (w == "bn" || w == "billion")
                mult = 1e9, j = k;
            else if (w == "trillion" || (w == "t" && orig == 'T'))
                mult = 1e12, j = k;
            else if (w == "b" && orig == 'B') {
                // "2B users" and "1 B h" are counts; "650B per row" and "500 B" alone are bytes.
                std::size_t q = k;
                const std::string after = next_word(line, q);
                if (!after.empty() && after != "per" && after != "each" && after != "of" && after != "a" &&
                    after != "over" && after != "for" && after != "in" && after != "x")
                    mult = 1e9, j = k;
                (void)attached;
            }
        }
        std::string unit = "count";
        std::string per;
        double size = 0;
        {
            std::size_t k = j;
            const std::string w = next_word(line, k);
            bool bits = false;
            if (!w.empty() && (size = size_unit(w, bits)) > 0) {
                unit = "bytes";
                mult *= size;
                j = k;
                if (bits) per = "second";
            }
        }
        // A rate: "/s", "/day", " per second", " qps", " a day", "reads/sec", "reads per second".
        std::string noun;
        std::string noun_lead;  // "timeline" in "23K timeline writes per second"
        for (int round = 0; round < 3 && per.empty(); ++round) {
            std::size_t k = j;
            while (k < line.size() && line[k] == ' ') ++k;
            if (k < line.size() && line[k] == '/') {
                std::size_t q = k + 1;
                const std::string w = next_word(line, q);
                const std::string p = period_word(w);
                if (!p.empty()) {
                    per = p;
                    j = q;
                    break;
                }
            }
            std::size_t q = j;
            const std::string w = next_word(line, q);
            if (w == "qps" || w == "rps" || w == "tps" || w == "ops" || w == "rpm") {
                per = w == "rpm" ? "minute" : "second";
                j = q;
                // "ops/sec"
                if (j < line.size() && line[j] == '/') {
                    std::size_t r = j + 1;
                    if (!period_word(next_word(line, r)).empty()) j = r;
                }
                break;
            }
            if (w == "per" || w == "a" || w == "an" || w == "each" || w == "every") {
                std::size_t r = q;
                const std::string w2 = next_word(line, r);
                const std::string p = period_word(w2);
                if (!p.empty()) {
                    per = p;
                    j = r;
                    break;
                }
                if (w == "per" && !w2.empty()) {
                    per = "item:" + w2;  // "650 bytes per url"
                    j = r;
                    break;
                }
            }
            const std::string p = period_word(w);
            if (!p.empty() && (w == "daily" || w == "monthly" || w == "yearly" || w == "annually")) {
                per = p;
                j = q;
                break;
            }
            // One or two nouns between number and rate: "40 urls/s", "3.5k reads per second", "23K
            // timeline writes per second" (the last one is the noun the number counts).
            // Qualifiers are not nouns: "38 avg", "200 peak", "5 TB total".
            // Nor are prepositions: "8 in flight" counts calls in flight, not "ins".
            static const std::array<std::string_view, 32> not_nouns{
                "avg",   "average",  "mean",    "peak", "max",          "min",   "total",      "approx",
                "about", "roughly",  "or",      "and",  "to",           "at",    "of",         "with",
                "times", "attempts", "retries", "ms",   "milliseconds", "chars", "characters", "in",
                "on",    "for",      "from",    "into", "over",         "under", "within",     "across"};
            const bool qualifier = std::find(not_nouns.begin(), not_nouns.end(), w) != not_nouns.end();
            if (round < 2 && !qualifier && !w.empty() && p.empty() && w.size() > 1 && w != "per" && w != "a" &&
                w != "an" && w != "each" && w != "every") {
                if (round == 1) {
                    // A second noun only when a rate follows it.
                    std::size_t r = q;
                    while (r < line.size() && line[r] == ' ') ++r;
                    std::size_t r2 = q;
                    const std::string w2 = next_word(line, r2);
                    const bool rate_follows =
                        (r < line.size() && line[r] == '/') || w2 == "per" || w2 == "qps" || w2 == "a" || w2 == "rps";
                    if (!rate_follows) break;
                    noun_lead = noun;
                }
                noun = w;
                j = q;
                continue;
            }
            break;
        }
        if (per.empty() && !noun.empty()) {
            // No rate after the noun: keep the noun as context but do not consume it.
        }
        // "over 5 years", "every 4 seconds": durations, not estimates.
        bool duration = false;
        {
            std::size_t q = j;
            duration = unit == "count" && per.empty() && noun.empty() && !period_word(next_word(line, q)).empty();
        }
        if (duration) {
            i = std::max(i, j);
            continue;
        }
        // Skip what is clearly not an estimate: list numbers, 4-digit years, bare small integers
        // without any unit or context word are still kept (the evaluator decides by label).
        const bool list_marker = num_start == 0 && i < line.size() && line[i] == '.' && unit == "count" && per.empty();
        const bool year = unit == "count" && per.empty() && mult == 1 && digits.size() == 4 &&
                          (digits.rfind("19", 0) == 0 || digits.rfind("20", 0) == 0) && !seen_dot;
        const bool status_code = unit == "count" && per.empty() && mult == 1 && digits.size() == 3 &&
                                 (digits[0] >= '1' && digits[0] <= '5') && j < line.size() &&
                                 line.substr(j).find_first_not_of(' ') != std::string_view::npos && [&] {
                                     std::size_t q = j;
                                     const std::string w = next_word(line, q);
                                     return w == "ok" || w == "created" || w == "accepted" || w == "no" || w == "not" ||
                                            w == "bad" || w == "conflict" || w == "found" || w == "gone" ||
                                            w == "unauthorized" || w == "forbidden" || w == "too" || w == "internal" ||
                                            w == "moved" || w == "unprocessable" || w == "service";
                                 }();
        // Numbers that are settings or identifiers rather than quantities of the problem: a share
        // ("70% CPU"), a key's expiry or a port in a command ("SET k v NX EX 15", "port 6379"), a
        // version ("Redis 7.2", "TLS 1.3"), retry counts and timeouts ("retry up to 5 times").
        const bool percent =
            j < line.size() && (line[j] == '%' || (line[j] == ' ' && j + 1 < line.size() && line[j + 1] == '%'));
        const bool setting = unit == "count" && per.empty() && mult == 1 && [&] {
            const std::string prev = previous_word(line, num_start);
            static const std::array<std::string_view, 30> setting_words{
                "ex",       "px",         "exat",    "ttl",         "port", "ports",   "timeout", "timeouts",
                "retry",    "retries",    "version", "v",           "tls",  "http",    "redis",   "mysql",
                "postgres", "postgresql", "python",  "java",        "node", "kafka",   "pool",    "attempts",
                "expire",   "expiry",     "limit",   "api-version", "tcp",  "sentinel"};
            for (auto w : setting_words)
                if (prev == w) return true;
            // A bound the design sets, not a quantity it estimates: "at most 20 concurrent calls",
            // "up to 3 retries", "capped at 5 in flight", "a limit of 20".
            {
                std::size_t b = num_start;
                while (b > 0 && line[b - 1] == ' ') --b;
                b = b >= prev.size() ? b - prev.size() : 0;
                const std::string prev2 = previous_word(line, b);
                const std::string bound = prev2 + " " + prev;
                for (std::string_view w :
                     {"at most", "up to", "capped at", "limit of", "cap of", "maximum of", "max of", "ceiling of"})
                    if (bound == w) return true;
                if (prev == "max" || prev == "maximum") return true;
                // "the provider's 20-request concurrency limit", "a 500 member cap".
                std::size_t q = j;
                for (int n = 0; n < 3; ++n) {
                    while (q < line.size() && line[q] == '-') ++q;
                    const std::string w = next_word(line, q);
                    if (w == "limit" || w == "cap" || w == "quota" || w == "ceiling") return true;
                    if (w.empty()) break;
                }
            }
            std::size_t q = j;
            const std::string next = next_word(line, q);
            for (std::string_view w :
                 {"times", "attempts", "retries", "ms", "milliseconds", "chars", "characters", "bit", "consecutive"})
                if (next == w) return true;
            return false;
        }();
        if (list_marker || year || status_code || percent || setting) {
            i = std::max(i, j);
            continue;
        }
        // Words after: up to 4 words following the number and its unit.
        std::size_t k = j;
        std::string after;
        for (int n = 0; n < 5; ++n) {
            std::size_t before_k = k;
            const std::string w = next_word(line, k);
            if (w.empty()) {
                // allow one punctuation like "(" or "~" then stop
                if (before_k < line.size() && (line[before_k] == '/' || line[before_k] == '-')) {
                    k = before_k + 1;
                    continue;
                }
                break;
            }
            after += (after.empty() ? "" : " ") + w;
        }
        if (!noun.empty()) after = noun + (after.empty() ? "" : " " + after);
        if (!noun_lead.empty()) after = noun_lead + " " + after;
        // The label is the text right before the number, back to a comma, a parenthesis or the
        // previous number; when that holds no words ("... 365 ~ 7.3 TB") the clause's lead label is used.
        std::size_t label_start = clause_start;
        bool after_number = false;
        for (std::size_t q = num_start; q-- > clause_start;) {
            const char ch = line[q];
            const bool arrow = ch == '>' || (static_cast<unsigned char>(ch) == 0x92 && q >= 2 &&
                                             static_cast<unsigned char>(line[q - 2]) == 0xE2);
            const bool digit = is_digit(ch) && !(q + 1 < num_start && line[q + 1] == ',');
            if (ch == ',' || ch == '(' || ch == ')' || arrow || digit) {
                label_start = q + 1;
                after_number = digit;
                break;
            }
        }
        std::string before(line.substr(label_start, num_start - label_start));
        bool has_word = false;
        for (std::size_t q = 0; q + 1 < before.size(); ++q)
            if (is_alpha(before[q]) && is_alpha(before[q + 1])) has_word = true;
        if (!has_word || after_number) {
            // "Storage per day: 100 billion x 200 bytes = 20 GB": the clause's lead names the result.
            std::size_t first_num = clause_start;
            while (first_num < num_start && !is_digit(line[first_num])) ++first_num;
            before = std::string(line.substr(clause_start, first_num - clause_start)) + " " + before;
            bool lead_words = false;
            for (std::size_t q = 0; q + 1 < before.size(); ++q)
                if (is_alpha(before[q]) && is_alpha(before[q + 1])) lead_words = true;
            if (!lead_words && clause_start > 0 && line[clause_start - 1] == '|') before = row_label + " " + before;
        }
        // An operand of arithmetic ("5 B x 100 B", "x 365") is a factor on the way to an estimate.
        auto op_at = [&](std::size_t q, bool forward) {
            if (forward) {
                while (q < line.size() && line[q] == ' ') ++q;
                if (q >= line.size()) return false;
                if (line[q] == '*' || line[q] == '/' || line[q] == '+') return true;
                if (line[q] == 'x' && (q + 1 >= line.size() || !is_alpha(line[q + 1]))) return true;
                return line.substr(q, 2) == "\xC3\x97" || line.substr(q, 2) == "\xC3\xB7";
            }
            while (q > 0 && (line[q - 1] == ' ' || line[q - 1] == '~')) --q;
            if (q == 0) return false;
            const char b = line[q - 1];
            if (b == '*' || b == '/' || b == '+') return true;
            if (b == 'x' && (q < 2 || !is_alpha(line[q - 2]))) return true;
            return q >= 2 && (line.substr(q - 2, 2) == "\xC3\x97" || line.substr(q - 2, 2) == "\xC3\xB7");
        };
        const bool operand = (per.empty() && op_at(j, true)) || op_at(num_start, false);
        out.push_back({{"value", value * mult},
                       {"operand", operand},
                       {"noun", noun},
                       {"clause", sdk::text::lower(line.substr(clause_start, num_start - clause_start))},
                       {"unit", unit},
                       {"per", per},
                       {"text", std::string(line.substr(num_start, j - num_start))},
                       {"before", sdk::text::lower(before)},
                       {"after", after},
                       {"section", section},
                       {"line", line_no}});
        i = std::max(i, j);
    }
}

}  // namespace rehearse
