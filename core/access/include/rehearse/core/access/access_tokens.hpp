/// @file
/// Access tokens for `rehearse serve --auth` (docs/server.md). A token reads `rh_<id>_<secret>`: the
/// id names its row, and only the SHA-256 of the secret is stored, so a copy of the database signs
/// no one in. Checking compares digests in constant time.
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/storage/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

enum class access_role { learner, coach };

/// "learner" or "coach"; error(usage) for anything else.
access_role parse_access_role(std::string_view s);
std::string_view role_name(access_role r) noexcept;

/// Who a request speaks for.
struct principal {
    learner who;
    access_role role = access_role::learner;
    std::string token_id;
};

struct issued_token {
    std::string token;  ///< the whole token: shown once, never stored
    std::string id;
    std::string learner;
    access_role role = access_role::learner;
};

struct token_info {
    std::string id;
    std::string learner;
    access_role role = access_role::learner;
    std::string created_at;
    std::optional<std::string> revoked_at;
};

/// Issues a token for `who` with `role`.
issued_token create_token(store& s, const learner& who, access_role role, sys_ms now);
/// Revokes the token with this id (or the whole token). error(not_found) for an unknown one; revoking
/// twice keeps the first time.
token_info revoke_token(store& s, std::string_view id_or_token, sys_ms now);
/// Every token, newest first; `learner` filters by name when given.
std::vector<token_info> list_tokens(store& s, const std::optional<std::string>& learner);

/// The principal a presented token stands for; nullopt for a malformed, unknown or revoked token.
std::optional<principal> authenticate(store& s, std::string_view token);

void to_json(nlohmann::json& j, const issued_token& t);
void to_json(nlohmann::json& j, const token_info& t);

}  // namespace rehearse
