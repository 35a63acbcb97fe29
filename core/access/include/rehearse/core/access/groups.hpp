/// @file
/// Coaches' groups: a coach sees the learners of the groups they run (docs/server.md).
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/storage/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct learner_group {
    std::string name;
    std::string coach;
    std::string created_at;
    std::vector<std::string> members;  ///< learner names, sorted
};

/// error(invalid_input) unless `name` is 1–64 letters, digits, '.', '_' or '-'.
void validate_group_name(std::string_view name);

/// Creates group `name` run by `coach`. error(conflict) when the name is taken by another coach;
/// the same coach creating it again gets the group as it is.
learner_group create_group(store& s, std::string_view name, const learner& coach, sys_ms now);
/// Adds `who` to the group (idempotent). error(not_found) for an unknown group.
learner_group add_to_group(store& s, std::string_view name, const learner& who, sys_ms now);
/// The group, or error(not_found) naming the command that lists groups.
learner_group require_group(store& s, std::string_view name);
/// Every group, by name; only those `coach` runs when given.
std::vector<learner_group> list_groups(store& s, const std::optional<int64_t>& coach_id = std::nullopt);
/// Whether `coach_id` runs a group that `learner_id` belongs to.
bool coaches(store& s, int64_t coach_id, int64_t learner_id);

/// {name, coach, created_at, members}
void to_json(nlohmann::json& j, const learner_group& g);

}  // namespace rehearse
