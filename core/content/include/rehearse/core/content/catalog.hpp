/// @file
/// Use cases that list and show content, as the JSON shapes of docs/cli.md. The CLI prints them
/// (as JSON or rendered as text) and the HTTP API returns them, so the two cannot drift apart.
#pragma once

#include "rehearse/core/content/content_registry.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rehearse {

struct problem_filter {
    std::optional<std::string> difficulty;  ///< easy | medium | hard
    std::optional<std::string> dimension;   ///< a rubric dimension the problem weights
    bool include_retired = false;
};
/// [{id, title, difficulty, dimensions, pack}]; throws value_error naming `difficulty` for an unknown
/// difficulty, error(usage) for an unknown dimension.
nlohmann::json problems_json(const content_registry& content, const problem_filter& filter);
/// The full structured problem plus `pack`; throws error(not_found).
nlohmann::json problem_json(const content_registry& content, std::string_view id);

/// [{id, title, dimensions, prerequisites, cards, pack}]
nlohmann::json lessons_json(const content_registry& content, bool include_retired = false);
/// The full lesson plus `pack`; throws error(not_found).
nlohmann::json lesson_json(const content_registry& content, std::string_view id);

struct drill_filter {
    std::optional<std::string> difficulty;  ///< easy | medium | hard
    std::optional<std::string> dimension;   ///< the dimension the drill practises
    std::optional<std::string> kind;        ///< estimate | schema | api | ...
    bool include_retired = false;
};
/// [{id, title, dimension, difficulty, kind, minutes, pack}], by id; throws value_error naming
/// `difficulty` or `kind` for an unknown one, error(usage) for an unknown dimension.
nlohmann::json drills_json(const content_registry& content, const drill_filter& filter);
/// The full drill (prompt, facts, expected answer, model answer) plus `pack`; throws error(not_found).
nlohmann::json drill_json(const content_registry& content, std::string_view id);

/// [{id, title, description, weeks, rubric}]
nlohmann::json curricula_json(const content_registry& content);

}  // namespace rehearse
