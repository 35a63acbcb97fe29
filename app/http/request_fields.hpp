// Reading a request the same way in every route: the JSON body and its fields, whole-number query
// values, and the replies every route family shares. One wording per mistake, so clients see the
// same error for the same slip on any endpoint.
#pragma once

#include "http/router.hpp"

#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rehearse::http {

/// Lists take `limit` (1..max_page_limit, default default_page_limit) and `cursor`.
inline constexpr long default_page_limit = 20;
inline constexpr long max_page_limit = 100;

/// {"items": the page, "next": cursor or null} of `items` (a JSON array of objects) ordered by
/// `key`. The cursor is opaque to clients: the hex of the last key served, so a walk returns every
/// item once even when items are added between pages. error(usage) for a bad limit or cursor.
response page(const request& r, nlohmann::json items, const char* key);

/// The request body as a JSON object; malformed JSON is error(invalid_input) (400).
nlohmann::json body_object(const request& r);
/// A body whose fields are all optional: an empty body reads as {}.
nlohmann::json optional_body_object(const request& r);

std::optional<std::string> optional_string(const nlohmann::json& body, const char* field);
std::string required_string(const nlohmann::json& body, const char* field);

/// The query value `name` as a whole number in [min, max]; `fallback` when absent.
long integer_query(const request& r, const std::string& name, long min, long max, long fallback);

/// Percent-encodes everything but RFC 3986's unreserved characters (for Location and Link).
std::string url_encode(std::string_view s);

/// 201 with the document, and a Location when given.
response created(const nlohmann::json& doc, const std::string& location = {});

/// The problem a request names; 404 pointing at the problem list otherwise.
const rehearse::problem& find_problem(app_context& ctx, const std::string& id);

}  // namespace rehearse::http
