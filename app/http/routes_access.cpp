// Routes about signing in and coaching: who the caller is, the groups they run and a group's
// progress. Learner-scoped access itself is checked by access_policy before any route runs.
#include "http/request_fields.hpp"
#include "http/routes.hpp"

#include "rehearse/core/access/group_progress.hpp"
#include "rehearse/core/access/groups.hpp"

namespace rehearse::http {

using nlohmann::json;

void add_access_routes(router& rt, route_context rc) {
    auto& ctx = rc.ctx;
    const access_policy& access = rc.access;

    rt.add("GET", "/api/v1/me", [&ctx, &access](const request& r) {
        json groups = json::array();
        if (!access.required()) {
            for (const auto& g : list_groups(ctx.db())) groups.push_back(g.name);
            return response::json(200,
                                  json{{"auth", false}, {"learner", nullptr}, {"role", "local"}, {"groups", groups}});
        }
        const principal& me = *r.caller;  // authenticate() has set it for every /api/v1 request
        if (me.role == access_role::coach)
            for (const auto& g : list_groups(ctx.db(), me.who.id)) groups.push_back(g.name);
        return response::json(
            200, json{{"auth", true}, {"learner", me.who.name}, {"role", role_name(me.role)}, {"groups", groups}});
    });

    rt.add("GET", "/api/v1/groups", [&ctx, &access](const request& r) {
        json items = json::array();
        std::optional<int64_t> coach;
        if (access.required()) {
            // A learner runs no group; listing none is the honest answer, not an error.
            if (r.caller->role != access_role::coach) return page(r, std::move(items), "name");
            coach = r.caller->who.id;
        }
        for (const auto& g : list_groups(ctx.db(), coach)) items.push_back(json(g));
        return page(r, std::move(items), "name");
    });
    rt.add("GET", "/api/v1/groups/{name}",
           [&ctx](const request& r) { return response::json(200, json(require_group(ctx.db(), r.param("name")))); });
    rt.add("GET", "/api/v1/groups/{name}/progress", [&ctx](const request& r) {
        const learner_group g = require_group(ctx.db(), r.param("name"));
        return response::json(200, json(group_progress(ctx.db(), g, ctx.now())));
    });
}

}  // namespace rehearse::http
