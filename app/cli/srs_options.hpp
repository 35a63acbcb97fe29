// The scheduler options of `rehearse srs replay` (docs/cli.md, srs replay), each parsed from its
// text and set on fsrs::parameters. The ranges are core's (fsrs.hpp); the option texts the CLI's.
#pragma once

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/fsrs.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::cli {

/// Thrown for an unusable scheduler option; what() names the option and the problem. An
/// invalid_input error: a bad option fails the replay with exit 1 (docs/cli.md, srs replay).
class srs_option_error : public error {
   public:
    explicit srs_option_error(const std::string& message) : error(errc::invalid_input, message) {}
};

/// Parses a desired retention such as `0.9`; must be a number in (0, 1].
[[nodiscard]] double parse_retention(std::string_view text);

/// Parses `w0,w1,...,w20`: exactly 21 finite numbers separated by commas.
[[nodiscard]] std::array<double, fsrs::weight_count> parse_weights(std::string_view text);

/// Parses learning steps such as `1m,10m`, `30m,1h,1d` into minutes. Each step is a
/// non-negative integer followed by `m`, `h` or `d`. An empty text or `none` means no steps.
[[nodiscard]] std::vector<std::int64_t> parse_steps(std::string_view text);

/// Parses `on`/`off` (also `true`/`false`, `yes`/`no`, `1`/`0`).
[[nodiscard]] bool parse_on_off(std::string_view text);

/// Names of the options apply_srs_option() understands, without their values:
/// `--retention`, `--params`, `--short-term`, `--learning-steps`, `--relearning-steps`,
/// `--maximum-interval`.
[[nodiscard]] const std::array<std::string_view, 6>& srs_option_names() noexcept;

/// True when `name` (e.g. `--retention`) is one of srs_option_names().
[[nodiscard]] bool is_srs_option(std::string_view name) noexcept;

/// Sets one option on `p`; throws srs_option_error (naming the option) for an unknown
/// option or a bad value.
void apply_srs_option(fsrs::parameters& p, std::string_view name, std::string_view value);

/// Parses a whole option list (`--name value` or `--name=value`) over the defaults, then
/// checks the result can build a scheduler. Throws srs_option_error on any problem,
/// including an argument that is not one of these options.
[[nodiscard]] fsrs::parameters parse_srs_options(const std::vector<std::string>& args);

}  // namespace rehearse::cli
