// The route families of the API, one file each. api.cpp adds them all to one router; each family
// reads requests with request_fields.hpp and calls the same core use cases as the CLI commands.
#pragma once

#include "http/access_policy.hpp"
#include "http/request_metrics.hpp"
#include "http/router.hpp"

#include "rehearse/core/runtime/app_context.hpp"

#include <mutex>

namespace rehearse::http {

/// What a route family needs from the server that owns it.
struct route_context {
    app_context& ctx;
    // Evaluator plugins are third-party code called through the C ABI, and the SDK promises plugin
    // authors nothing about concurrent calls, so grading (the only path into plugin code while
    // serving) runs one request at a time under this lock.
    std::mutex& plugin_calls;
    const access_policy& access;
};

/// /api/v1/plugins, problems, lessons, curricula.
void add_content_routes(router& rt, route_context rc);
/// /api/v1/learners[/{name}...]: attempts, evaluate, next, progress, plan, reviews, lessons.
void add_learner_routes(router& rt, route_context rc);
/// .../mock-sessions, .../teach-sessions and /api/v1/ask.
void add_session_routes(router& rt, route_context rc);
/// /api/v1/me, /api/v1/groups and a group's progress: who is signed in and what a coach sees.
void add_access_routes(router& rt, route_context rc);
/// /healthz, /metrics and /api/v1/openapi.json.
void add_ops_routes(router& rt, route_context rc, const request_metrics& metrics);
/// The web app: / and /static/{file}, from the files embedded at build time.
void add_web_routes(router& rt);

}  // namespace rehearse::http
