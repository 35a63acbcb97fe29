// `rehearse evaluate`: grades a written answer against a problem without recording it.
#include "cli/cli.hpp"

#include "rehearse/core/answer/answer_model.hpp"
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/grading/evaluation.hpp"

#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>

namespace rehearse::cli {

using nlohmann::json;

namespace {

std::string read_answer(invocation& inv, const std::string& path) {
    if (path == "-") {
        std::string text;
        char buffer[65536];
        while (inv.in.read(buffer, sizeof buffer) || inv.in.gcount() > 0) {
            text.append(buffer, static_cast<std::size_t>(inv.in.gcount()));
            if (text.size() > max_answer_bytes) break;  // check_answer_text names the limit
        }
        return text;
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw error(errc::io, path + ": no such file");
    if (std::filesystem::is_directory(path, ec))
        throw error(errc::io, path + ": is a directory, expected a Markdown file");
    try {
        return read_text_file(path, max_answer_bytes);
    } catch (const error& e) {
        if (e.code() != errc::too_large) throw;
        throw error(errc::invalid_input, path + ": the answer is larger than " +
                                             std::to_string(max_answer_bytes / 1024) +
                                             " KiB; answers are limited to that much Markdown");
    }
}

std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 100) {
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
    out << "Problem: " << e.problem << "\nOverall: " << e.overall << "/100\n\n";
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

int cmd_evaluate(invocation& inv) {
    const auto problem_id = inv.value("problem");
    const auto answer_path = inv.value("answer");
    if (!problem_id) throw error(errc::usage, "evaluate needs --problem ID (see: rehearse problems)");
    if (!answer_path) throw error(errc::usage, "evaluate needs --answer FILE (a Markdown answer, or - for stdin)");
    // Unknown problem first: it is the cheaper mistake to report.
    const problem& p = inv.context().content().require_problem(*problem_id);
    const std::string answer = read_answer(inv, *answer_path);
    if (inv.has("model")) {
        check_answer_text(answer);
        inv.print_json(parse_answer(answer));
        return 0;
    }
    const evaluation_result result = evaluate_answer(inv.context(), p, answer);
    if (inv.global.json)
        inv.print_json(result);
    else
        render_evaluation(inv.out, result);
    return 0;
}

}  // namespace

std::vector<command> evaluation_commands() {
    return {
        {{"evaluate"},
         "",
         "grade a written answer (Markdown) against a problem, without recording it",
         {{"problem", "ID", "the problem the answer is for"},
          {"answer", "FILE", "the answer as Markdown (- reads stdin)"},
          {"model", "", "print what the evaluators read from the answer (sections, schema, endpoints...)"}},
         0,
         0,
         &cmd_evaluate},
    };
}

}  // namespace rehearse::cli
