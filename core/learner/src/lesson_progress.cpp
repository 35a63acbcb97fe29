#include "rehearse/core/learner/lesson_progress.hpp"

#include <rehearse/sdk/text.hpp>
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cctype>

namespace rehearse {

using nlohmann::json;

namespace {

// Check questions are a lighter test than a problem: easier, and weaker evidence.
constexpr double check_difficulty = -0.5;
constexpr double check_strength = 0.5;

using sdk::text::lower;

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

/// `needle` occurs in `hay` with no letter or digit glued to either end.
bool contains_phrase(const std::string& hay, const std::string& needle) {
    if (needle.empty()) return false;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
        const bool left = at == 0 || !word_char(hay[at - 1]) || !word_char(needle.front());
        const std::size_t end = at + needle.size();
        const bool right = end >= hay.size() || !word_char(hay[end]) || !word_char(needle.back());
        if (left && right) return true;
    }
    return false;
}

}  // namespace

check_grade grade_check(const lesson& l, std::string_view answer) {
    return grade_key_points(l.doc.at("check").at("key_points"), answer);
}

check_grade grade_key_points(const json& points, std::string_view answer) {
    check_grade g;
    const std::string text = lower(answer);
    for (const auto& kp : points) {
        bool hit = false;
        for (const auto& k : kp.at("keywords"))
            if (contains_phrase(text, lower(k.get<std::string>()))) {
                hit = true;
                break;
            }
        (hit ? g.covered : g.missed).push_back(kp.at("point").get<std::string>());
    }
    g.score = points.empty() ? 0.0 : static_cast<double>(g.covered.size()) / static_cast<double>(points.size());
    return g;
}

lesson_result take_lesson(app_context& ctx, const learner& who, std::string_view lesson_id,
                          const std::optional<std::string>& answer) {
    return take_lesson(ctx.db(), ctx.content(), who, lesson_id, answer, ctx.now());
}

lesson_result take_lesson(store& db, const content_registry& content, const learner& who, std::string_view lesson_id,
                          const std::optional<std::string>& answer, sys_ms now) {
    const lesson* l = content.find_lesson(lesson_id);
    if (!l || l->retired)
        throw error(errc::not_found, "unknown lesson \"" + std::string(lesson_id) + "\" (see: rehearse lessons)");
    lesson_result r;
    r.lesson = l->id;
    r.cards = l->card_ids.size();
    if (answer) r.grade = grade_check(*l, *answer);
    const std::string at = format_iso8601(now);
    db.transaction([&](SQLite::Database& conn) {
        execute(conn,
                "INSERT INTO lesson_progress(learner_id, lesson_id, status, started_at, updated_at) "
                "VALUES (?, ?, 'started', ?, ?) ON CONFLICT(learner_id, lesson_id) DO NOTHING",
                who.id, l->id, at, at);
        if (r.grade) {
            execute(conn,
                    "UPDATE lesson_progress SET status = 'completed', check_score = ?, updated_at = ? "
                    "WHERE learner_id = ? AND lesson_id = ?",
                    r.grade->score, at, who.id, l->id);
            std::vector<observation> obs;
            for (const auto& d : l->dimensions) obs.push_back({d, r.grade->score, check_difficulty, check_strength});
            skill_map skills = load_skills(conn, who.id);
            r.mastery = apply_observations(conn, who.id, skills, obs, now, "lesson", std::nullopt);
            log_plan_activity(conn, content, who.id, "lesson", l->id, now);
        }
        SQLite::Statement status(conn, "SELECT status FROM lesson_progress WHERE learner_id = ? AND lesson_id = ?");
        bind_all(status, who.id, l->id);
        status.executeStep();
        r.status = status.getColumn(0).getString();
    });
    return r;
}

void to_json(json& j, const lesson_result& r) {
    j = json{{"lesson", r.lesson}, {"status", r.status}, {"cards", r.cards}};
    if (r.grade) j["check"] = {{"score", r.grade->score}, {"covered", r.grade->covered}, {"missed", r.grade->missed}};
    j["mastery"] = mastery_changes_json(r.mastery);
}

}  // namespace rehearse
