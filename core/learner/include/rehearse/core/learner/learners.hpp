/// @file
/// Learners: the people whose progress Rehearse tracks.
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/storage/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct learner {
    int64_t id = 0;
    std::string name;
    std::string created_at;  ///< ISO-8601
};

/// Throws error(invalid_input) unless `name` is 1–64 printable characters without '/'.
void validate_learner_name(std::string_view name);

/// Creates a learner; returns the existing one for a name already known (idempotent).
learner add_learner(store& s, std::string_view name, sys_ms now);
std::vector<learner> list_learners(store& s);
std::optional<learner> find_learner(store& s, std::string_view name);
/// find_learner or error(not_found) that says how to create one.
learner require_learner(store& s, std::string_view name);

/// {name, created_at}
void to_json(nlohmann::json& j, const learner& l);

}  // namespace rehearse
