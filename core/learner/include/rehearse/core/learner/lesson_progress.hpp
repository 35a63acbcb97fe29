/// @file
/// Taking a lesson: starting it (its flashcards join the learner's queue) and answering its check
/// question, graded by the key points' keywords; the grade updates mastery of the lesson's dimensions.
#pragma once

#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/mastery.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct check_grade {
    double score = 0;                          ///< covered key points / all key points
    std::vector<std::string> covered, missed;  ///< the key points' texts
};

/// A reply covers a key point when it contains any of the point's keywords, lowercase, as whole
/// words or phrases (CONTENT schema CHECK).
check_grade grade_check(const lesson& l, std::string_view answer);
/// The same over any `[{point, keywords}]` list (a lesson's check question, a drill's key points).
check_grade grade_key_points(const nlohmann::json& key_points, std::string_view answer);

struct lesson_result {
    std::string lesson;
    std::string status;  ///< started | completed
    std::optional<check_grade> grade;
    std::vector<mastery_change> mastery;
    std::size_t cards = 0;
};

/// Marks the lesson started (idempotent); with an answer, grades the check question, marks it
/// completed and updates mastery (source "lesson"). error(not_found) for an unknown or retired lesson.
lesson_result take_lesson(store& db, const content_registry& content, const learner& who, std::string_view lesson_id,
                          const std::optional<std::string>& answer, sys_ms now);
lesson_result take_lesson(app_context& ctx, const learner& who, std::string_view lesson_id,
                          const std::optional<std::string>& answer);

void to_json(nlohmann::json& j, const lesson_result& r);

}  // namespace rehearse
