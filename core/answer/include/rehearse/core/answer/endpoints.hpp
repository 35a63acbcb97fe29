/// @file
/// Finds HTTP endpoints in an answer: `POST /api/v1/documents -> 202 Accepted`, in ```http blocks
/// or plain text, with their path and query parameters, status codes and whether they are
/// asynchronous (202 with a job/status URL, webhooks, callbacks).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace rehearse {

/// Reads one block of text (a paragraph, list item or code block). Appends endpoints to
/// `out["endpoints"]` ({"method","path","path_params","query_params","statuses","async","webhook",
/// "text","section","line"}) and free-standing status codes to `out["status_mentions"]`.
/// Lines that follow an endpoint in the same block (`Response 201 Created:`) belong to it.
void read_endpoints_block(std::string_view block, std::string_view section, int first_line, nlohmann::json& out);

/// {"endpoints": [], "status_mentions": []}
nlohmann::json empty_endpoints();

}  // namespace rehearse
