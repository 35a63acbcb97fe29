#include "rehearse/core/learner/flashcards.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

namespace {

std::string day_start(sys_ms now) {
    return format_iso8601(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::floor<days>(now)));
}

/// "pack/lesson/card" → the lesson, when it is loaded.
const lesson* lesson_of_card(const content_registry& content, std::string_view card_id) {
    const auto last = card_id.rfind('/');
    if (last == std::string_view::npos || last == 0) return nullptr;
    return content.find_lesson(card_id.substr(0, last));
}

bool selectable_card(const content_registry& content, std::string_view card_id) {
    const lesson* l = lesson_of_card(content, card_id);
    return l && !l->retired;
}

struct started_lesson {
    std::string id;
    std::int64_t introduced = 0;
};

std::vector<started_lesson> started_lessons(SQLite::Database& db, std::int64_t learner_id) {
    std::vector<started_lesson> out;
    SQLite::Statement q(db,
                        "SELECT lesson_id, cards_introduced FROM lesson_progress WHERE learner_id = ? "
                        "ORDER BY started_at, lesson_id");
    q.bind(1, learner_id);
    while (q.executeStep()) out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64()});
    return out;
}

std::int64_t count(SQLite::Statement& q) {
    q.executeStep();
    const auto n = q.getColumn(0).getInt64();
    q.reset();
    return n;
}

}  // namespace

std::optional<card_text> find_card(const content_registry& content, std::string_view card_id) {
    const lesson* l = lesson_of_card(content, card_id);
    if (!l) return std::nullopt;
    const auto card_part = card_id.substr(card_id.rfind('/') + 1);
    for (const auto& c : l->doc.at("cards"))
        if (c.at("id").get<std::string>() == card_part)
            return card_text{l->pack + "/" + l->id + "/" + std::string(card_part), c.at("front").get<std::string>(),
                             c.at("back").get<std::string>(), l->title};
    return std::nullopt;
}

review_queue review_counts(SQLite::Database& db, const content_registry& content, std::int64_t learner_id, sys_ms now) {
    review_queue out;
    const std::string at = format_iso8601(now);
    // Due cards, most overdue first; a card of a retired or unloaded lesson is skipped (rare, so the
    // scan stops after a few rows in practice).
    SQLite::Statement due(db, "SELECT card_id, due FROM cards WHERE learner_id = ? AND due <= ? ORDER BY due, card_id");
    bind_all(due, learner_id, at);
    SQLite::Statement total(db, "SELECT COUNT(*) FROM cards WHERE learner_id = ? AND due <= ?");
    bind_all(total, learner_id, at);
    out.due = count(total);
    std::int64_t skipped = 0;
    while (due.executeStep()) {
        const std::string id = due.getColumn(0).getString();
        if (selectable_card(content, id)) {
            out.first_card = id;
            out.oldest_due = try_parse_iso8601(due.getColumn(1).getString());
            break;
        }
        ++skipped;
    }
    out.due -= skipped;

    SQLite::Statement today(db, "SELECT COUNT(*) FROM cards WHERE learner_id = ? AND introduced_at >= ?");
    bind_all(today, learner_id, day_start(now));
    const std::int64_t budget = std::max<std::int64_t>(0, new_cards_per_day - count(today));

    std::int64_t unseen = 0;
    std::optional<std::string> first_new;
    SQLite::Statement exists(db, "SELECT COUNT(*) FROM cards WHERE learner_id = ? AND card_id = ?");
    for (const auto& s : started_lessons(db, learner_id)) {
        const lesson* l = content.find_lesson(s.id);
        if (!l || l->retired) continue;
        const auto left = static_cast<std::int64_t>(l->card_ids.size()) - s.introduced;
        if (left <= 0) continue;
        unseen += left;
        if (!first_new && budget > 0)
            for (const auto& c : l->card_ids) {
                bind_all(exists, learner_id, c);
                if (count(exists) == 0) {
                    first_new = c;
                    break;
                }
            }
    }
    out.new_available = std::min(budget, unseen);
    if (!out.first_card && out.new_available > 0) out.first_card = first_new;
    return out;
}

review_queue review_counts(store& s, const content_registry& content, std::int64_t learner_id, sys_ms now) {
    review_queue out;
    s.with_db([&](SQLite::Database& db) { out = review_counts(db, content, learner_id, now); });
    return out;
}

std::vector<std::string> due_cards(store& s, const content_registry& content, std::int64_t learner_id, sys_ms now,
                                   std::size_t limit) {
    std::vector<std::string> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement due(db, "SELECT card_id FROM cards WHERE learner_id = ? AND due <= ? ORDER BY due, card_id");
        bind_all(due, learner_id, format_iso8601(now));
        while (out.size() < limit && due.executeStep()) {
            std::string id = due.getColumn(0).getString();
            if (selectable_card(content, id)) out.push_back(std::move(id));
        }
        SQLite::Statement today(db, "SELECT COUNT(*) FROM cards WHERE learner_id = ? AND introduced_at >= ?");
        bind_all(today, learner_id, day_start(now));
        std::int64_t budget = std::max<std::int64_t>(0, new_cards_per_day - count(today));
        SQLite::Statement exists(db, "SELECT COUNT(*) FROM cards WHERE learner_id = ? AND card_id = ?");
        for (const auto& st : started_lessons(db, learner_id)) {
            const lesson* l = content.find_lesson(st.id);
            if (!l || l->retired) continue;
            for (const auto& c : l->card_ids) {
                if (budget <= 0 || out.size() >= limit) return;
                bind_all(exists, learner_id, c);
                if (count(exists) == 0) {
                    out.push_back(c);
                    --budget;
                }
            }
        }
    });
    return out;
}

review_outcome review_card(app_context& ctx, const learner& who, std::string_view card_id, int rating) {
    return review_card(ctx.db(), ctx.content(), who, card_id, rating, [&ctx] { return ctx.now(); });
}

review_outcome review_card(store& s, const content_registry& content, const learner& who, std::string_view card_id,
                           int rating, sys_ms now) {
    return review_card(s, content, who, card_id, rating, [now] { return now; });
}

review_outcome review_card(store& s, const content_registry& content, const learner& who, std::string_view card_id,
                           int rating, const std::function<sys_ms()>& clock_now) {
    const auto grade = fsrs::rating_from_int(rating);
    if (!grade) throw error(errc::invalid_input, "a review rating is 1 (again), 2 (hard), 3 (good) or 4 (easy)");
    const auto text = find_card(content, card_id);
    if (!text) throw error(errc::not_found, "unknown card \"" + std::string(card_id) + "\"");
    const lesson* l = lesson_of_card(content, text->id);
    static const fsrs::scheduler scheduler{};

    review_outcome out;
    s.transaction([&](SQLite::Database& db) {
        // Read inside the write lock: two reviews of one card racing on a server then carry the
        // times in the order they are stored, and the later never reads as before the last review.
        const sys_ms now = clock_now();
        SQLite::Statement started(db, "SELECT COUNT(*) FROM lesson_progress WHERE learner_id = ? AND lesson_id = ?");
        bind_all(started, who.id, l->id);
        if (count(started) == 0)
            throw error(errc::not_found, "card \"" + text->id + "\" belongs to lesson " + l->id + ", which " +
                                             who.name + " has not started (rehearse lesson --lesson " + l->id + ")");
        fsrs::card c;
        c.due = now;
        bool is_new = true;
        SQLite::Statement q(db,
                            "SELECT state, stability, difficulty, due, last_review, step, reps, lapses, scheduled_days "
                            "FROM cards WHERE learner_id = ? AND card_id = ?");
        bind_all(q, who.id, text->id);
        if (q.executeStep()) {
            is_new = false;
            c.state = fsrs::parse_card_state(q.getColumn(0).getString()).value_or(fsrs::card_state::new_card);
            c.stability = q.getColumn(1).getDouble();
            c.difficulty = q.getColumn(2).getDouble();
            c.due = parse_iso8601(q.getColumn(3).getString());
            if (!q.getColumn(4).isNull()) c.last_review = parse_iso8601(q.getColumn(4).getString());
            c.step = q.getColumn(5).getInt64();
            c.reps = q.getColumn(6).getInt64();
            c.lapses = q.getColumn(7).getInt64();
            c.scheduled_days = q.getColumn(8).getInt64();
        }
        fsrs::review_result r;
        try {
            r = scheduler.review(c, *grade, now);
        } catch (const fsrs::fsrs_error& e) {
            throw error(errc::invalid_input, std::string("review of ") + text->id + ": " + e.what());
        }
        const std::string at = format_iso8601(now);
        execute(
            db,
            "INSERT INTO cards(learner_id, card_id, state, stability, difficulty, due, last_review, step, reps, "
            "lapses, "
            "scheduled_days, introduced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(learner_id, card_id) DO UPDATE SET state = excluded.state, stability = excluded.stability, "
            "difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review, "
            "step = excluded.step, reps = excluded.reps, lapses = excluded.lapses, "
            "scheduled_days = excluded.scheduled_days",
            who.id, text->id, std::string(fsrs::to_string(r.next.state)), r.next.stability, r.next.difficulty,
            format_iso8601(r.next.due), at, r.next.step, r.next.reps, r.next.lapses, r.next.scheduled_days, at);
        if (is_new) {
            execute(db,
                    "UPDATE lesson_progress SET cards_introduced = cards_introduced + 1 "
                    "WHERE learner_id = ? AND lesson_id = ?",
                    who.id, l->id);
        }
        execute(db,
                "INSERT INTO review_log(learner_id, card_id, rating, reviewed_at, state_before, stability, "
                "difficulty, retrievability, interval_days, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                who.id, text->id, rating, at, std::string(fsrs::to_string(c.state)), r.next.stability,
                r.next.difficulty, r.retrievability, r.next.scheduled_days, format_iso8601(r.next.due));

        log_plan_activity(db, content, who.id, "review", std::nullopt, now);

        out = {text->id,
               std::string(fsrs::to_string(r.next.state)),
               r.next.stability,
               r.next.difficulty,
               r.retrievability,
               r.next.scheduled_days,
               format_iso8601(r.next.due)};
    });
    return out;
}

void to_json(nlohmann::json& j, const review_outcome& r) {
    j = {{"card", r.card},
         {"state", r.state},
         {"stability", r.stability},
         {"difficulty", r.difficulty},
         {"retrievability", r.retrievability ? nlohmann::json(*r.retrievability) : nlohmann::json(nullptr)},
         {"interval_days", r.interval_days},
         {"due", r.due}};
}

}  // namespace rehearse
