// Recording attempts, the next recommendation and progress: the learner-model commands.
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/drills/drill_practice.hpp"
#include "rehearse/core/grading/answer_attempts.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/progress.hpp"
#include "rehearse/core/learner/selection.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace rehearse::cli {

namespace {

using nlohmann::json;

std::string read_answer_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io, path + ": cannot read the answer file");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void print_mastery_changes(std::ostream& out, const attempt_result& r) {
    out << "mastery:\n";
    for (const auto& c : r.mastery)
        out << "  " << c.dimension << std::string(c.dimension.size() < 14 ? 14 - c.dimension.size() : 1, ' ')
            << fixed(c.before) << " -> " << fixed(c.after) << '\n';
}

int cmd_attempt(invocation& inv) {
    auto& ctx = inv.context();
    const auto problem_opt = inv.value("problem");
    if (!problem_opt) throw error(errc::usage, "attempt needs --problem ID");
    const std::string problem_id = *problem_opt;
    const auto scores = inv.value("scores");
    const auto answer = inv.value("answer");
    if (scores.has_value() == answer.has_value())
        throw error(errc::usage, "attempt needs exactly one of --scores DIM=S,... or --answer FILE");
    const learner who = require_learner(ctx.db(), inv.learner_name());

    if (answer) {
        const problem& p = ctx.content().require_problem(problem_id);  // before reading the file: the cheaper mistake
        // The same use case as the HTTP API's POST /learners/{name}/attempts.
        const answer_attempt a = submit_answer(ctx, who, p, read_answer_file(*answer));
        const attempt_result& r = a.recorded;
        if (inv.global.json)
            inv.print_json(a);
        else {
            inv.out << "attempt " << r.attempt_id << " on " << r.problem << ": overall " << fixed(r.overall, 0)
                    << "/100\n";
            for (const auto& f : a.evaluation.findings)
                inv.out << "  [" << f.severity << "] " << f.dimension << ": " << f.message << '\n';
            print_mastery_changes(inv.out, r);
        }
        return 0;
    }
    attempt_input input(parse_scores(*scores));
    input.source = inv.has("mock") ? "mock" : "coach";
    const attempt_result r = record_attempt(ctx, who, ctx.content().require_problem(problem_id), input);
    if (inv.global.json)
        inv.print_json(r);
    else {
        inv.out << "attempt " << r.attempt_id << " on " << r.problem << ": overall " << fixed(r.overall, 0)
                << "/100 (predicted success was " << fixed(r.predicted_success) << ")\n";
        print_mastery_changes(inv.out, r);
    }
    return 0;
}

int cmd_next(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    std::optional<activity_kind> only;
    if (const auto k = inv.value("kind")) only = parse_option("kind", [&] { return parse_activity_kind(*k); });
    std::optional<int> minutes;
    if (const auto m = inv.integer("minutes", 2, 600)) minutes = static_cast<int>(*m);
    const recommendation r = recommend_next(ctx, who, only, minutes);
    if (inv.global.json) {
        inv.print_json(r);
        return 0;
    }
    inv.out << "next: " << to_string(r.kind) << ' ' << r.id << " — " << r.title << '\n';
    for (const auto& reason : r.reasons) inv.out << "  - " << reason << '\n';
    inv.out << "predicted success " << fixed(r.predicted_success) << "; " << r.due_reviews << " review"
            << (r.due_reviews == 1 ? "" : "s") << " due\n";
    switch (r.kind) {
        case activity_kind::problem:
            inv.out << "then: rehearse attempt --learner " << who.name << " --problem " << r.id << " --answer FILE\n";
            break;
        case activity_kind::lesson:
            inv.out << "then: rehearse lesson --learner " << who.name << " --lesson " << r.id << '\n';
            break;
        case activity_kind::review:
            inv.out << "then: rehearse review --learner " << who.name << '\n';
            break;
        case activity_kind::drill:
            inv.out << "then: rehearse drill --learner " << who.name << " --drill " << r.id
                    << " --answer \"...\"   (rehearse show drill " << r.id << " shows the prompt)\n";
            break;
    }
    return 0;
}

std::string bar(double m) {
    const int filled = static_cast<int>(m * 20 + 0.5);
    return std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(20 - filled), '.');
}

int cmd_progress(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const progress_report p = learner_progress(ctx, who);
    if (inv.global.json) {
        inv.print_json(p);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& [dim, d] : p.dimensions)
        rows.push_back(
            {dim, fixed(d.mastery), bar(d.mastery), std::to_string(d.attempts), std::to_string(d.trend.size())});
    inv.out << "progress of " << who.name << "\n";
    print_table(inv.out, {"DIMENSION", "MASTERY", "", "ATTEMPTS", "UPDATES"}, rows);
    inv.out << "weakest: " << join(p.weakest) << '\n';
    return 0;
}

int cmd_drill(invocation& inv) {
    auto& ctx = inv.context();
    const auto drill_id = inv.value("drill");
    if (!drill_id) throw error(errc::usage, "drill needs --drill ID (see: rehearse drills)");
    const auto text = inv.value("answer");
    const auto file = inv.value("answer-file");
    if (text.has_value() == file.has_value())
        throw error(errc::usage, "drill needs exactly one of --answer TEXT or --answer-file FILE");
    ctx.content().require_drill(*drill_id);  // before reading the file: the cheaper mistake
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const drill_practice p = practise_drill(ctx, who, *drill_id, text ? *text : read_answer(inv, *file));
    if (inv.global.json) {
        inv.print_json(p);
        return 0;
    }
    const drill_grade& g = p.grade;
    inv.out << (g.correct ? "right" : "not yet") << ": " << g.drill << " scored " << fixed(g.score * 100, 0) << "%\n";
    for (const auto& f : g.findings)
        inv.out << "  [" << f.value("severity", "") << "] " << f.value("message", "") << '\n';
    inv.out << '\n'
            << g.feedback << "\n\nModel answer:\n"
            << g.model_answer
            << "\n\nnext practice of this drill: " << format_iso8601(p.recorded.memory.due).substr(0, 10) << " (in "
            << p.recorded.memory.interval_days << " day" << (p.recorded.memory.interval_days == 1 ? "" : "s") << ")\n";
    for (const auto& c : p.recorded.mastery)
        inv.out << "mastery " << c.dimension << ' ' << fixed(c.before) << " -> " << fixed(c.after) << '\n';
    return 0;
}

}  // namespace

std::vector<command> attempt_commands() {
    return {
        {{"attempt"},
         "",
         "record a graded attempt at a problem and update mastery",
         {{"problem", "ID", "the problem"},
          {"scores", "DIM=S,...", "scores 0..1 per dimension, given by a coach (e.g. data-model=0.6,api=0.8)"},
          {"answer", "FILE", "grade this Markdown answer and record the evaluation"},
          {"mock", "", "with --scores: the scores come from a live mock interview"}},
         0,
         0,
         &cmd_attempt},
        {{"drill"},
         "",
         "answer a drill: grade it, record it and schedule it again",
         {{"drill", "ID", "the drill (see: rehearse drills)"},
          {"answer", "TEXT", "the answer"},
          {"answer-file", "FILE", "read the answer from FILE"}},
         0,
         0,
         &cmd_drill},
        {{"next"},
         "",
         "recommend the next activity, with the reasons",
         {{"kind", "problem|lesson|review|drill", "only this kind of activity"},
          {"minutes", "N", "only what fits N minutes (10 or less: reviews or a drill)"}},
         0,
         0,
         &cmd_next},
        {{"progress"}, "", "mastery per dimension and its history", {}, 0, 0, &cmd_progress},
    };
}

}  // namespace rehearse::cli
