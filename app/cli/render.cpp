#include "cli/render.hpp"

#include "rehearse/core/learner/evaluation_result.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <sstream>

namespace rehearse::cli {

using nlohmann::json;

namespace {

void heading(std::ostream& out, const std::string& title) {
    out << '\n' << title << '\n' << std::string(title.size(), '-') << '\n';
}

void bullets(std::ostream& out, const json& items) {
    for (const auto& i : items) out << "  - " << i.get<std::string>() << '\n';
}

/// Prints a key's value as bullets when present.
void optional_bullets(std::ostream& out, const json& doc, const char* key, const std::string& title) {
    if (!doc.contains(key) || doc[key].empty()) return;
    heading(out, title);
    bullets(out, doc[key]);
}

}  // namespace

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
        width[c] = header[c].size();
        for (const auto& r : rows) width[c] = std::max(width[c], r[c].size());
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            s += cells[c];
            if (c + 1 < cells.size()) s += std::string(width[c] - cells[c].size() + 2, ' ');
        }
        out << s << '\n';
    };
    line(header);
    for (const auto& r : rows) line(r);
}

std::string format_weights(const json& weights) {
    std::vector<std::pair<double, std::string>> sorted;
    for (const auto& [dim, w] : weights.items()) sorted.emplace_back(w.get<double>(), dim);
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string out;
    for (const auto& [w, dim] : sorted) out += (out.empty() ? "" : ", ") + dim + " " + fixed(w);
    return out;
}

std::string fixed(double v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string join(const json& strings, const std::string& sep) {
    std::string out;
    for (const auto& s : strings) out += (out.empty() ? "" : sep) + s.get<std::string>();
    return out;
}

std::string join(const std::vector<std::string>& strings, const std::string& sep) {
    std::string out;
    for (const auto& s : strings) out += (out.empty() ? "" : sep) + s;
    return out;
}

void render_problem(std::ostream& out, const json& p) {
    out << p.at("title").get<std::string>() << "  [" << p.at("id").get<std::string>() << ", "
        << p.at("difficulty").get<std::string>() << ", pack " << p.at("pack").get<std::string>() << "]\n\n"
        << p.at("statement").get<std::string>() << "\n\nRubric weights: " << format_weights(p.at("dimensions")) << '\n';
    const auto& f = p.at("flags");
    out << "Scale: " << f.at("scale").get<std::string>();
    for (const char* flag : {"multi_tenant", "stores_files", "read_heavy", "requires_audit", "needs_idempotency"})
        if (f.at(flag).get<bool>()) out << ", " << flag;
    for (const auto& op : f.at("slow_operations")) out << ", slow: " << op.at("name").get<std::string>();
    out << '\n';

    heading(out, "Interview format (" + std::to_string(p.at("format").at("minutes").get<int>()) + " minutes)");
    for (const auto& ph : p.at("format").at("phases"))
        out << "  " << ph.at("minutes").get<int>() << " min  " << ph.at("name").get<std::string>() << " — "
            << ph.at("goal").get<std::string>() << '\n';
    heading(out, "Clarifying questions the interviewer answers");
    for (const auto& c : p.at("clarifications"))
        out << "  [" << c.at("intent").get<std::string>() << "] " << c.at("question").get<std::string>() << "\n      → "
            << c.at("answer").get<std::string>() << '\n';
    if (!p.at("estimates").empty()) {
        heading(out, "Reference estimates");
        for (const auto& e : p.at("estimates"))
            out << "  " << e.at("label").get<std::string>() << ": " << e.at("value").dump() << ' '
                << e.at("unit").get<std::string>() << "  (" << e.at("derivation").get<std::string>() << ")\n";
    }
    heading(out, "Expected components");
    for (const auto& c : p.at("components"))
        out << "  " << (c.at("required").get<bool>() ? "* " : "  ") << c.at("name").get<std::string>() << " ("
            << c.at("kind").get<std::string>() << "): " << c.at("why").get<std::string>() << '\n';
    if (!p.at("entities").empty()) {
        heading(out, "Entities");
        for (const auto& e : p.at("entities"))
            out << "  " << e.at("name").get<std::string>() << "(" << join(e.at("columns")) << ") — "
                << e.at("why").get<std::string>() << '\n';
    }
    if (!p.at("endpoints").empty()) {
        heading(out, "Key endpoints");
        for (const auto& e : p.at("endpoints"))
            out << "  " << e.at("method").get<std::string>() << ' ' << e.at("path").get<std::string>() << " -> "
                << e.at("status").get<int>() << "  " << e.at("purpose").get<std::string>() << '\n';
    }
    optional_bullets(out, p, "probes", "Follow-up probes");
    if (!p.at("deep_dives").empty()) {
        heading(out, "Deep dives");
        for (const auto& d : p.at("deep_dives")) {
            out << "  " << d.at("question").get<std::string>() << '\n';
            for (const auto& pt : d.at("points")) out << "    - " << pt.get<std::string>() << '\n';
        }
    }
    heading(out, "Common pitfalls");
    for (const auto& pf : p.at("pitfalls"))
        out << "  - " << pf.at("text").get<std::string>() << "\n    Instead: " << pf.at("advice").get<std::string>()
            << '\n';
    optional_bullets(out, p, "hints", "Hints");
    const auto& s = p.at("reference_solution");
    heading(out, "Reference solution outline");
    for (const char* key : {"requirements", "estimates", "architecture", "api", "scaling", "tradeoffs"}) {
        if (!s.contains(key) || s[key].empty()) continue;
        out << "  " << key << ":\n";
        for (const auto& line : s[key]) out << "    - " << line.get<std::string>() << '\n';
    }
    out << "  data model:\n" << s.at("data_model").get<std::string>() << '\n';
    const auto& l = p.at("levels");
    heading(out, "What each level looks like");
    out << "  needs improvement: " << l.at("needs_improvement").get<std::string>()
        << "\n  good: " << l.at("good").get<std::string>() << "\n  excellent: " << l.at("excellent").get<std::string>()
        << '\n';
    if (l.contains("by_level"))
        for (const auto& [level, text] : l.at("by_level").items())
            out << "  " << level << ": " << text.get<std::string>() << '\n';
}

void render_lesson(std::ostream& out, const json& l) {
    out << l.at("title").get<std::string>() << "  [" << l.at("id").get<std::string>() << ", pack "
        << l.at("pack").get<std::string>() << ", " << l.at("minutes").get<int>() << " min]\n"
        << "Dimensions: " << join(l.at("dimensions"));
    if (!l.at("prerequisites").empty()) out << "   Prerequisites: " << join(l.at("prerequisites"));
    out << "\n\n"
        << l.at("summary").get<std::string>() << "\n\nAnalogy: " << l.at("analogy").get<std::string>() << '\n';
    heading(out, "Dialogue");
    for (const auto& t : l.at("dialogue"))
        out << "  " << (t.at("speaker") == "coach" ? "Coach:   " : "Student: ") << t.at("text").get<std::string>()
            << '\n';
    heading(out, "Worked example");
    out << l.at("worked_example").get<std::string>() << '\n';
    heading(out, "Check question");
    out << "  " << l.at("check").at("question").get<std::string>() << '\n';
    heading(out, "Common mistake");
    out << "  " << l.at("common_mistake").at("mistake").get<std::string>()
        << "\n  Coach: " << l.at("common_mistake").at("correction").get<std::string>() << '\n';
    heading(out, "Flashcards (" + std::to_string(l.at("cards").size()) + ")");
    for (const auto& c : l.at("cards"))
        out << "  Q: " << c.at("front").get<std::string>() << "\n  A: " << c.at("back").get<std::string>() << '\n';
}

std::string wrap(const std::string& text, std::size_t indent, std::size_t width) {
    std::string out, line;
    std::istringstream words(text);
    std::string w;
    while (words >> w) {
        if (!line.empty() && line.size() + 1 + w.size() + indent > width) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        line += (line.empty() ? "" : " ") + w;
    }
    return out + line;
}

void render_evaluation(std::ostream& out, const evaluation_result& e) {
    out << "Problem: " << e.problem << "\nOverall: " << e.overall << "/100\n";
    if (e.level) {
        out << "Reads as: " << e.level->id << '\n';
        for (const auto& r : e.level->reasons) out << "  - " << wrap(r, 4) << '\n';
        if (!e.level->next.empty()) out << "Next level: " << wrap(e.level->next, 12) << '\n';
    }
    out << '\n';
    out << "Scores:\n";
    for (const auto& [dim, v] : e.scores) {
        const int bars = static_cast<int>(v * 20 + 0.5);
        std::string label = "  " + dim;
        label.resize(18, ' ');
        char num[16];
        std::snprintf(num, sizeof num, "%.2f", v);
        out << label << ' ' << num << "  " << std::string(static_cast<std::size_t>(bars), '#')
            << std::string(static_cast<std::size_t>(20 - bars), '.') << '\n';
    }
    out << "\nFindings (" << e.findings.size() << "):\n";
    if (e.findings.empty()) out << "  none\n";
    for (const auto& f : e.findings) {
        out << "  [" << f.severity << "] " << f.id << " (" << f.dimension << ")\n";
        out << "      " << wrap(f.message, 6) << '\n';
        if (!f.evidence.empty()) out << "      evidence: " << wrap(f.evidence, 16) << '\n';
        if (!f.advice.empty()) out << "      advice: " << wrap(f.advice, 14) << '\n';
    }
    const coach_feedback& fb = e.feedback;
    out << "\nWhat you did well:\n";
    for (const auto& s : fb.strengths) out << "  - " << wrap(s, 4) << '\n';
    out << "\nWhat to improve:\n";
    int n = 0;
    for (const auto& s : fb.improvements) out << "  " << ++n << ". " << wrap(s, 5) << '\n';
    if (n == 0) out << "  nothing major\n";
    out << "\nKey takeaway: " << wrap(fb.takeaway, 14) << '\n';
    out << "Practice: " << wrap(fb.assignment, 10) << '\n';
    for (const auto& w : e.warnings) out << "\nnote: " << w << '\n';
}

}  // namespace rehearse::cli
