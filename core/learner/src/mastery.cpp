#include "rehearse/core/learner/mastery.hpp"

#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

skill_map load_skills(SQLite::Database& db, std::int64_t learner_id) {
    skill_map out;
    for (auto d : all_dimensions) out.emplace(std::string(d), model::prior());
    SQLite::Statement q(
        db, "SELECT dimension, ability, uncertainty, evidence, updated_at FROM mastery WHERE learner_id = ?");
    q.bind(1, learner_id);
    while (q.executeStep()) {
        model::skill s;
        s.ability = q.getColumn(1).getDouble();
        s.uncertainty = q.getColumn(2).getDouble();
        s.evidence = q.getColumn(3).getInt64();
        s.updated_at = try_parse_iso8601(q.getColumn(4).getString());
        out[q.getColumn(0).getString()] = s;
    }
    return out;
}

skill_map load_skills(store& s, std::int64_t learner_id) {
    skill_map out;
    s.with_db([&](SQLite::Database& db) { out = load_skills(db, learner_id); });
    return out;
}

nlohmann::json mastery_changes_json(const std::vector<mastery_change>& changes) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& c : changes) out[c.dimension] = {{"before", c.before}, {"after", c.after}};
    return out;
}

std::vector<mastery_change> apply_observations(SQLite::Database& db, std::int64_t learner_id, skill_map& skills,
                                               const std::vector<observation>& observations, sys_ms now,
                                               const std::string& source, std::optional<std::int64_t> attempt_id) {
    std::vector<mastery_change> out;
    if (observations.empty()) return out;
    SQLite::Statement upsert(db,
                             "INSERT INTO mastery(learner_id, dimension, ability, uncertainty, evidence, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(learner_id, dimension) DO UPDATE SET "
                             "ability = excluded.ability, uncertainty = excluded.uncertainty, "
                             "evidence = excluded.evidence, updated_at = excluded.updated_at");
    SQLite::Statement history(db,
                              "INSERT INTO mastery_history(learner_id, dimension, at, ability, uncertainty, mastery, "
                              "source, attempt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string at = format_iso8601(now);
    for (const auto& o : observations) {
        auto& current = skills[o.dimension];
        const model::skill before = model::at(current, now);
        const model::skill after = model::observe(before, o.score, o.difficulty, o.strength, now);
        current = after;
        out.push_back({o.dimension, model::mastery(before), model::mastery(after), after});

        bind_all(upsert, learner_id, o.dimension, after.ability, after.uncertainty, after.evidence, at);
        upsert.exec();
        upsert.reset();

        bind_all(history, learner_id, o.dimension, at, after.ability, after.uncertainty, model::mastery(after), source,
                 attempt_id);
        history.exec();
        history.reset();
    }
    return out;
}

}  // namespace rehearse
