/// @file
/// Submitting a written answer as an attempt: grade it (docs/answers.md) and record the grade, the
/// findings and the mastery update. The CLI's `attempt --answer` and the HTTP API's
/// `POST /learners/{name}/attempts` both call this, so the two cannot grade or record differently.
#pragma once

#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/evaluation_result.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace rehearse {

struct answer_attempt {
    evaluation_result evaluation;
    attempt_result recorded;
};

/// Grades `answer_markdown` against `p` (the caller looked it up) and records it (source "answer").
/// Throws error(invalid_input) for an unusable answer, error(plugin) when no evaluator is loaded;
/// nothing is stored then.
answer_attempt submit_answer(app_context& ctx, const learner& who, const problem& p, std::string_view answer_markdown);

/// The evaluation document plus `attempt_id` and `mastery: {dim: {before, after}}`.
void to_json(nlohmann::json& j, const answer_attempt& a);

}  // namespace rehearse
