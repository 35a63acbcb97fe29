// `rehearse serve`: the HTTP API and the web page over the same context the other commands use.
#include "cli/cli.hpp"

#include "http/server.hpp"

#include "rehearse/core/base/error.hpp"

namespace rehearse::cli {

namespace {

int cmd_serve(invocation& inv) {
    http::serve_options options;
    if (const auto port = inv.integer("port", 0, 65535)) options.port = static_cast<std::uint16_t>(*port);
    if (const auto host = inv.value("host")) {
        if (host->empty()) throw error(errc::usage, "--host needs an address, e.g. 127.0.0.1");
        options.host = *host;
    }
    if (const auto threads = inv.integer("threads", 1, 4096)) options.threads = static_cast<int>(*threads);
    if (const auto seconds = inv.integer("request-timeout", 1, 3600))
        options.request_timeout = std::chrono::seconds(*seconds);
    // Given explicitly, the bound holds for every client, loopback included (docs/server.md).
    if (const auto bound = inv.integer("max-connections-per-address", 0, 65535)) {
        options.max_connections_per_address = static_cast<int>(*bound);
        options.bound_loopback = true;
    }
    options.auth = inv.has("auth");
    if (!inv.has("quiet")) options.request_log = &inv.err;
    const auto time_limit = inv.integer("plugin-time-limit", 1, 3600);
    app_context& ctx = inv.context();
    if (time_limit) ctx.set_plugin_call_limit(std::chrono::seconds(*time_limit));
    // A setting of the connection the server writes through, made before it serves.
    if (inv.has("durable")) ctx.db().set_durability(store::durability::full);
    return http::serve_until_signal(ctx, options, inv.out, inv.err);
}

}  // namespace

std::vector<command> serve_commands() {
    return {
        {{"serve"},
         "",
         "serve the HTTP API (/api/v1) and the web page (/) until Ctrl-C",
         {{"port", "N", "port to listen on (default 8080; 0 picks a free one)"},
          {"host", "ADDRESS", "address to bind (default 127.0.0.1; any other address needs --auth)"},
          {"auth", "", "require a token on every /api/v1 request (see: rehearse token create)"},
          {"threads", "N", "connection threads (default 256: a keep-alive connection holds one while open)"},
          {"durable", "", "sync every commit to the disk (SQLite synchronous=FULL): survives a power cut, slower"},
          {"plugin-time-limit", "SECONDS", "how long one plugin call may run (default 2); a slower call is given up on"},
          {"request-timeout", "SECONDS",
           "time for the whole of one request to arrive, however slowly its bytes come (default 10)"},
          {"max-connections-per-address", "N",
           "open connections one client address may hold (default 32, loopback clients exempt; "
           "given, it bounds loopback too; 0: no bound)"},
          {"quiet", "", "no request log on stderr"}},
         0,
         0,
         &cmd_serve},
    };
}

}  // namespace rehearse::cli
