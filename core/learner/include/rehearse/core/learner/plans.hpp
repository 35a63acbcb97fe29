/// @file
/// Study plans: a learner enrols in a curriculum; the plan lays its weeks and days on the calendar
/// (compressed or stretched to an interview date), tracks what was done, shifts for missed days and
/// spreads the backlog over the following days.
#pragma once

#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/selection.hpp"
#include "rehearse/core/runtime/app_context.hpp"

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

using sys_date = sys_days;

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

/// One activity of a plan day, as the plan shows it.
struct plan_activity_view {
    std::string kind;                ///< lesson | problem | review | mock | self-assessment | rest
    std::optional<std::string> ref;  ///< the item (bare id), when the curriculum names one
    int minutes = 0;
    std::string note;  ///< "" when there is none
    bool done = false;
    int plan_day = 0;  ///< the day's index in the plan, from 0
};
/// {kind, ref (null when none), minutes, done, plan_day} and `note` when there is one.
void to_json(nlohmann::json& j, const plan_activity_view& a);

/// What the selector picked for an activity that names no item.
struct suggestion {
    std::string id;
    std::string title;
    std::vector<std::string> reasons;
};

struct todays_activity {
    plan_activity_view activity;
    bool backlog = false;  ///< left undone on an earlier day
    std::optional<suggestion> suggested;
    bool fits = true;  ///< within the minutes left today
};
/// The activity's fields plus {backlog, fits} and `suggested: {id, title, reasons}` when there is one.
void to_json(nlohmann::json& j, const todays_activity& a);

struct todays_plan_day {
    int plan_day = 0, week = 0, day = 0;
    std::string title;
    std::vector<std::string> focus;
};

/// `plan today`: what is due today, reviews first.
struct todays_plan {
    std::string curriculum;
    std::string date;  ///< today, YYYY-MM-DD
    int missed_days = 0;
    std::optional<std::string> starts;  ///< the plan starts on this later day: nothing is due yet
    std::int64_t reviews_due = 0;
    std::int64_t reviews_today = 0;  ///< capped so a backlog of cards cannot eat the day
    std::vector<todays_plan_day> days;
    std::vector<todays_activity> activities;  ///< today's, then today's share of the backlog
    std::size_t backlog = 0;                  ///< activities left undone on earlier days
    double adherence = 1;                     ///< share of the activities due before today that were done
    std::optional<bool> finished;             ///< when nothing is left for today: whether the plan is done
};
/// error(not_found) without an active plan.
todays_plan plan_today(app_context& ctx, const learner& who);
/// {curriculum, date, missed_days, starts, activities: []} before the start; otherwise {curriculum,
/// date, missed_days, reviews_due, reviews_today, days, activities, backlog, adherence} and
/// `finished` when nothing is left for today.
void to_json(nlohmann::json& j, const todays_plan& t);

struct plan_overview_day {
    int plan_day = 0, day = 0;
    std::string title;
    std::string date;  ///< YYYY-MM-DD, as the plan is laid out now
    bool done = false;
    std::vector<plan_activity_view> activities;
};

struct plan_overview_week {
    int number = 0;
    std::string title;
    std::string band_min, band_max;  ///< the week's difficulty band
    std::vector<std::string> focus;
    std::vector<plan_overview_day> days;
};

/// `plan show`: the whole plan on the calendar.
struct plan_overview {
    std::string curriculum;
    std::string start;
    std::optional<std::string> interview_date;
    std::optional<int> minutes_per_day;
    int current_day = 0;
    int missed_days = 0;
    std::size_t backlog = 0;
    double adherence = 1;
    std::vector<plan_overview_week> weeks;
};
/// error(not_found) without an active plan.
plan_overview plan_show(app_context& ctx, const learner& who);
/// {curriculum, start, interview_date, minutes_per_day, current_day, missed_days, backlog, adherence,
/// weeks: [{number, title, band: {min, max}, focus, days: [{plan_day, day, title, date, done, activities}]}]}
void to_json(nlohmann::json& j, const plan_overview& p);

/// {curriculum, start, interview_date (null when none), minutes_per_day (null when none)}: the plan
/// as `plan start` reports it.
void to_json(nlohmann::json& j, const enrolment& e);

/// The work `plan done` logs: what the app cannot see being done (lessons and problems are logged as
/// they are done).
struct plan_done_result {
    std::string logged;  ///< self-assessment | review | mock
};
/// Logs a self-assessment, a review or a mock done elsewhere (`ref`: the mock's problem) against the
/// active plan, in one transaction; a no-op without a plan or a matching activity. value_error naming
/// `kind` for any other kind.
plan_done_result plan_done(app_context& ctx, const learner& who, std::string_view kind,
                           const std::optional<std::string>& ref);
/// {logged}
void to_json(nlohmann::json& j, const plan_done_result& r);

/// Parses YYYY-MM-DD; value_error naming `field` otherwise.
sys_date parse_date(std::string_view text, std::string_view field);
std::string format_date(sys_date d);

}  // namespace rehearse
