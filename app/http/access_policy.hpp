// Who may reach what on a server (docs/server.md, "Signing in"). On a local server (no --auth)
// everyone is the local user and may reach everything. With --auth every /api/v1 request carries
// `Authorization: Bearer TOKEN`; a learner reaches their own data, a coach also the learners of the
// groups they run, and everyone the shared content.
#pragma once

#include "http/router.hpp"

#include "rehearse/core/runtime/app_context.hpp"

namespace rehearse::http {

class access_policy {
   public:
    access_policy(app_context& ctx, bool auth_required) : ctx_(ctx), required_(auth_required) {}

    bool required() const noexcept { return required_; }

    /// Sets r.caller from the bearer token of an /api/v1 request; error(unauthenticated) when the
    /// server requires a token and the request has none or a bad one.
    void authenticate(request& r) const;
    /// error(forbidden) unless the caller may reach the matched route (its {name} learner or group).
    void authorize(const request& r) const;

    /// Whether the caller of `r` may see learner `name` (always, on a local server).
    bool may_see_learner(const request& r, const std::string& name) const;
    /// Whether the caller of `r` may see a group run by `group_coach`: its coach (anyone locally).
    bool may_see_group(const request& r, const std::string& group_coach) const;

   private:
    app_context& ctx_;
    bool required_;
};

}  // namespace rehearse::http
