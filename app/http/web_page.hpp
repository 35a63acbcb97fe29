// The web page served at `/`: one self-contained HTML document (inline style and script, no
// external assets) that drives the JSON API.
#pragma once

#include <string_view>

namespace rehearse::http {

std::string_view index_html() noexcept;

}  // namespace rehearse::http
