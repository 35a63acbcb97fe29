/// @file
/// A learner's past attempts, as stored: the list for "past attempts" views, and one attempt with
/// its answer and the evaluation (feedback) it got.
#pragma once

#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/storage/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rehearse {

struct attempt_summary {
    std::int64_t id = 0;
    std::string problem;
    std::string source;  ///< answer | coach | mock
    std::optional<double> overall;
    std::string created_at;
};

struct attempt_record {
    attempt_summary summary;
    std::optional<std::string> answer;         ///< the Markdown answer, when one was graded
    std::optional<nlohmann::json> evaluation;  ///< the evaluation as it was given, when there was one
};

/// Every attempt of `who`, the last recorded first.
std::vector<attempt_summary> list_attempts(store& s, const learner& who);
/// Attempt `id` of `who`; error(not_found) when it is not theirs or does not exist.
attempt_record find_attempt(store& s, const learner& who, std::int64_t id);

/// {id, problem, source, overall, created_at}
void to_json(nlohmann::json& j, const attempt_summary& a);
/// the summary plus {answer, evaluation} (null when absent)
void to_json(nlohmann::json& j, const attempt_record& a);

}  // namespace rehearse
