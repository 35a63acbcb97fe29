/// @file
/// What grading an answer gives, as a value (docs/answers.md, the evaluation document): the scores,
/// the findings, the overall and the coach's feedback. Grading (core/grading) produces it and a
/// recorded attempt stores it; it lives here, below grading, so that record_attempt can take it.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rehearse {

/// One finding of an evaluator (docs/answers.md, FINDING).
struct finding {
    std::string id;
    std::string dimension;
    std::string severity;                             ///< info | minor | major | critical
    std::string message;                              ///< what is wrong
    std::string evidence;                             ///< what in the answer shows it
    std::string advice;                               ///< what to do instead
    std::optional<std::string> why;                   ///< why it matters, when the evaluator says
    nlohmann::json extra = nlohmann::json::object();  ///< fields of an evaluator's own, passed on as given
};
/// FINDING: the fields above (`why` when given) and the evaluator's own.
void to_json(nlohmann::json& j, const finding& f);

/// What a coach says after a mock: specific strengths, at most three improvements, one takeaway and
/// a practice assignment.
struct coach_feedback {
    std::vector<std::string> strengths;
    std::vector<std::string> improvements;
    std::string takeaway;
    std::string assignment;
};
/// {strengths, improvements, takeaway, assignment}
void to_json(nlohmann::json& j, const coach_feedback& f);

/// Which interview level the answer reads as (L3-L6, seed 001's rubric and the problem's
/// `levels.by_level`), why, and what the next level would have added.
struct level_assessment {
    std::string id;                    ///< L3 | L4 | L5 | L6
    std::vector<std::string> reasons;  ///< what in the grade puts it there
    std::string next;                  ///< what the next level would have added; "" at L6
};
/// {id, reasons, next}
void to_json(nlohmann::json& j, const level_assessment& l);

struct evaluation_result {
    std::string problem;                   ///< bare id
    int overall = 0;                       ///< 0..100: the rubric-weighted mean of `scores` (rubric.hpp), rounded
    std::map<std::string, double> scores;  ///< 0..1 to three decimals, per weighted dimension an evaluator scored
    std::vector<finding> findings;         ///< most severe first, then by the weight of their dimension
    coach_feedback feedback;
    std::vector<std::string> warnings;      ///< an unclosed code block, an evaluator that failed
    std::optional<level_assessment> level;  ///< set by grading when any dimension was scored
};
/// The evaluation document: {problem, overall, scores, findings, feedback}, `level` when assessed
/// and `warnings` when there is one.
void to_json(nlohmann::json& j, const evaluation_result& e);

}  // namespace rehearse
