/// @file
/// Turns findings and scores into what a coach says after a mock (seed 000's framework): specific
/// strengths first, at most three improvements each with why and what to do next time, one key
/// takeaway and a practice assignment on the weakest dimension.
#pragma once

#include "rehearse/core/content/content_registry.hpp"

#include <nlohmann/json.hpp>

namespace rehearse {

/// {"strengths":[...], "improvements":[...], "takeaway": "...", "assignment": "..."}.
/// `strengths` are the evaluators' specific observations keyed by dimension.
nlohmann::json compose_feedback(const content_registry& content, const problem& p, const nlohmann::json& scores,
                                const nlohmann::json& findings, const nlohmann::json& strengths);

}  // namespace rehearse
