/// @file
/// What to do next: a due flashcard review, a lesson or a problem, chosen from the learner model,
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

enum class activity_kind { problem, lesson, review };
std::string_view to_string(activity_kind k) noexcept;
/// "problem" | "lesson" | "review"; value_error naming `kind` otherwise.
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
    std::string focus;  ///< main focus dimension (problems and lessons)
    double target = 0;  ///< the success target selection aimed at
    double score = 0;   ///< the winning candidate's score (diagnostics)
};

/// The recommendation for `who` at the context's clock; `only` restricts the kind. Throws
/// error(not_found) when nothing of the asked kind is available (no card due, every lesson done).
recommendation recommend_next(app_context& ctx, const learner& who, std::optional<activity_kind> only = std::nullopt);
/// The same on any store and registry at any instant (simulation, tests). `band` overrides the plan
/// lookup when given.
recommendation recommend_next(store& db, const content_registry& content, const learner& who,
                              std::optional<activity_kind> only, sys_ms now);

/// docs/cli.md `next --json`: {kind, id, title, reasons, predicted_success, due_reviews} plus focus
/// and target.
void to_json(nlohmann::json& j, const recommendation& r);

/// The success target for a learner whose recent realised success (mean of the last attempts'
/// rubric-weighted scores) is `realised` over `attempts` attempts: 0.75, moved against the error so
/// realised success settles in 0.70–0.80.
double success_target(std::optional<double> realised, std::size_t attempts) noexcept;

}  // namespace rehearse
