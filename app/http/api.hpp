// The JSON API under /api/v1 and the web page at /: each route is a small handler that reads the
// request, calls the same core use case as the matching CLI command and returns its JSON.
#pragma once

#include "http/router.hpp"

#include "rehearse/core/runtime/app_context.hpp"

#include <mutex>

namespace rehearse::http {

/// Lists take `limit` (1..max_page_limit, default default_page_limit) and `cursor`.
inline constexpr long default_page_limit = 20;
inline constexpr long max_page_limit = 100;

/// {"items": the page, "next": cursor or null} of `items` (a JSON array of objects) ordered by
/// `key`. The cursor is opaque to clients: the hex of the last key served, so a walk returns every
/// item once even when items are added between pages. error(usage) for a bad limit or cursor.
response page(const request& r, nlohmann::json items, const char* key);

/// The routes of one server over one context. Thread safety: the context's content registry is
/// read-only once loaded and its store serialises connections behind its mutex; what is left is
/// guarded here (see plugin_calls_).
class api {
   public:
    explicit api(app_context& ctx);
    api(const api&) = delete;
    api& operator=(const api&) = delete;

    const router& routes() const noexcept { return router_; }

   private:
    app_context& ctx_;
    router router_;
    // Evaluator plugins are third-party code called through the C ABI, and the SDK promises plugin
    // authors nothing about concurrent calls, so grading (the only path into plugin code while
    // serving) runs one request at a time.
    std::mutex plugin_calls_;

    void add_routes();
};

}  // namespace rehearse::http
