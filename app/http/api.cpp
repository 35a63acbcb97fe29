#include "http/api.hpp"

#include "http/routes.hpp"

namespace rehearse::http {

using nlohmann::json;

api::api(app_context& ctx, const api_options& options) : ctx_(ctx), access_(ctx, options.auth) {
    // The store opens (and syncs the loaded packs' items) on first use; doing that here, before any
    // request thread exists, keeps that lazy initialisation single-threaded.
    (void)ctx_.db();
    router_.set_guard([this](request& r) { access_.authenticate(r); },
                      [this](const request& r) { access_.authorize(r); });
    const route_context rc{ctx_, access_};
    add_web_routes(router_);
    add_ops_routes(router_, rc, metrics_);
    add_content_routes(router_, rc);
    add_learner_routes(router_, rc);
    add_session_routes(router_, rc);
    add_access_routes(router_, rc);
    // The index lists what the router serves, so it cannot fall behind a new route.
    router_.add("GET", "/api/v1", [this](const request&) {
        json endpoints = json::array();
        for (const auto& [method, pattern] : router_.patterns())
            if (pattern.rfind("/api/v1", 0) == 0) endpoints.push_back(method + " " + pattern);
        return response::json(200, json{{"name", "rehearse"}, {"version", REHEARSE_VERSION}, {"endpoints", endpoints}});
    });
}

}  // namespace rehearse::http
