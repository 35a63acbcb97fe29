/// @file
/// Turns findings and scores into what a coach says after a mock (seed 000's framework): specific
/// strengths first, at most three improvements each with why and what to do next time, one key
/// takeaway and a practice assignment on the weakest dimension.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/learner/evaluation_result.hpp"

#include <map>
#include <string>
#include <vector>

namespace rehearse {

/// The evaluators' specific observations, by dimension.
using strengths_by_dimension = std::map<std::string, std::vector<std::string>>;

/// The feedback for `scores` (as the evaluation reports them) and `findings` (most severe first).
coach_feedback compose_feedback(const content_registry& content, const problem& p,
                                const std::map<std::string, double>& scores, const std::vector<finding>& findings,
                                const strengths_by_dimension& strengths);

}  // namespace rehearse
