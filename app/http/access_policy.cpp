#include "http/access_policy.hpp"

#include "rehearse/core/access/access_tokens.hpp"
#include "rehearse/core/access/groups.hpp"
#include "rehearse/core/learner/learners.hpp"

#include <cctype>

namespace rehearse::http {

namespace {

bool under_api(const std::string& path) { return path.rfind("/api/v1", 0) == 0; }

/// The token of an `Authorization: Bearer TOKEN` header, or empty.
std::string bearer_token(const request& r) {
    const auto it = r.headers.find("authorization");
    if (it == r.headers.end()) return {};
    const std::string& v = it->second;
    constexpr std::string_view scheme = "Bearer ";
    if (v.size() <= scheme.size()) return {};
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(v[i])) != std::tolower(static_cast<unsigned char>(scheme[i])))
            return {};
    return v.substr(scheme.size());
}

}  // namespace

void access_policy::authenticate(request& r) const {
    r.caller.reset();
    if (!required_ || !under_api(r.path)) return;
    const std::string token = bearer_token(r);
    if (token.empty())
        throw error(errc::unauthenticated,
                    "this server requires sign-in: send \"Authorization: Bearer TOKEN\" (a token comes from "
                    "`rehearse token create` on the server)");
    r.caller = rehearse::authenticate(ctx_.db(), token);
    if (!r.caller) throw error(errc::unauthenticated, "the token is not valid (unknown, revoked or malformed)");
}

bool access_policy::may_see_learner(const request& r, const std::string& name) const {
    if (!required_) return true;
    if (!r.caller) return false;
    if (r.caller->who.name == name) return true;
    if (r.caller->role != access_role::coach) return false;
    const auto target = find_learner(ctx_.db(), name);
    return target && coaches(ctx_.db(), r.caller->who.id, target->id);
}

bool access_policy::may_see_group(const request& r, const std::string& group_coach) const {
    if (!required_) return true;
    return r.caller && r.caller->role == access_role::coach && r.caller->who.name == group_coach;
}

void access_policy::authorize(const request& r) const {
    if (!required_ || !under_api(r.path)) return;
    constexpr std::string_view learner_routes = "/api/v1/learners/{name}";
    if (r.route.rfind(learner_routes, 0) == 0 && !may_see_learner(r, r.param("name")))
        throw error(errc::forbidden, "you may not reach learner \"" + r.param("name") +
                                         "\": a learner reaches their own data, a coach also their groups'");
    constexpr std::string_view group_routes = "/api/v1/groups/{name}";
    if (r.route.rfind(group_routes, 0) == 0) {
        if (!r.caller || r.caller->role != access_role::coach)
            throw error(errc::forbidden, "only coaches reach groups");
        if (!may_see_group(r, require_group(ctx_.db(), r.param("name")).coach))
            throw error(errc::forbidden, "group \"" + r.param("name") + "\" is run by another coach");
    }
}

}  // namespace rehearse::http
