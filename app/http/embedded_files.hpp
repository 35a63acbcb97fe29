// The files compiled into `rehearse` (app/web/ and the API description), built by
// cmake/embed_files.cmake: the server needs nothing installed next to the binary and no network.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::http {

struct embedded_file {
    std::string_view name;  ///< path relative to app/web/, e.g. "index.html", "js/app.js"
    std::string_view bytes;
};

/// Every embedded file, in the order CMake listed them.
const std::vector<embedded_file>& embedded_files();

/// The file called `name`, if embedded.
std::optional<std::string_view> find_embedded_file(std::string_view name);

/// The Content-Type for a file name by its extension (text types with charset=utf-8).
std::string content_type_for(std::string_view name);

}  // namespace rehearse::http
