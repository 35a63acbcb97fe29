#include "rehearse/core/plugins/plugin_catalog.hpp"

#include <string>

namespace rehearse {

using nlohmann::json;

json plugins_json(const plugin_host& host) {
    json out = json::array();
    for (const auto& p : host.plugins()) {
        const auto& m = p->manifest();
        out.push_back({{"id", m.id},
                       {"version", m.version},
                       {"api_version", std::to_string(p->api_major()) + "." + std::to_string(p->api_minor())},
                       {"kinds", m.kinds},
                       {"path", p->path().string()},
                       {"name", m.name},
                       {"author", m.author},
                       {"description", m.description}});
    }
    return out;
}

}  // namespace rehearse
