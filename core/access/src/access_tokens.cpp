#include "rehearse/core/access/access_tokens.hpp"

#include "rehearse/core/access/secrets.hpp"
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

namespace {

constexpr std::string_view token_prefix = "rh_";
constexpr std::size_t token_id_bytes = 6;       // 12 hex digits: names the row, not secret
constexpr std::size_t token_secret_bytes = 32;  // 256 bits from the system's random source

struct token_parts {
    std::string id;
    std::string secret;
};

bool all_hex(std::string_view s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return !s.empty();
}

/// rh_<id>_<secret>, or nullopt for anything else.
std::optional<token_parts> split_token(std::string_view t) {
    if (t.substr(0, token_prefix.size()) != token_prefix) return std::nullopt;
    t.remove_prefix(token_prefix.size());
    const auto sep = t.find('_');
    if (sep == std::string_view::npos) return std::nullopt;
    token_parts p{std::string(t.substr(0, sep)), std::string(t.substr(sep + 1))};
    if (p.id.size() != token_id_bytes * 2 || p.secret.size() != token_secret_bytes * 2) return std::nullopt;
    if (!all_hex(p.id) || !all_hex(p.secret)) return std::nullopt;
    return p;
}

token_info token_row(SQLite::Statement& q) {
    token_info t;
    t.id = q.getColumn(0).getString();
    t.learner = q.getColumn(1).getString();
    t.role = parse_access_role(q.getColumn(2).getString());
    t.created_at = q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) t.revoked_at = q.getColumn(4).getString();
    return t;
}

constexpr const char* token_columns =
    "SELECT t.id, l.name, t.role, t.created_at, t.revoked_at FROM access_tokens t JOIN learners l ON l.id = "
    "t.learner_id";

}  // namespace

access_role parse_access_role(std::string_view s) {
    if (s == "learner") return access_role::learner;
    if (s == "coach") return access_role::coach;
    throw error(errc::usage, "a role is \"learner\" or \"coach\", not \"" + std::string(s) + "\"");
}

std::string_view role_name(access_role r) noexcept { return r == access_role::coach ? "coach" : "learner"; }

issued_token create_token(store& s, const learner& who, access_role role, sys_ms now) {
    issued_token out;
    out.learner = who.name;
    out.role = role;
    const std::string secret = secrets::random_hex(token_secret_bytes);
    s.transaction([&](SQLite::Database& db) {
        // A fresh id collides with 2^-48 odds per pair; drawing again keeps the insert simple.
        for (;;) {
            out.id = secrets::random_hex(token_id_bytes);
            SQLite::Statement q(db, "SELECT 1 FROM access_tokens WHERE id = ?");
            q.bind(1, out.id);
            if (!q.executeStep()) break;
        }
        execute(db, "INSERT INTO access_tokens(id, secret_hash, learner_id, role, created_at) VALUES (?, ?, ?, ?, ?)",
                out.id, secrets::sha256_hex(secret), who.id, std::string(role_name(role)), format_iso8601(now));
    });
    out.token = std::string(token_prefix) + out.id + "_" + secret;
    return out;
}

token_info revoke_token(store& s, std::string_view id_or_token, sys_ms now) {
    std::string id(id_or_token);
    if (const auto parts = split_token(id_or_token)) id = parts->id;
    token_info out;
    s.transaction([&](SQLite::Database& db) {
        execute(db, "UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", format_iso8601(now),
                id);
        SQLite::Statement q(db, std::string(token_columns) + " WHERE t.id = ?");
        q.bind(1, id);
        if (!q.executeStep()) throw error(errc::not_found, "unknown token \"" + id + "\" (see: rehearse token list)");
        out = token_row(q);
    });
    return out;
}

std::vector<token_info> list_tokens(store& s, const std::optional<std::string>& learner) {
    std::vector<token_info> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db, std::string(token_columns) + (learner ? " WHERE l.name = ?" : "") +
                                    " ORDER BY t.created_at DESC, t.id");
        if (learner) q.bind(1, *learner);
        while (q.executeStep()) out.push_back(token_row(q));
    });
    return out;
}

std::optional<principal> authenticate(store& s, std::string_view token) {
    const auto parts = split_token(token);
    if (!parts) return std::nullopt;
    const std::string presented = secrets::sha256_hex(parts->secret);
    std::optional<principal> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db,
                            "SELECT t.secret_hash, t.role, l.id, l.name, l.created_at FROM access_tokens t JOIN "
                            "learners l ON l.id = t.learner_id WHERE t.id = ? AND t.revoked_at IS NULL");
        q.bind(1, parts->id);
        if (!q.executeStep()) return;
        if (!secrets::equal_in_constant_time(presented, q.getColumn(0).getString())) return;
        out = principal{learner{q.getColumn(2).getInt64(), q.getColumn(3).getString(), q.getColumn(4).getString()},
                        parse_access_role(q.getColumn(1).getString()), parts->id};
    });
    return out;
}

void to_json(nlohmann::json& j, const issued_token& t) {
    j = {{"token", t.token}, {"id", t.id}, {"learner", t.learner}, {"role", role_name(t.role)}};
}

void to_json(nlohmann::json& j, const token_info& t) {
    j = {{"id", t.id},
         {"learner", t.learner},
         {"role", role_name(t.role)},
         {"created_at", t.created_at},
         {"revoked_at", t.revoked_at ? nlohmann::json(*t.revoked_at) : nlohmann::json(nullptr)}};
}

}  // namespace rehearse
