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
    std::string host = "127.0.0.1";  ///< loopback unless asked: the API has no authentication
    std::uint16_t port = 8080;       ///< 0 picks a free port
    int threads = 8;                 ///< request threads
};

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
