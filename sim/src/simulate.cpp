#include "rehearse/sim/simulate.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/core/content/rubric.hpp"
#include "rehearse/core/drills/drill_grading.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/drill_memory.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/selection.hpp"
#include "rehearse/core/storage/store.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse::sim {

namespace {

constexpr std::uint64_t stream_policy = 3;  // a policy's own randomness (random)
const sys_ms start_instant = parse_iso8601("2026-01-05T09:00:00Z");

sys_ms instant_of(double day) {
    return start_instant + std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(day * 86400000.0)));
}

double weight_on(const problem& p, std::string_view dim) {
    const auto it = p.dimensions.find(std::string(dim));
    return it == p.dimensions.end() ? 0.0 : it->second;
}

/// A problem takes its interview format's minutes (45 when the format does not say).
int format_minutes(const problem& p) {
    const auto f = p.doc.find("format");
    return f != p.doc.end() && f->is_object() ? f->value("minutes", 45) : 45;
}

/// One thing a learner does: a problem or a drill.
struct action {
    const problem* p = nullptr;
    const drill* d = nullptr;
    int minutes() const { return p ? format_minutes(*p) : d->minutes; }
};

using problem_list = std::vector<const problem*>;
using drill_list = std::vector<const drill*>;

/// A selection policy for one learner. Without a time budget (`left` empty) a session is one
/// problem; with one, the policy picks actions that fit the minutes left until it returns nothing.
class policy {
   public:
    virtual ~policy() = default;
    virtual std::optional<action> choose(const learner_model& hidden, double day, std::optional<int> left,
                                         bool session_start) = 0;
    virtual void observe(const action&, const std::map<std::string, double>&, double) {}
};

/// The baselines' session: their problem first (when it fits), then drills by their own rule for the
/// minutes left. A baseline without drills (`use_drills` false) does only the problem.
class baseline_policy : public policy {
   public:
    std::optional<action> choose(const learner_model& hidden, double day, std::optional<int> left,
                                 bool session_start) override {
        if (!left) return action{&choose_problem(hidden, day), nullptr};
        if (session_start && use_problems_) {
            const problem& p = choose_problem(hidden, day);
            if (format_minutes(p) <= *left) return action{&p, nullptr};
        }
        if (const drill* d = choose_drill(*left)) return action{nullptr, d};
        return std::nullopt;
    }

   protected:
    virtual const problem& choose_problem(const learner_model& hidden, double day) = 0;
    /// A drill taking at most `left` minutes, or nullptr when none does.
    virtual const drill* choose_drill(int left) = 0;
    bool use_problems_ = true;
};

/// The least used drill of `dim` taking at most `left` minutes whose rating is nearest `level`
/// (any rating when `level` is empty), ties by id; nullptr when none fits.
const drill* nearest_drill(const drill_list& drills, std::string_view dim, int left, std::optional<double> level,
                           std::map<std::string, int>& used) {
    const drill* best = nullptr;
    double best_cost = 0;
    for (const drill* d : drills) {
        if (d->dimension != dim || d->minutes > left) continue;
        const double cost = (level ? std::abs(drill_difficulty_rating(*d) - *level) * 100 : 0) + used[d->id];
        if (!best || cost < best_cost - 1e-12) {
            best = d;
            best_cost = cost;
        }
    }
    if (best) ++used[best->id];
    return best;
}

/// Uniformly random problem, and uniformly random drills that fit: no model at all.
class random_policy final : public baseline_policy {
   public:
    random_policy(const problem_list& p, const drill_list& d, std::uint64_t seed) : problems_(p), drills_(d), rng_(seed) {}

   protected:
    const problem& choose_problem(const learner_model&, double) override {
        return *problems_[rng_.below(problems_.size())];
    }
    const drill* choose_drill(int left) override {
        drill_list fitting;
        for (const drill* d : drills_)
            if (d->minutes <= left) fitting.push_back(d);
        return fitting.empty() ? nullptr : fitting[rng_.below(fitting.size())];
    }

   private:
    const problem_list& problems_;
    const drill_list& drills_;
    rng rng_;
};

/// Cycles through the dimensions; each turn the problem that weights that dimension most (least
/// used first among equals), or a drill of that dimension (least used first). Coverage without any
/// notion of difficulty.
class round_robin_policy final : public baseline_policy {
   public:
    round_robin_policy(const problem_list& p, const drill_list& d) : problems_(p), drills_(d) {}

   protected:
    const problem& choose_problem(const learner_model&, double) override {
        const auto dim = all_dimensions[turn_++ % all_dimensions.size()];
        const problem* best = nullptr;
        for (const problem* p : problems_) {
            if (!best) {
                best = p;
                continue;
            }
            const double w = weight_on(*p, dim), bw = weight_on(*best, dim);
            if (w > bw + 1e-12 || (std::abs(w - bw) <= 1e-12 && used_[p->id] < used_[best->id])) best = p;
        }
        ++used_[best->id];
        return *best;
    }
    const drill* choose_drill(int left) override {
        for (std::size_t tries = 0; tries < all_dimensions.size(); ++tries)
            if (const drill* d = nearest_drill(drills_, all_dimensions[turn_++ % all_dimensions.size()], left,
                                               std::nullopt, used_))
                return d;
        return nullptr;
    }

   private:
    const problem_list& problems_;
    const drill_list& drills_;
    std::size_t turn_ = 0;
    std::map<std::string, int> used_;
};

/// A fixed course: every problem from the easiest to the hardest rating, then again; the drills
/// likewise, from easy to hard.
class syllabus_policy final : public baseline_policy {
   public:
    syllabus_policy(const problem_list& p, const drill_list& d) : order_(p), drill_order_(d) {
        std::stable_sort(order_.begin(), order_.end(),
                         [](const problem* a, const problem* b) { return a->rating < b->rating; });
        std::stable_sort(drill_order_.begin(), drill_order_.end(), [](const drill* a, const drill* b) {
            return difficulty_rank(a->difficulty) < difficulty_rank(b->difficulty);
        });
    }

   protected:
    const problem& choose_problem(const learner_model&, double) override { return *order_[next_++ % order_.size()]; }
    const drill* choose_drill(int left) override {
        for (std::size_t tries = 0; tries < drill_order_.size(); ++tries) {
            const drill* d = drill_order_[next_drill_++ % drill_order_.size()];
            if (d->minutes <= left) return d;
        }
        return nullptr;
    }

   private:
    problem_list order_;
    drill_list drill_order_;
    std::size_t next_ = 0, next_drill_ = 0;
};

/// Per-dimension weighted up/down staircase on difficulty (Kaernbach 1991, continuous form): each
/// dimension's level moves up after a score above 0.75 and down after one below, so each level
/// settles where that dimension scores 0.75. The focus dimension rotates; the problem is the one
/// nearest the focus level that weights the focus well, a drill the focus dimension's drill nearest
/// its level. With `problems` false it is the drills-only baseline: every session all drills.
class staircase_policy final : public baseline_policy {
   public:
    staircase_policy(const problem_list& p, const drill_list& d, bool problems) : problems_(p), drills_(d) {
        use_problems_ = problems;
        for (auto dim : all_dimensions) level_[std::string(dim)] = -0.5;
    }
    void observe(const action& a, const std::map<std::string, double>& scores, double) override {
        for (const auto& [dim, s] : scores)
            level_[dim] += 1.2 * (a.p ? exposure(weight_on(*a.p, dim)) : 1.0) * (s - 0.75);
    }

   protected:
    const problem& choose_problem(const learner_model&, double) override {
        const std::string dim(all_dimensions[turn_++ % all_dimensions.size()]);
        const problem* best = nullptr;
        double best_cost = 0;
        for (const problem* p : problems_) {
            // A miss of 0.5 logit in difficulty costs about as much as a 0.1 lower weight.
            const double cost = std::abs(p->rating - level_[dim]) - 5.0 * weight_on(*p, dim) * 0.5;
            if (!best || cost < best_cost - 1e-12) {
                best = p;
                best_cost = cost;
            }
        }
        return *best;
    }
    const drill* choose_drill(int left) override {
        for (std::size_t tries = 0; tries < all_dimensions.size(); ++tries) {
            const std::string dim(all_dimensions[turn_++ % all_dimensions.size()]);
            if (const drill* d = nearest_drill(drills_, dim, left, level_[dim], used_)) return d;
        }
        return nullptr;
    }

   private:
    const problem_list& problems_;
    const drill_list& drills_;
    std::size_t turn_ = 0;
    std::map<std::string, double> level_;
    std::map<std::string, int> used_;
};

/// Sees the hidden state and the world's rules: picks the action whose practice (expected, one step
/// ahead) most reduces the squared shortfall below the mastery threshold — per minute when the
/// session has a time budget. An upper reference, not a reachable policy.
class oracle_policy final : public policy {
   public:
    oracle_policy(const problem_list& p, const drill_list& d) : problems_(p), drills_(d) {}
    std::optional<action> choose(const learner_model& hidden, double day, std::optional<int> left, bool) override {
        std::optional<action> best;
        double best_value = 0;
        const double before = value(hidden, day);
        const auto consider = [&](const action& a, double v) {
            if (!best || v > best_value + 1e-12) {
                best = a;
                best_value = v;
            }
        };
        for (const problem* p : problems_) {
            if (left && format_minutes(*p) > *left) continue;
            learner_model ahead = hidden;
            ahead.practise(*p, day);
            const double v = value(ahead, day);
            consider(action{p, nullptr}, left ? (v - before) / format_minutes(*p) : v);
        }
        if (left)
            for (const drill* d : drills_) {
                if (d->minutes > *left) continue;
                learner_model ahead = hidden;
                ahead.practise(*d, day);
                consider(action{nullptr, d}, (value(ahead, day) - before) / d->minutes);
            }
        return best;
    }

   private:
    static double value(const learner_model& m, double day) {
        const double goal = m.rules().mastery_threshold + 0.2;  // a margin against forgetting
        double v = 0;
        for (double s : m.skills(day)) v -= std::pow(std::max(0.0, goal - s), 2);
        return v;
    }
    const problem_list& problems_;
    const drill_list& drills_;
};

/// The product: `recommend_next` restricted to problems (what `rehearse next --kind problem` runs)
/// when a session is one problem, `recommend_practice` (problems and drills weighed as `next` weighs
/// them, for the minutes left) when it has a time budget; over a real store, with `record_attempt`
/// for every graded attempt and `record_drill_practice` for every drill (as `rehearse drill` records
/// a graded drill), at the simulated instant.
class adaptive_policy final : public policy {
   public:
    adaptive_policy(store& db, const content_registry& content, std::uint64_t index, std::uint64_t seed)
        : db_(db), content_(content) {
        who_ = add_learner(db_, "sim-" + std::to_string(seed) + "-" + std::to_string(index), start_instant);
    }
    std::optional<action> choose(const learner_model&, double day, std::optional<int> left, bool) override {
        if (!left) {
            const recommendation r = recommend_next(db_, content_, who_, activity_kind::problem, instant_of(day));
            return action{&problem_of(r), nullptr};
        }
        try {
            const recommendation r = recommend_practice(db_, content_, who_, instant_of(day), *left);
            if (r.kind == activity_kind::drill) {
                const drill* d = content_.find_drill(r.id);
                if (!d) throw error(errc::internal, "the selector recommended an unknown drill " + r.id);
                return action{nullptr, d};
            }
            return action{&problem_of(r), nullptr};
        } catch (const error& e) {
            if (e.code() == errc::not_found) return std::nullopt;  // nothing fits the minutes left
            throw;
        }
    }
    void observe(const action& a, const std::map<std::string, double>& scores, double day) override {
        if (a.p) {
            (void)record_attempt(db_, content_, who_, *a.p, attempt_input(scores), instant_of(day));
            return;
        }
        const double score = scores.at(a.d->dimension);
        const bool correct = score >= drill_pass_mark;
        db_.transaction([&](SQLite::Database& conn) {
            (void)record_drill_practice(conn, content_, who_.id, *a.d, score, correct, "",
                                        nlohmann::json{{"drill", a.d->id}, {"score", score}, {"correct", correct}},
                                        instant_of(day));
        });
    }

   private:
    const problem& problem_of(const recommendation& r) const {
        const problem* p = content_.find_problem(r.id);
        if (!p) throw error(errc::internal, "the selector recommended an unknown problem " + r.id);
        return *p;
    }
    store& db_;
    const content_registry& content_;
    learner who_;
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/// Shown mastery over the dimensions of one learner: the mean and the weakest.
struct mastery_summary {
    double mean = 0, weakest = 1;
};
mastery_summary summarise(const std::array<double, 8>& skills) {
    mastery_summary out;
    for (double s : skills) {
        out.mean += shown_mastery(s) / static_cast<double>(skills.size());
        out.weakest = std::min(out.weakest, shown_mastery(s));
    }
    return out;
}

double round4(double v) { return std::round(v * 1e4) / 1e4; }

}  // namespace

double shown_mastery(double skill) noexcept { return 1.0 / (1.0 + std::exp(-skill)); }

const std::vector<std::string>& policy_names() {
    static const std::vector<std::string> names{"adaptive",  "random", "round-robin", "syllabus",
                                                "staircase", "oracle", "drills-only"};
    return names;
}

result simulate(const content_registry& content, const options& o) {
    if (std::find(policy_names().begin(), policy_names().end(), o.policy) == policy_names().end()) {
        std::string names;
        for (const auto& n : policy_names()) names += (names.empty() ? "" : ", ") + n;
        throw error(errc::usage, "unknown --policy \"" + o.policy + "\" (" + names + ")");
    }
    if (o.learners < 1 || o.sessions < 1) throw error(errc::usage, "--learners and --sessions must be at least 1");
    if (o.session_minutes != 0 && (o.session_minutes < 10 || o.session_minutes > 600))
        throw error(errc::usage, "--session-minutes must be between 10 and 600");
    const bool timed = o.session_minutes > 0;  // sessions of so many minutes, problems and drills
    if (o.policy == "drills-only" && !timed)
        throw error(errc::usage, "--policy drills-only needs --session-minutes (without it a session is one problem)");
    const world w = make_world(o.variant);
    problem_list problems;
    for (const problem* p : content.problems())
        if (!p->retired && !p->dimensions.empty()) problems.push_back(p);
    if (problems.empty()) throw error(errc::not_found, "no problems are loaded: nothing to simulate");
    drill_list drills;
    for (const drill* d : content.drills())
        if (!d->retired && d->minutes > 0) drills.push_back(d);
    if (timed && drills.empty() && o.policy == "drills-only")
        throw error(errc::not_found, "no drills are loaded: nothing for --policy drills-only to do");

    std::unique_ptr<store> db;
    if (o.policy == "adaptive") db = std::make_unique<store>(o.store_path);

    result r;
    r.policy = o.policy;
    r.variant = w.name;
    r.learners = o.learners;
    r.sessions = o.sessions;
    r.seed = o.seed;
    r.session_minutes = o.session_minutes;
    // The horizon in minutes: K sessions of the budget, or of at most an hour when a session is one
    // problem (the longest interview format).
    r.horizon_minutes = o.sessions * (timed ? o.session_minutes : 60);
    std::vector<double> to_mastery, minutes_to_mastery;
    double success_sum = 0, auc_sum = 0;
    r.checkpoint = std::min(40, o.sessions);  // the "skill after 40 sessions", or the end of a shorter run
    long long attempts = 0;
    double learning_success_sum = 0;  // attempts made before the learner had mastered everything
    long long learning_attempts = 0;
    long long problems_done = 0, drills_done = 0;
    double minutes_studied = 0;
    for (int i = 0; i < o.learners; ++i) {
        const auto index = static_cast<std::uint64_t>(i);
        learner_model hidden(w, o.seed, index);
        const auto days = hidden.session_days(static_cast<std::size_t>(o.sessions));
        std::unique_ptr<policy> pol;
        if (o.policy == "adaptive")
            pol = std::make_unique<adaptive_policy>(*db, content, index, o.seed);
        else if (o.policy == "random")
            pol = std::make_unique<random_policy>(problems, drills, derive_seed(o.seed, index, stream_policy));
        else if (o.policy == "round-robin")
            pol = std::make_unique<round_robin_policy>(problems, drills);
        else if (o.policy == "syllabus")
            pol = std::make_unique<syllabus_policy>(problems, drills);
        else if (o.policy == "staircase")
            pol = std::make_unique<staircase_policy>(problems, drills, true);
        else if (o.policy == "drills-only")
            pol = std::make_unique<staircase_policy>(problems, drills, false);
        else
            pol = std::make_unique<oracle_policy>(problems, drills);

        std::optional<int> mastered_at;
        std::optional<double> mastered_minutes;
        double curve = 0, studied = 0;
        for (int k = 1; k <= o.sessions; ++k) {
            const double day = days[static_cast<std::size_t>(k - 1)];
            int used = 0;  // minutes of this session so far
            double at = day;
            for (bool start = true;; start = false) {
                const std::optional<int> left =
                    timed ? std::optional<int>(o.session_minutes - used) : std::optional<int>();
                if (!start && !timed) break;  // one problem a session
                if (left && *left < 2) break;  // the shortest drill takes 2 minutes
                // Each action starts when the previous one ended (the product sees distinct instants).
                at = day + used / 1440.0;
                const std::optional<action> a = pol->choose(hidden, at, left, start);
                if (!a) break;
                std::map<std::string, double> scores;
                double success = 0;
                if (a->p) {
                    scores = hidden.respond(*a->p, at);
                    hidden.practise(*a->p, at);
                    success = rubric_weighted_mean(*a->p, scores);
                    ++problems_done;
                } else {
                    success = hidden.respond(*a->d, at);
                    scores[a->d->dimension] = success;
                    hidden.practise(*a->d, at);
                    ++drills_done;
                }
                pol->observe(*a, scores, at);
                used += a->minutes();
                studied += a->minutes();
                success_sum += success;
                ++attempts;
                if (!mastered_at) {
                    learning_success_sum += success;
                    ++learning_attempts;
                }
                if (!mastered_at && hidden.mastered(at)) {
                    mastered_at = k;
                    mastered_minutes = studied;
                }
            }
            const mastery_summary now = summarise(hidden.skills(at));
            curve += now.mean;
            if (k == r.checkpoint) {
                r.checkpoint_mean += now.mean;
                r.checkpoint_weakest += now.weakest;
            }
        }
        to_mastery.push_back(mastered_at ? *mastered_at : o.sessions);
        minutes_to_mastery.push_back(mastered_minutes ? *mastered_minutes : r.horizon_minutes);
        if (!mastered_at) ++r.unfinished;
        minutes_studied += studied;
        auc_sum += curve / o.sessions;
        const auto final_skills = hidden.skills(days.back());
        for (std::size_t d = 0; d < final_skills.size(); ++d)
            r.final_by_dimension[std::string(all_dimensions[d])] += shown_mastery(final_skills[d]) / o.learners;
        const mastery_summary last = summarise(final_skills);
        r.final_mean += last.mean;
        r.final_weakest += last.weakest;
    }
    const double n = o.learners;
    double sum = 0;
    for (double v : to_mastery) sum += v;
    r.mastery_mean = sum / n;
    r.mastery_median = median(to_mastery);
    double minutes_sum = 0;
    for (double v : minutes_to_mastery) minutes_sum += v;
    r.minutes_mean = minutes_sum / n;
    r.minutes_median = median(minutes_to_mastery);
    r.study_minutes = minutes_studied / n;
    r.problems_per_learner = static_cast<double>(problems_done) / n;
    r.drills_per_learner = static_cast<double>(drills_done) / n;
    r.finished_share = (n - r.unfinished) / n;
    r.final_mean /= n;
    r.final_weakest /= n;
    r.checkpoint_mean /= n;
    r.checkpoint_weakest /= n;
    r.auc = auc_sum / n;
    r.success_rate = success_sum / static_cast<double>(attempts);
    r.learning_success_rate =
        learning_attempts ? learning_success_sum / static_cast<double>(learning_attempts) : r.success_rate;
    return r;
}

nlohmann::json result_json(const result& r) {
    nlohmann::json by_dimension = nlohmann::json::object();
    for (const auto& [dim, m] : r.final_by_dimension) by_dimension[dim] = round4(m);
    return {
        {"policy", r.policy},
        {"learners", r.learners},
        {"sessions", r.sessions},
        {"sessions_to_mastery",
         {{"mean", round4(r.mastery_mean)}, {"median", round4(r.mastery_median)}, {"unfinished", r.unfinished}}},
        {"final_mastery", {{"mean", round4(r.final_mean)}, {"weakest", round4(r.final_weakest)}}},
        {"variant", r.variant},
        {"seed", r.seed},
        {"finished_share", round4(r.finished_share)},
        {"mastery_after",
         {{"sessions", r.checkpoint}, {"mean", round4(r.checkpoint_mean)}, {"weakest", round4(r.checkpoint_weakest)}}},
        {"auc", round4(r.auc)},
        {"success_rate", round4(r.success_rate)},
        {"success_rate_while_learning", round4(r.learning_success_rate)},
        {"final_mastery_by_dimension", by_dimension},
        {"session_minutes", r.session_minutes > 0 ? nlohmann::json(r.session_minutes) : nlohmann::json(nullptr)},
        {"minutes_to_mastery",
         {{"mean", round4(r.minutes_mean)},
          {"median", round4(r.minutes_median)},
          {"unfinished", r.unfinished},
          {"horizon", r.horizon_minutes}}},
        {"study_minutes", round4(r.study_minutes)},
        {"per_learner", {{"problems", round4(r.problems_per_learner)}, {"drills", round4(r.drills_per_learner)}}}};
}

}  // namespace rehearse::sim
