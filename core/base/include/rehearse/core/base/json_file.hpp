/// @file
/// Reading JSON files and text with errors that name the file and the position.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace rehearse {

/// Reads a whole file; throws error(io) when it cannot, error(too_large) past `max_bytes`.
std::string read_text_file(const std::string& path, std::size_t max_bytes = 64u << 20);

/// Parses JSON text; throws error(invalid_input) naming `origin` and the byte position.
nlohmann::json parse_json(std::string_view text, const std::string& origin);

/// read_text_file + parse_json.
nlohmann::json read_json_file(const std::string& path);

}  // namespace rehearse
