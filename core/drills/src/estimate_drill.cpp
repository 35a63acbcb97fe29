// Estimate drills: the answer's number and unit against the value computed from the drill's facts,
// right within 2x (seed 003's rule). The last number in the expected kind of unit is the answer, so
// a worked calculation may show its steps before it.
#include "drill_graders.hpp"

#include "rehearse/core/answer/estimates.hpp"

#include <rehearse/sdk/text.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <regex>
#include <vector>

namespace rehearse::drill_graders {

using nlohmann::json;

namespace {

/// "1.2e6" → "1200000", so the answer readers see a plain number.
std::string estimate_expand_exponents(std::string_view text) {
    static const std::regex exponent(R"(\b(\d+(?:\.\d+)?)[eE]([+-]?\d{1,2})\b)");
    std::string out;
    std::string rest(text);
    std::smatch m;
    while (std::regex_search(rest, m, exponent)) {
        out += m.prefix().str();
        const double v = std::stod(m[1].str()) * std::pow(10.0, std::stoi(m[2].str()));
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f", v);
        std::string s = buf;
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        out += s;
        rest = m.suffix().str();
    }
    return out + rest;
}

double estimate_seconds_per(const std::string& per) {
    if (per == "second") return 1;
    if (per == "minute") return 60;
    if (per == "hour") return 3600;
    if (per == "day") return 86400;
    if (per == "week") return 7 * 86400.0;
    if (per == "month") return 30 * 86400.0;
    if (per == "year") return 365 * 86400.0;
    return 0;
}

/// The candidate in the drill's unit: the value converted to that unit, or nullopt when it is not one.
std::optional<double> estimate_in_unit(const json& candidate, const std::string& unit) {
    const double value = candidate.value("value", 0.0);
    const std::string kind = candidate.value("unit", "count");
    const std::string per = candidate.value("per", "");
    if (unit == "count") return kind == "count" ? std::optional<double>(value) : std::nullopt;
    // A size may come with the period it accumulates over ("9 TB a year"); a size per second is a bandwidth.
    if (unit == "bytes") return kind == "bytes" && per != "second" ? std::optional<double>(value) : std::nullopt;
    const double seconds = estimate_seconds_per(per);
    if (seconds <= 0) return std::nullopt;
    if (unit == "per_second" && kind == "count") return value / seconds;
    if (unit == "bytes_per_second" && kind == "bytes") return value / seconds;
    return std::nullopt;
}

std::string estimate_number(double v) {
    char buf[64];
    const double a = std::fabs(v);
    if (a >= 100 || a == std::floor(a))
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else if (a >= 10)
        std::snprintf(buf, sizeof buf, "%.1f", v);
    else
        std::snprintf(buf, sizeof buf, "%.2g", v);
    return buf;
}

/// 9.1e12 bytes → "9.1 TB"; 1157 per second → "1157/s"; 4.5e6 → "4.5 million".
std::string estimate_human(double v, const std::string& unit) {
    if (unit == "bytes" || unit == "bytes_per_second") {
        static const std::pair<double, const char*> steps[]{{1e15, "PB"}, {1e12, "TB"}, {1e9, "GB"},
                                                            {1e6, "MB"},  {1e3, "KB"},  {1, "bytes"}};
        for (const auto& [m, name] : steps)
            if (v >= m || m == 1) return estimate_number(v / m) + " " + name + (unit == "bytes_per_second" ? "/s" : "");
    }
    std::string n;
    if (v >= 1e9)
        n = estimate_number(v / 1e9) + " billion";
    else if (v >= 1e6)
        n = estimate_number(v / 1e6) + " million";
    else
        n = estimate_number(v);
    return unit == "per_second" ? n + " per second" : n;
}

const char* estimate_unit_words(const std::string& unit) {
    if (unit == "per_second") return "a rate (per second, per day, ...)";
    if (unit == "bytes") return "a size (bytes, KB, GB, TB, ...)";
    if (unit == "bytes_per_second") return "a bandwidth (MB/s, Gbps, ...)";
    return "a count";
}

}  // namespace

kind_grade grade_estimate(const drill& d, std::string_view answer) {
    kind_grade g;
    const json& expected = d.doc.at("expected");
    const double value = expected.at("value").get<double>();
    const std::string unit = expected.at("unit").get<std::string>();
    const std::string text = estimate_expand_exponents(answer);
    json candidates = json::array();
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        read_estimates_line(lines.back(), "estimation", static_cast<int>(lines.size()), candidates);
        start = end + 1;
    }
    // The rest of each number's clause ("~5,750/s at a 5x peak"), where the readers' words stop early.
    std::vector<std::size_t> cursor(lines.size(), 0);
    const auto clause_after = [&](const json& c) {
        const auto n = static_cast<std::size_t>(c.value("line", 1) - 1);
        if (n >= lines.size()) return std::string();
        const std::string& line = lines[n];
        const std::size_t at = line.find(c.value("text", ""), cursor[n]);
        if (at == std::string::npos) return std::string();
        cursor[n] = at + 1;
        const std::size_t end = line.find_first_of(",;()\n", at + c.value("text", "").size());
        return line.substr(at, end == std::string::npos ? std::string::npos : end - at);
    };
    // The answer is the last number in the drill's unit, skipping peaks when the drill asks for an
    // average (and the reverse), and sizes or counts over another period than the one asked for
    // ("20 TB a day, 7.3 PB a year" answers "per day" with 20 TB). With nothing else, any number in
    // the unit is the answer.
    const bool want_peak = expected.value("peak", false);
    const std::string want_per = expected.value("per", "");
    std::optional<double> stated, fallback;
    std::string stated_text, fallback_text;
    for (const auto& c : candidates) {
        const auto v = estimate_in_unit(c, unit);
        if (!v) continue;
        fallback = v;
        fallback_text = c.value("text", "");
        const std::string clause =
            sdk::text::lower(c.value("clause", "") + " " + c.value("before", "") + " " + clause_after(c));
        const bool peak = sdk::text::find_word(clause, "peak") != std::string::npos ||
                          sdk::text::find_word(clause, "peaks") != std::string::npos;
        const std::string per = c.value("per", "");
        const bool other_period = (unit == "bytes" || unit == "count") && !want_per.empty() && !per.empty() &&
                                  estimate_seconds_per(per) > 0 && per != want_per;
        // A factor of the arithmetic ("500 x 5 MB") is a step, not the result.
        if (peak != want_peak || other_period || c.value("operand", false)) continue;
        stated = v;
        stated_text = c.value("text", "");
    }
    if (!stated) {
        stated = fallback;
        stated_text = fallback_text;
    }
    const std::string reference = estimate_human(value, unit);
    if (!stated) {
        g.score = 0;
        if (candidates.empty())
            g.findings.push_back(drill_finding("no-capacity-estimate", d.dimension, "major",
                                               "The answer states no number.",
                                               "Write the final figure with its unit, e.g. \"about " + reference +
                                                   "\", after the steps that lead to it."));
        else
            g.findings.push_back(
                drill_finding("estimate-unit", d.dimension, "major",
                              "No number in the answer is " + std::string(estimate_unit_words(unit)) + ".",
                              "Say what the number counts and per what: \"" + reference + "\"."));
        g.notes.push_back("The expected answer is about " + reference + ".");
        return g;
    }
    const double ratio = *stated > 0 ? std::max(*stated / value, value / *stated) : INFINITY;
    g.correct = ratio <= 2.0;
    g.score = ratio <= 1.5 ? 1.0 : ratio <= 2.0 ? 0.85 : ratio <= 4.0 ? 0.45 : ratio <= 10.0 ? 0.2 : 0.05;
    const std::string said = estimate_human(*stated, unit);
    if (g.correct) {
        g.notes.push_back("Your " + said + " is within 2x of the " + reference + " the facts give.");
    } else {
        char times[32];
        std::snprintf(times, sizeof times, "%.1f", ratio);
        g.findings.push_back(drill_finding(
            "estimate-off", d.dimension, ratio > 10 ? "critical" : "major",
            "You estimated " + said + " (\"" + stated_text + "\"); the facts give " + reference + ", " + times + "x " +
                (*stated > value ? "too high" : "too low") + ".",
            "Redo it in steps: the daily volume, then / 86,400 for a rate or x 365 for a year, rounding to easy "
            "numbers; check the units at every step."));
    }
    return g;
}

}  // namespace rehearse::drill_graders
