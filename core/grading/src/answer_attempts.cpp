#include "rehearse/core/grading/answer_attempts.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/grading/evaluation.hpp"

namespace rehearse {

using nlohmann::json;

answer_attempt submit_answer(app_context& ctx, const learner& who, std::string_view problem_id,
                             const std::string& answer_markdown) {
    // The unknown problem is the cheaper mistake to report, before grading anything.
    ctx.content().require_problem(problem_id);
    answer_attempt out;
    out.evaluation = evaluate_answer(ctx, problem_id, answer_markdown);
    attempt_input input;
    input.problem_id = std::string(problem_id);
    for (const auto& [dim, s] : out.evaluation.at("scores").items()) input.scores[dim] = s.get<double>();
    input.overall = out.evaluation.at("overall").get<double>();
    input.answer_text = answer_markdown;
    input.evaluation = out.evaluation;
    input.source = "answer";
    out.recorded = record_attempt(ctx, who, input);
    return out;
}

json answer_attempt_json(const answer_attempt& a) {
    json out = a.evaluation;
    out["attempt_id"] = a.recorded.attempt_id;
    out["mastery"] = attempt_result_json(a.recorded)["mastery"];
    return out;
}

}  // namespace rehearse
