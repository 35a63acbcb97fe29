/// @file
/// Recording a graded attempt at a problem: the attempt, its per-dimension scores, its findings
/// (when an evaluation is given) and the mastery update with its history, in one transaction.
#pragma once

#include "rehearse/core/learner/evaluation_result.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/mastery.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct attempt_input {
    attempt_input() = default;
    explicit attempt_input(std::map<std::string, double> dimension_scores) : scores(std::move(dimension_scores)) {}

    std::map<std::string, double> scores;           ///< dimension → 0..1, at least one
    std::string source = "coach";                   ///< answer | coach | mock
    std::optional<double> overall;                  ///< 0..100; default: rubric_weighted_mean of `scores`
    std::optional<std::string_view> answer_text;    ///< the Markdown answer, when there is one
    const evaluation_result* evaluation = nullptr;  ///< stored with the attempt, with its findings
};

struct attempt_result {
    std::int64_t attempt_id = 0;
    std::string problem;  ///< bare id
    std::map<std::string, double> scores;
    double overall = 0;            ///< 0..100
    double predicted_success = 0;  ///< the model's prediction just before the attempt
    std::string focus;             ///< the attempt's main focus dimension
    std::string at;                ///< ISO-8601
    std::vector<mastery_change> mastery;
};

/// Records an attempt at `p` (the caller looked it up) and updates mastery, in one transaction.
/// Throws error(invalid_input) for an unknown dimension, a score outside 0..1, no scores or an
/// unknown source; nothing is stored then.
attempt_result record_attempt(app_context& ctx, const learner& who, const problem& p, const attempt_input& input);
/// The same without an app_context (simulation, tests): any store, any registry, any instant.
attempt_result record_attempt(store& db, const content_registry& content, const learner& who, const problem& p,
                              const attempt_input& input, sys_ms now);

/// {attempt_id, problem, at, overall, predicted_success, focus, scores,
///  mastery: {dim: {before, after}}}
void to_json(nlohmann::json& j, const attempt_result& r);

}  // namespace rehearse
