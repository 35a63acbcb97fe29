// The route families of the API, one file each. api.cpp adds them all to one router; each family
// reads requests with request_fields.hpp and calls the same core use cases as the CLI commands.
#pragma once

#include "http/access_policy.hpp"
#include "http/request_metrics.hpp"
#include "http/router.hpp"

#include "rehearse/core/runtime/app_context.hpp"

namespace rehearse::http {

/// What a route family needs from the server that owns it.
struct route_context {
    app_context& ctx;
    // No lock around grading: the plugin host runs each plugin's calls one at a time on a thread of
    // its own, with a time limit (sdk/include/rehearse/sdk/abi.h, "Threading"), so requests grade in
    // parallel and one hanging plugin costs only the requests that reach it, for at most the limit.
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
