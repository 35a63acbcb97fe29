// Estimation: are there numbers, and are the numbers for this problem's named quantities within
// 2x of the reference (seed 003's tolerance)?
#include "common.hpp"

#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace rehearse::evaluators {

namespace {

double seconds_in(const std::string& per) {
    if (per == "second") return 1;
    if (per == "minute") return 60;
    if (per == "hour") return 3600;
    if (per == "day") return 86400;
    if (per == "week") return 604800;
    if (per == "month") return 2592000;
    if (per == "year") return 31536000;
    return 0;
}

std::string stem(std::string w) {
    if (w.size() > 4 && w.compare(w.size() - 3, 3, "ies") == 0) return w.substr(0, w.size() - 3) + "y";
    if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
    return w;
}

std::string period_word(const std::string& w);

/// Stemmed words; a word after "per" becomes "per_<word>" (a denominator: "saves per petition"
/// counts saves, not petitions), and rate words become "per_second", "per_day", ...
std::set<std::string> words_of(std::string_view text) {
    std::set<std::string> out;
    std::string cur;
    bool after_per = false;
    auto push = [&] {
        if (cur.empty()) return;
        std::string w = stem(cur);
        cur.clear();
        if (w == "per") {
            after_per = true;
            return;
        }
        const std::string p = period_word(w);
        if (after_per)
            out.insert("per_" + (p.empty() ? w : p));
        else if (w == "qp" || w == "qps" || w == "rp" || w == "tp")
            out.insert("per_second");
        else if (w == "daily")
            out.insert("per_day");
        else if (w == "yearly" || w == "annual" || w == "annually")
            out.insert("per_year");
        else if (w == "monthly")
            out.insert("per_month");
        else
            out.insert(w);
        after_per = false;
    };
    for (char ch : text) {
        if (is_word_char(ch) || ch == '-')
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        else
            push();
    }
    push();
    // "read/write" style words split on the hyphen too.
    std::set<std::string> extra;
    for (const auto& w : out) {
        const auto dash = w.find('-');
        if (dash != std::string::npos) {
            extra.insert(stem(w.substr(0, dash)));
            extra.insert(stem(w.substr(dash + 1)));
        }
    }
    out.insert(extra.begin(), extra.end());
    return out;
}

const std::set<std::string>& ignored() {
    static const std::set<std::string> s{"a", "the", "of", "to", "in", "for", "at", "on", "and", "by"};
    return s;
}

std::string period_word(const std::string& w) {
    if (w.rfind("per_", 0) == 0) return period_word(w.substr(4));
    if (w == "second" || w == "sec" || w == "qp" || w == "qps" || w == "rp") return "second";
    if (w == "day" || w == "daily") return "day";
    if (w == "year" || w == "yearly" || w == "annual") return "year";
    if (w == "month" || w == "monthly") return "month";
    if (w == "hour" || w == "hourly") return "hour";
    return "";
}

struct match {
    const json* quantity = nullptr;
    std::size_t strength = 0;
    double stated = 0;  // in the quantity's unit
};

std::string human(double v, const std::string& unit) {
    std::ostringstream o;
    const char* suffix = "";
    double x = v;
    if (unit == "bytes" || unit == "bytes_per_second") {
        const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        int i = 0;
        while (x >= 1000 && i < 6) x /= 1000, ++i;
        suffix = units[i];
        o.precision(x < 10 ? 2 : 3);
        o << x << ' ' << suffix << (unit == "bytes_per_second" ? "/s" : "");
        return o.str();
    }
    if (x >= 1e9)
        x /= 1e9, suffix = "B";
    else if (x >= 1e6)
        x /= 1e6, suffix = "M";
    else if (x >= 1e4)
        x /= 1e3, suffix = "k";
    o.precision(x < 10 ? 3 : 4);
    o << x << suffix << (unit == "per_second" ? "/s" : "");
    return o.str();
}

}  // namespace

json evaluate_estimation(const context& c) {
    json findings = json::array();
    json strengths = json::array();
    const json& estimates = c.answer.value("estimates", json::array());
    bool quantitative = false;
    for (const auto& e : estimates) {
        const std::string per = e.value("per", "");
        if (e.value("section", "") == "estimation" || e.value("unit", "") == "bytes" ||
            (!per.empty() && per.rfind("item:", 0) != 0))
            quantitative = true;
    }
    if (!quantitative) {
        findings.push_back(finding(
            "no-capacity-estimate", "estimation", "major",
            "There is no capacity estimate: no requests per second, no storage size, no bandwidth.",
            "Spend two minutes on back-of-the-envelope maths: daily volume / 86,400 = average QPS, x peak factor, "
            "and record size x records per year = storage; then say what the numbers imply.",
            "no numbers with rates or sizes were found",
            "Numbers justify the design: they tell you whether one database is enough and where the bottleneck "
            "will be."));
        return {{"score", 0.0}, {"findings", findings}, {"strengths", strengths}};
    }

    // Match each stated number to the problem's reference quantities by their aliases.
    const json& refs = c.problem.value("estimates", json::array());
    std::map<const json*, std::vector<std::pair<double, const json*>>> stated;  // quantity -> (value, estimate)
    for (const auto& e : estimates) {
        const std::string unit = e.value("unit", "count");
        std::string per = e.value("per", "");
        if (per.rfind("item:", 0) == 0) continue;  // "650 bytes per url": a factor, not a total
        if (e.value("operand", false)) continue;
        const std::string after_raw = e.value("after", "");
        const std::string before_raw = e.value("before", "");
        // Operands of arithmetic are factors on the way to an estimate, not the estimate itself.
        {
            std::string b = before_raw;
            while (!b.empty() && (b.back() == ' ' || b.back() == '~')) b.pop_back();
            const bool times = !b.empty() && b.back() == 'x' && (b.size() == 1 || b[b.size() - 2] == ' ');
            if (times || (!b.empty() && (b.back() == '*' || b.back() == '/'))) continue;
            if (b.size() >= 2 && b.compare(b.size() - 2, 2, "\xC3\x97") == 0) continue;  // the sign ×
            const std::string a = lower(after_raw);
            if (a == "x" || a.rfind("x ", 0) == 0 || a.rfind("times", 0) == 0) continue;
        }
        // The clause's words nearest the number: the label before it and the nouns after it.
        std::string label = before_raw;
        if (label.size() > 80) label = label.substr(label.size() - 80);
        // "Storage per day: ... = 500 GB": the label's period applies to a number without its own.
        if (per.empty())
            for (const auto& w : words_of(label))
                if (w.rfind("per_", 0) == 0 && !period_word(w).empty()) per = period_word(w);
        const std::set<std::string> words = [&] {
            auto w = words_of(label + " " + after_raw);
            // Any time rate can be a per-second quantity once converted.
            if (!per.empty()) w.insert({"per_second", "rate", "throughput", "per_" + per});
            if (per == "year") w.insert({"yearly", "annual"});
            if (per == "day") w.insert("daily");
            return w;
        }();
        const bool peak = words.count("peak") > 0;
        // "1,160 posts/s" counts posts whatever the label says: the alias must name that noun.
        const std::string noun = stem(lower(e.value("noun", std::string())));
        static const std::set<std::string> generic_nouns{"request", "req",  "op",   "operation", "call",
                                                         "query",   "hit",  "time", "item",      "record",
                                                         "row",     "unit", "new"};
        const std::string clause = e.value("clause", std::string());
        const bool scaled = words.count("10x") || words.count("100x") || words.count("future") ||
                            words.count("growth") || clause.find("10x") != std::string::npos ||
                            clause.find("100x") != std::string::npos || clause.find("at 10") != std::string::npos ||
                            clause.find("if we grow") != std::string::npos;
        match best;
        for (const auto& q : refs) {
            const std::string qunit = q.value("unit", "count");
            double value = e.value("value", 0.0);
            // Unit compatibility and conversion into the reference's unit.
            if (qunit == "per_second") {
                if (unit != "count" || per.empty()) continue;
                const double s = seconds_in(per);
                if (s <= 0) continue;
                value /= s;
            } else if (qunit == "bytes_per_second") {
                if (unit != "bytes" || per.empty()) continue;
                const double s = seconds_in(per);
                if (s <= 0) continue;
                value /= s;
            } else if (qunit == "bytes") {
                if (unit != "bytes") continue;
                if (per == "second") continue;
            } else {  // count
                if (unit != "count" || per == "second") continue;
            }
            for (const auto& a : q.value("aliases", json::array())) {
                if (!a.is_string()) continue;
                const auto alias_words = words_of(a.get<std::string>());
                bool all = true;
                std::size_t n = 0;
                std::string alias_period;
                for (const auto& w : alias_words) {
                    if (ignored().count(w)) continue;
                    const std::string p = period_word(w);
                    if (!p.empty()) alias_period = p;
                    if (!words.count(w)) {
                        all = false;
                        break;
                    }
                    ++n;
                }
                if (!all || n == 0) continue;
                if (!noun.empty() && !generic_nouns.count(noun) && !alias_words.count(noun)) continue;
                // A per-period alias needs that period on the number ("storage per year" vs a total).
                if (qunit == "per_second" && !alias_period.empty() && alias_period != "second" && per != alias_period)
                    continue;
                if (qunit == "bytes" || qunit == "count") {
                    if (!alias_period.empty() && alias_period != "second" && per != alias_period) continue;
                    if (alias_period.empty() && !per.empty()) continue;
                }
                const bool alias_peak = alias_words.count("peak") > 0;
                if (peak != alias_peak) continue;
                if (scaled && a.get<std::string>().find("10x") == std::string::npos) continue;
                // Equally good readings of an ambiguous label: take the one under which the learner's
                // number makes sense ("~50 uploads per second" is the upload count, not video minutes).
                if (n > best.strength) {
                    best = {&q, n, value};
                } else if (n == best.strength && best.quantity && value > 0 && best.stated > 0) {
                    const double r_new = std::max(value / q.value("value", 1.0), q.value("value", 1.0) / value);
                    const double r_old = std::max(best.stated / best.quantity->value("value", 1.0),
                                                  best.quantity->value("value", 1.0) / best.stated);
                    if (r_old > 2.0 && r_new <= 2.0) best = {&q, n, value};
                }
            }
        }
        if (best.quantity) stated[best.quantity].emplace_back(best.stated, &e);
    }
    std::size_t within = 0;
    for (const auto& [q, values] : stated) {
        const double ref = q->value("value", 0.0);
        if (ref <= 0) continue;
        // Any stated value within tolerance means the learner got it (later lines often refine).
        bool ok = false;
        const std::pair<double, const json*>* worst = nullptr;
        double worst_ratio = 0;
        for (const auto& v : values) {
            if (v.first <= 0) continue;
            const double ratio = std::max(v.first / ref, ref / v.first);
            if (ratio <= 2.0 + 1e-9)
                ok = true;
            else if (ratio > worst_ratio)
                worst_ratio = ratio, worst = &v;
        }
        const std::string unit = q->value("unit", "count");
        const std::string label = q->value("label", "");
        if (ok) {
            ++within;
            if (within <= 2)
                strengths.push_back("Your estimate of " + lower(label) + " (" +
                                    excerpt(values.front().second->value("text", ""), 40) +
                                    ") matches the reference (" + human(ref, unit) + ")");
            continue;
        }
        if (!worst) continue;
        const json& e = *worst->second;
        std::ostringstream msg;
        msg << "Your estimate of " << lower(label) << " is off by about " << std::lround(worst_ratio) << "x: you wrote "
            << e.value("text", "") << " (" << human(worst->first, unit) << "), the reference is about "
            << human(ref, unit) << ".";
        findings.push_back(
            finding("estimate-off", "estimation", "major", msg.str(),
                    "Re-derive it step by step: " +
                        q->value("derivation", std::string("daily volume / 86,400 s, then multiply by size")),
                    "line " + std::to_string(e.value("line", 0)) + ": \"" +
                        excerpt(e.value("before", "") + e.value("text", ""), 120) + "\"",
                    "An estimate off by an order of magnitude leads to the wrong architecture: "
                    "over-built for tiny load or under-built for real load."));
    }
    double score = 0.5 + 0.12 * static_cast<double>(within);
    if (c.has_section("estimation")) score += 0.1;
    score = std::min(1.0, score) - penalty(findings);
    if (within == 0 && strengths.empty())
        strengths.push_back("You put numbers on the problem instead of designing in the abstract");
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
