#include "rehearse/sim/learner.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/dimensions.hpp"

#include <algorithm>
#include <cmath>

namespace rehearse::sim {

namespace {

double logistic(double x) noexcept { return 1.0 / (1.0 + std::exp(-x)); }

// Streams of one learner's randomness, so drawing more responses never changes who the learner is
// or when they study.
constexpr std::uint64_t stream_person = 0;
constexpr std::uint64_t stream_calendar = 1;
constexpr std::uint64_t stream_responses = 2;

}  // namespace

double exposure(double weight) noexcept { return std::sqrt(std::clamp(weight / 0.2, 0.0, 1.0)); }

double drill_difficulty_rating(const drill& d) noexcept {
    const double base = d.difficulty == "easy" ? -1.0 : d.difficulty == "hard" ? 1.0 : 0.0;
    return base - 0.5;
}

double drill_dose(const drill& d, const world& w) noexcept {
    return std::clamp(static_cast<double>(d.minutes) / w.drill_minutes_per_dose, 0.0, 1.0);
}

const std::vector<std::string>& variant_names() {
    static const std::vector<std::string> names{"default",       "no-forgetting", "easy-optimum", "hard-optimum",
                                                "fast-learners", "slow-learners", "noisy-grading"};
    return names;
}

world make_world(std::string_view variant) {
    world w;
    w.name = std::string(variant);
    if (variant == "default") return w;
    if (variant == "no-forgetting")
        w.forgetting = false;
    else if (variant == "easy-optimum")
        w.optimum = 0.9;  // people who learn best from near-certain success
    else if (variant == "hard-optimum")
        w.optimum = 0.55;  // ... or from struggling
    else if (variant == "fast-learners")
        w.rate_scale = 2.0;
    else if (variant == "slow-learners")
        w.rate_scale = 0.5;
    else if (variant == "noisy-grading") {
        w.grading_noise = 1.0;    // a grader who disagrees with themselves
        w.grading_bias_sd = 0.5;  // ... and is systematically lenient or harsh with a given learner
    } else {
        std::string names;
        for (const auto& n : variant_names()) names += (names.empty() ? "" : ", ") + n;
        throw error(errc::usage, "unknown --variant \"" + std::string(variant) + "\" (" + names + ")");
    }
    return w;
}

learner_model::learner_model(const world& w, std::uint64_t seed, std::uint64_t index)
    : world_(w),
      responses_(derive_seed(seed, index, stream_responses)),
      calendar_(derive_seed(seed, index, stream_calendar)) {
    rng person(derive_seed(seed, index, stream_person));
    // A cohort of beginners-to-intermediates: a personal level, and dimensions scattered around it
    // (everyone has stronger and weaker areas).
    const double level = -0.4 + 0.4 * person.normal();
    const double half_life = w.median_half_life_days * std::exp(0.4 * person.normal());
    for (auto d : all_dimensions) {
        dimension_state s;
        s.initial = s.skill = level + 0.5 * person.normal();
        s.half_life = half_life;
        s.last_day = -1;  // never practised
        state.emplace(std::string(d), s);
    }
    rate_ = w.rate_scale * std::exp(0.35 * person.normal());  // log-normal: a few learn much faster
    grader_bias_ = w.grading_bias_sd * person.normal();
}

double learner_model::skill(std::string_view dimension, double day) const {
    const auto it = state.find(dimension);
    if (it == state.end()) return 0;
    const auto& s = it->second;
    if (!world_.forgetting || s.last_day < 0 || day <= s.last_day) return s.skill;
    // Exponential forgetting of what was learnt, back toward the starting level.
    return s.initial + (s.skill - s.initial) * std::exp2(-(day - s.last_day) / s.half_life);
}

std::array<double, 8> learner_model::skills(double day) const {
    std::array<double, 8> out{};
    for (std::size_t i = 0; i < all_dimensions.size(); ++i) out[i] = skill(all_dimensions[i], day);
    return out;
}

bool learner_model::mastered(double day) const {
    for (auto d : all_dimensions)
        if (skill(d, day) < world_.mastery_threshold) return false;
    return true;
}

double learner_model::expected_success(std::string_view dimension, double rating, double day) const {
    return logistic(skill(dimension, day) - rating);
}

std::map<std::string, double> learner_model::respond(const problem& p, double day) {
    std::map<std::string, double> scores;
    for (const auto& [dim, w] : p.dimensions) {
        if (w <= 0) continue;
        double logit = skill(dim, day) - p.rating + grader_bias_;
        if (world_.grading_noise > 0) logit += world_.grading_noise * responses_.normal();
        // Four rubric points per dimension, each met with the chance the skill gives.
        scores[dim] = responses_.binomial(4, logistic(logit)) / 4.0;
    }
    return scores;
}

void learner_model::practise(const problem& p, double day) {
    for (const auto& [dim, w] : p.dimensions)
        if (w > 0) learn(dim, exposure(w), p.rating, day);
}

double learner_model::respond(const drill& d, double day) {
    double logit = skill(d.dimension, day) - drill_difficulty_rating(d) + grader_bias_;
    if (world_.grading_noise > 0) logit += world_.grading_noise * responses_.normal();
    // Graded like one dimension of a problem: four points, each met with the chance the skill gives.
    return responses_.binomial(4, logistic(logit)) / 4.0;
}

void learner_model::practise(const drill& d, double day) { learn(d.dimension, drill_dose(d, world_), drill_difficulty_rating(d), day); }

void learner_model::learn(const std::string& dimension, double dose, double rating, double day) {
    const auto it = state.find(dimension);
    if (it == state.end()) return;
    auto& s = it->second;
    const double now = skill(dimension, day);
    const double success = logistic(now - rating);
    // Desirable difficulty: learning peaks when success is likely but not certain.
    // A floor: even a badly matched problem teaches a little.
    const double fit = world_.off_optimum_floor + (1.0 - world_.off_optimum_floor) *
                                                      std::exp(-std::pow((success - world_.optimum) / world_.optimum_width, 2));
    if (world_.forgetting && s.last_day >= 0) {
        // Spacing effect: retrieving something half-forgotten lengthens its memory more than
        // rehearsing what is still fresh (massed practice).
        const double retained = std::exp2(-(day - s.last_day) / s.half_life);
        s.half_life *= 1.0 + world_.spacing_boost * dose * (1.0 - retained);
    }
    s.skill = now + world_.gain * rate_ * dose * fit;
    s.last_day = day;
}

const std::vector<double>& learner_model::session_days(std::size_t count) {
    while (days_.size() < count) {
        if (days_.empty()) {
            days_.push_back(0);
            continue;
        }
        // Mostly daily, sometimes a day or two off, now and then a week away.
        const double u = calendar_.uniform();
        const double gap = u < 0.55 ? 1 : u < 0.8 ? 2 : u < 0.94 ? 3 : 7;
        days_.push_back(days_.back() + gap);
    }
    return days_;
}

}  // namespace rehearse::sim
