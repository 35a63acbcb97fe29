#include "rehearse/sim/simulate.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/core/content/rubric.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/selection.hpp"
#include "rehearse/core/storage/store.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

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

/// A selection policy for one learner.
class policy {
   public:
    virtual ~policy() = default;
    virtual const problem& choose(const learner_model& hidden, double day) = 0;
    virtual void observe(const problem&, const std::map<std::string, double>&, double) {}
};

using problem_list = std::vector<const problem*>;

/// Uniformly random problem: no model at all.
class random_policy final : public policy {
   public:
    random_policy(const problem_list& p, std::uint64_t seed) : problems_(p), rng_(seed) {}
    const problem& choose(const learner_model&, double) override { return *problems_[rng_.below(problems_.size())]; }

   private:
    const problem_list& problems_;
    rng rng_;
};

/// Cycles through the dimensions; each turn the problem that weights that dimension most (least
/// used first among equals). Coverage without any notion of difficulty.
class round_robin_policy final : public policy {
   public:
    explicit round_robin_policy(const problem_list& p) : problems_(p) {}
    const problem& choose(const learner_model&, double) override {
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

   private:
    const problem_list& problems_;
    std::size_t turn_ = 0;
    std::map<std::string, int> used_;
};

/// A fixed course: every problem from the easiest to the hardest rating, then again.
class syllabus_policy final : public policy {
   public:
    explicit syllabus_policy(const problem_list& p) : order_(p) {
        std::stable_sort(order_.begin(), order_.end(),
                         [](const problem* a, const problem* b) { return a->rating < b->rating; });
    }
    const problem& choose(const learner_model&, double) override { return *order_[next_++ % order_.size()]; }

   private:
    problem_list order_;
    std::size_t next_ = 0;
};

/// Per-dimension weighted up/down staircase on difficulty (Kaernbach 1991, continuous form): each
/// dimension's level moves up after a score above 0.75 and down after one below, so each level
/// settles where that dimension scores 0.75. The focus dimension rotates; the problem is the one
/// nearest the focus level that weights the focus well.
class staircase_policy final : public policy {
   public:
    explicit staircase_policy(const problem_list& p) : problems_(p) {
        for (auto d : all_dimensions) level_[std::string(d)] = -0.5;
    }
    const problem& choose(const learner_model&, double) override {
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
    void observe(const problem& p, const std::map<std::string, double>& scores, double) override {
        for (const auto& [dim, s] : scores) level_[dim] += 1.2 * exposure(weight_on(p, dim)) * (s - 0.75);
    }

   private:
    const problem_list& problems_;
    std::size_t turn_ = 0;
    std::map<std::string, double> level_;
};

/// Sees the hidden state and the world's rules: picks the problem whose practice (expected, one
/// step ahead) most reduces the squared shortfall below the mastery threshold. An upper reference,
/// not a reachable policy.
class oracle_policy final : public policy {
   public:
    explicit oracle_policy(const problem_list& p) : problems_(p) {}
    const problem& choose(const learner_model& hidden, double day) override {
        const problem* best = nullptr;
        double best_value = 0;
        for (const problem* p : problems_) {
            learner_model ahead = hidden;
            ahead.practise(*p, day);
            const double v = value(ahead, day);
            if (!best || v > best_value + 1e-12) {
                best = p;
                best_value = v;
            }
        }
        return *best;
    }

   private:
    static double value(const learner_model& m, double day) {
        const double goal = m.rules().mastery_threshold + 0.2;  // a margin against forgetting
        double v = 0;
        for (double s : m.skills(day)) v -= std::pow(std::max(0.0, goal - s), 2);
        return v;
    }
    const problem_list& problems_;
};

/// The product: `recommend_next` restricted to problems (what `rehearse next --kind problem` runs)
/// over a real store, and `record_attempt` for every graded attempt, at the simulated instant.
class adaptive_policy final : public policy {
   public:
    adaptive_policy(store& db, const content_registry& content, std::uint64_t index, std::uint64_t seed)
        : db_(db), content_(content) {
        who_ = add_learner(db_, "sim-" + std::to_string(seed) + "-" + std::to_string(index), start_instant);
    }
    const problem& choose(const learner_model&, double day) override {
        const recommendation r = recommend_next(db_, content_, who_, activity_kind::problem, instant_of(day));
        const problem* p = content_.find_problem(r.id);
        if (!p) throw error(errc::internal, "the selector recommended an unknown problem " + r.id);
        return *p;
    }
    void observe(const problem& p, const std::map<std::string, double>& scores, double day) override {
        (void)record_attempt(db_, content_, who_, p, attempt_input(scores), instant_of(day));
    }

   private:
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
    static const std::vector<std::string> names{"adaptive", "random", "round-robin", "syllabus", "staircase", "oracle"};
    return names;
}

result simulate(const content_registry& content, const options& o) {
    if (std::find(policy_names().begin(), policy_names().end(), o.policy) == policy_names().end()) {
        std::string names;
        for (const auto& n : policy_names()) names += (names.empty() ? "" : ", ") + n;
        throw error(errc::usage, "unknown --policy \"" + o.policy + "\" (" + names + ")");
    }
    if (o.learners < 1 || o.sessions < 1) throw error(errc::usage, "--learners and --sessions must be at least 1");
    const world w = make_world(o.variant);
    problem_list problems;
    for (const problem* p : content.problems())
        if (!p->retired && !p->dimensions.empty()) problems.push_back(p);
    if (problems.empty()) throw error(errc::not_found, "no problems are loaded: nothing to simulate");

    std::unique_ptr<store> db;
    if (o.policy == "adaptive") db = std::make_unique<store>(o.store_path);

    result r;
    r.policy = o.policy;
    r.variant = w.name;
    r.learners = o.learners;
    r.sessions = o.sessions;
    r.seed = o.seed;
    std::vector<double> to_mastery;
    double success_sum = 0, auc_sum = 0;
    r.checkpoint = std::min(40, o.sessions);  // the "skill after 40 sessions", or the end of a shorter run
    long long attempts = 0;
    double learning_success_sum = 0;  // attempts made before the learner had mastered everything
    long long learning_attempts = 0;
    for (int i = 0; i < o.learners; ++i) {
        const auto index = static_cast<std::uint64_t>(i);
        learner_model hidden(w, o.seed, index);
        const auto days = hidden.session_days(static_cast<std::size_t>(o.sessions));
        std::unique_ptr<policy> pol;
        if (o.policy == "adaptive")
            pol = std::make_unique<adaptive_policy>(*db, content, index, o.seed);
        else if (o.policy == "random")
            pol = std::make_unique<random_policy>(problems, derive_seed(o.seed, index, stream_policy));
        else if (o.policy == "round-robin")
            pol = std::make_unique<round_robin_policy>(problems);
        else if (o.policy == "syllabus")
            pol = std::make_unique<syllabus_policy>(problems);
        else if (o.policy == "staircase")
            pol = std::make_unique<staircase_policy>(problems);
        else
            pol = std::make_unique<oracle_policy>(problems);

        std::optional<int> mastered_at;
        double curve = 0;
        for (int k = 1; k <= o.sessions; ++k) {
            const double day = days[static_cast<std::size_t>(k - 1)];
            const problem& p = pol->choose(hidden, day);
            const auto scores = hidden.respond(p, day);
            hidden.practise(p, day);
            pol->observe(p, scores, day);

            const double success = rubric_weighted_mean(p, scores);
            success_sum += success;
            ++attempts;
            if (!mastered_at) {
                learning_success_sum += success;
                ++learning_attempts;
            }
            const mastery_summary now = summarise(hidden.skills(day));
            curve += now.mean;
            if (!mastered_at && hidden.mastered(day)) mastered_at = k;
            if (k == r.checkpoint) {
                r.checkpoint_mean += now.mean;
                r.checkpoint_weakest += now.weakest;
            }
        }
        to_mastery.push_back(mastered_at ? *mastered_at : o.sessions);
        if (!mastered_at) ++r.unfinished;
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
    r.finished_share = (n - r.unfinished) / n;
    r.final_mean /= n;
    r.final_weakest /= n;
    r.checkpoint_mean /= n;
    r.checkpoint_weakest /= n;
    r.auc = auc_sum / n;
    r.success_rate = success_sum / static_cast<double>(attempts);
    r.learning_success_rate = learning_success_sum / static_cast<double>(learning_attempts);
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
        {"final_mastery_by_dimension", by_dimension}};
}

}  // namespace rehearse::sim
