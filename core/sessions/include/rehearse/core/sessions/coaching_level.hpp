/// @file
/// The level a coaching session pitches at, for the mock interviewer and the teacher alike:
/// beginners get smaller steps and earlier hints, advanced learners edge cases and deep dives.
/// By default it follows the learner's mastery of what the session practises.
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/learner/learners.hpp"

#include <map>
#include <string>
#include <string_view>

namespace SQLite {
class Database;
}

namespace rehearse {

enum class coaching_level { beginner, intermediate, advanced };
std::string_view to_string(coaching_level l) noexcept;
/// error(invalid_input) naming the field `level` for anything else.
coaching_level parse_coaching_level(std::string_view text);

/// The level the learner's mastery suggests: the mean over `dimension_weights` (below 0.4
/// beginner, below 0.7 intermediate, else advanced); an unobserved dimension counts at the prior.
coaching_level level_from_mastery(SQLite::Database& db, const learner& who,
                                  const std::map<std::string, double>& dimension_weights, sys_ms now);

}  // namespace rehearse
