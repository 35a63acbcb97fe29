/// @file
/// Parses an answer once into the model every evaluator reads (as JSON across the plugin
/// boundary): blocks by section, questions and assumptions, estimates, architecture graph, schema,
/// endpoints.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace rehearse {

/// {"sections":[ids], "blocks":[{"kind","text","section","lang","line"}],
///  "requirements":{"questions","assumptions"}, "estimates":[...], "architecture":{"components","edges"},
///  "schema":{...}, "api":{"endpoints","status_mentions"}, "warnings":[...], "words": n}
/// Never throws on odd Markdown; size and encoding checks belong to the caller.
nlohmann::json parse_answer(std::string_view markdown);

}  // namespace rehearse
