#include "rehearse/core/learner/drill_memory.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/fsrs.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

using nlohmann::json;

namespace {

// One dimension's worth of evidence: weaker than an attempt, stronger than a check question.
constexpr double drill_strength = 0.6;

/// Drills are scheduled in whole days (no minute steps): one is practised at most once a sitting.
const fsrs::scheduler& drill_scheduler() {
    static const fsrs::scheduler s = [] {
        fsrs::parameters p;
        p.enable_short_term = false;
        return fsrs::scheduler(p);
    }();
    return s;
}

drill_memory_state read_memory_row(SQLite::Statement& q, int first) {
    drill_memory_state m;
    m.state = q.getColumn(first).getString();
    m.stability = q.getColumn(first + 1).getDouble();
    m.difficulty = q.getColumn(first + 2).getDouble();
    m.due = parse_iso8601(q.getColumn(first + 3).getString());
    if (!q.getColumn(first + 4).isNull()) m.last_review = parse_iso8601(q.getColumn(first + 4).getString());
    m.reps = q.getColumn(first + 5).getInt64();
    m.lapses = q.getColumn(first + 6).getInt64();
    m.interval_days = q.getColumn(first + 7).getInt64();
    m.last_score = q.getColumn(first + 8).getDouble();
    return m;
}

constexpr const char* drill_memory_columns =
    "state, stability, difficulty, due, last_review, reps, lapses, scheduled_days, last_score";

}  // namespace

double drill_ability_difficulty(const std::string& difficulty) noexcept {
    const double base = difficulty == "easy" ? -1.0 : difficulty == "hard" ? 1.0 : 0.0;
    return base - 0.5;
}

int drill_rating(double score, bool correct) noexcept {
    if (!correct) return score >= 0.5 ? 2 : 1;
    return score >= 0.999 ? 4 : 3;
}

drill_record record_drill_practice(SQLite::Database& db, const content_registry& content, std::int64_t learner_id,
                                   const drill& d, double score, bool correct, const std::string& answer,
                                   const json& result, sys_ms now) {
    drill_record out;
    const std::string at = format_iso8601(now);
    execute(db,
            "INSERT INTO drill_attempts(learner_id, drill_id, dimension, score, correct, answer_text, result_json, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            learner_id, d.id, d.dimension, score, correct ? 1 : 0, answer, result.dump(), at);
    out.attempt_id = db.getLastInsertRowid();

    fsrs::card c;
    c.due = now;
    {
        SQLite::Statement q(db, std::string("SELECT ") + drill_memory_columns +
                                    " FROM drill_memory WHERE learner_id = ? AND drill_id = ?");
        bind_all(q, learner_id, d.id);
        if (q.executeStep()) {
            const drill_memory_state m = read_memory_row(q, 0);
            c.state = fsrs::parse_card_state(m.state).value_or(fsrs::card_state::new_card);
            c.stability = m.stability;
            c.difficulty = m.difficulty;
            c.due = m.due;
            c.last_review = m.last_review;
            c.reps = m.reps;
            c.lapses = m.lapses;
            c.scheduled_days = m.interval_days;
            // A drill practised again before its last review (a clock set back) starts over.
            if (m.last_review > now) {
                c = fsrs::card{};
                c.due = now;
            }
        }
    }
    out.rating = drill_rating(score, correct);
    const fsrs::review_result r = drill_scheduler().review(c, *fsrs::rating_from_int(out.rating), now);
    execute(db,
            "INSERT INTO drill_memory(learner_id, drill_id, state, stability, difficulty, due, last_review, reps, "
            "lapses, scheduled_days, last_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(learner_id, drill_id) DO UPDATE SET state = excluded.state, stability = excluded.stability, "
            "difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review, "
            "reps = excluded.reps, lapses = excluded.lapses, scheduled_days = excluded.scheduled_days, "
            "last_score = excluded.last_score",
            learner_id, d.id, std::string(fsrs::to_string(r.next.state)), r.next.stability, r.next.difficulty,
            format_iso8601(r.next.due), at, r.next.reps, r.next.lapses, r.next.scheduled_days, score);
    out.memory = {std::string(fsrs::to_string(r.next.state)),
                  r.next.stability,
                  r.next.difficulty,
                  r.next.due,
                  now,
                  r.next.reps,
                  r.next.lapses,
                  r.next.scheduled_days,
                  score};

    skill_map skills = load_skills(db, learner_id);
    out.mastery = apply_observations(db, learner_id, skills,
                                     {{d.dimension, score, drill_ability_difficulty(d.difficulty), drill_strength}},
                                     now, "drill", std::nullopt);
    log_plan_activity(db, content, learner_id, "drill", d.id, now);
    return out;
}

std::map<std::string, drill_memory_state, std::less<>> load_drill_memory(SQLite::Database& db,
                                                                         std::int64_t learner_id) {
    std::map<std::string, drill_memory_state, std::less<>> out;
    SQLite::Statement q(
        db, std::string("SELECT drill_id, ") + drill_memory_columns + " FROM drill_memory WHERE learner_id = ?");
    bind_all(q, learner_id);
    while (q.executeStep()) out.emplace(q.getColumn(0).getString(), read_memory_row(q, 1));
    return out;
}

std::vector<double> recent_drill_scores(SQLite::Database& db, std::int64_t learner_id, const std::string& dimension,
                                        std::size_t limit) {
    std::vector<double> out;
    SQLite::Statement q(db,
                        "SELECT score FROM drill_attempts WHERE learner_id = ? AND dimension = ? "
                        "ORDER BY created_at DESC, id DESC LIMIT ?");
    bind_all(q, learner_id, dimension, static_cast<int>(limit));
    while (q.executeStep()) out.push_back(q.getColumn(0).getDouble());
    return out;
}

void to_json(json& j, const drill_memory_state& m) {
    j = {{"state", m.state},
         {"stability", m.stability},
         {"difficulty", m.difficulty},
         {"due", format_iso8601(m.due)},
         {"interval_days", m.interval_days},
         {"reps", m.reps},
         {"lapses", m.lapses}};
}

}  // namespace rehearse
