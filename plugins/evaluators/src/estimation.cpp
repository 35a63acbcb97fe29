// Estimation: are there numbers, and are the numbers for this problem's named quantities within
// 2x of the reference (seed 003's tolerance)?
#include "common.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

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

// --- The candidate's own arithmetic -------------------------------------------------------------
// issue 12: an estimate that differs from the reference only because of an assumption the problem
// does not fix ("I assume 2 MB per document") is not off when the candidate's arithmetic from that
// assumption is right. The problem fixes its stated counts (statement and clarification answers)
// and time; anything else in the expression is the candidate's assumption.

bool digit_at(std::string_view s, std::size_t i) {
    return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

/// Reads a number at `i` ("1,000", "2.5", "10M", "5 Mbps", "100 billion", "9 TB") in base units
/// (bytes for sizes, bits as bytes); advances `i`. `sized` says a size unit was read.
double read_quantity(std::string_view s, std::size_t& i, bool& sized) {
    std::string digits;
    while (i < s.size()) {
        if (digit_at(s, i) || (s[i] == '.' && digit_at(s, i + 1)))
            digits += s[i++];
        else if (s[i] == ',' && digit_at(s, i + 1) && digit_at(s, i + 2) && digit_at(s, i + 3) && !digit_at(s, i + 4))
            ++i;
        else
            break;
    }
    double v = std::strtod(digits.c_str(), nullptr);
    sized = false;
    auto word_at = [&](std::size_t k, std::size_t& end) {
        while (k < s.size() && s[k] == ' ') ++k;
        std::size_t e = k;
        while (e < s.size() && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
        end = e;
        return std::string(s.substr(k, e - k));
    };
    std::size_t end = i;
    std::string w = word_at(i, end);
    std::string lw = lower(w);
    double mag = 1;
    if (lw == "k" || lw == "thousand")
        mag = 1e3;
    else if (w == "M" || lw == "million" || lw == "mm")
        mag = 1e6;
    else if (lw == "bn" || lw == "billion")
        mag = 1e9;
    else if (w == "T" || lw == "trillion")
        mag = 1e12;
    else if (w == "B") {
        std::size_t e2 = end;
        const std::string next = lower(word_at(end, e2));
        if (!next.empty() && next != "per" && next != "each") mag = 1e9;
    }
    if (mag != 1) {
        v *= mag;
        i = end;
        w = word_at(i, end);
        lw = lower(w);
    }
    static const std::pair<const char*, double> units[] = {
        {"b", 1},        {"byte", 1},     {"bytes", 1},    {"kb", 1e3},        {"mb", 1e6},           {"gb", 1e9},
        {"tb", 1e12},    {"pb", 1e15},    {"kib", 1024.0}, {"mib", 1048576.0}, {"gib", 1073741824.0}, {"kbps", 125},
        {"mbps", 125e3}, {"gbps", 125e6}, {"tbps", 125e9}, {"kbit", 125},      {"mbit", 125e3},       {"gbit", 125e6},
        {"tbit", 125e9}};
    for (const auto& [u, m] : units)
        if (lw == u) {
            v *= m;
            sized = true;
            i = end;
            break;
        }
    return v;
}

/// A number as written: its value in base units, and whether it carried a size unit ("10 KB" is
/// not the count "10,000").
struct written_number {
    double value = 0;
    bool sized = false;
};

/// Evaluates "10M viewers x 5 Mbps", "100M x (500 B + 0.3 x 300 KB)", "9 TB x 365": numbers and
/// x * / + ( ), words in between ignored. Collects the numbers read into `operands`. nullopt when
/// nothing arithmetic is there.
struct expression_reader {
    std::string_view s;
    std::size_t i = 0;
    std::vector<written_number> operands;
    bool failed = false;
    int ops = 0;

    void skip() {
        while (i < s.size()) {
            const unsigned char ch = static_cast<unsigned char>(s[i]);
            if (std::isdigit(ch) || s[i] == '(' || s[i] == ')' || s[i] == '*' || s[i] == '/' || s[i] == '+') return;
            if (s.substr(i, 2) == "\xC3\x97" || s.substr(i, 2) == "\xC3\xB7") return;  // the signs x and /
            if (s[i] == 'x' && (i + 1 >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i + 1]))) &&
                (i == 0 || !std::isalpha(static_cast<unsigned char>(s[i - 1]))))
                return;
            ++i;
        }
    }
    int op_at() {
        skip();
        if (i >= s.size()) return 0;
        if (s[i] == '*' || s[i] == 'x') return '*';
        if (s[i] == '/') return '/';
        if (s[i] == '+') return '+';
        if (s.substr(i, 2) == "\xC3\x97") return '*';
        if (s.substr(i, 2) == "\xC3\xB7") return '/';
        return 0;
    }
    void take_op() { i += (static_cast<unsigned char>(s[i]) == 0xC3) ? 2 : 1; }
    double primary() {
        skip();
        if (i < s.size() && s[i] == '(') {
            ++i;
            const double v = sum();
            skip();
            if (i < s.size() && s[i] == ')') ++i;
            return v;
        }
        if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            bool sized = false;
            const double v = read_quantity(s, i, sized);
            operands.push_back({v, sized});
            return v;
        }
        failed = true;
        return 0;
    }
    double product() {
        double v = primary();
        for (int op = op_at(); !failed && (op == '*' || op == '/'); op = op_at()) {
            take_op();
            ++ops;
            const double r = primary();
            v = op == '*' ? v * r : (r != 0 ? v / r : v);
        }
        return v;
    }
    double sum() {
        double v = product();
        for (int op = op_at(); !failed && op == '+'; op = op_at()) {
            take_op();
            ++ops;
            v += product();
        }
        return v;
    }
};

/// The numbers the problem itself states (its statement and the answers to its clarifying
/// questions), in base units, plus the constants of time.
std::vector<written_number> fixed_numbers(const json& problem) {
    std::vector<written_number> out;
    for (double t : {60.0, 24.0, 3600.0, 86400.0, 365.0, 30.0, 12.0, 7.0, 1440.0, 1000.0, 1024.0, 8.0, 2.5e6, 2.6e6,
                     2.592e6, 3.15e7, 3.1536e7})
        out.push_back({t, false});
    auto scan = [&](const std::string& t) {
        for (std::size_t i = 0; i < t.size();) {
            if (std::isdigit(static_cast<unsigned char>(t[i])) &&
                (i == 0 || !std::isalnum(static_cast<unsigned char>(t[i - 1])))) {
                bool sized = false;
                const double v = read_quantity(t, i, sized);
                out.push_back({v, sized});
            } else {
                ++i;
            }
        }
    };
    scan(problem.value("statement", std::string()));

    for (const auto& c : problem.value("clarifications", json::array()))
        if (c.is_object()) scan(c.value("answer", std::string()));
    return out;
}

bool is_fixed(const written_number& n, const std::vector<written_number>& fixed) {
    for (const auto& f : fixed)
        if (f.sized == n.sized && f.value > 0 && n.value > 0 && std::max(n.value / f.value, f.value / n.value) <= 1.01)
            return true;
    return false;
}

/// True when the stated value `e` is the right result of the candidate's own arithmetic from a
/// number the problem does not fix: "10M viewers x 5 Mbps = 50 Tbps" (the bitrate is theirs),
/// "10,000 emails/day = 0.12 emails per second" (10,000 is theirs). "100,000,000 / 86,400 = 1,157
/// per second" uses only the problem's numbers and time, so a wrong period stays wrong.
bool own_assumption(const context& c, const json& e, const std::string& period,
                    const std::vector<written_number>& fixed) {
    const int line = e.value("line", 0);
    const std::string text = e.value("text", "");
    if (text.empty()) return false;
    auto period_of = [](const std::string& t) -> std::string {
        for (const char* p : {"second", "minute", "hour", "day", "month", "year"})
            // "per minute", "a day", and the period of a repeated step: "flushed every minute".
            for (const std::string& form : {std::string("/") + p, std::string("per ") + p, std::string("a ") + p,
                                            std::string("every ") + p, std::string("each ") + p})
                if (t.find(form) != std::string::npos) return p;
        if (t.find("daily") != std::string::npos) return "day";
        if (const auto at = t.find("/s");
            at != std::string::npos && (at + 2 >= t.size() || !std::isalpha(static_cast<unsigned char>(t[at + 2]))))
            return "second";
        return "";
    };
    for (const auto& st : c.sentences) {
        if (st.line != line && !(st.kind == "paragraph" && st.line <= line && line - st.line < 8)) continue;
        const std::string_view raw = st.raw;
        const auto at = raw.find(text);
        if (at == std::string_view::npos) continue;
        // "my assumption is ... -> 10,000 emails/day = 0.12 emails per second": said to be the
        // candidate's own, and the steps that can be checked are right.
        const std::string lowered = lower(std::string(raw));
        bool declared = false;
        for (const char* m : {"my assumption", "my own assumption", "i assume", "assuming", "given my", "under my",
                              "from my", "with my", "my estimate of"})
            if (lowered.find(m) != std::string::npos) declared = true;
        // Said on the number's own line, it names this number's inputs; said elsewhere in the
        // section, it does not say which of them is the assumption.
        const bool declared_here = declared;
        // ... or the section the number is in says its figures follow from the candidate's assumptions
        // ("| Quantity | Estimate | From my assumptions |", "I assume 50 changed files per DAU").
        if (!declared)
            for (const auto& other : c.sentences) {
                if (other.section != st.section || other.section.empty()) continue;
                for (const char* m : {"my assumption", "my own assumption", "i assume", "from my assumptions"})
                    if (other.text.find(m) != std::string::npos) declared = true;
                if (declared) break;
            }
        // Walk back the chain "A x B = C = D": each step must be right; the first step with arithmetic
        // must use a number the problem does not fix.
        double target = e.value("value", 0.0);
        // The period the number was read with, its label's included ("| Writes per second | ... | 30,000 |").
        std::string target_per = e.value("per", "");
        if (target_per.empty()) target_per = period;
        std::size_t k = at;
        for (int step = 0; step < 4; ++step) {
            // The relation right before the number: "=", "≈", "→", "->", "is about", "works out to".
            while (k > 0 && (raw[k - 1] == ' ' || raw[k - 1] == '~')) --k;
            bool related = false;
            for (std::string_view rel : {"=", "\xE2\x89\x88", "\xE2\x86\x92", "->", "about", "roughly", "approximately",
                                         "to", "is", "gives", "means", "so"})
                if (k >= rel.size() && raw.substr(k - rel.size(), rel.size()) == rel) {
                    k -= rel.size();
                    related = true;
                    break;
                }
            if (!related) return declared;
            // The expression runs back to the previous relation, a colon, a bar or the sentence start.
            auto expression_start = [&](std::size_t end) {
                std::size_t b = 0;
                for (std::string_view stop : {"=", "\xE2\x89\x88", "\xE2\x86\x92", "->", ":", "|", ";", "("})
                    if (const auto p = raw.rfind(stop, end > 0 ? end - 1 : 0);
                        p != std::string_view::npos && p < end && !(stop == "(" && raw.find(')', p) < end))
                        b = std::max(b, p + stop.size());
                return b;
            };
            std::size_t begin = expression_start(k);
            // A table cell that opens with the relation ("| 3,000 x 10 | ~ 30,000 |"): the working is
            // the cell before it.
            if (raw.substr(begin, k - begin).find_first_not_of(' ') == std::string_view::npos && begin > 0 &&
                raw[begin - 1] == '|') {
                k = begin - 1;
                begin = expression_start(k);
            }
            const std::string_view expr = raw.substr(begin, k - begin);
            expression_reader r;
            r.s = expr;
            r.skip();
            if (r.i >= expr.size()) return declared;
            double value = r.sum();
            if (r.failed || r.operands.empty()) return declared;
            // A rate in the expression converted to the stated period: "10,000 emails/day = 0.12/s".
            const std::string expr_per = period_of(lower(std::string(expr)));
            if (!expr_per.empty() && !target_per.empty() && expr_per != target_per && seconds_in(expr_per) > 0 &&
                seconds_in(target_per) > 0)
                value = value / seconds_in(expr_per) * seconds_in(target_per);
            if (value <= 0 || target <= 0 || std::max(value / target, target / value) > 1.3) return false;
            if (r.ops > 0) {
                // Arithmetic on the problem's own numbers alone assumes nothing: the reference follows
                // from the same numbers, so a different result is a wrong model, even in a section
                // that states assumptions elsewhere. Unless the line says which of its numbers is the
                // assumption ("500M x 30 = 15 billion files (my assumption)": 30 is no time constant).
                if (declared_here) return true;
                for (const auto& o : r.operands)
                    if (!is_fixed(o, fixed)) return true;
                return false;
            }
            // A restatement in other units ("50 Tbps = 6.25 TB/s"): check the step before it.
            if (declared) return true;
            target = r.operands.front().value;
            if (!expr_per.empty()) target_per = expr_per;
            k = begin;
            while (k > 0 && (raw[k - 1] == ' ')) --k;
            // the relation sign that ended the previous expression is consumed by the next round
            if (begin == 0) return false;
            k = begin;
        }
        return false;
    }
    return false;
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
    std::map<const json*, std::string> period_of_estimate;  // the period read for an estimate, label included
    for (const auto& e : estimates) {
        const std::string unit = e.value("unit", "count");
        std::string per = e.value("per", "");
        if (per.rfind("item:", 0) == 0) continue;  // "650 bytes per url": a factor, not a total
        if (e.value("operand", false)) continue;
        const std::string after_raw = e.value("after", "");
        // "~300 commits/s each" measures one shard or server, not the system.
        {
            const std::string noun_word = e.value("noun", std::string());
            std::string rest = after_raw;
            if (!noun_word.empty() && rest.rfind(noun_word, 0) == 0) rest = rest.substr(noun_word.size());
            while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
            if (rest == "each" || rest.rfind("each ", 0) == 0) continue;
        }
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
                // A part is not the whole: "text storage per day" does not estimate the problem's storage
                // per day of text and media, unless the alias or the quantity names that part.
                {
                    static const std::set<std::string> parts{"text",  "metadata", "media",     "photo",
                                                             "image", "video",    "thumbnail", "log",
                                                             "index", "comment",  "message",   "attachment"};
                    const std::string qid = q.value("quantity", std::string());
                    bool part = false;
                    for (const auto& w : words_of(label))
                        if (parts.count(w) && !alias_words.count(w) && qid.find(w) == std::string::npos) part = true;
                    if (part) continue;
                }
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
        if (best.quantity) {
            stated[best.quantity].emplace_back(best.stated, &e);
            period_of_estimate[&e] = per;
        }
    }
    std::size_t within = 0;
    const std::vector<written_number> fixed = fixed_numbers(c.problem);
    for (auto& [q, all_values] : stated) {
        const double ref = q->value("value", 0.0);
        if (ref <= 0) continue;
        // A rate is judged on the candidate's own per-second (or per-minute, per-hour) figures when
        // there are any: "100 billion messages a day" restates the problem, "115K per second" is the
        // estimate made from it.
        std::vector<std::pair<double, const json*>> values;
        const std::string qunit = q->value("unit", "count");
        if (qunit == "per_second" || qunit == "bytes_per_second")
            for (const auto& v : all_values) {
                const std::string& per = period_of_estimate[v.second];
                if (per == "second" || per == "minute" || per == "hour") values.push_back(v);
            }
        if (values.empty()) values = all_values;
        // Any stated value within tolerance means the learner got it (later lines often refine).
        bool ok = false;
        const std::pair<double, const json*>* worst = nullptr;
        double worst_ratio = 0;
        for (const auto& v : values) {
            if (v.first <= 0) continue;
            const double ratio = std::max(v.first / ref, ref / v.first);
            if (ratio <= 2.0 + 1e-9)
                ok = true;
            else if (own_assumption(c, *v.second, period_of_estimate[v.second], fixed))
                continue;  // right from the candidate's stated assumption
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
