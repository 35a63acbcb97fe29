/// @file
/// The loaded plugins as the JSON list `rehearse plugins` prints and `GET /api/v1/plugins` returns.
#pragma once

#include "rehearse/core/plugins/plugin_host.hpp"

#include <nlohmann/json.hpp>

namespace rehearse {

/// [{id, version, api_version, kinds, path, name, author, description}]
nlohmann::json plugins_json(const plugin_host& host);

}  // namespace rehearse
