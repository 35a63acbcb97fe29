/// @file fsrs.hpp
/// @brief FSRS-6 spaced-repetition arithmetic, bit-for-bit faithful to the npm package
///        `ts-fsrs` 5.x (its `fsrs()` scheduler with fuzz disabled).
///
/// A pure module: no I/O, no clock. Every function takes the instant it works at.
///
/// Faithfulness notes (the reference's behaviour, reproduced on purpose):
/// - memory-state values are rounded to 8 decimals at the same places as the reference
///   (`Math.round(x * 1e8) / 1e8`), and JavaScript's `Math.round` (ties toward +infinity) is
///   used wherever the reference rounds;
/// - the elapsed time the scheduler uses is counted in UTC calendar days
///   (`dateDiffInDays`), while scheduler::retrievability() follows `get_retrievability`,
///   which counts whole 24-hour periods (`date_diff`) and reads the stability through
///   `toFixed(8)`;
/// - with short-term scheduling on, the learning-step logic is the reference's
///   `BasicScheduler` with `BasicLearningStepsStrategy`; with it off, `LongTermScheduler`;
/// - weights are clipped exactly like `clipParameters` (including the w17/w18 ceiling that
///   depends on the number of relearning steps);
/// - a review card's hard/good/easy intervals are forced apart (hard <= good < easy), which
///   can push good/easy one or two days past maximum_interval, as in the reference.
///
/// Not implemented: interval fuzz (the reference's default is off too). Parameter vectors
/// of FSRS-4/5 length (17 or 19) are not migrated: exactly 21 weights are required.
#pragma once

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/iso_time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace rehearse::fsrs {

/// UTC instant, millisecond resolution (a JavaScript `Date`).
using time_point = sys_ms;

/// Number of FSRS-6 weights.
inline constexpr std::size_t weight_count = 21;

/// FSRS-6 default weights (ts-fsrs `default_w`).
inline constexpr std::array<double, weight_count> default_weights{
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

inline constexpr double default_request_retention = 0.9;
inline constexpr std::int64_t default_maximum_interval = 36500;

/// The ranges of the scheduler options, in one place: the scheduler checks them and the fronts name
/// them in their messages. A desired retention is above min_request_retention (exclusive) and at
/// most max_request_retention; a maximum interval is min_maximum_interval days or more (the CLI
/// accepts at most max_maximum_interval).
inline constexpr double min_request_retention = 0.0;
inline constexpr double max_request_retention = 1.0;
inline constexpr std::int64_t min_maximum_interval = 1;
inline constexpr std::int64_t max_maximum_interval = 1'000'000;
inline constexpr double stability_min = 0.001;  ///< S_MIN
inline constexpr double stability_max = 36500;  ///< S_MAX
inline constexpr std::int64_t minutes_per_day = 1440;

/// Thrown for invalid parameters, grades or review times.
class fsrs_error : public rehearse::error {
   public:
    explicit fsrs_error(const std::string& message) : rehearse::error(errc::invalid_input, message) {}
};

/// Card state; the numeric values are those of ts-fsrs's `State`.
enum class card_state : std::uint8_t { new_card = 0, learning = 1, review = 2, relearning = 3 };

/// Review grade; the numeric values are those of ts-fsrs's `Rating`.
enum class rating : std::uint8_t { again = 1, hard = 2, good = 3, easy = 4 };

/// `new`, `learning`, `review`, `relearning`.
[[nodiscard]] std::string_view to_string(card_state s) noexcept;
/// Inverse of to_string(card_state).
[[nodiscard]] std::optional<card_state> parse_card_state(std::string_view s) noexcept;
/// Converts 1..4 to a rating; std::nullopt otherwise.
[[nodiscard]] std::optional<rating> rating_from_int(std::int64_t value) noexcept;

/// Scheduler options; mirrors ts-fsrs's `FSRSParameters` (without fuzz).
struct parameters {
    std::array<double, weight_count> w = default_weights;      ///< raw weights, clipped on use
    double request_retention = default_request_retention;      ///< in (0, 1]
    std::int64_t maximum_interval = default_maximum_interval;  ///< days, >= 1
    std::vector<std::int64_t> learning_steps{1, 10};           ///< minutes ("1m", "10m")
    std::vector<std::int64_t> relearning_steps{10};            ///< minutes ("10m")
    bool enable_short_term = true;
};

/// Memory and scheduling state of one card (ts-fsrs's `Card`).
struct card {
    card_state state = card_state::new_card;
    double stability = 0;
    double difficulty = 0;
    time_point due{};                       ///< next review
    std::optional<time_point> last_review;  ///< absent for a new card
    std::int64_t step = 0;                  ///< index into the (re)learning steps
    std::int64_t reps = 0;
    std::int64_t lapses = 0;
    std::int64_t scheduled_days = 0;  ///< interval in whole days (0 while in steps)
    std::int64_t elapsed_days = 0;    ///< UTC calendar days since the previous review
};

/// Outcome of one review.
struct review_result {
    card next;  ///< the card after the review
    /// Retrievability at the review instant just before the review
    /// (scheduler::retrievability()); std::nullopt for a new card.
    std::optional<double> retrievability;
};

/// Difficulty and stability.
struct memory_state {
    double stability = 0;
    double difficulty = 0;
};

/// FSRS-6 scheduler for one set of parameters. Immutable and cheap to copy.
class scheduler {
   public:
    /// Validates and clips the parameters; throws fsrs_error when they cannot be used
    /// (retention outside (0, 1], non-finite weight, maximum interval < 1, negative step).
    explicit scheduler(parameters p = {});

    /// The parameters in force (weights clipped).
    [[nodiscard]] const parameters& params() const noexcept { return params_; }
    /// Decay (-w20) and the 8-decimal rounded factor of the forgetting curve.
    [[nodiscard]] double decay() const noexcept { return decay_; }
    [[nodiscard]] double factor() const noexcept { return factor_; }
    /// Interval per unit of stability at the requested retention (8-decimal rounded).
    [[nodiscard]] double interval_modifier() const noexcept { return interval_modifier_; }

    /// Reviews `c` with grade `g` at `now` (ts-fsrs `fsrs().next(card, now, g)`).
    /// Throws fsrs_error when `now` is earlier than the card's last review.
    [[nodiscard]] review_result review(const card& c, rating g, time_point now) const;

    /// Retrievability of `c` at `now` (ts-fsrs `get_retrievability(card, now, false)`):
    /// whole 24-hour periods since the last review, never negative. std::nullopt for a new
    /// card.
    [[nodiscard]] std::optional<double> retrievability(const card& c, time_point now) const;

    /// R(t, S) = (1 + factor * t / S)^decay, rounded to 8 decimals.
    [[nodiscard]] double forgetting_curve(double elapsed_days, double stability) const;

    /// Next memory state after a review `elapsed_days` after the previous one
    /// (ts-fsrs `next_state`). `r` defaults to forgetting_curve(elapsed_days, S).
    /// A state of (0, 0) or std::nullopt is treated as a first review.
    [[nodiscard]] memory_state next_memory_state(std::optional<memory_state> current, std::int64_t elapsed_days,
                                                 rating g, std::optional<double> r = std::nullopt) const;

    /// Interval in days for a stability: clamp(round(S * modifier), 1, maximum_interval).
    [[nodiscard]] std::int64_t next_interval(double stability) const;

   private:
    struct step_info {
        std::int64_t minutes = 0;
        std::int64_t next_step = 0;
    };

    [[nodiscard]] std::optional<step_info> learning_step(card_state state, std::int64_t step, rating g) const;
    void apply_learning_steps(const card& before, card& next, rating g, card_state to_state, time_point now) const;
    [[nodiscard]] card with_memory(const card& current, std::int64_t elapsed_days, rating g,
                                   std::optional<double> r) const;
    [[nodiscard]] card review_short_term(const card& current, rating g, time_point now) const;
    [[nodiscard]] card review_long_term(const card& current, rating g, time_point now) const;

    double init_stability(rating g) const;
    double init_difficulty(rating g) const;
    double next_difficulty(double d, rating g) const;
    double next_recall_stability(double d, double s, double r, rating g) const;
    double next_forget_stability(double d, double s, double r) const;
    double next_short_term_stability(double s, rating g) const;

    parameters params_;
    double decay_ = 0;
    double factor_ = 0;
    double interval_modifier_ = 0;
};

/// Weights clipped to their valid ranges exactly as ts-fsrs's `clipParameters`.
[[nodiscard]] std::array<double, weight_count> clip_weights(const std::array<double, weight_count>& w,
                                                            std::size_t relearning_step_count, bool enable_short_term);

/// JavaScript `Math.round`: nearest integer, ties toward +infinity.
[[nodiscard]] double js_round(double x) noexcept;
/// ts-fsrs `roundTo`: `Math.round(x * 10^decimals) / 10^decimals`.
[[nodiscard]] double round_to(double x, int decimals) noexcept;
/// `+x.toFixed(8)`: x rounded to 8 decimals on its exact decimal value, ties away from zero.
[[nodiscard]] double to_fixed_8(double x);
/// UTC calendar days from `from` to `to` (ts-fsrs `dateDiffInDays`).
[[nodiscard]] std::int64_t utc_day_difference(time_point from, time_point to) noexcept;
/// Whole 24-hour periods from `from` to `to`, floored (ts-fsrs `date_diff(to, from, "days")`).
[[nodiscard]] std::int64_t whole_days_between(time_point from, time_point to) noexcept;

}  // namespace rehearse::fsrs
