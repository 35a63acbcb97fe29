#include "rehearse/core/learner/attempt_history.hpp"

#include "rehearse/core/base/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

namespace {

constexpr const char* attempt_history_columns =
    "SELECT id, problem_id, source, overall, created_at, answer_text, evaluation_json FROM attempts";

attempt_summary attempt_history_summary(SQLite::Statement& q) {
    attempt_summary a;
    a.id = q.getColumn(0).getInt64();
    a.problem = q.getColumn(1).getString();
    a.source = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) a.overall = q.getColumn(3).getDouble();
    a.created_at = q.getColumn(4).getString();
    return a;
}

}  // namespace

std::vector<attempt_summary> list_attempts(store& s, const learner& who) {
    std::vector<attempt_summary> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db, std::string(attempt_history_columns) + " WHERE learner_id = ? ORDER BY id DESC");
        q.bind(1, who.id);
        while (q.executeStep()) out.push_back(attempt_history_summary(q));
    });
    return out;
}

attempt_record find_attempt(store& s, const learner& who, std::int64_t id) {
    std::optional<attempt_record> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db, std::string(attempt_history_columns) + " WHERE learner_id = ? AND id = ?");
        q.bind(1, who.id);
        q.bind(2, id);
        if (!q.executeStep()) return;
        attempt_record r;
        r.summary = attempt_history_summary(q);
        if (!q.getColumn(5).isNull()) r.answer = q.getColumn(5).getString();
        if (!q.getColumn(6).isNull()) {
            // Stored by record_attempt from our own evaluation; a row that no longer parses is
            // shown without it rather than failing the whole history.
            auto doc = nlohmann::json::parse(q.getColumn(6).getString(), nullptr, false);
            if (!doc.is_discarded()) r.evaluation = std::move(doc);
        }
        out = std::move(r);
    });
    if (!out) throw error(errc::not_found, "learner \"" + who.name + "\" has no attempt " + std::to_string(id));
    return *out;
}

void to_json(nlohmann::json& j, const attempt_summary& a) {
    j = {{"id", a.id},
         {"problem", a.problem},
         {"source", a.source},
         {"overall", a.overall ? nlohmann::json(*a.overall) : nlohmann::json(nullptr)},
         {"created_at", a.created_at}};
}

void to_json(nlohmann::json& j, const attempt_record& a) {
    to_json(j, a.summary);
    j["answer"] = a.answer ? nlohmann::json(*a.answer) : nlohmann::json(nullptr);
    j["evaluation"] = a.evaluation ? *a.evaluation : nlohmann::json(nullptr);
}

}  // namespace rehearse
