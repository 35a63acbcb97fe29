/// @file
/// Finds the clarifying questions an answer asks and the assumptions it states, each classified by
/// intent: scale, functional, data & security, integration (several may apply).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace rehearse {

/// Intents of one question or statement: any of "scale", "functional", "data-security", "integration".
std::vector<std::string> requirement_intents(std::string_view sentence);

/// Reads one block. Questions are sentences ending in "?"; assumptions are statements that say so
/// ("Assume 10k users", "I'll assume...", "Assumption:") or, inside the requirements section, any
/// stated requirement or scope line. Appends {"text","intents","section","line"} to
/// out["questions"] / out["assumptions"].
void read_requirements_block(std::string_view block, std::string_view kind, std::string_view section, int line,
                             nlohmann::json& out);

nlohmann::json empty_requirements();

}  // namespace rehearse
