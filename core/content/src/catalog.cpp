#include "rehearse/core/content/catalog.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/dimensions.hpp"

#include <algorithm>

namespace rehearse {

using nlohmann::json;

json problems_json(const content_registry& content, const problem_filter& filter) {
    if (filter.difficulty &&
        std::find(all_difficulties.begin(), all_difficulties.end(), *filter.difficulty) == all_difficulties.end())
        throw value_error("difficulty", "easy, medium or hard", *filter.difficulty);
    if (filter.dimension && !is_dimension(*filter.dimension))
        throw error(errc::usage, "unknown dimension \"" + *filter.dimension + "\" (" + dimension_list() + ")");
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

json drills_json(const content_registry& content, const drill_filter& filter) {
    if (filter.difficulty &&
        std::find(all_difficulties.begin(), all_difficulties.end(), *filter.difficulty) == all_difficulties.end())
        throw value_error("difficulty", "easy, medium or hard", *filter.difficulty);
    if (filter.dimension && !is_dimension(*filter.dimension))
        throw error(errc::usage, "unknown dimension \"" + *filter.dimension + "\" (" + dimension_list() + ")");
    static const std::vector<std::string> kinds{"estimate",  "schema",  "api",          "requirements",
                                                "trade-off", "failure", "communication"};
    if (filter.kind && std::find(kinds.begin(), kinds.end(), *filter.kind) == kinds.end())
        throw value_error("kind", "estimate, schema, api, requirements, trade-off, failure or communication",
                          *filter.kind);
    json out = json::array();
    for (const drill* d : content.drills()) {
        if (d->retired && !filter.include_retired) continue;
        if (filter.difficulty && d->difficulty != *filter.difficulty) continue;
        if (filter.dimension && d->dimension != *filter.dimension) continue;
        if (filter.kind && d->kind != *filter.kind) continue;
        out.push_back({{"id", d->id},
                       {"title", d->title},
                       {"dimension", d->dimension},
                       {"difficulty", d->difficulty},
                       {"kind", d->kind},
                       {"minutes", d->minutes},
                       {"pack", d->pack}});
    }
    return out;
}

json drill_json(const content_registry& content, std::string_view id) {
    const drill& d = content.require_drill(id);
    json out = d.doc;
    out["pack"] = d.pack;
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

}  // namespace rehearse
