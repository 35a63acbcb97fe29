// The JSON API under /api/v1, the web app at / and the operations routes: the route families of
// routes.hpp on one router, behind one access policy.
#pragma once

#include "http/access_policy.hpp"
#include "http/request_metrics.hpp"
#include "http/router.hpp"

#include "rehearse/core/runtime/app_context.hpp"

namespace rehearse::http {

struct api_options {
    bool auth = false;  ///< require a bearer token on /api/v1 (rehearse serve --auth)
};

/// The routes of one server over one context. Thread safety: the context's content registry is
/// read-only once loaded, its store serialises connections behind its mutex, the plugin host
/// serialises each plugin's calls itself, and the metrics have their own lock.
class api {
   public:
    api(app_context& ctx, const api_options& options);
    api(const api&) = delete;
    api& operator=(const api&) = delete;

    const router& routes() const noexcept { return router_; }
    request_metrics& metrics() noexcept { return metrics_; }

   private:
    app_context& ctx_;
    access_policy access_;
    request_metrics metrics_;
    router router_;
};

}  // namespace rehearse::http
