/// @file
/// What to do next: a due flashcard review, a lesson, a drill or a problem, chosen from the learner model,
/// with human-readable reasons (docs/cli.md, `next --json`). Deterministic for a given clock and
/// state. docs/learner-model.md describes the scoring.
#pragma once

#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

enum class activity_kind { problem, lesson, review, drill };
std::string_view to_string(activity_kind k) noexcept;
/// "problem" | "lesson" | "review" | "drill"; value_error naming `kind` otherwise.
activity_kind parse_activity_kind(std::string_view text);

/// The plan context selection works within (from the learner's active plan, if any).
struct plan_band {
    std::string curriculum;
    int week = 0;
    std::string min_difficulty = "easy", max_difficulty = "hard";
    std::vector<std::string> focus;
};

struct recommendation {
    activity_kind kind = activity_kind::problem;
    std::string id;
    std::string title;
    std::vector<std::string> reasons;
    double predicted_success = 0;
    std::int64_t due_reviews = 0;
    std::string focus;  ///< main focus dimension (problems, lessons and drills)
    int minutes = 0;    ///< the time it takes: a problem's format, a lesson's or drill's minutes, 2 per review
    double target = 0;  ///< the success target selection aimed at
    double score = 0;   ///< the winning candidate's score (diagnostics)
};

/// The recommendation for `who` at the context's clock; `only` restricts the kind. `minutes` is the
/// time the learner has: only what fits is recommended (10 minutes or less: reviews or a drill, never
/// a problem, and drills are weighed against problems by practice per minute). Without `only` or
/// `minutes` the pick is among reviews, lessons and problems (`next --kind drill` asks for a drill). Throws
/// error(not_found) when nothing of the asked kind is available (no card due, every lesson done),
/// value_error naming `minutes` for less than 2.
recommendation recommend_next(app_context& ctx, const learner& who, std::optional<activity_kind> only = std::nullopt,
                              std::optional<int> minutes = std::nullopt);
/// The same on any store and registry at any instant (simulation, tests). `band` overrides the plan
/// lookup when given.
recommendation recommend_next(store& db, const content_registry& content, const learner& who,
                              std::optional<activity_kind> only, sys_ms now, std::optional<int> minutes = std::nullopt);

/// The pick among problems and drills only, as `recommend_next` weighs them (useful practice per
/// minute): what someone who sits down to practise for `minutes` does next, lessons and reviews set
/// aside (the simulator's adaptive policy, docs/simulation.md). error(not_found) when nothing fits.
recommendation recommend_practice(store& db, const content_registry& content, const learner& who, sys_ms now,
                                  std::optional<int> minutes = std::nullopt);

/// Up to `count` drills for the learner's weakest dimensions, one per dimension, weakest first, that
/// are new or due and together take at most `minutes` (a plan's short day).
std::vector<recommendation> recommend_drills(store& db, const content_registry& content, const learner& who, sys_ms now,
                                             int minutes, std::size_t count);

/// docs/cli.md `next --json`: {kind, id, title, reasons, predicted_success, due_reviews} plus focus,
/// target and minutes.
void to_json(nlohmann::json& j, const recommendation& r);

/// The success target for a learner whose recent realised success (mean of the last attempts'
/// rubric-weighted scores) is `realised` over `attempts` attempts: 0.75, moved against the error so
/// realised success settles in 0.70–0.80.
double success_target(std::optional<double> realised, std::size_t attempts) noexcept;

}  // namespace rehearse
