/// @file
/// How the learner model meets a problem: the predicted success of a learner on a problem
/// (weighted over its dimensions) and the dimension that would be the problem's main focus for them.
#pragma once

#include "rehearse/content_registry.hpp"
#include "rehearse/mastery.hpp"

#include <string>

namespace rehearse {

/// Skills brought to `now` (uncertainty grown for time away) and their shown mastery.
struct learner_view {
    skill_map skills;                                       ///< at `now`
    std::map<std::string, double, std::less<>> mastery;     ///< 0..1 per dimension
};
learner_view view_at(const skill_map& stored, sys_ms now);

/// Σ_d w_d · logistic(θ_d − rating) over the problem's dimensions (weights normalised).
double predicted_success(const learner_view& v, const problem& p);

/// The dimension this problem would mostly exercise for this learner: argmax_d w_d · (1 − mastery_d),
/// ties broken by the order of CONTRACT §4.
std::string main_focus(const learner_view& v, const problem& p);

/// How much evidence a score on `dimension` of this problem carries, 0.4..1: a dimension with more
/// rubric weight gets more interview time, so its score is less noisy.
double evidence_strength(const problem& p, const std::string& dimension);

}  // namespace rehearse
