/// @file
/// Submitting a written answer as an attempt: grade it (docs/answers.md) and record the grade, the
/// findings and the mastery update. The CLI's `attempt --answer` and the HTTP API's
/// `POST /learners/{name}/attempts` both call this, so the two cannot grade or record differently.
#pragma once

#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/learners.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace rehearse {

struct answer_attempt {
    nlohmann::json evaluation;  ///< the evaluation document of docs/answers.md
    attempt_result recorded;
};

/// Grades `answer_markdown` against `problem_id` and records it (source "answer"). Throws
/// error(not_found) for an unknown problem, error(invalid_input) for an unusable answer; nothing is
/// stored then.
answer_attempt submit_answer(app_context& ctx, const learner& who, std::string_view problem_id,
                             const std::string& answer_markdown);

/// The evaluation plus `attempt_id` and `mastery: {dim: {before, after}}`.
nlohmann::json answer_attempt_json(const answer_attempt& a);

}  // namespace rehearse
