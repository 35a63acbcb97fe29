/// @file
/// What a coach sees of a group (GET /api/v1/groups/{name}/progress, `rehearse group progress`):
/// each learner's mastery and its trend, and the dimensions the group as a whole is weakest in.
#pragma once

#include "rehearse/core/access/groups.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace rehearse {

/// The trend compares mastery now with mastery this many days ago.
inline constexpr int group_trend_days = 14;

struct member_progress {
    std::string learner;
    std::map<std::string, double> mastery;  ///< per dimension, as of now
    std::map<std::string, double> trend;    ///< per dimension: now minus group_trend_days ago
    int64_t attempts = 0;
    std::vector<std::string> weakest;
};

struct group_progress_report {
    std::string group;
    std::string coach;
    std::vector<member_progress> learners;  ///< by name
    /// The group's dimensions by mean mastery, weakest first (every dimension).
    std::vector<std::pair<std::string, double>> weakest;
};

group_progress_report group_progress(store& s, const learner_group& g, sys_ms now);

/// {group, coach, trend_days, learners: [{learner, mastery, trend, attempts, weakest}],
///  weakest: [{dimension, mean}]}
void to_json(nlohmann::json& j, const group_progress_report& r);

}  // namespace rehearse
