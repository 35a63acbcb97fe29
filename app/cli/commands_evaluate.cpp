// `rehearse evaluate`: grades a written answer against a problem without recording it.
#include "cli/cli.hpp"
#include "cli/render.hpp"

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
