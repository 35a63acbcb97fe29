#include "rehearse/catalog.hpp"

#include "rehearse/dimensions.hpp"
#include "rehearse/error.hpp"

#include <algorithm>

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

json problems_json(const content_registry& content, const problem_filter& filter) {
    if (filter.difficulty &&
        std::find(all_difficulties.begin(), all_difficulties.end(), *filter.difficulty) == all_difficulties.end())
        throw error(errc::usage, "--difficulty takes easy, medium or hard, not \"" + *filter.difficulty + "\"");
    if (filter.dimension && !is_dimension(*filter.dimension))
        throw error(errc::usage, "unknown dimension \"" + *filter.dimension +
                                     "\" (requirements, estimation, architecture, data-model, api, scaling, "
                                     "reliability, communication)");
    json out = json::array();
    for (const problem* p : content.problems()) {
        if (p->retired && !filter.include_retired) continue;
        if (filter.difficulty && p->difficulty != *filter.difficulty) continue;
        if (filter.dimension && !p->dimensions.count(*filter.dimension)) continue;
        out.push_back({{"id", p->id},
                       {"title", p->title},
                       {"difficulty", p->difficulty},
                       {"dimensions", p->dimensions},
                       {"pack", p->pack}});
    }
    return out;
}

json problem_json(const content_registry& content, std::string_view id) {
    const problem& p = content.require_problem(id);
    json out = p.doc;
    out["pack"] = p.pack;
    out["rating"] = p.rating;
    return out;
}

json lessons_json(const content_registry& content, bool include_retired) {
    json out = json::array();
    for (const lesson* l : content.lessons()) {
        if (l->retired && !include_retired) continue;
        out.push_back({{"id", l->id},
                       {"title", l->title},
                       {"dimensions", l->dimensions},
                       {"prerequisites", l->prerequisites},
                       {"cards", l->card_ids.size()},
                       {"minutes", l->minutes},
                       {"pack", l->pack}});
    }
    return out;
}

json lesson_json(const content_registry& content, std::string_view id) {
    const lesson* l = content.find_lesson(id);
    if (!l) throw error(errc::not_found, "unknown lesson \"" + std::string(id) + "\" (see: rehearse lessons)");
    json out = l->doc;
    out["pack"] = l->pack;
    return out;
}

json curricula_json(const content_registry& content) {
    json out = json::array();
    for (const curriculum* c : content.curricula())
        out.push_back({{"id", c->id},
                       {"title", c->title},
                       {"description", c->doc.at("description")},
                       {"weeks", c->doc.at("weeks").size()},
                       {"rubric", c->doc.at("rubric")}});
    return out;
}

json learner_json(const learner& l) { return {{"name", l.name}, {"created_at", l.created_at}}; }

}  // namespace rehearse
