#include "rehearse/core/learner/plans.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/flashcards.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>

namespace rehearse {

using nlohmann::json;

namespace {

struct plan_activity {
    std::string kind;
    std::optional<std::string> ref;
    int minutes = 0;
    std::string note;
    bool done = false;
};

struct plan_day {
    int index = 0, week = 0, day = 0;
    std::string title;
    std::vector<std::string> focus;
    std::vector<plan_activity> activities;
    bool rest_only() const {
        return std::all_of(activities.begin(), activities.end(), [](const auto& a) { return a.kind == "rest"; });
    }
    bool complete() const {
        return std::all_of(activities.begin(), activities.end(),
                           [](const auto& a) { return a.kind == "rest" || a.done; });
    }
};

struct log_row {
    int plan_day = 0;
    std::string kind;
    sys_date day{};
};

/// The plan laid on the calendar at `today`.
struct schedule {
    std::vector<plan_day> days;
    std::vector<int> offset;                           // calendar day (from the start) each plan day falls on
    std::vector<int> today;                            // plan days scheduled for today
    std::vector<std::pair<int, std::size_t>> backlog;  // (plan day, activity) left undone from earlier days
    std::size_t backlog_today = 0;                     // how many of them today takes
    int missed_days = 0;
    int current = 0;           // the plan day the learner is in
    std::int64_t elapsed = 0;  // calendar days since the start
};

std::vector<plan_day> flatten(const curriculum& c) {
    std::vector<plan_day> out;
    for (const auto& w : c.doc.at("weeks"))
        for (const auto& d : w.at("days")) {
            plan_day p;
            p.index = static_cast<int>(out.size());
            p.week = w.at("number").get<int>();
            p.day = d.at("day").get<int>();
            p.title = d.value("title", "");
            p.focus = d.value("focus", std::vector<std::string>{});
            for (const auto& a : d.at("activities")) {
                plan_activity pa;
                pa.kind = a.at("kind").get<std::string>();
                if (a.contains("ref")) pa.ref = std::string(bare_id(a.at("ref").get<std::string>()));
                pa.minutes = a.value("minutes", 0);
                pa.note = a.value("note", "");
                p.activities.push_back(std::move(pa));
            }
            out.push_back(std::move(p));
        }
    return out;
}

sys_date day_of(sys_ms t) { return std::chrono::floor<days>(t); }

std::vector<log_row> load_log(SQLite::Database& db, std::int64_t enrolment_id) {
    std::vector<log_row> out;
    SQLite::Statement q(db, "SELECT plan_day, kind, done_at FROM plan_activity_log WHERE enrolment_id = ? ORDER BY id");
    q.bind(1, enrolment_id);
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt(), q.getColumn(1).getString(),
                       day_of(try_parse_iso8601(q.getColumn(2).getString()).value_or(sys_ms{}))});
    return out;
}

schedule lay_out(const curriculum& c, const enrolment& e, const std::vector<log_row>& log, sys_date today) {
    schedule s;
    s.days = flatten(c);
    const int n = static_cast<int>(s.days.size());
    // A log row satisfies the first open activity of its kind on its plan day.
    for (const auto& row : log) {
        if (row.plan_day < 0 || row.plan_day >= n) continue;
        for (auto& a : s.days[static_cast<std::size_t>(row.plan_day)].activities)
            if (a.kind == row.kind && !a.done) {
                a.done = true;
                break;
            }
    }
    s.elapsed = (today - e.start).count();
    const int c_today = static_cast<int>(std::max<std::int64_t>(0, s.elapsed));
    s.offset.assign(static_cast<std::size_t>(n), 0);

    if (e.interview) {
        // Anchored to the interview: the plan is compressed or stretched to the days available, and
        // work left undone cannot push the plan past the interview, so it becomes backlog.
        const int available = static_cast<int>(std::max<std::int64_t>(1, (*e.interview - e.start).count()));
        for (int k = 0; k < n; ++k)
            s.offset[static_cast<std::size_t>(k)] = static_cast<int>(static_cast<std::int64_t>(k) * available / n);
        s.current = 0;
        for (int k = 0; k < n; ++k) {
            const int off = s.offset[static_cast<std::size_t>(k)];
            if (s.elapsed >= 0 && off == c_today) s.today.push_back(k);
            if (off <= c_today) s.current = k;
            if (s.elapsed >= 0 && off < c_today) {
                bool any_done = false;
                for (std::size_t i = 0; i < s.days[static_cast<std::size_t>(k)].activities.size(); ++i) {
                    const auto& a = s.days[static_cast<std::size_t>(k)].activities[i];
                    if (a.kind == "rest") continue;
                    if (a.done)
                        any_done = true;
                    else
                        s.backlog.emplace_back(k, i);
                }
                if (!any_done && !s.days[static_cast<std::size_t>(k)].rest_only()) ++s.missed_days;
            }
        }
        const int remaining = std::max(1, available - c_today);
        s.backlog_today =
            (s.backlog.size() + static_cast<std::size_t>(remaining) - 1) / static_cast<std::size_t>(remaining);
    } else {
        // Paced by the learner: a day with nothing done shifts the rest of the plan by a day; a day
        // with some work moves on and leaves what was not done as backlog.
        std::vector<bool> worked(static_cast<std::size_t>(c_today), false);
        for (const auto& row : log) {
            const auto d = (row.day - e.start).count();
            if (d >= 0 && d < c_today) worked[static_cast<std::size_t>(d)] = true;
        }
        int k = 0;
        for (int d = 0; d < c_today && k < n; ++d) {
            s.offset[static_cast<std::size_t>(k)] = d;
            const auto& day = s.days[static_cast<std::size_t>(k)];
            if (day.rest_only() || worked[static_cast<std::size_t>(d)] || day.complete())
                ++k;
            else
                ++s.missed_days;
        }
        s.current = std::min(k, n - 1);
        for (int j = k; j < n; ++j) s.offset[static_cast<std::size_t>(j)] = c_today + (j - k);
        if (s.elapsed >= 0 && k < n) s.today.push_back(k);
        for (int j = 0; j < k; ++j)
            for (std::size_t i = 0; i < s.days[static_cast<std::size_t>(j)].activities.size(); ++i) {
                const auto& a = s.days[static_cast<std::size_t>(j)].activities[i];
                if (a.kind != "rest" && !a.done) s.backlog.emplace_back(j, i);
            }
        constexpr std::size_t spread_days = 3;  // backlog is worked off over the next three days
        s.backlog_today = (s.backlog.size() + spread_days - 1) / spread_days;
    }
    return s;
}

const curriculum& require_curriculum(const content_registry& content, const std::string& id) {
    const curriculum* c = content.find_curriculum(id);
    if (!c) throw error(errc::not_found, "unknown curriculum \"" + id + "\" (see: rehearse curricula)");
    return *c;
}

std::optional<enrolment> read_enrolment(SQLite::Database& db, std::int64_t learner_id) {
    SQLite::Statement q(db,
                        "SELECT id, curriculum_id, start_date, interview_date, minutes_per_day FROM plan_enrolments "
                        "WHERE learner_id = ? AND status = 'active'");
    q.bind(1, learner_id);
    if (!q.executeStep()) return std::nullopt;
    enrolment e;
    e.id = q.getColumn(0).getInt64();
    e.curriculum = q.getColumn(1).getString();
    e.start = parse_date(q.getColumn(2).getString(), "start_date");
    if (!q.getColumn(3).isNull()) e.interview = parse_date(q.getColumn(3).getString(), "interview_date");
    if (!q.getColumn(4).isNull()) e.minutes_per_day = q.getColumn(4).getInt();
    return e;
}

json week_band(const json& week) { return week.value("band", json::object()); }

const json* week_doc(const curriculum& c, int number) {
    for (const auto& w : c.doc.at("weeks"))
        if (w.at("number").get<int>() == number) return &w;
    return nullptr;
}

plan_activity_view view_of(const plan_activity& a, int plan_day) {
    return {a.kind, a.ref, a.minutes, a.note, a.done, plan_day};
}

json optional_json(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

struct loaded_plan {
    enrolment e;
    const curriculum* c = nullptr;
    schedule s;
};

loaded_plan load_plan(store& db, const content_registry& content, const learner& who, sys_ms now) {
    loaded_plan p;
    db.with_db([&](SQLite::Database& conn) {
        auto e = read_enrolment(conn, who.id);
        if (!e)
            throw error(errc::not_found,
                        who.name + " has no active plan (start one: rehearse plan start --curriculum ID)");
        p.e = *e;
        p.c = &require_curriculum(content, e->curriculum);
        p.s = lay_out(*p.c, *e, load_log(conn, e->id), day_of(now));
    });
    return p;
}

/// Share of the activities scheduled before today that were done (1 when nothing was due yet).
double adherence(const schedule& s, int today_offset) {
    int due = 0, done = 0;
    for (const auto& d : s.days) {
        if (s.offset[static_cast<std::size_t>(d.index)] >= today_offset) continue;
        for (const auto& a : d.activities)
            if (a.kind != "rest") {
                ++due;
                done += a.done ? 1 : 0;
            }
    }
    return due == 0 ? 1.0 : static_cast<double>(done) / due;
}

}  // namespace

sys_date parse_date(std::string_view text, std::string_view field) {
    const auto t = text.size() == 10 ? try_parse_iso8601(text) : std::nullopt;
    if (!t) throw value_error(std::string(field), "a date YYYY-MM-DD", std::string(text));
    return day_of(*t);
}

std::string format_date(sys_date d) { return format_iso8601(sys_ms(d)).substr(0, 10); }

void check_minutes_per_day(long long minutes) {
    if (minutes < min_minutes_per_day || minutes > max_minutes_per_day)
        throw error(errc::invalid_input, "minutes per day must be between " + std::to_string(min_minutes_per_day) +
                                             " and " + std::to_string(max_minutes_per_day));
}

std::optional<enrolment> active_enrolment(SQLite::Database& db, std::int64_t learner_id) {
    return read_enrolment(db, learner_id);
}

enrolment start_plan(app_context& ctx, const learner& who, const plan_start_options& o) {
    enrolment e;
    e.curriculum = require_curriculum(ctx.content(), o.curriculum).id;
    e.start = o.start.value_or(day_of(ctx.now()));
    e.interview = o.interview;
    e.minutes_per_day = o.minutes_per_day;
    if (e.interview && *e.interview <= e.start)
        throw error(errc::invalid_input, "the interview date must be after the plan's start");
    if (e.minutes_per_day) check_minutes_per_day(*e.minutes_per_day);
    ctx.db().transaction([&](SQLite::Database& db) {
        execute(db, "UPDATE plan_enrolments SET status = 'abandoned' WHERE learner_id = ? AND status = 'active'",
                who.id);
        SQLite::Statement insert(db,
                                 "INSERT INTO plan_enrolments(learner_id, curriculum_id, start_date, interview_date, "
                                 "minutes_per_day, status, created_at) VALUES (?, ?, ?, ?, ?, 'active', ?)");
        const std::optional<std::string> interview =
            e.interview ? std::optional<std::string>(format_date(*e.interview)) : std::nullopt;
        bind_all(insert, who.id, e.curriculum, format_date(e.start), interview, e.minutes_per_day,
                 format_iso8601(ctx.now()));
        insert.exec();
        e.id = db.getLastInsertRowid();
    });
    return e;
}

std::optional<plan_band> current_plan_band(SQLite::Database& db, const content_registry& content,
                                           std::int64_t learner_id, sys_ms now) {
    const auto e = read_enrolment(db, learner_id);
    if (!e) return std::nullopt;
    const curriculum* c = content.find_curriculum(e->curriculum);
    if (!c) return std::nullopt;
    const schedule s = lay_out(*c, *e, load_log(db, e->id), day_of(now));
    if (s.days.empty()) return std::nullopt;
    const auto& day = s.days[static_cast<std::size_t>(std::clamp(s.current, 0, static_cast<int>(s.days.size()) - 1))];
    const json* w = week_doc(*c, day.week);
    if (!w) return std::nullopt;
    plan_band b;
    b.curriculum = c->id;
    b.week = day.week;
    const json band = week_band(*w);
    b.min_difficulty = band.value("min", "easy");
    b.max_difficulty = band.value("max", "hard");
    b.focus = w->value("focus", std::vector<std::string>{});
    return b;
}

void log_plan_activity(SQLite::Database& db, const content_registry& content, std::int64_t learner_id,
                       const std::string& kind, const std::optional<std::string>& ref, sys_ms now) {
    const auto e = read_enrolment(db, learner_id);
    if (!e) return;
    const curriculum* c = content.find_curriculum(e->curriculum);
    if (!c) return;
    const schedule s = lay_out(*c, *e, load_log(db, e->id), day_of(now));
    // Today's days first, then the backlog, oldest first.
    std::vector<int> order = s.today;
    for (const auto& [k, i] : s.backlog)
        if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
    const auto matches = [&](const plan_activity& a) {
        if (a.done || a.kind == "rest") return false;
        const bool kind_ok =
            a.kind == kind || (a.kind == "mock" && kind == "problem") || (a.kind == "problem" && kind == "mock");
        return kind_ok && (!a.ref || (ref && *a.ref == *ref));
    };
    for (int k : order)
        for (const auto& a : s.days[static_cast<std::size_t>(k)].activities)
            if (matches(a)) {
                SQLite::Statement insert(
                    db,
                    "INSERT INTO plan_activity_log(enrolment_id, plan_day, kind, ref, done_at) VALUES (?, ?, ?, ?, ?)");
                bind_all(insert, e->id, k, a.kind, ref, format_iso8601(now));
                insert.exec();
                return;
            }
}

namespace {

/// Drills per day a plan adds at most: short practice, not a second curriculum.
constexpr std::size_t plan_drills_per_day = 3;

/// A short day: the minutes the plan's activities leave (after the drills already done today) go to
/// drills for the weakest dimensions, each counted against the day's minutes.
void fill_with_drills(app_context& ctx, const learner& who, todays_plan& out, int plan_day, int minutes_left) {
    const sys_ms now = ctx.now();
    ctx.db().with_db([&](SQLite::Database& db) {
        SQLite::Statement done(db, "SELECT drill_id FROM drill_attempts WHERE learner_id = ? AND created_at >= ?");
        bind_all(done, who.id, format_iso8601(sys_ms(day_of(now))));
        while (done.executeStep())
            if (const drill* d = ctx.content().find_drill(done.getColumn(0).getString())) minutes_left -= d->minutes;
    });
    if (minutes_left < 2) return;
    for (const auto& r : recommend_drills(ctx.db(), ctx.content(), who, now, minutes_left, plan_drills_per_day)) {
        todays_activity t;
        t.activity.kind = "drill";
        t.activity.ref = r.id;
        t.activity.minutes = r.minutes;
        t.activity.note = "fills the time the day's activities leave";
        t.activity.plan_day = plan_day;
        t.suggested = suggestion{r.id, r.title, r.reasons};
        t.fits = true;
        out.activities.push_back(std::move(t));
    }
}

}  // namespace

todays_plan plan_today(app_context& ctx, const learner& who) {
    const loaded_plan p = load_plan(ctx.db(), ctx.content(), who, ctx.now());
    const auto& s = p.s;
    todays_plan out;
    out.curriculum = p.c->id;
    out.date = format_date(day_of(ctx.now()));
    out.missed_days = s.missed_days;
    if (s.elapsed < 0) {
        out.starts = format_date(p.e.start);
        return out;
    }
    const auto queue = review_counts(ctx.db(), ctx.content(), who.id, ctx.now());
    // Reviews first, capped so a backlog of cards cannot eat the whole day (about 30 s a card).
    const std::int64_t cap = p.e.minutes_per_day ? std::clamp<std::int64_t>(*p.e.minutes_per_day / 2, 5, 60) : 40;
    out.reviews_due = queue.total();
    out.reviews_today = std::min(queue.total(), cap);

    int budget = p.e.minutes_per_day.value_or(1 << 30);
    budget -= static_cast<int>((std::min(queue.total(), cap) + 1) / 2);
    int fitting = 0;  // minutes of today's open activities that fit
    auto add = [&](const plan_activity& a, int plan_day, bool from_backlog) {
        todays_activity t;
        t.activity = view_of(a, plan_day);
        t.backlog = from_backlog;
        if (!a.ref && (a.kind == "problem" || a.kind == "mock" || a.kind == "lesson") && !a.done) {
            // No fixed item: the selector picks one within the week's band and focus.
            try {
                const auto r =
                    recommend_next(ctx, who, a.kind == "lesson" ? activity_kind::lesson : activity_kind::problem);
                t.suggested = suggestion{r.id, r.title, r.reasons};
            } catch (const error&) {
            }
        }
        t.fits = a.done || a.minutes <= budget;
        if (!a.done) budget -= a.minutes;
        if (!a.done && t.fits) fitting += a.minutes;
        out.activities.push_back(std::move(t));
    };
    for (int k : s.today) {
        const auto& d = s.days[static_cast<std::size_t>(k)];
        out.days.push_back({k, d.week, d.day, d.title, d.focus});
        for (const auto& a : d.activities) add(a, k, false);
    }
    for (std::size_t i = 0; i < s.backlog.size() && i < s.backlog_today; ++i) {
        const auto [k, idx] = s.backlog[i];
        add(s.days[static_cast<std::size_t>(k)].activities[idx], k, true);
    }
    if (p.e.minutes_per_day && !s.today.empty())
        fill_with_drills(ctx, who, out, s.today.front(),
                         *p.e.minutes_per_day - static_cast<int>((std::min(queue.total(), cap) + 1) / 2) - fitting);
    out.backlog = s.backlog.size();
    out.adherence = adherence(s, static_cast<int>(s.elapsed));
    if (s.today.empty() && s.backlog.empty()) out.finished = s.current >= static_cast<int>(s.days.size()) - 1;
    return out;
}

plan_overview plan_show(app_context& ctx, const learner& who) {
    const loaded_plan p = load_plan(ctx.db(), ctx.content(), who, ctx.now());
    const auto& s = p.s;
    plan_overview out;
    out.curriculum = p.c->id;
    out.start = format_date(p.e.start);
    if (p.e.interview) out.interview_date = format_date(*p.e.interview);
    out.minutes_per_day = p.e.minutes_per_day;
    out.current_day = s.current;
    out.missed_days = s.missed_days;
    out.backlog = s.backlog.size();
    out.adherence = adherence(s, static_cast<int>(s.elapsed));
    for (const auto& w : p.c->doc.at("weeks")) {
        plan_overview_week week;
        week.number = w.at("number").get<int>();
        week.title = w.value("title", "");
        const json band = week_band(w);
        week.band_min = band.value("min", "");
        week.band_max = band.value("max", "");
        week.focus = w.value("focus", std::vector<std::string>{});
        for (const auto& d : s.days) {
            if (d.week != week.number) continue;
            plan_overview_day day;
            day.plan_day = d.index;
            day.day = d.day;
            day.title = d.title;
            day.date = format_date(p.e.start + rehearse::days(s.offset[static_cast<std::size_t>(d.index)]));
            day.done = d.complete();
            for (const auto& a : d.activities) day.activities.push_back(view_of(a, d.index));
            week.days.push_back(std::move(day));
        }
        out.weeks.push_back(std::move(week));
    }
    return out;
}

plan_done_result plan_done(app_context& ctx, const learner& who, std::string_view kind,
                           const std::optional<std::string>& ref) {
    if (kind != "self-assessment" && kind != "review" && kind != "mock")
        throw value_error("kind", "self-assessment, review or mock", std::string(kind),
                          "lessons and problems are logged as you do them");
    plan_done_result out{std::string(kind)};
    ctx.db().transaction(
        [&](SQLite::Database& db) { log_plan_activity(db, ctx.content(), who.id, out.logged, ref, ctx.now()); });
    return out;
}

void to_json(json& j, const plan_activity_view& a) {
    j = json{{"kind", a.kind}, {"minutes", a.minutes}, {"done", a.done}, {"plan_day", a.plan_day}};
    j["ref"] = optional_json(a.ref);
    if (!a.note.empty()) j["note"] = a.note;
}

void to_json(json& j, const todays_activity& a) {
    j = a.activity;
    j["backlog"] = a.backlog;
    if (a.suggested)
        j["suggested"] = {{"id", a.suggested->id}, {"title", a.suggested->title}, {"reasons", a.suggested->reasons}};
    j["fits"] = a.fits;
}

void to_json(json& j, const todays_plan& t) {
    j = json{{"curriculum", t.curriculum}, {"date", t.date}, {"missed_days", t.missed_days}};
    if (t.starts) {
        j["starts"] = *t.starts;
        j["activities"] = json::array();
        return;
    }
    j["reviews_due"] = t.reviews_due;
    j["reviews_today"] = t.reviews_today;
    json days = json::array();
    for (const auto& d : t.days)
        days.push_back(
            {{"plan_day", d.plan_day}, {"week", d.week}, {"day", d.day}, {"title", d.title}, {"focus", d.focus}});
    j["days"] = days;
    j["activities"] = t.activities;
    j["backlog"] = t.backlog;
    j["adherence"] = t.adherence;
    if (t.finished) j["finished"] = *t.finished;
}

void to_json(json& j, const plan_overview& p) {
    json weeks = json::array();
    for (const auto& w : p.weeks) {
        json days = json::array();
        for (const auto& d : w.days)
            days.push_back({{"plan_day", d.plan_day},
                            {"day", d.day},
                            {"title", d.title},
                            {"date", d.date},
                            {"done", d.done},
                            {"activities", d.activities}});
        weeks.push_back({{"number", w.number},
                         {"title", w.title},
                         {"band", {{"min", w.band_min}, {"max", w.band_max}}},
                         {"focus", w.focus},
                         {"days", days}});
    }
    j = json{{"curriculum", p.curriculum},
             {"start", p.start},
             {"current_day", p.current_day},
             {"missed_days", p.missed_days},
             {"backlog", p.backlog},
             {"adherence", p.adherence},
             {"weeks", weeks}};
    j["interview_date"] = optional_json(p.interview_date);
    j["minutes_per_day"] = p.minutes_per_day ? json(*p.minutes_per_day) : json(nullptr);
}

void to_json(json& j, const enrolment& e) {
    j = json{{"curriculum", e.curriculum}, {"start", format_date(e.start)}};
    j["interview_date"] = e.interview ? json(format_date(*e.interview)) : json(nullptr);
    j["minutes_per_day"] = e.minutes_per_day ? json(*e.minutes_per_day) : json(nullptr);
}

void to_json(json& j, const plan_done_result& r) { j = json{{"logged", r.logged}}; }

}  // namespace rehearse
