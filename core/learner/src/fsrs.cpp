// Results must agree with ts-fsrs to the last bit where it rounds, so floating-point
// contraction (fused multiply-add) is switched off: JavaScript never fuses.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "rehearse/core/learner/fsrs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

namespace rehearse::fsrs {

namespace {

constexpr std::int64_t ms_per_day = 86'400'000;
constexpr std::int64_t ms_per_minute = 60'000;

// JavaScript's clamp(value, min, max) = Math.min(Math.max(value, min), max).
double clamp(double value, double lo, double hi) { return std::min(std::max(value, lo), hi); }

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

time_point add_minutes(time_point t, std::int64_t minutes) {
    return t + std::chrono::milliseconds{minutes * ms_per_minute};
}

time_point add_days(time_point t, std::int64_t days) { return t + std::chrono::milliseconds{days * ms_per_day}; }

// Valid range of each weight (ts-fsrs CLAMP_PARAMETERS with the default w17/w18 ceiling).
constexpr double w17_w18_ceiling = 2.0;

}  // namespace

std::string_view to_string(card_state s) noexcept {
    switch (s) {
        case card_state::new_card:
            return "new";
        case card_state::learning:
            return "learning";
        case card_state::review:
            return "review";
        case card_state::relearning:
            return "relearning";
    }
    return "new";
}

std::optional<card_state> parse_card_state(std::string_view s) noexcept {
    if (s == "new") return card_state::new_card;
    if (s == "learning") return card_state::learning;
    if (s == "review") return card_state::review;
    if (s == "relearning") return card_state::relearning;
    return std::nullopt;
}

std::optional<rating> rating_from_int(std::int64_t value) noexcept {
    if (value < 1 || value > 4) return std::nullopt;
    return static_cast<rating>(value);
}

double js_round(double x) noexcept {
    if (!std::isfinite(x)) return x;
    const double r = std::floor(x);
    // x - floor(x) is exact in binary floating point.
    return (x - r >= 0.5) ? r + 1.0 : r;
}

double round_to(double x, int decimals) noexcept {
    const double factor = std::pow(10.0, decimals);  // exact for the small powers used
    return js_round(x * factor) / factor;
}

/// toFixed(8) through the exact decimal expansion: the reference for the fast path below.
double to_fixed_8_by_printing(double x) {
    if (!std::isfinite(x) || std::fabs(x) >= 1e21) return x;
    // The exact decimal expansion of a double terminates within 1074 fractional digits;
    // print all of it so that nothing is rounded before we decide.
    std::string buf(1200, '\0');
    const int n = std::snprintf(buf.data(), buf.size(), "%.1080f", std::fabs(x));
    buf.resize(static_cast<std::size_t>(n));
    const auto dot = buf.find('.');
    std::string digits = buf.substr(0, dot) + buf.substr(dot + 1, 8);
    // Ties (a 9th digit of 5 followed by zeros) go to the larger magnitude, as in toFixed.
    if (buf[dot + 9] >= '5') {
        std::size_t i = digits.size();
        while (i > 0) {
            --i;
            if (digits[i] == '9') {
                digits[i] = '0';
            } else {
                ++digits[i];
                break;
            }
            if (i == 0) digits.insert(digits.begin(), '1');
        }
    }
    const std::string text = digits.substr(0, digits.size() - 8) + "." + digits.substr(digits.size() - 8);
    const double v = std::strtod(text.c_str(), nullptr);
    return std::signbit(x) ? -v : v;
}

double to_fixed_8(double x) {
    // Every review reads the stability through toFixed(8), so printing 1,080 digits each time made
    // the replay as slow as the JavaScript reference. The same decision, exactly, in a few flops:
    // y = |x|·1e8 is p + e exactly (e from fma), k = floor(y), and y is compared with the tie
    // point k + 0.5 without rounding (p − (k + 0.5) is exact by Sterbenz, adding e keeps the sign).
    // k' / 1e8 is then the correctly rounded double of the decimal k'·10⁻⁸, as strtod gives.
    const double ax = std::fabs(x);
    if (!std::isfinite(x) || ax >= 4e7) return to_fixed_8_by_printing(x);  // k must stay below 2^52
    const double p = ax * 1e8;
    const double e = std::fma(ax, 1e8, -p);
    double k = std::floor(p);
    if (k == p && e < 0) k -= 1;  // the exact product lies just below the integer p
    const double above_tie = (p - (k + 0.5)) + e;
    const double v = (above_tie >= 0 ? k + 1 : k) / 1e8;
    return std::signbit(x) ? -v : v;
}

std::int64_t utc_day_difference(time_point from, time_point to) noexcept {
    const auto d1 = floor_div(from.time_since_epoch().count(), ms_per_day);
    const auto d2 = floor_div(to.time_since_epoch().count(), ms_per_day);
    return d2 - d1;
}

std::int64_t whole_days_between(time_point from, time_point to) noexcept {
    return floor_div((to - from).count(), ms_per_day);
}

std::array<double, weight_count> clip_weights(const std::array<double, weight_count>& w,
                                              std::size_t relearning_step_count, bool enable_short_term) {
    std::array<std::pair<double, double>, weight_count> range{{
        {stability_min, 100.0},  // w0..w3: initial stabilities (INIT_S_MAX)
        {stability_min, 100.0},
        {stability_min, 100.0},
        {stability_min, 100.0},
        {1.0, 10.0},
        {0.001, 4.0},
        {0.001, 4.0},
        {0.001, 0.75},
        {0.0, 4.5},
        {0.0, 0.8},
        {0.001, 3.5},
        {0.001, 5.0},
        {0.001, 0.25},
        {0.001, 0.9},
        {0.0, 4.0},
        {0.0, 1.0},
        {1.0, 6.0},
        {0.0, w17_w18_ceiling},
        {0.0, w17_w18_ceiling},
        {enable_short_term ? 0.01 : 0.0, 0.8},
        {0.1, 0.8},
    }};
    // With several relearning steps, w17 * w18 is bounded so that the steps cannot raise
    // the stability of a forgotten card above what the forget formula gives.
    if (relearning_step_count > 1) {
        const double w11 = clamp(w[11], range[11].first, range[11].second);
        const double w13 = clamp(w[13], range[13].first, range[13].second);
        const double w14 = clamp(w[14], range[14].first, range[14].second);
        const double value = -(std::log(w11) + std::log(std::pow(2.0, w13) - 1.0) + w14 * 0.3) /
                             static_cast<double>(relearning_step_count);
        const double ceiling = clamp(round_to(std::sqrt(std::max(value, 0.0)), 8), 0.01, w17_w18_ceiling);
        range[17].second = ceiling;
        range[18].second = ceiling;
    }
    std::array<double, weight_count> out{};
    for (std::size_t i = 0; i < weight_count; ++i) {
        const double v = std::isnan(w[i]) ? 0.0 : w[i];  // `parameters[i] || 0`
        out[i] = clamp(v, range[i].first, range[i].second);
    }
    return out;
}

scheduler::scheduler(parameters p) : params_(std::move(p)) {
    for (double v : params_.w) {
        if (!std::isfinite(v)) throw fsrs_error("FSRS weights must be finite numbers");
    }
    if (!(params_.request_retention > min_request_retention && params_.request_retention <= max_request_retention)) {
        throw fsrs_error("desired retention must be in the range (0, 1]");
    }
    if (params_.maximum_interval < min_maximum_interval) throw fsrs_error("maximum interval must be at least 1 day");
    for (const auto* steps : {&params_.learning_steps, &params_.relearning_steps}) {
        for (auto m : *steps) {
            if (m < 0) throw fsrs_error("learning steps must not be negative");
        }
    }
    params_.w = clip_weights(params_.w, params_.relearning_steps.size(), params_.enable_short_term);

    decay_ = -params_.w[20];
    factor_ = round_to(std::exp((1.0 / decay_) * std::log(0.9)) - 1.0, 8);
    interval_modifier_ = round_to((std::pow(params_.request_retention, 1.0 / decay_) - 1.0) / factor_, 8);
}

double scheduler::forgetting_curve(double elapsed_days, double stability) const {
    return round_to(std::pow(1.0 + factor_ * elapsed_days / stability, decay_), 8);
}

std::int64_t scheduler::next_interval(double stability) const {
    const double ivl = std::min(std::max(1.0, js_round(stability * interval_modifier_)),
                                static_cast<double>(params_.maximum_interval));
    return static_cast<std::int64_t>(ivl);
}

double scheduler::init_stability(rating g) const { return std::max(params_.w[static_cast<std::size_t>(g) - 1], 0.1); }

double scheduler::init_difficulty(rating g) const {
    const auto& w = params_.w;
    const double d = w[4] - std::exp((static_cast<double>(g) - 1.0) * w[5]) + 1.0;
    return round_to(d, 8);
}

double scheduler::next_difficulty(double d, rating g) const {
    const auto& w = params_.w;
    const double delta_d = -w[6] * (static_cast<double>(g) - 3.0);
    const double damping = round_to(delta_d * (10.0 - d) / 9.0, 8);  // linear damping
    const double next_d = d + damping;
    const double reverted = round_to(w[7] * init_difficulty(rating::easy) + (1.0 - w[7]) * next_d, 8);
    return clamp(reverted, 1.0, 10.0);
}

double scheduler::next_recall_stability(double d, double s, double r, rating g) const {
    const auto& w = params_.w;
    const double hard_penalty = g == rating::hard ? w[15] : 1.0;
    const double easy_bonus = g == rating::easy ? w[16] : 1.0;
    const double grow = std::exp(w[8]) * (11.0 - d) * std::pow(s, -w[9]) * (std::exp((1.0 - r) * w[10]) - 1.0) *
                        hard_penalty * easy_bonus;
    return round_to(clamp(s * (1.0 + grow), stability_min, stability_max), 8);
}

double scheduler::next_forget_stability(double d, double s, double r) const {
    const auto& w = params_.w;
    const double v = w[11] * std::pow(d, -w[12]) * (std::pow(s + 1.0, w[13]) - 1.0) * std::exp((1.0 - r) * w[14]);
    return round_to(clamp(v, stability_min, stability_max), 8);
}

double scheduler::next_short_term_stability(double s, rating g) const {
    const auto& w = params_.w;
    const double gd = static_cast<double>(g);
    const double sinc = std::pow(s, -w[19]) * std::exp(w[17] * (gd - 3.0 + w[18]));
    const double masked = g >= rating::hard ? std::max(sinc, 1.0) : sinc;
    return round_to(clamp(s * masked, stability_min, stability_max), 8);
}

memory_state scheduler::next_memory_state(std::optional<memory_state> current, std::int64_t elapsed_days, rating g,
                                          std::optional<double> r) const {
    const memory_state m = current.value_or(memory_state{});
    const double d = m.difficulty;
    const double s = m.stability;
    if (elapsed_days < 0) throw fsrs_error("elapsed days must not be negative");
    if (d == 0 && s == 0) {
        return {init_stability(g), clamp(init_difficulty(g), 1.0, 10.0)};
    }
    if (d < 1 || s < stability_min) throw fsrs_error("invalid memory state");
    const auto t = static_cast<double>(elapsed_days);
    const double rr = r ? *r : forgetting_curve(t, s);
    double new_s = 0;
    if (elapsed_days == 0 && params_.enable_short_term) {
        new_s = next_short_term_stability(s, g);
    } else if (g == rating::again) {
        const double after_fail = next_forget_stability(d, s, rr);
        const double w17 = params_.enable_short_term ? params_.w[17] : 0.0;
        const double w18 = params_.enable_short_term ? params_.w[18] : 0.0;
        const double floor_s = s / std::exp(w17 * w18);
        new_s = clamp(round_to(floor_s, 8), stability_min, after_fail);
    } else {
        new_s = next_recall_stability(d, s, rr, g);
    }
    return {new_s, next_difficulty(d, g)};
}

std::optional<double> scheduler::retrievability(const card& c, time_point now) const {
    if (c.state == card_state::new_card) return std::nullopt;
    const std::int64_t t = c.last_review ? std::max<std::int64_t>(whole_days_between(*c.last_review, now), 0) : 0;
    return forgetting_curve(static_cast<double>(t), to_fixed_8(c.stability));
}

card scheduler::with_memory(const card& current, std::int64_t elapsed_days, rating g, std::optional<double> r) const {
    const auto m = next_memory_state(memory_state{current.stability, current.difficulty}, elapsed_days, g, r);
    card next = current;
    next.stability = m.stability;
    next.difficulty = m.difficulty;
    return next;
}

// ts-fsrs BasicLearningStepsStrategy: what a grade does at a given step, or nothing when the
// card leaves the steps.
std::optional<scheduler::step_info> scheduler::learning_step(card_state state, std::int64_t step, rating g) const {
    const bool relearning = state == card_state::relearning || state == card_state::review;
    const auto& steps = relearning ? params_.relearning_steps : params_.learning_steps;
    const auto count = static_cast<std::int64_t>(steps.size());
    if (count == 0 || step >= count) return std::nullopt;
    const auto at = [&](std::int64_t i) { return steps[static_cast<std::size_t>(i)]; };

    if (state == card_state::review) {
        if (g != rating::again) return std::nullopt;
        return step_info{at(std::max<std::int64_t>(0, step)), 0};
    }
    switch (g) {
        case rating::again:
            return step_info{at(0), 0};
        case rating::hard: {
            const double minutes = count == 1 ? js_round(static_cast<double>(at(0)) * 1.5)
                                              : js_round(static_cast<double>(at(0) + at(1)) / 2.0);
            return step_info{static_cast<std::int64_t>(minutes), step};
        }
        case rating::good: {
            const auto next = step + 1;
            if (next < 0 || next >= count || at(next) == 0) return std::nullopt;
            return step_info{at(next), next};
        }
        case rating::easy:
            return std::nullopt;
    }
    return std::nullopt;
}

// ts-fsrs BasicScheduler.applyLearningSteps. `before` is the card as it was before this
// review (its state and step select the step); `next` already carries the new memory state.
void scheduler::apply_learning_steps(const card& before, card& next, rating g, card_state to_state,
                                     time_point now) const {
    const auto info = learning_step(before.state, before.step, g);
    const std::int64_t minutes = info ? std::max<std::int64_t>(0, info->minutes) : 0;
    const std::int64_t next_step = info ? std::max<std::int64_t>(0, info->next_step) : 0;

    if (minutes > 0 && minutes < minutes_per_day) {
        next.step = next_step;
        next.scheduled_days = 0;
        next.state = to_state;
        next.due = add_minutes(now, minutes);
    } else {
        next.state = card_state::review;
        if (minutes >= minutes_per_day) {
            next.step = next_step;
            next.due = add_minutes(now, minutes);
            next.scheduled_days = minutes / minutes_per_day;
        } else {
            next.step = 0;
            const auto interval = next_interval(next.stability);
            next.scheduled_days = interval;
            next.due = add_days(now, interval);
        }
    }
}

// ts-fsrs BasicScheduler (short-term scheduling on).
card scheduler::review_short_term(const card& current, rating g, time_point now) const {
    const auto elapsed = current.elapsed_days;
    switch (current.state) {
        case card_state::new_card: {
            card next = with_memory(current, elapsed, g, std::nullopt);
            apply_learning_steps(current, next, g, card_state::learning, now);
            return next;
        }
        case card_state::learning:
        case card_state::relearning: {
            card next = with_memory(current, elapsed, g, std::nullopt);
            apply_learning_steps(current, next, g, current.state, now);
            return next;
        }
        case card_state::review:
            break;
    }

    const double r = forgetting_curve(static_cast<double>(elapsed), current.stability);
    if (g == rating::again) {
        card next = with_memory(current, elapsed, rating::again, r);
        apply_learning_steps(current, next, rating::again, card_state::relearning, now);
        next.lapses += 1;
        return next;
    }
    // Hard, good and easy are scheduled together so that their intervals stay ordered.
    card hard = with_memory(current, elapsed, rating::hard, r);
    card good = with_memory(current, elapsed, rating::good, r);
    card easy = with_memory(current, elapsed, rating::easy, r);
    std::int64_t hard_ivl = next_interval(hard.stability);
    std::int64_t good_ivl = next_interval(good.stability);
    hard_ivl = std::min(hard_ivl, good_ivl);
    good_ivl = std::max(good_ivl, hard_ivl + 1);
    const std::int64_t easy_ivl = std::max(next_interval(easy.stability), good_ivl + 1);

    card& next = g == rating::hard ? hard : g == rating::good ? good : easy;
    const std::int64_t ivl = g == rating::hard ? hard_ivl : g == rating::good ? good_ivl : easy_ivl;
    next.scheduled_days = ivl;
    next.due = add_days(now, ivl);
    next.state = card_state::review;
    next.step = 0;
    return next;
}

// ts-fsrs LongTermScheduler (short-term scheduling off): every grade schedules whole days.
card scheduler::review_long_term(const card& current_in, rating g, time_point now) const {
    card current = current_in;
    std::int64_t elapsed = current.elapsed_days;
    std::optional<double> r;
    if (current.state == card_state::new_card) {
        current.scheduled_days = 0;
        current.elapsed_days = 0;
        elapsed = 0;
    } else {
        r = forgetting_curve(static_cast<double>(elapsed), current.stability);
    }
    std::array<card, 4> next{
        with_memory(current, elapsed, rating::again, r), with_memory(current, elapsed, rating::hard, r),
        with_memory(current, elapsed, rating::good, r), with_memory(current, elapsed, rating::easy, r)};
    std::array<std::int64_t, 4> ivl{};
    for (std::size_t i = 0; i < 4; ++i) ivl[i] = next_interval(next[i].stability);
    ivl[0] = std::min(ivl[0], ivl[1]);
    ivl[1] = std::max(ivl[1], ivl[0] + 1);
    ivl[2] = std::max(ivl[2], ivl[1] + 1);
    ivl[3] = std::max(ivl[3], ivl[2] + 1);

    const auto i = static_cast<std::size_t>(g) - 1;
    card out = next[i];
    out.scheduled_days = ivl[i];
    out.due = add_days(now, ivl[i]);
    out.state = card_state::review;
    out.step = 0;
    if (g == rating::again && current.state != card_state::new_card) out.lapses += 1;
    return out;
}

review_result scheduler::review(const card& c, rating g, time_point now) const {
    const auto gi = static_cast<int>(g);
    if (gi < 1 || gi > 4) throw fsrs_error("invalid grade " + std::to_string(gi) + ", expected 1-4");
    if (c.last_review && now < *c.last_review) {
        throw fsrs_error("review time is earlier than the card's last review");
    }
    review_result result;
    result.retrievability = retrievability(c, now);

    card current = c;
    std::int64_t elapsed = 0;
    if (c.state != card_state::new_card && c.last_review) {
        elapsed = utc_day_difference(*c.last_review, now);
    }
    current.last_review = now;
    current.elapsed_days = elapsed;
    current.reps += 1;

    result.next = params_.enable_short_term ? review_short_term(current, g, now) : review_long_term(current, g, now);
    return result;
}

}  // namespace rehearse::fsrs
