// Routes for running the server: /healthz for load balancers and supervisors, /metrics for
// Prometheus, and the API's own description at /api/v1/openapi.json.
#include "http/embedded_files.hpp"
#include "http/routes.hpp"

#include "rehearse/core/plugins/plugin_catalog.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse::http {

using nlohmann::json;

void add_ops_routes(router& rt, route_context rc, const request_metrics& metrics) {
    auto& ctx = rc.ctx;

    // Healthy when the database answers a query; plugins are listed as loaded (a pack or evaluator
    // that failed to load never got this far: the server refuses to start without its content).
    rt.add("GET", "/healthz", [&ctx](const request&) {
        json database;
        bool ok = true;
        try {
            int version = 0;
            ctx.db().with_db([&](SQLite::Database& db) { version = db.execAndGet("PRAGMA user_version").getInt(); });
            database = {{"status", "ok"}, {"schema_version", version}};
        } catch (const std::exception&) {
            ok = false;
            database = {{"status", "failing"}, {"detail", "the database does not answer"}};
        }
        json plugins = json::array();
        for (const auto& p : plugins_json(ctx.plugins())) plugins.push_back({{"id", p.at("id")}, {"status", "loaded"}});
        return response::json(ok ? 200 : 503, json{{"status", ok ? "ok" : "failing"},
                                                   {"version", REHEARSE_VERSION},
                                                   {"database", database},
                                                   {"plugins", plugins}});
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
