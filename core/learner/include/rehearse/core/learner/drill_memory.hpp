/// @file
/// Drills as spaced items and as evidence: recording one graded practice of a drill updates its
/// FSRS memory (like a flashcard, in whole days: a wrong answer comes back in a day or two, a right
/// one in about a week and then in weeks), stores the attempt, and observes the drill's dimension for
/// mastery. Selection reads the memory back to find the drills that are due or new.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/learner/mastery.hpp"

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

/// One learner's memory of one drill.
struct drill_memory_state {
    std::string state;  ///< learning | review | relearning (FSRS)
    double stability = 0;
    double difficulty = 0;
    sys_ms due{};
    sys_ms last_review{};
    std::int64_t reps = 0;
    std::int64_t lapses = 0;
    std::int64_t interval_days = 0;
    double last_score = 0;
};

/// What recording a practice did.
struct drill_record {
    std::int64_t attempt_id = 0;
    int rating = 0;  ///< the FSRS grade the score mapped to: 1 again, 2 hard, 3 good, 4 easy
    drill_memory_state memory;
    std::vector<mastery_change> mastery;
};

/// A drill's difficulty on the ability scale: its difficulty's rating (easy -1, medium 0, hard 1) less
/// 0.5, since a drill is a smaller test than a problem of the same difficulty. Recording a drill's
/// evidence and choosing a drill read it the same way.
double drill_ability_difficulty(const std::string& difficulty) noexcept;

/// The FSRS grade of a drill's result: wrong → again (back in a day), nearly right → hard, right →
/// good, right with a full score → easy.
int drill_rating(double score, bool correct) noexcept;

/// Records a graded practice inside the caller's transaction: the attempt row (with `result` as
/// printed), the drill's FSRS memory, and one observation of the drill's dimension (source "drill").
drill_record record_drill_practice(SQLite::Database& db, const content_registry& content, std::int64_t learner_id,
                                   const drill& d, double score, bool correct, const std::string& answer,
                                   const nlohmann::json& result, sys_ms now);

/// Every drill the learner has practised → its memory.
std::map<std::string, drill_memory_state, std::less<>> load_drill_memory(SQLite::Database& db, std::int64_t learner_id);

/// The learner's latest drill scores on one dimension, newest first (at most `limit`).
std::vector<double> recent_drill_scores(SQLite::Database& db, std::int64_t learner_id, const std::string& dimension,
                                        std::size_t limit);

void to_json(nlohmann::json& j, const drill_memory_state& m);

}  // namespace rehearse
