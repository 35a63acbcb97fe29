/// @file
/// Practising a drill: grade the answer, then record it in one transaction (the attempt, the drill's
/// FSRS memory, the mastery of its dimension). The CLI's `drill` command calls this.
#pragma once

#include "rehearse/core/drills/drill_grading.hpp"
#include "rehearse/core/learner/drill_memory.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace rehearse {

struct drill_practice {
    drill_grade grade;
    drill_record recorded;
};

/// error(not_found) for an unknown or retired drill; the grading errors of grade_drill. Nothing is
/// stored when it throws.
drill_practice practise_drill(app_context& ctx, const learner& who, std::string_view drill_id, std::string_view answer);

/// The grade (CONTRACT shape: drill, score, correct, findings, feedback, model_answer) plus
/// `attempt_id`, `review` ({rating, state, interval_days, due}) and `mastery` ({dim: {before, after}}).
void to_json(nlohmann::json& j, const drill_practice& p);

}  // namespace rehearse
