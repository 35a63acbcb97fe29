/// @file
/// Grades an answer: parses it once into the answer model, asks every registered evaluator plugin
/// for its dimension, weights the scores by the problem's rubric and composes coach feedback
/// (docs/answers.md).
#pragma once

#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/content/content_registry.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace rehearse {

/// Largest answer accepted. A written design is a few pages; anything bigger is a wrong file.
inline constexpr std::size_t max_answer_bytes = 1024 * 1024;

/// Throws error(invalid_input) for an empty, binary (NUL bytes or invalid UTF-8) or oversized answer.
void check_answer_text(std::string_view answer_markdown);

/// The evaluation JSON of docs/answers.md for `answer_markdown` against `problem_id`. Throws
/// error(not_found) for an unknown problem, error(invalid_input) for an unusable answer. Records
/// nothing.
nlohmann::json evaluate_answer(app_context& ctx, std::string_view problem_id, std::string_view answer_markdown);

/// The same against an explicit registry and an already parsed model (tests, benchmarks).
nlohmann::json evaluate_model(const content_registry& content, const problem& p, const nlohmann::json& model);

}  // namespace rehearse
