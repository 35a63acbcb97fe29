/// @file
/// How the learner model meets a problem: the predicted success of a learner on a problem
/// (weighted over its dimensions) and the dimension that would be the problem's main focus for them.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/learner/mastery.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rehearse {

/// Skills brought to `now` (uncertainty grown for time away) and their shown mastery.
struct learner_view {
    skill_map skills;                                    ///< at `now`
    std::map<std::string, double, std::less<>> mastery;  ///< 0..1 per dimension
};
learner_view view_at(const skill_map& stored, sys_ms now);

/// Σ_d w_d · logistic(θ_d − rating) over the problem's dimensions (weights normalised).
double predicted_success(const learner_view& v, const problem& p);

/// The largest rubric weight any available (not retired) problem gives each dimension: the best
/// practice the content offers there. A 10 % communication weight is the most any problem gives
/// communication, so for that dimension it counts as a full share.
using share_map = std::map<std::string, double, std::less<>>;
share_map best_shares(const content_registry& content);

/// A problem's share of a dimension relative to the best available share for it (0..1).
double relative_share(const problem& p, const std::string& dimension, const share_map& best);

/// How much a dimension's weakness counts when choosing what to practise: (1 − mastery)². Squared so
/// the weakest counts disproportionately (a dimension at 0.4 counts 2.25× one at 0.6): the goal is
/// every dimension mastered. (A 4th power, letting the weakest dominate more, measured worse: the
/// other dimensions fall behind while it is hammered.)
double need(double mastery) noexcept;

/// Interleaving (no dimension the main focus more than twice in a row): given the focus dimensions
/// of the learner's latest attempts, newest first, the dimension that must rest now — the one that
/// led the last two, once the learner has more than two attempts (after the first exposures).
std::optional<std::string> resting_dimension(const std::vector<std::string>& latest_focuses);
/// How many latest focuses resting_dimension needs.
inline constexpr std::size_t focus_history = 3;

/// The dimension this problem would mostly exercise for this learner:
/// argmax_d need(mastery_d) · relative_share_d, ties broken by the rubric order (docs/answers.md).
/// A `resting` dimension is skipped unless the problem weights nothing else: the attempt then
/// practises the next-weakest dimension the problem serves.
std::string main_focus(const learner_view& v, const problem& p, const share_map& best,
                       const std::optional<std::string>& resting = std::nullopt);

/// How much evidence a score on `dimension` of this problem carries, 0.4..1: a dimension with more
/// rubric weight gets more interview time, so its score is less noisy.
double evidence_strength(const problem& p, const std::string& dimension);

}  // namespace rehearse
