#include "rehearse/core/plugins/plugin_catalog.hpp"

#include <string>

namespace rehearse {

using nlohmann::json;

namespace {

/// `kinds` keeps to the kinds the listing has always had, so tools that check it against that set
/// go on working; kinds added since (drills) are listed in `all_kinds` too.
json listed_kinds(const std::vector<std::string>& kinds) {
    json out = json::array();
    for (const auto& k : kinds)
        if (k == "problems" || k == "lessons" || k == "evaluator" || k == "dialogue") out.push_back(k);
    return out;
}

}  // namespace

json plugins_json(const plugin_host& host) {
    json out = json::array();
    for (const auto& p : host.plugins()) {
        const auto& m = p->manifest();
        out.push_back({{"id", m.id},
                       {"version", m.version},
                       {"api_version", std::to_string(p->api_major()) + "." + std::to_string(p->api_minor())},
                       {"kinds", listed_kinds(m.kinds)},
                       {"all_kinds", m.kinds},
                       {"path", p->path().string()},
                       {"name", m.name},
                       {"author", m.author},
                       {"description", m.description}});
    }
    return out;
}

}  // namespace rehearse
