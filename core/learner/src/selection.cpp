#include "rehearse/core/learner/selection.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/core/learner/drill_memory.hpp"
#include "rehearse/core/learner/flashcards.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/learner/prediction.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace rehearse {

using nlohmann::json;

namespace {

// Tunables of selection, in one place (docs/learner-model.md explains them).
constexpr std::size_t recent_window = 8;         // attempts behind the realised-success estimate
constexpr double closeness_width = 0.12;         // how fast the score falls away from the target
constexpr double closeness_floor = 0.1;          // a badly matched problem still gives some practice
constexpr double pass_mark = 0.7;                // an attempt at or above this counts as passed
constexpr double failed_retry_days = 3;          // a failed problem comes back after this
constexpr double passed_retry_days = 14;         // a passed one after this
constexpr std::int64_t review_batch = 8;         // this many due cards make reviews the next thing
constexpr double overdue_hours = 24;             // ... or one card overdue this long
constexpr int streak_limit = 2;                  // no focus dimension more than twice in a row
constexpr int drill_window_minutes = 10;         // this much time or less: reviews or a drill, never more
constexpr int minimum_minutes = 2;               // the shortest drill
constexpr double interview_minutes = 45;         // the shortest interview format: what a problem's share is of

std::string fmt(double v, int digits = 2) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}
std::string percent(double v) { return std::to_string(static_cast<int>(std::lround(v * 100))) + "%"; }

int difficulty_rank(std::string_view d) {
    for (std::size_t i = 0; i < all_difficulties.size(); ++i)
        if (all_difficulties[i] == d) return static_cast<int>(i);
    return 1;
}

struct problem_stat {
    std::int64_t attempts = 0;
    sys_ms last_at{};
    double last_success = 0;
};

struct recent_attempt {
    std::string focus;
    double success = 0;        ///< rubric-weighted score of the whole attempt
    double focus_success = 0;  ///< score on its focus dimension (the overall score when none was given)
    sys_ms at{};
};

/// The scores of a problem's latest attempt, when that attempt is recent enough to matter for spacing.
using dimension_scores = std::map<std::string, double, std::less<>>;

/// Everything selection reads from the store, read once.
struct snapshot {
    learner_view view;
    std::map<std::string, problem_stat, std::less<>> problems;
    std::vector<recent_attempt> recent;                                // newest first
    std::map<std::string, dimension_scores, std::less<>> last_scores;  // problem → its latest scores (last 14 days)
    std::int64_t total_attempts = 0;
    std::map<std::string, std::string, std::less<>> lesson_status;  // lesson → started | completed
    std::optional<sys_ms> last_lesson_at;
    review_queue reviews;
    std::optional<plan_band> band;
    std::map<std::string, drill_memory_state, std::less<>> drills;  // drill → its memory
    std::map<std::string, std::vector<double>, std::less<>>
        drill_scores;  // dimension → latest drill scores, newest first
};

snapshot load(SQLite::Database& db, const content_registry& content, std::int64_t learner_id, sys_ms now) {
    snapshot s;
    s.view = view_at(load_skills(db, learner_id), now);

    SQLite::Statement stats(db,
                            "SELECT problem_id, attempts, last_at, last_success FROM learner_problem_stats "
                            "WHERE learner_id = ?");
    stats.bind(1, learner_id);
    while (stats.executeStep()) {
        problem_stat st;
        st.attempts = stats.getColumn(1).getInt64();
        st.last_at = try_parse_iso8601(stats.getColumn(2).getString()).value_or(sys_ms{});
        st.last_success = stats.getColumn(3).getDouble();
        s.problems.emplace(stats.getColumn(0).getString(), st);
        s.total_attempts += st.attempts;
    }

    SQLite::Statement recent(db,
                             "SELECT a.focus, a.overall, a.created_at, s.score FROM attempts a "
                             "LEFT JOIN attempt_scores s ON s.attempt_id = a.id AND s.dimension = a.focus "
                             "WHERE a.learner_id = ? ORDER BY a.created_at DESC, a.id DESC LIMIT ?");
    bind_all(recent, learner_id, static_cast<int>(recent_window));
    while (recent.executeStep()) {
        recent_attempt a;
        a.focus = recent.getColumn(0).isNull() ? "" : recent.getColumn(0).getString();
        a.success = recent.getColumn(1).isNull() ? 0.0 : recent.getColumn(1).getDouble() / 100.0;
        a.at = try_parse_iso8601(recent.getColumn(2).getString()).value_or(sys_ms{});
        a.focus_success = recent.getColumn(3).isNull() ? a.success : recent.getColumn(3).getDouble();
        s.recent.push_back(std::move(a));
    }

    // Per-dimension scores of each problem's latest attempt within the longest hold-back: spacing
    // looks at how the learner did on the dimension the problem would now practise. Bounded to the
    // newest attempts so the cost does not grow with history.
    SQLite::Statement last(db,
                           "SELECT a.problem_id, a.id, s.dimension, s.score FROM attempts a "
                           "JOIN attempt_scores s ON s.attempt_id = a.id WHERE a.id IN (SELECT id FROM attempts "
                           "WHERE learner_id = ? AND created_at >= ? ORDER BY created_at DESC, id DESC LIMIT 40) "
                           "ORDER BY a.created_at DESC, a.id DESC");
    bind_all(last, learner_id, format_iso8601(now - std::chrono::hours(static_cast<int>(24 * passed_retry_days))));
    std::map<std::string, std::int64_t, std::less<>> latest_attempt;
    while (last.executeStep()) {
        const std::string problem_id = last.getColumn(0).getString();
        const std::int64_t attempt_id = last.getColumn(1).getInt64();
        const auto [it, inserted] = latest_attempt.emplace(problem_id, attempt_id);
        if (!inserted && it->second != attempt_id) continue;  // an older attempt at the same problem
        s.last_scores[problem_id][last.getColumn(2).getString()] = last.getColumn(3).getDouble();
    }

    SQLite::Statement lessons(db, "SELECT lesson_id, status, updated_at FROM lesson_progress WHERE learner_id = ?");
    lessons.bind(1, learner_id);
    while (lessons.executeStep()) {
        s.lesson_status.emplace(lessons.getColumn(0).getString(), lessons.getColumn(1).getString());
        const auto at = try_parse_iso8601(lessons.getColumn(2).getString());
        if (at && (!s.last_lesson_at || *at > *s.last_lesson_at)) s.last_lesson_at = at;
    }

    s.reviews = review_counts(db, content, learner_id, now);
    s.band = current_plan_band(db, content, learner_id, now);
    s.drills = load_drill_memory(db, learner_id);
    SQLite::Statement drill_scores(db,
                                   "SELECT dimension, score FROM drill_attempts WHERE learner_id = ? "
                                   "ORDER BY created_at DESC, id DESC LIMIT 40");
    drill_scores.bind(1, learner_id);
    while (drill_scores.executeStep())
        s.drill_scores[drill_scores.getColumn(0).getString()].push_back(drill_scores.getColumn(1).getDouble());
    return s;
}

double mastery_of(const snapshot& s, const std::string& dim) {
    const auto it = s.view.mastery.find(dim);
    return it == s.view.mastery.end() ? 0.0 : it->second;
}

/// The learner's dimensions, weakest first (ties in the rubric order of docs/answers.md).
std::vector<std::string> weakest_first(const snapshot& s) {
    std::vector<std::string> dims;
    for (auto d : all_dimensions) dims.emplace_back(d);
    std::stable_sort(dims.begin(), dims.end(), [&](const std::string& a, const std::string& b) {
        return mastery_of(s, a) < mastery_of(s, b) - 1e-12;
    });
    return dims;
}

struct candidate {
    activity_kind kind{};
    std::string id, title, focus;
    int minutes = 0;
    double score = 0;
    double predicted = 0;
    /// Useful practice per minute of the learner's time (problems and drills): how a drill and a
    /// problem are weighed against each other.
    double rate = 0;
    std::vector<std::string> reasons;
};

struct context {
    const snapshot& s;
    const content_registry& content;
    sys_ms now;
    double target = 0.75;
    std::optional<double> realised;
    std::vector<std::string> weakest;
};

/// The focus dimension that must rest because it led the last two attempts (same rule as the
/// focus recorded with each attempt).
std::optional<std::string> resting_focus(const snapshot& s) {
    std::vector<std::string> latest;
    for (std::size_t i = 0; i < s.recent.size() && i < focus_history; ++i) latest.push_back(s.recent[i].focus);
    return resting_dimension(latest);
}

std::string weakness_reason(const context& c, const std::string& dim) {
    const double m = mastery_of(c.s, dim);
    const double weakest = mastery_of(c.s, c.weakest.front());
    if (c.weakest.front() == dim) return dim + " is your weakest dimension (" + fmt(m) + ")";
    if (m <= weakest + 0.005) return dim + " is among your weakest dimensions (" + fmt(m) + ")";
    return dim + " is one of your weaker dimensions (" + fmt(m) + "; weakest is " + c.weakest.front() + " at " +
           fmt(mastery_of(c.s, c.weakest.front())) + ")";
}

/// P(d, p) = logistic(θ_d − rating_p) for one dimension.
double dimension_success(const snapshot& s, const std::string& dim, double rating) {
    const auto it = s.view.skills.find(dim);
    return model::predicted_success(it == s.view.skills.end() ? model::prior() : it->second, rating);
}

/// A problem takes its interview format's time.
int problem_minutes(const problem& p) {
    const auto f = p.doc.find("format");
    return f != p.doc.end() && f->is_object() ? f->value("minutes", 45) : 45;
}

std::vector<candidate> problem_candidates(const context& c) {
    const auto& s = c.s;
    const share_map best = best_shares(c.content);
    // Interleaving: the dimension that led the last two attempts rests. It is not the focus this
    // time and its need does not drive the choice, so the pick serves the next-weakest dimension.
    const std::optional<std::string> rest = resting_focus(s);
    std::vector<candidate> in_band, all;
    for (const problem* p : c.content.problems()) {
        if (p->retired) continue;
        candidate k;
        k.kind = activity_kind::problem;
        k.id = p->id;
        k.title = p->title;
        k.focus = main_focus(s.view, *p, best, rest);
        k.predicted = predicted_success(s.view, *p);
        k.minutes = problem_minutes(*p);

        // Useful practice, dimension by dimension: how much the dimension needs it (weakest first),
        // how much of the best available practice for it this problem gives, and whether the
        // problem's difficulty suits *that* dimension (its own predicted success near the target).
        // Averaging the prediction over all dimensions would pick problems right for the strong
        // dimensions and too hard for the weak one that decides mastery.
        double value = 0;
        double focus_success = k.predicted;
        for (const auto& [dim, w] : p->dimensions) {
            const double pd = dimension_success(s, dim, p->rating);
            if (dim == k.focus) focus_success = pd;
            if (rest && dim == *rest) continue;
            const double fit =
                closeness_floor + (1 - closeness_floor) * std::exp(-std::pow((pd - c.target) / closeness_width, 2));
            value += need(mastery_of(s, dim)) * relative_share(*p, dim, best) * fit;
        }

        // Spacing by the outcome on the dimension the problem would practise now: a problem whose
        // focus dimension went well was learnt from and is held back (unseen problems teach more);
        // one where it went badly is worth retrying after a short gap.
        double spacing = 1.0;
        std::string spacing_reason = "you have not tried it yet";
        if (const auto it = s.problems.find(p->id); it != s.problems.end()) {
            const auto& st = it->second;
            const double days = std::max(0.0, std::chrono::duration<double>(c.now - st.last_at).count() / 86400.0);
            double outcome = st.last_success;
            std::string outcome_of = "score";
            if (const auto ls = s.last_scores.find(p->id); ls != s.last_scores.end()) {
                if (const auto d = ls->second.find(k.focus); d != ls->second.end()) {
                    outcome = d->second;
                    outcome_of = k.focus + " score";
                }
            }
            const bool passed = outcome >= pass_mark;
            const double interval = passed ? passed_retry_days : failed_retry_days;
            if (days < interval) {
                spacing = 0.05 + 0.95 * std::pow(days / interval, 2);
                spacing_reason = "attempted " + fmt(days, 1) + " days ago (" + outcome_of + " " + fmt(outcome) +
                                 "); it is spaced out until day " + fmt(interval, 0);
            } else if (!passed) {
                spacing = 1.1;  // a failed problem due again: retrieval after a gap is what makes it stick
                spacing_reason = "your " + outcome_of + " on it was " + fmt(outcome) + " " + fmt(days, 0) +
                                 " days ago; problems not yet passed come back after " + fmt(failed_retry_days, 0) +
                                 " days";
            } else {
                spacing = 0.7;  // passed long ago: fine to revisit, but unseen problems teach more
                spacing_reason =
                    "passed " + fmt(days, 0) + " days ago (" + outcome_of + " " + fmt(outcome) + "); due for a revisit";
            }
        }

        double plan_factor = 1.0;
        bool within_band = true;
        if (s.band) {
            const int r = difficulty_rank(p->difficulty);
            within_band = r >= difficulty_rank(s.band->min_difficulty) && r <= difficulty_rank(s.band->max_difficulty);
            if (std::find(s.band->focus.begin(), s.band->focus.end(), k.focus) != s.band->focus.end())
                plan_factor = 1.2;
        }

        k.score = (value + 1e-6) * spacing * plan_factor;
        k.rate = k.score / std::max(1, k.minutes);
        const double share = p->dimensions.count(k.focus) ? p->dimensions.at(k.focus) : 0.0;
        const auto top = best.find(k.focus);
        k.reasons.push_back(weakness_reason(c, k.focus) + "; this problem puts " + percent(share) +
                            " of its weight there (the most any problem gives it is " +
                            percent(top == best.end() ? share : top->second) + "); predicted success " +
                            fmt(k.predicted) + ", on " + k.focus + " " + fmt(focus_success));
        std::string target_reason = "aiming at success " + fmt(c.target) + " on the dimension practised";
        if (c.realised)
            target_reason +=
                " (your recent success there is " + fmt(*c.realised) + "; the target keeps it within 0.70-0.80)";
        k.reasons.push_back(target_reason + "; difficulty " + p->difficulty + " (rating " + fmt(p->rating, 1) + ")");
        k.reasons.push_back(spacing_reason);
        if (s.band && within_band)
            k.reasons.push_back("within week " + std::to_string(s.band->week) + "'s band (" + s.band->min_difficulty +
                                "-" + s.band->max_difficulty + ") of plan " + s.band->curriculum);
        all.push_back(k);
        if (within_band) in_band.push_back(std::move(k));
    }
    auto out = in_band.empty() ? std::move(all) : std::move(in_band);

    // A problem that weights only the resting dimension keeps it as focus: drop it unless nothing
    // else is left.
    if (rest) {
        std::vector<candidate> others;
        for (const auto& k : out)
            if (k.focus != *rest) others.push_back(k);
        if (!others.empty()) {
            for (auto& k : others)
                k.reasons.push_back("interleaving: " + *rest + " led your last " + std::to_string(streak_limit) +
                                    " attempts, so this time the pick serves your next-weakest dimensions");
            out = std::move(others);
        }
    }
    return out;
}

std::vector<candidate> lesson_candidates(const context& c) {
    const auto& s = c.s;
    std::vector<candidate> out;
    for (const lesson* l : c.content.lessons()) {
        if (l->retired) continue;
        const auto status = s.lesson_status.find(l->id);
        if (status != s.lesson_status.end() && status->second == "completed") continue;
        bool ready = true;
        std::vector<std::string> missing;
        for (const auto& pre : l->prerequisites) {
            const auto it = s.lesson_status.find(pre);
            // A retired or unloaded prerequisite cannot be taken, so it must not block what builds on it.
            const lesson* required = c.content.find_lesson(pre);
            if (required && !required->retired && (it == s.lesson_status.end() || it->second != "completed")) {
                ready = false;
                break;
            }
        }
        if (!ready) continue;
        candidate k;
        k.kind = activity_kind::lesson;
        k.id = l->id;
        k.title = l->title;
        k.minutes = l->minutes;
        double best = -1;
        for (const auto& d : l->dimensions)
            if (1.0 - mastery_of(s, d) > best) {
                best = 1.0 - mastery_of(s, d);
                k.focus = d;
            }
        // A lesson's check question is easier than a medium problem; its predicted success is the
        // model's chance on a check of its weakest dimension.
        const auto sk = s.view.skills.find(k.focus);
        k.predicted = model::predicted_success(sk == s.view.skills.end() ? model::prior() : sk->second, -0.5);
        double plan_factor = 1.0;
        if (s.band && std::find(s.band->focus.begin(), s.band->focus.end(), k.focus) != s.band->focus.end())
            plan_factor = 1.2;
        const bool started = status != s.lesson_status.end();
        // Foundations first: fewer prerequisites breaks ties towards the start of the concept graph.
        k.score = best * best * plan_factor * (started ? 1.3 : 1.0) /
                  (1.0 + 0.05 * static_cast<double>(l->prerequisites.size()));
        k.reasons.push_back(weakness_reason(c, k.focus) + "; this lesson teaches it (" + std::to_string(l->minutes) +
                            " minutes, " + std::to_string(l->card_ids.size()) + " flashcards)");
        if (started)
            k.reasons.push_back("you started it and have not finished its check question");
        else if (l->prerequisites.empty())
            k.reasons.push_back("it has no prerequisites");
        else {
            std::string pre;
            for (const auto& p : l->prerequisites) pre += (pre.empty() ? "" : ", ") + p;
            k.reasons.push_back("its prerequisites are done (" + pre + ")");
        }
        out.push_back(std::move(k));
    }
    return out;
}

std::optional<candidate> review_candidate(const context& c, bool explicit_request) {
    const auto& q = c.s.reviews;
    if (q.total() == 0 || !q.first_card) return std::nullopt;
    const bool overdue =
        q.oldest_due && std::chrono::duration<double, std::ratio<3600>>(c.now - *q.oldest_due).count() >= overdue_hours;
    if (!explicit_request && q.total() < review_batch && !overdue) return std::nullopt;
    candidate k;
    k.kind = activity_kind::review;
    k.id = *q.first_card;
    // About 20 seconds a card; a session may stop at any card, so it fits any time.
    k.minutes = static_cast<int>(std::max<std::int64_t>(minimum_minutes, (q.total() + 2) / 3));
    const auto card = find_card(c.content, k.id);
    k.title = std::to_string(q.total()) + " flashcard review" + (q.total() == 1 ? "" : "s") +
              (card ? " (first: " + card->lesson_title + ")" : "");
    k.predicted = fsrs::default_request_retention;  // FSRS schedules a card when recall drops to the retention target
    k.reasons.push_back(std::to_string(q.due) + " card" + (q.due == 1 ? " is" : "s are") + " due and " +
                        std::to_string(q.new_available) + " new card" + (q.new_available == 1 ? "" : "s") +
                        " can be introduced today");
    if (overdue)
        k.reasons.push_back("the oldest card has been due since " + format_iso8601(*q.oldest_due));
    else if (!explicit_request)
        k.reasons.push_back(std::to_string(review_batch) +
                            " or more cards waiting: reviewing now keeps each one short");
    return k;
}

/// Drills that are new to the learner or due again (FSRS), taking at most `max_minutes`, for the
/// weakest dimension that has one: a drill is one dimension's practice, so the pick follows the
/// learner's weakest dimension first, then prefers a drill due again after a miss, then the difficulty
/// that suits that dimension (predicted success near the target).
std::vector<candidate> drill_candidates(const context& c, std::optional<int> max_minutes) {
    const auto& s = c.s;
    const share_map best = best_shares(c.content);
    std::map<std::string, std::vector<candidate>, std::less<>> by_dimension;
    for (const drill* d : c.content.drills()) {
        if (d->retired || (max_minutes && d->minutes > *max_minutes)) continue;
        const auto memory = s.drills.find(d->id);
        if (memory != s.drills.end() && memory->second.due > c.now) continue;
        candidate k;
        k.kind = activity_kind::drill;
        k.id = d->id;
        k.title = d->title;
        k.focus = d->dimension;
        k.minutes = d->minutes;
        const double rating = drill_ability_difficulty(d->difficulty);
        k.predicted = dimension_success(s, d->dimension, rating);
        const double fit = closeness_floor +
                           (1 - closeness_floor) * std::exp(-std::pow((k.predicted - c.target) / closeness_width, 2));
        double again = 1.0;
        std::string spacing_reason = "a drill you have not done yet";
        if (memory != s.drills.end()) {
            const auto& m = memory->second;
            const double days = std::max(0.0, std::chrono::duration<double>(c.now - m.last_review).count() / 86400.0);
            const bool missed = m.last_score < pass_mark;
            again = missed ? 1.5 : 1.2;  // retrieval when it is due is what makes it stick
            spacing_reason = "you scored " + fmt(m.last_score) + " on it " + fmt(days, 0) +
                             " days ago and spaced repetition brings it back today" +
                             (missed ? " (missed drills come back within days)" : "");
        }
        k.score = fit * again;
        // Weighed against a problem by the same value per minute: a problem gives a dimension its share
        // of the interview's time (at best the best share of 45 minutes, e.g. 25% is 11 minutes); a
        // drill gives its dimension all of its own minutes, so its share is those minutes against the
        // best problem's minutes there, at most a full share.
        const auto top = best.find(d->dimension);
        const double best_minutes = interview_minutes * (top == best.end() ? 0.2 : std::max(0.05, top->second));
        const double share = std::min(1.0, d->minutes / best_minutes);
        k.rate = need(mastery_of(s, d->dimension)) * share * fit * again / std::max(1, d->minutes);
        k.reasons.push_back(weakness_reason(c, d->dimension) + "; this drill practises it in " +
                            std::to_string(d->minutes) + " minutes (" + d->kind + ", " + d->difficulty + ")");
        k.reasons.push_back(spacing_reason);
        if (const auto it = s.drill_scores.find(d->dimension); it != s.drill_scores.end() && it->second.size() >= 2) {
            const auto& last = it->second;
            const bool both_missed = last[0] < pass_mark && last[1] < pass_mark;
            k.reasons.push_back(
                "your last two " + d->dimension + " drills scored " + fmt(last[1]) + " and " + fmt(last[0]) +
                (both_missed ? (d->dimension == "estimation" ? ": both estimates were off by more than 2x"
                                                             : ": both below " + fmt(pass_mark))
                             : ""));
        }
        k.reasons.push_back("predicted success " + fmt(k.predicted) + " on " + d->dimension + ", aiming at " +
                            fmt(c.target));
        by_dimension[d->dimension].push_back(std::move(k));
    }
    for (const auto& dim : c.weakest)
        if (const auto it = by_dimension.find(dim); it != by_dimension.end()) return it->second;
    return {};
}

bool better(const candidate& a, const candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;  // deterministic ties
}

std::optional<candidate> best_of(std::vector<candidate> v) {
    if (v.empty()) return std::nullopt;
    return *std::min_element(v.begin(), v.end(), [](const candidate& a, const candidate& b) { return better(a, b); });
}

}  // namespace

std::string_view to_string(activity_kind k) noexcept {
    switch (k) {
        case activity_kind::problem:
            return "problem";
        case activity_kind::lesson:
            return "lesson";
        case activity_kind::review:
            return "review";
        case activity_kind::drill:
            return "drill";
    }
    return "problem";
}

activity_kind parse_activity_kind(std::string_view text) {
    if (text == "problem") return activity_kind::problem;
    if (text == "lesson") return activity_kind::lesson;
    if (text == "review") return activity_kind::review;
    if (text == "drill") return activity_kind::drill;
    throw value_error("kind", "problem, lesson, review or drill", std::string(text));
}

double success_target(std::optional<double> realised, std::size_t attempts) noexcept {
    constexpr double aim = 0.75;
    if (!realised || attempts < 3) return aim;
    // Proportional control: doing worse than the aim → choose easier problems (a higher predicted
    // success), better → harder. Bounded so one bad day does not swing the whole selection.
    return std::clamp(aim + (aim - *realised), 0.62, 0.88);
}

recommendation recommend_next(app_context& ctx, const learner& who, std::optional<activity_kind> only,
                              std::optional<int> minutes) {
    return recommend_next(ctx.db(), ctx.content(), who, only, ctx.now(), minutes);
}

namespace {

/// The kinds a recommendation may be of.
struct allowed_kinds {
    bool review = false, lesson = false, problem = false, drill = false;
};

recommendation recommend_within(store& db, const content_registry& content, const learner& who,
                                const allowed_kinds& allowed, std::optional<activity_kind> only, sys_ms now,
                                std::optional<int> minutes) {
    if (minutes && *minutes < minimum_minutes)
        throw value_error("minutes", "at least " + std::to_string(minimum_minutes), std::to_string(*minutes),
                          "the shortest drill takes 2 minutes");
    snapshot s;
    db.with_db([&](SQLite::Database& conn) { s = load(conn, content, who.id, now); });

    context c{s, content, now, 0.75, std::nullopt, weakest_first(s)};
    if (!s.recent.empty()) {
        double sum = 0;
        // The target is aimed at the focus dimension's predicted success, so the loop tracks the
        // realised score on each attempt's focus dimension.
        for (const auto& a : s.recent) sum += a.focus_success;
        c.realised = sum / static_cast<double>(s.recent.size());
    }
    c.target = success_target(c.realised, s.recent.size());

    // What fits the time given: 10 minutes or less is reviews or a drill; more lets lessons and
    // problems that fit compete, with a drill when nothing longer fits.
    const auto fits = [&](const candidate& k) { return !minutes || k.minutes <= *minutes; };
    const auto fitting = [&](std::vector<candidate> v) {
        v.erase(std::remove_if(v.begin(), v.end(), [&](const candidate& k) { return !fits(k); }), v.end());
        return v;
    };
    const bool short_time = minutes && *minutes <= drill_window_minutes;
    const auto time_reason = [&](candidate& k) {
        if (minutes)
            k.reasons.push_back("it fits the " + std::to_string(*minutes) + " minutes you have (about " +
                                std::to_string(k.minutes) + ")");
    };

    std::optional<candidate> pick;
    if (allowed.review) pick = review_candidate(c, only.has_value());
    if (!pick && only == activity_kind::review)
        throw error(errc::not_found, "no flashcard is due for " + who.name +
                                         " (cards come from lessons you have started: rehearse lesson --lesson ID)");
    if (!pick && allowed.drill && (only == activity_kind::drill || (!only && short_time))) {
        pick = best_of(drill_candidates(c, minutes));
        // Short on time and no drill due or new: whatever reviews are waiting, even a few.
        if (!pick && !only && allowed.review) pick = review_candidate(c, true);
        if (!pick && only == activity_kind::drill)
            throw error(errc::not_found, "no drill is due or new for " + who.name +
                                             (minutes ? " within " + std::to_string(*minutes) + " minutes" : "") +
                                             " (see: rehearse drills)");
        if (!pick)
            throw error(errc::not_found, "nothing fits " + std::to_string(*minutes) + " minutes for " + who.name +
                                             ": no drill is due or new and no flashcard is waiting");
    }
    if (!pick) {
        std::optional<candidate> lesson_pick, problem_pick, drill_pick;
        if (allowed.lesson) lesson_pick = best_of(fitting(lesson_candidates(c)));
        if (allowed.problem) problem_pick = best_of(fitting(problem_candidates(c)));
        if (allowed.drill && !only) drill_pick = best_of(drill_candidates(c, minutes));
        if (minutes && only && !lesson_pick && !problem_pick)
            throw error(errc::not_found, "no " + std::string(to_string(*only)) + " fits " + std::to_string(*minutes) +
                                             " minutes (problems take 45 or 60, lessons their own minutes)");
        if (only == activity_kind::lesson && !lesson_pick)
            throw error(errc::not_found, "no lesson is available for " + who.name +
                                             ": every lesson whose prerequisites are met is done");
        if (only == activity_kind::problem && !problem_pick) throw error(errc::not_found, "no problem is available");
        // Practice is a problem or a drill, whichever gives the learner's weak dimensions more useful
        // practice per minute: a drill when its dimension is the one that needs it and no problem
        // serves it as well (a weakest dimension with no well-matched problem, a dimension that has
        // just failed), and always when no problem fits the time.
        std::optional<candidate> practice = problem_pick;
        if (drill_pick && (!problem_pick || drill_pick->rate > problem_pick->rate)) {
            if (problem_pick)
                drill_pick->reasons.push_back("a better use of the time than a problem now: it gives " +
                                              drill_pick->focus + " more practice a minute than " + problem_pick->id +
                                              " gives your weak dimensions");
            practice = drill_pick;
        }
        if (!pick && lesson_pick && practice) {
            // Teach before testing, then practise: a lesson when the last thing done was not a lesson
            // and it targets a dimension at least as weak as the problem's focus, or when even the
            // best problem is far too hard for now.
            const sys_ms last_attempt = s.recent.empty() ? sys_ms{} : s.recent.front().at;
            const bool last_was_lesson = s.last_lesson_at && *s.last_lesson_at >= last_attempt;
            const bool relevant = mastery_of(s, lesson_pick->focus) <= mastery_of(s, practice->focus) + 0.05;
            const bool too_hard = practice->predicted < c.target - 0.2;
            if ((!last_was_lesson && relevant) || too_hard) {
                if (too_hard)
                    lesson_pick->reasons.push_back("the best-fitting " + std::string(to_string(practice->kind)) +
                                                   " has predicted success only " + fmt(practice->predicted) +
                                                   ": learn first, then practise");
                else
                    lesson_pick->reasons.push_back("teach before testing: after this, a " +
                                                   std::string(to_string(practice->kind)) + " such as " +
                                                   practice->id + " practises it");
                pick = lesson_pick;
            } else {
                practice->reasons.push_back("you just took a lesson: time to practise");
                pick = practice;
            }
        } else if (!pick) {
            pick = lesson_pick ? lesson_pick : practice;
        }
    }
    if (!pick) throw error(errc::not_found, "nothing to recommend: no problems or lessons are loaded");
    time_reason(*pick);

    recommendation r;
    r.kind = pick->kind;
    r.id = pick->id;
    r.title = pick->title;
    r.reasons = std::move(pick->reasons);
    r.predicted_success = pick->predicted;
    r.due_reviews = s.reviews.total();
    if (r.kind != activity_kind::review && r.due_reviews > 0)
        r.reasons.push_back(std::to_string(r.due_reviews) + " flashcard review" + (r.due_reviews == 1 ? "" : "s") +
                            " also waiting (rehearse review)");
    r.focus = pick->focus;
    r.minutes = pick->minutes;
    r.target = c.target;
    r.score = pick->score;
    return r;
}

}  // namespace

recommendation recommend_next(store& db, const content_registry& content, const learner& who,
                              std::optional<activity_kind> only, sys_ms now, std::optional<int> minutes) {
    allowed_kinds allowed;
    allowed.review = !only || *only == activity_kind::review;
    allowed.lesson = !only || *only == activity_kind::lesson;
    allowed.problem = !only || *only == activity_kind::problem;
    // Without --minutes the pick is a review, a lesson or a problem (the `next --json` kinds users and
    // scripts rely on, docs/cli.md); told the time at hand, next weighs drills in too, as practice does.
    allowed.drill = only ? *only == activity_kind::drill : minutes.has_value();
    return recommend_within(db, content, who, allowed, only, now, minutes);
}

recommendation recommend_practice(store& db, const content_registry& content, const learner& who, sys_ms now,
                                  std::optional<int> minutes) {
    allowed_kinds allowed;
    allowed.problem = allowed.drill = true;
    return recommend_within(db, content, who, allowed, std::nullopt, now, minutes);
}

std::vector<recommendation> recommend_drills(store& db, const content_registry& content, const learner& who, sys_ms now,
                                             int minutes, std::size_t count) {
    snapshot s;
    db.with_db([&](SQLite::Database& conn) { s = load(conn, content, who.id, now); });
    context c{s, content, now, 0.75, std::nullopt, weakest_first(s)};
    std::vector<recommendation> out;
    std::set<std::string> taken;
    // One drill per dimension, weakest first: drill_candidates returns the weakest dimension's; the
    // ones already chosen are set aside by marking their dimension done.
    for (const auto& dim : c.weakest) {
        if (out.size() >= count || minutes < minimum_minutes) break;
        context one = c;
        one.weakest = {dim};
        const auto pick = best_of(drill_candidates(one, minutes));
        if (!pick || taken.count(pick->id)) continue;
        taken.insert(pick->id);
        minutes -= pick->minutes;
        recommendation r;
        r.kind = activity_kind::drill;
        r.id = pick->id;
        r.title = pick->title;
        r.reasons = pick->reasons;
        r.predicted_success = pick->predicted;
        r.focus = pick->focus;
        r.minutes = pick->minutes;
        r.target = c.target;
        r.score = pick->score;
        out.push_back(std::move(r));
    }
    return out;
}

void to_json(json& j, const recommendation& r) {
    j = json{{"kind", to_string(r.kind)},
             {"id", r.id},
             {"title", r.title},
             {"reasons", r.reasons},
             {"predicted_success", r.predicted_success},
             {"due_reviews", r.due_reviews},
             {"target_success", r.target},
             {"minutes", r.minutes}};
    if (!r.focus.empty()) j["focus"] = r.focus;
}

}  // namespace rehearse
