#include "rehearse/core/learner/learners.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

namespace {
learner row_to_learner(SQLite::Statement& q) {
    return learner{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()};
}
}  // namespace

void validate_learner_name(std::string_view name) {
    if (name.empty() || name.size() > 64) throw error(errc::invalid_input, "a learner name has 1 to 64 characters");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f || c == '/')
            throw error(errc::invalid_input, "a learner name may not contain control characters or '/'");
    // "." and ".." would read as path steps in a URL (/learners/%2e%2e/...) and in file names.
    if (name == "." || name == "..") throw error(errc::invalid_input, "a learner name may not be \".\" or \"..\"");
}

learner add_learner(store& s, std::string_view name, sys_ms now) {
    validate_learner_name(name);
    learner out;
    s.transaction([&](SQLite::Database& db) {
        execute(db, "INSERT INTO learners(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                std::string(name), format_iso8601(now));
        SQLite::Statement q(db, "SELECT id, name, created_at FROM learners WHERE name = ?");
        q.bind(1, std::string(name));
        q.executeStep();
        out = row_to_learner(q);
    });
    return out;
}

std::vector<learner> list_learners(store& s) {
    std::vector<learner> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db, "SELECT id, name, created_at FROM learners ORDER BY name");
        while (q.executeStep()) out.push_back(row_to_learner(q));
    });
    return out;
}

std::optional<learner> find_learner(store& s, std::string_view name) {
    std::optional<learner> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db, "SELECT id, name, created_at FROM learners WHERE name = ?");
        q.bind(1, std::string(name));
        if (q.executeStep()) out = row_to_learner(q);
    });
    return out;
}

learner require_learner(store& s, std::string_view name) {
    if (auto l = find_learner(s, name)) return *l;
    throw error(errc::not_found, "unknown learner \"" + std::string(name) +
                                     "\" (create it with: rehearse learner add " + std::string(name) + ")");
}

void to_json(nlohmann::json& j, const learner& l) { j = {{"name", l.name}, {"created_at", l.created_at}}; }

}  // namespace rehearse
