// Routes for running the server: /healthz for load balancers and supervisors, /metrics for
// Prometheus, and the API's own description at /api/v1/openapi.json.
#include "http/embedded_files.hpp"
#include "http/routes.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse::http {

using nlohmann::json;

void add_ops_routes(router& rt, route_context rc, const request_metrics& metrics) {
    auto& ctx = rc.ctx;

    // Healthy when the database answers a query. Plugins are listed with how their calls have gone;
    // a failing or timed-out plugin leaves the server serving (grading notes what it lacks), so it
    // does not turn the answer into a 503: restarting would only help a timed-out one.
    rt.add("GET", "/healthz", [&ctx](const request&) {
        json database;
        bool ok = true;
        try {
            int version = 0;
            ctx.db().with_db([&](SQLite::Database& db) { version = db.execAndGet("PRAGMA user_version").getInt(); });
            const bool full = ctx.db().current_durability() == store::durability::full;
            database = {{"status", "ok"}, {"schema_version", version}, {"synchronous", full ? "full" : "normal"}};
        } catch (const std::exception&) {
            ok = false;
            database = {{"status", "failing"}, {"detail", "the database does not answer"}};
        }
        json plugins = json::array();
        for (const auto& p : ctx.plugins().plugins()) {
            const plugin_health h = p->health();
            json entry{{"id", p->manifest().id},
                       {"status", std::string(state_name(h.status))},
                       {"calls", h.calls},
                       {"failures", h.failures}};
            if (!h.last_error.empty()) entry["last_error"] = h.last_error;
            plugins.push_back(std::move(entry));
        }
        return response::json(ok ? 200 : 503, json{{"status", ok ? "ok" : "failing"},
                                                   {"version", REHEARSE_VERSION},
                                                   {"database", database},
                                                   {"plugins", plugins},
                                                   {"plugin_time_limit_ms", ctx.plugins().call_limit().count()}});
    });
    rt.add("GET", "/metrics", [&metrics](const request&) {
        response out;
        out.content_type = "text/plain; version=0.0.4; charset=utf-8";
        out.body = metrics.prometheus_text();
        return out;
    });
    rt.add("GET", "/api/v1/openapi.json", [](const request&) {
        response out;
        out.body = std::string(find_embedded_file("openapi.json").value_or("{}"));
        return out;
    });
}

}  // namespace rehearse::http
