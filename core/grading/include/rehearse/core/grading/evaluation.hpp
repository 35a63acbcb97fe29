/// @file
/// Grades an answer: parses it once into the answer model, asks every registered evaluator plugin
/// for its dimension, weights the scores by the problem's rubric and composes coach feedback
/// (docs/answers.md).
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/learner/evaluation_result.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace rehearse {

/// Largest answer accepted. A written design is a few pages; anything bigger is a wrong file.
inline constexpr std::size_t max_answer_bytes = 1024 * 1024;

/// Throws error(invalid_input) for an empty, binary (NUL bytes or invalid UTF-8) or oversized answer.
void check_answer_text(std::string_view answer_markdown);

/// Grades `answer_markdown` against `p` (the caller looked it up). Throws error(invalid_input) for
/// an unusable answer, error(plugin) when no evaluator is loaded. Records nothing.
evaluation_result evaluate_answer(app_context& ctx, const problem& p, std::string_view answer_markdown);

/// The same against an explicit registry and an already parsed model (tests, benchmarks).
///
/// An evaluator's finding needs a string `id` (one without is dropped); a missing or non-string
/// `dimension` is the evaluator's, `severity` "minor", and `message`, `evidence` and `advice` "".
evaluation_result evaluate_model(const content_registry& content, const problem& p, const nlohmann::json& model);

}  // namespace rehearse
