/// @file
/// Schema validation of content documents (`rehearse.content/1` and `/1.1`) and curricula
/// (`rehearse.curriculum/1`); see sdk/schema/content-v1.md. Every violation is reported with its
/// JSON path. Cross-document references (prerequisites, curriculum refs) are checked by the
/// content registry once everything is loaded.
#pragma once

#include "rehearse/core/content/json_check.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace rehearse {

/// Version 1.0, the first release: problems and lessons. Packs written for it still load.
inline constexpr std::string_view content_schema_id = "rehearse.content/1";
/// Version 1.1 (a minor version: everything 1.0 allows, plus `drills`).
inline constexpr std::string_view content_schema_1_1_id = "rehearse.content/1.1";
inline constexpr std::string_view curriculum_schema_id = "rehearse.curriculum/1";

std::vector<violation> validate_content(const nlohmann::json& document);
std::vector<violation> validate_curriculum(const nlohmann::json& document);

}  // namespace rehearse
