/// @file
/// A problem's rubric as arithmetic: how its weights turn dimension scores into one number
/// (docs/answers.md, how the scores are computed).
#pragma once

#include "rehearse/core/content/content_registry.hpp"

#include <map>
#include <string>

namespace rehearse {

/// The rubric-weighted mean of dimension scores: the one place a problem's scores become one number
/// (an evaluation's overall, a recorded attempt's success, the simulator's success).
///
///     out_of · Σ w_d · s_d / Σ w_d     over the scored dimensions the problem weights
///
/// A weighted dimension without a score is left out and the other weights are renormalised; a score
/// on a dimension the problem does not weight counts for nothing. The fallback: when the scores
/// touch none of the problem's dimensions (a coach may score any dimension), the plain mean of the
/// scores; with no scores at all, 0. `out_of` scales the result (100 for a percentage) and
/// multiplies the weighted sum before the division, so a rounded percentage is exactly the one
/// graded before this function existed.
inline double rubric_weighted_mean(const problem& p, const std::map<std::string, double>& scores, double out_of = 1.0) {
    double total = 0, weight = 0, plain = 0;
    for (const auto& [dim, score] : scores) {
        plain += score;
        if (const auto it = p.dimensions.find(dim); it != p.dimensions.end()) {
            total += it->second * score;
            weight += it->second;
        }
    }
    if (weight > 0) return out_of * total / weight;
    return scores.empty() ? 0.0 : out_of * plain / static_cast<double>(scores.size());
}

}  // namespace rehearse
