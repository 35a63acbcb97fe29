/// @file
/// Grading a drill's answer, deterministically, by the drill's kind (sdk/schema/content-v1.md,
/// DRILL): an estimate by its number and unit against the value computed from the facts (right
/// within 2x), a schema and an API by the evaluator plugins plus the drill's expected tables, keys,
/// indexes, routes, verbs and codes, a requirements drill by the clarification matcher against its
/// problem's intents, and trade-off, failure and communication drills by key points, as a lesson's
/// check question is graded.
#pragma once

#include "rehearse/core/content/content_registry.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace rehearse {

/// A drill counts as right at or above this score (unless its kind says otherwise, e.g. within 2x).
inline constexpr double drill_pass_mark = 0.7;

struct drill_grade {
    std::string drill;
    double score = 0;  ///< 0..1
    bool correct = false;
    nlohmann::json findings = nlohmann::json::array();  ///< [{id, dimension, severity, message, advice}]
    std::string feedback;                               ///< what was right, what was missed, the reasoning
    std::string model_answer;
};

/// Grades `answer` for `d`. An empty answer grades as 0 (a drill the learner could not do is a
/// result, not an error); error(invalid_input) for binary or oversized text, error(plugin) when a
/// schema or API drill finds no evaluator plugin.
drill_grade grade_drill(const content_registry& content, const drill& d, std::string_view answer);

/// {"drill", "score", "correct", "findings", "feedback", "model_answer"}
void to_json(nlohmann::json& j, const drill_grade& g);

}  // namespace rehearse
