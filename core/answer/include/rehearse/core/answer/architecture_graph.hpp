/// @file
/// Reads the architecture of an answer into components normalised to kinds (load-balancer, cache,
/// queue, object-storage, cdn, database, replica, worker, websocket-gateway, search, stream, ...)
/// and edges between them, from bullets, arrow chains (`A -> B`, `A → B`, ASCII boxes) and
/// mermaid graphs. Mentions that are negated ("no cache needed") are kept but marked.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace rehearse {

/// The component kind a name suggests ("Redis" -> "cache", "S3 bucket" -> "object-storage"), or "".
std::string component_kind(std::string_view name);

/// Adds what one block says to `graph` ({"components":[{"kind","name","count","negated","section",
/// "line"}],"edges":[{"from","to","from_kind","to_kind"}]}). `lang` is the code block's language
/// ("mermaid" switches to the graph syntax), empty for prose.
void read_architecture_block(std::string_view block, std::string_view lang, std::string_view section, int line,
                             nlohmann::json& graph);

nlohmann::json empty_graph();

}  // namespace rehearse
