/// @file
/// A learner's progress: mastery per dimension now, attempts, and the trend of every update
/// (docs/cli.md, `progress --json`).
#pragma once

#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/learner/learners.hpp"

#include <nlohmann/json.hpp>

namespace rehearse {

/// How many of the weakest dimensions `weakest` lists.
inline constexpr std::size_t weakest_listed = 3;

/// {learner, dimensions: {dim: {mastery, attempts, trend: [{at, mastery}]}}, weakest: [dim]}.
/// mastery is as of `now` (confidence decays with time away); trend is the stored history, oldest
/// first; weakest lists the weakest dimensions, weakest first.
nlohmann::json progress_json(store& db, const learner& who, sys_ms now);
nlohmann::json progress_json(app_context& ctx, const learner& who);

}  // namespace rehearse
