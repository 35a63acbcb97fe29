// `rehearse serve`: the HTTP server over one app context. Poco stays inside server.cpp.
#pragma once

#include "rehearse/core/runtime/app_context.hpp"

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

namespace rehearse::http {

struct serve_options {
    std::string host = "127.0.0.1";  ///< loopback unless asked
    std::uint16_t port = 8080;       ///< 0 picks a free port
    // Poco serves a keep-alive connection on one thread for as long as it stays open, so the pool
    // is sized for many open connections, not for the two cores: idle threads cost only memory.
    int threads = 256;
    int max_queued = 1024;                ///< connections waiting for a thread before new ones are refused
    bool auth = false;                    ///< require tokens (rehearse serve --auth)
    /// The whole of one request (request line, headers, body) must arrive within this, however the
    /// bytes trickle in: from its first byte, or from the connection's start for the first request.
    std::chrono::milliseconds request_timeout = std::chrono::seconds(10);
    /// Open connections per client address; 0 for no bound. Loopback clients (the machine itself:
    /// its user, a reverse proxy in front, a benchmark) are not bounded unless `bound_loopback`.
    int max_connections_per_address = 32;
    bool bound_loopback = false;  ///< set when the bound is given explicitly
    std::ostream* request_log = nullptr;  ///< one line per request, with its id; none when null
};

/// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): only those may serve without --auth.
bool is_loopback_host(const std::string& host);

/// A running server: listening from construction until stop() or destruction.
class server {
   public:
    /// Binds and starts serving. error(io) when the address cannot be bound.
    server(app_context& ctx, const serve_options& options);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    std::uint16_t port() const noexcept;
    /// http://HOST:PORT/
    std::string url() const;
    /// Stops accepting, lets requests in progress finish for up to `grace`, then closes the rest.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

   private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Serves until SIGINT or SIGTERM, printing "Rehearse is serving on URL" to `out` once listening.
/// Returns 0 after a graceful stop.
int serve_until_signal(app_context& ctx, const serve_options& options, std::ostream& out, std::ostream& err);

}  // namespace rehearse::http
