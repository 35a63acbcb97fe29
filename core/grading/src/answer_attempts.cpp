#include "rehearse/core/grading/answer_attempts.hpp"

#include "rehearse/core/grading/evaluation.hpp"

namespace rehearse {

using nlohmann::json;

answer_attempt submit_answer(app_context& ctx, const learner& who, const problem& p, std::string_view answer_markdown) {
    answer_attempt out;
    out.evaluation = evaluate_answer(ctx, p, answer_markdown);
    attempt_input input(out.evaluation.scores);
    input.overall = out.evaluation.overall;
    input.answer_text = answer_markdown;
    input.evaluation = &out.evaluation;
    input.source = "answer";
    out.recorded = record_attempt(ctx, who, p, input);
    return out;
}

void to_json(json& j, const answer_attempt& a) {
    j = a.evaluation;
    j["attempt_id"] = a.recorded.attempt_id;
    j["mastery"] = mastery_changes_json(a.recorded.mastery);
}

}  // namespace rehearse
