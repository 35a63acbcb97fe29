#include "rehearse/core/access/groups.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cctype>

namespace rehearse {

namespace {

std::optional<learner_group> read_group(SQLite::Database& db, std::string_view name) {
    SQLite::Statement q(db,
                        "SELECT g.id, g.name, c.name, g.created_at FROM learner_groups g JOIN learners c ON c.id = "
                        "g.coach_id WHERE g.name = ?");
    q.bind(1, std::string(name));
    if (!q.executeStep()) return std::nullopt;
    const int64_t id = q.getColumn(0).getInt64();
    learner_group g{q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString(), {}};
    SQLite::Statement m(db,
                        "SELECT l.name FROM group_members gm JOIN learners l ON l.id = gm.learner_id WHERE "
                        "gm.group_id = ? ORDER BY l.name");
    m.bind(1, id);
    while (m.executeStep()) g.members.push_back(m.getColumn(0).getString());
    return g;
}

learner_group group_or_throw(SQLite::Database& db, std::string_view name) {
    if (auto g = read_group(db, name)) return *g;
    throw error(errc::not_found, "unknown group \"" + std::string(name) + "\" (see: rehearse group list)");
}

}  // namespace

void validate_group_name(std::string_view name) {
    if (name.empty() || name.size() > 64) throw error(errc::invalid_input, "a group name has 1 to 64 characters");
    for (unsigned char c : name)
        if (!(std::isalnum(c) || c == '.' || c == '_' || c == '-'))
            throw error(errc::invalid_input,
                        "a group name has only letters, digits, '.', '_' and '-': \"" + std::string(name) + "\"");
}

learner_group create_group(store& s, std::string_view name, const learner& coach, sys_ms now) {
    validate_group_name(name);
    learner_group out;
    s.transaction([&](SQLite::Database& db) {
        if (auto existing = read_group(db, name)) {
            if (existing->coach != coach.name)
                throw error(errc::conflict, "group \"" + std::string(name) + "\" is run by " + existing->coach);
            out = *existing;
            return;
        }
        execute(db, "INSERT INTO learner_groups(name, coach_id, created_at) VALUES (?, ?, ?)", std::string(name),
                coach.id, format_iso8601(now));
        out = group_or_throw(db, name);
    });
    return out;
}

learner_group add_to_group(store& s, std::string_view name, const learner& who, sys_ms now) {
    learner_group out;
    s.transaction([&](SQLite::Database& db) {
        group_or_throw(db, name);
        execute(db,
                "INSERT INTO group_members(group_id, learner_id, added_at) SELECT id, ?, ? FROM learner_groups WHERE "
                "name = ? ON CONFLICT DO NOTHING",
                who.id, format_iso8601(now), std::string(name));
        out = group_or_throw(db, name);
    });
    return out;
}

learner_group require_group(store& s, std::string_view name) {
    learner_group out;
    s.with_db([&](SQLite::Database& db) { out = group_or_throw(db, name); });
    return out;
}

std::vector<learner_group> list_groups(store& s, const std::optional<int64_t>& coach_id) {
    std::vector<learner_group> out;
    s.with_db([&](SQLite::Database& db) {
        std::vector<std::string> names;
        SQLite::Statement q(db, std::string("SELECT name FROM learner_groups") +
                                    (coach_id ? " WHERE coach_id = ?" : "") + " ORDER BY name");
        if (coach_id) q.bind(1, *coach_id);
        while (q.executeStep()) names.push_back(q.getColumn(0).getString());
        for (const auto& n : names) out.push_back(group_or_throw(db, n));
    });
    return out;
}

bool coaches(store& s, int64_t coach_id, int64_t learner_id) {
    bool out = false;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db,
                            "SELECT 1 FROM learner_groups g JOIN group_members gm ON gm.group_id = g.id WHERE "
                            "g.coach_id = ? AND gm.learner_id = ? LIMIT 1");
        q.bind(1, coach_id);
        q.bind(2, learner_id);
        out = q.executeStep();
    });
    return out;
}

void to_json(nlohmann::json& j, const learner_group& g) {
    j = {{"name", g.name}, {"coach", g.coach}, {"created_at", g.created_at}, {"members", g.members}};
}

}  // namespace rehearse
