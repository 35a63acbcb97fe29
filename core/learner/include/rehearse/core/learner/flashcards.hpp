/// @file
/// Flashcards of the lessons a learner has started: which are due (new cards are introduced a few a
/// day), and one review (FSRS-6 via fsrs.hpp, stored in cards and review_log).
#pragma once

#include "rehearse/core/learner/fsrs.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace rehearse {

/// New cards introduced per UTC day at most: enough to keep up with a lesson a day, few enough that
/// the review load stays a few minutes.
inline constexpr std::int64_t new_cards_per_day = 10;

struct review_queue {
    std::int64_t due = 0;                   ///< cards already in review whose due time has come
    std::int64_t new_available = 0;         ///< new cards that may still be introduced today
    std::optional<std::string> first_card;  ///< the card a review session would show first
    std::optional<sys_ms> oldest_due;       ///< due time of the most overdue card
    std::int64_t total() const noexcept { return due + new_available; }
};

review_queue review_counts(SQLite::Database& db, const content_registry& content, std::int64_t learner_id, sys_ms now);
review_queue review_counts(store& s, const content_registry& content, std::int64_t learner_id, sys_ms now);

/// The cards a session at `now` would show, in order: due cards, most overdue first, then today's
/// new cards in the order their lessons were started. At most `limit`.
std::vector<std::string> due_cards(store& s, const content_registry& content, std::int64_t learner_id, sys_ms now,
                                   std::size_t limit);

/// Front and back of a card by full id (pack/lesson/card); nullopt when unknown.
struct card_text {
    std::string id, front, back, lesson_title;
};
std::optional<card_text> find_card(const content_registry& content, std::string_view card_id);

struct review_outcome {
    std::string card;
    std::string state;  ///< after the review
    double stability = 0, difficulty = 0;
    std::optional<double> retrievability;  ///< just before the review
    std::int64_t interval_days = 0;
    std::string due;
};

/// Reviews one card of a started lesson with a grade 1..4 and stores the result. Throws
/// error(not_found) for an unknown card or one whose lesson the learner has not started,
/// error(invalid_input) for a rating outside 1..4.
review_outcome review_card(store& s, const content_registry& content, const learner& who, std::string_view card_id,
                           int rating, sys_ms now);
/// The same with the time read once the database's write lock is held (`clock_now` is called once).
review_outcome review_card(store& s, const content_registry& content, const learner& who, std::string_view card_id,
                           int rating, const std::function<sys_ms()>& clock_now);
review_outcome review_card(app_context& ctx, const learner& who, std::string_view card_id, int rating);

void to_json(nlohmann::json& j, const review_outcome& r);

}  // namespace rehearse
