// Routes over the loaded content: plugins, problems, lessons, curricula. The registry is read-only
// while serving, so these need no lock.
#include "http/request_fields.hpp"
#include "http/routes.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/catalog.hpp"
#include "rehearse/core/plugins/plugin_catalog.hpp"

namespace rehearse::http {

using nlohmann::json;

void add_content_routes(router& rt, route_context rc) {
    auto& ctx = rc.ctx;

    rt.add("GET", "/api/v1/plugins", [&ctx](const request& r) { return page(r, plugins_json(ctx.plugins()), "id"); });
    rt.add("GET", "/api/v1/problems", [&ctx](const request& r) {
        problem_filter filter{r.query_value("difficulty"), r.query_value("dimension"), r.query_value("all") == "true"};
        return page(r, problems_json(ctx.content(), filter), "id");
    });
    rt.add("GET", "/api/v1/problems/{id}",
           [&ctx](const request& r) { return response::json(200, problem_json(ctx.content(), r.param("id"))); });
    rt.add("GET", "/api/v1/lessons", [&ctx](const request& r) {
        return page(r, lessons_json(ctx.content(), r.query_value("all") == "true"), "id");
    });
    rt.add("GET", "/api/v1/lessons/{id}",
           [&ctx](const request& r) { return response::json(200, lesson_json(ctx.content(), r.param("id"))); });
    rt.add("GET", "/api/v1/drills", [&ctx](const request& r) {
        drill_filter filter{r.query_value("difficulty"), r.query_value("dimension"), r.query_value("kind"),
                            r.query_value("all") == "true"};
        return page(r, drills_json(ctx.content(), filter), "id");
    });
    rt.add("GET", "/api/v1/drills/{id}",
           [&ctx](const request& r) { return response::json(200, drill_json(ctx.content(), r.param("id"))); });
    rt.add("GET", "/api/v1/curricula",
           [&ctx](const request& r) { return page(r, curricula_json(ctx.content()), "id"); });
    rt.add("GET", "/api/v1/curricula/{id}", [&ctx](const request& r) {
        const curriculum* c = ctx.content().find_curriculum(r.param("id"));
        if (!c) throw error(errc::not_found, "unknown curriculum \"" + r.param("id") + "\"");
        return response::json(200, c->doc);
    });
}

}  // namespace rehearse::http
