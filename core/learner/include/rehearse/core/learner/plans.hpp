/// @file
/// Study plans: a learner enrols in a curriculum; the plan lays its weeks and days on the calendar
/// (compressed or stretched to an interview date), tracks what was done, shifts for missed days and
/// spreads the backlog over the following days.
#pragma once

#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/selection.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace rehearse {

using sys_date = std::chrono::sys_days;

struct enrolment {
    std::int64_t id = 0;
    std::string curriculum;
    sys_date start{};
    std::optional<sys_date> interview;
    std::optional<int> minutes_per_day;
};

/// The time a plan may budget a day, in minutes: the one range both fronts check.
inline constexpr int min_minutes_per_day = 5;
inline constexpr int max_minutes_per_day = 600;
/// error(invalid_input) unless `minutes` is within min_minutes_per_day..max_minutes_per_day.
void check_minutes_per_day(long long minutes);

struct plan_start_options {
    std::string curriculum;
    std::optional<sys_date> start;      ///< default: today (UTC)
    std::optional<sys_date> interview;  ///< must be after the start
    std::optional<int> minutes_per_day;
};

/// Enrols (replacing an active plan, which is marked abandoned). error(not_found) for an unknown
/// curriculum, error(invalid_input) for an interview date not after the start or minutes per day
/// out of range.
enrolment start_plan(app_context& ctx, const learner& who, const plan_start_options& options);
std::optional<enrolment> active_enrolment(SQLite::Database& db, std::int64_t learner_id);

/// The band and focus of the plan week the learner is in at `now`; nullopt without an active plan.
std::optional<plan_band> current_plan_band(SQLite::Database& db, const content_registry& content,
                                           std::int64_t learner_id, sys_ms now);

/// Logs a finished activity against the active plan (kind: lesson | problem | mock | review |
/// self-assessment), on the first open matching activity of the days due so far. Called inside the
/// use case's transaction; a no-op without a plan or a matching activity.
void log_plan_activity(SQLite::Database& db, const content_registry& content, std::int64_t learner_id,
                       const std::string& kind, const std::optional<std::string>& ref, sys_ms now);

/// `plan today`: {curriculum, date, plan_day, week, day, title, focus, reviews_due, activities[...],
/// backlog, adherence}
nlohmann::json plan_today_json(app_context& ctx, const learner& who);
/// `plan show`: {curriculum, start, interview_date, weeks[{number, title, band, focus, days[{...}]}],
/// adherence, current_day}
nlohmann::json plan_show_json(app_context& ctx, const learner& who);

/// Parses YYYY-MM-DD; value_error naming `field` otherwise.
sys_date parse_date(std::string_view text, std::string_view field);
std::string format_date(sys_date d);

}  // namespace rehearse
