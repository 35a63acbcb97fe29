#include "rehearse/core/learner/attempts.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/core/content/rubric.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/learner/prediction.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>

namespace rehearse {

using nlohmann::json;

namespace {

void validate(const attempt_input& in) {
    if (in.scores.empty()) throw error(errc::invalid_input, "an attempt needs at least one dimension score");
    for (const auto& [dim, score] : in.scores) {
        if (!is_dimension(dim))
            throw error(errc::invalid_input, "unknown dimension \"" + dim + "\" (" + dimension_list() + ")");
        if (!std::isfinite(score) || score < 0 || score > 1)
            throw error(errc::invalid_input, "the score for " + dim + " must be between 0 and 1");
    }
    if (in.source != "answer" && in.source != "coach" && in.source != "mock")
        throw error(errc::invalid_input, "an attempt's source is answer, coach or mock, not \"" + in.source + "\"");
    if (in.overall && (!std::isfinite(*in.overall) || *in.overall < 0 || *in.overall > 100))
        throw error(errc::invalid_input, "overall must be between 0 and 100");
}

void store_findings(SQLite::Database& db, std::int64_t attempt_id, const std::vector<finding>& findings) {
    SQLite::Statement insert(
        db,
        "INSERT INTO attempt_findings(attempt_id, finding_id, dimension, severity, message) VALUES (?, ?, ?, ?, ?)");
    for (const auto& f : findings) {
        bind_all(insert, attempt_id, f.id, f.dimension, f.severity, f.message);
        insert.exec();
        insert.reset();
    }
}

void update_problem_stats(SQLite::Database& db, std::int64_t learner_id, const std::string& problem_id,
                          const std::string& at, double success) {
    execute(db,
            "INSERT INTO learner_problem_stats(learner_id, problem_id, attempts, last_at, last_success, "
            "best_success) VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT(learner_id, problem_id) DO UPDATE SET "
            "attempts = attempts + 1, last_at = excluded.last_at, last_success = excluded.last_success, "
            "best_success = max(best_success, excluded.best_success)",
            learner_id, problem_id, at, success, success);
}

}  // namespace

attempt_result record_attempt(app_context& ctx, const learner& who, const problem& p, const attempt_input& input) {
    return record_attempt(ctx.db(), ctx.content(), who, p, input, ctx.now());
}

attempt_result record_attempt(store& db, const content_registry& content, const learner& who, const problem& p,
                              const attempt_input& input, sys_ms now) {
    validate(input);

    attempt_result r;
    r.problem = p.id;
    r.scores = input.scores;
    r.at = format_iso8601(now);
    const double success = input.overall ? *input.overall / 100.0 : rubric_weighted_mean(p, input.scores);
    r.overall = success * 100.0;

    db.transaction([&](SQLite::Database& conn) {
        // The learner's skills, read once: the prediction and the focus see them as they were before
        // the attempt, and the mastery update starts from them.
        skill_map skills = load_skills(conn, who.id);
        const learner_view before = view_at(skills, now);
        r.predicted_success = predicted_success(before, p);
        // The focus follows the same interleaving rule as selection, so a recommendation's focus
        // and the recorded one agree.
        std::vector<std::string> latest;
        SQLite::Statement focuses(
            conn, "SELECT focus FROM attempts WHERE learner_id = ? ORDER BY created_at DESC, id DESC LIMIT ?");
        bind_all(focuses, who.id, static_cast<int>(focus_history));
        while (focuses.executeStep())
            latest.push_back(focuses.getColumn(0).isNull() ? "" : focuses.getColumn(0).getString());
        r.focus = main_focus(before, p, best_shares(content), resting_dimension(latest));

        SQLite::Statement insert(conn,
                                 "INSERT INTO attempts(learner_id, problem_id, source, overall, answer_text, "
                                 "evaluation_json, focus, predicted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const std::optional<std::string> answer_text =
            input.answer_text ? std::optional<std::string>(std::string(*input.answer_text)) : std::nullopt;
        const std::optional<std::string> evaluation_json =
            input.evaluation ? std::optional<std::string>(nlohmann::json(*input.evaluation).dump()) : std::nullopt;
        bind_all(insert, who.id, p.id, input.source, r.overall, answer_text, evaluation_json, r.focus,
                 r.predicted_success, r.at);
        insert.exec();
        r.attempt_id = conn.getLastInsertRowid();

        SQLite::Statement score(conn, "INSERT INTO attempt_scores(attempt_id, dimension, score) VALUES (?, ?, ?)");
        std::vector<observation> observations;
        for (const auto& [dim, s] : input.scores) {
            bind_all(score, r.attempt_id, dim, s);
            score.exec();
            score.reset();
            observations.push_back({dim, s, p.rating, evidence_strength(p, dim)});
        }
        if (input.evaluation) store_findings(conn, r.attempt_id, input.evaluation->findings);
        update_problem_stats(conn, who.id, p.id, r.at, success);
        r.mastery = apply_observations(conn, who.id, skills, observations, now, "attempt", r.attempt_id);
        log_plan_activity(conn, content, who.id, input.source == "mock" ? "mock" : "problem", p.id, now);
    });
    return r;
}

void to_json(json& j, const attempt_result& r) {
    j = json{{"attempt_id", r.attempt_id},
             {"problem", r.problem},
             {"at", r.at},
             {"overall", r.overall},
             {"predicted_success", r.predicted_success},
             {"focus", r.focus},
             {"scores", r.scores},
             {"mastery", mastery_changes_json(r.mastery)}};
}

}  // namespace rehearse
