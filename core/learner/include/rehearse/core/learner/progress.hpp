/// @file
/// A learner's progress: mastery per dimension now, attempts, and the trend of every update
/// (docs/cli.md, `progress --json`).
#pragma once

#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rehearse {

/// How many of the weakest dimensions `weakest` lists.
inline constexpr std::size_t weakest_listed = 3;

struct mastery_point {
    std::string at;  ///< ISO-8601
    double mastery = 0;
};

struct dimension_progress {
    double mastery = 0;                ///< as of `now`: confidence decays with time away
    std::int64_t attempts = 0;         ///< attempts that scored the dimension
    std::vector<mastery_point> trend;  ///< every stored update, oldest first
};

struct progress_report {
    std::string learner;
    std::map<std::string, dimension_progress> dimensions;  ///< every rubric dimension, by id
    std::vector<std::string> weakest;                      ///< the weakest_listed weakest dimensions, weakest first
};

progress_report learner_progress(store& db, const learner& who, sys_ms now);
progress_report learner_progress(app_context& ctx, const learner& who);

/// {learner, dimensions: {dim: {mastery, attempts, trend: [{at, mastery}]}}, weakest: [dim]}
void to_json(nlohmann::json& j, const progress_report& p);

}  // namespace rehearse
