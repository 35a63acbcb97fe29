/// @file
/// The stored learner model: the current skill per (learner, dimension) and the history of every
/// update. Reads through the store; the arithmetic is mastery_model.hpp.
#pragma once

#include "rehearse/core/learner/mastery_model.hpp"
#include "rehearse/core/storage/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace rehearse {

/// Every rubric dimension → its stored skill (the prior for dimensions never observed), as stored
/// (not yet brought to a later instant).
using skill_map = std::map<std::string, model::skill, std::less<>>;

skill_map load_skills(store& s, std::int64_t learner_id);
skill_map load_skills(SQLite::Database& db, std::int64_t learner_id);

/// One observation of one dimension, for apply_observations.
struct observation {
    std::string dimension;
    double score = 0;       ///< 0..1
    double difficulty = 0;  ///< on the ability scale
    double strength = 1;    ///< 0..1
};

/// Mastery of one dimension just before and after an update.
struct mastery_change {
    std::string dimension;
    double before = 0;
    double after = 0;
    model::skill skill;  ///< after
};

/// {dim: {before, after}} of the changes.
nlohmann::json mastery_changes_json(const std::vector<mastery_change>& changes);

/// Applies observations inside the caller's transaction: brings each skill to `now`, observes,
/// stores the skill and a mastery_history row (`source`: attempt | lesson). `skills` are the
/// learner's as the caller loaded them in this transaction (load_skills), updated here to what is
/// stored. Returns the changes in the order given.
std::vector<mastery_change> apply_observations(SQLite::Database& db, std::int64_t learner_id, skill_map& skills,
                                               const std::vector<observation>& observations, sys_ms now,
                                               const std::string& source, std::optional<std::int64_t> attempt_id);

}  // namespace rehearse
