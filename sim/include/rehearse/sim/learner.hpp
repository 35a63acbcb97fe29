/// @file
/// The simulated learner: a hidden skill per rubric dimension that grows with practice and fades
/// with time, deliberately a different model from the product's (mastery_model.hpp), so the
/// benchmark does not grade the selector against its own assumptions. docs/simulation.md explains
/// every choice and cites the research behind it.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/sim/random.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::sim {

/// A simulator world: how learners learn, forget and are graded. Variants change one aspect each so
/// the selector cannot be tuned to one world.
struct world {
    std::string name = "default";
    double optimum = 0.75;           ///< expected success at which one practice teaches most
    double optimum_width = 0.25;     ///< how fast learning falls away from the optimum
    double off_optimum_floor = 0.1;  ///< share of the peak learning a badly matched problem still gives
    double gain = 0.5;               ///< logits learnt by a median learner at the optimum, full exposure
    double rate_scale = 1.0;         ///< multiplies every learner's learning rate
    bool forgetting = true;
    double median_half_life_days = 6;  ///< initial memory half-life of a median learner
    double spacing_boost = 2.0;        ///< how much a retrieval after forgetting lengthens the half-life
    double grading_noise = 0;          ///< logit s.d. of the grader's per-dimension noise
    double grading_bias_sd = 0;        ///< logit s.d. of a grader's per-learner bias
    double mastery_threshold = 1.1;    ///< a dimension is mastered at this skill (75% on a medium problem)
    /// Minutes of a drill that teach its dimension what a problem teaches a main dimension (one with
    /// 20 % of the weight: 20 % of a 45-minute interview). docs/simulation.md, *Drills*.
    double drill_minutes_per_dose = 9;
};

/// The variants by name (default, no-forgetting, easy-optimum, hard-optimum, fast-learners,
/// slow-learners, noisy-grading); error(usage) for another name.
world make_world(std::string_view variant);
/// The variant names, in the order above.
const std::vector<std::string>& variant_names();

/// One dimension's hidden state.
struct dimension_state {
    double initial = 0;    ///< skill before any practice: what forgetting decays back toward
    double skill = 0;      ///< skill just after the last practice
    double half_life = 6;  ///< days for the learnt part to halve
    double last_day = 0;   ///< day of the last practice
};

class learner_model {
   public:
    /// Learner `index` of a run with seed `seed` in world `w`: the same person for every policy.
    learner_model(const world& w, std::uint64_t seed, std::uint64_t index);

    /// Hidden skill of a dimension at `day` (forgetting applied).
    double skill(std::string_view dimension, double day) const;
    /// All eight dimensions at `day`.
    std::array<double, 8> skills(double day) const;
    /// True when every dimension is at or above the world's mastery threshold at `day`.
    bool mastered(double day) const;
    /// The true chance of doing well on `dimension` of a problem of rating `rating` at `day`.
    double expected_success(std::string_view dimension, double rating, double day) const;

    /// The grader's per-dimension scores of an attempt at `p` on `day`: Binomial(4, P)/4 per
    /// dimension the problem weights, P = logistic(skill − rating (+ grader bias and noise)).
    std::map<std::string, double> respond(const problem& p, double day);
    /// The learning from an attempt at `p` on `day` (responses first, then learning).
    void practise(const problem& p, double day);
    /// The grader's score of a drill on `day`: Binomial(4, P)/4 on the drill's dimension, P from the
    /// skill against the drill's rating (drill_difficulty_rating).
    double respond(const drill& d, double day);
    /// The learning from a drill on `day`: only its dimension moves, by the drill's dose
    /// (drill_dose) on the same desirable-difficulty curve as a problem.
    void practise(const drill& d, double day);

    /// The day of each session (1-based index k → sessions()[k − 1]); the same for every policy.
    const std::vector<double>& session_days(std::size_t count);

    double learning_rate() const noexcept { return rate_; }
    const world& rules() const noexcept { return world_; }
    /// A copy's state can be changed freely (the oracle's look-ahead).
    std::map<std::string, dimension_state, std::less<>> state;

   private:
    /// One practice of `dose` on `dimension` against difficulty `rating` at `day`: learning on the
    /// desirable-difficulty curve, and the spacing effect on the memory's half-life.
    void learn(const std::string& dimension, double dose, double rating, double day);
    world world_;
    double rate_ = 1;
    double grader_bias_ = 0;
    rng responses_;
    rng calendar_;
    std::vector<double> days_;
};

/// Exposure of a dimension in a problem: sqrt of its rubric weight relative to a main dimension
/// (0.2), capped at 1 — practice time has diminishing returns, so a dimension with 5 % of the
/// weight still gets half the practice.
double exposure(double weight) noexcept;

/// A drill's difficulty on the problems' logit scale: easy −1, medium 0, hard +1, less 0.5 (a drill is
/// a smaller test than a problem of the same difficulty; the product uses the same mapping).
double drill_difficulty_rating(const drill& d) noexcept;

/// The practice a drill gives its dimension, in a problem's exposure units: its minutes over the
/// world's minutes per dose, at most 1 (the whole drill is on its dimension).
double drill_dose(const drill& d, const world& w) noexcept;

}  // namespace rehearse::sim
