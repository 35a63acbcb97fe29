#include "cli/srs_options.hpp"

#include <rehearse/sdk/text.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace rehearse::cli {

using sdk::text::in_quotes;
using sdk::text::trim;

namespace {

std::vector<std::string_view> split_commas(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto comma = s.find(',', start);
        parts.push_back(trim(s.substr(start, comma == std::string_view::npos ? s.npos : comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return parts;
}

std::optional<double> to_double(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> to_int(std::string_view s) {
    s = trim(s);
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

constexpr std::array<std::string_view, 6> option_names{"--retention",      "--params",           "--short-term",
                                                       "--learning-steps", "--relearning-steps", "--maximum-interval"};

/// A range bound as the messages print it: 0, 1, 0.5.
std::string bound(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

double parse_retention(std::string_view text) {
    const auto v = to_double(text);
    if (!v || !(*v > fsrs::min_request_retention && *v <= fsrs::max_request_retention)) {
        throw srs_option_error("--retention: expected a number greater than " + bound(fsrs::min_request_retention) +
                               " and at most " + bound(fsrs::max_request_retention) + ", got " + in_quotes(text));
    }
    return *v;
}

std::array<double, fsrs::weight_count> parse_weights(std::string_view text) {
    const auto parts = split_commas(text);
    if (parts.size() != fsrs::weight_count) {
        throw srs_option_error("--params: expected " + std::to_string(fsrs::weight_count) +
                               " comma-separated FSRS-6 weights (w0..w20), got " +
                               std::to_string(trim(text).empty() ? 0 : parts.size()));
    }
    std::array<double, fsrs::weight_count> w{};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto v = to_double(parts[i]);
        if (!v) {
            throw srs_option_error("--params: weight w" + std::to_string(i) +
                                   " is not a finite number: " + in_quotes(parts[i]));
        }
        w[i] = *v;
    }
    return w;
}

std::vector<std::int64_t> parse_steps(std::string_view text) {
    std::vector<std::int64_t> steps;
    const auto all = trim(text);
    if (all.empty() || all == "none") return steps;
    for (const auto part : split_commas(all)) {
        const auto bad = [&](const std::string& why) {
            return srs_option_error("learning step " + in_quotes(part) + ": " + why + " (expected e.g. 1m, 10m, 1h, 1d)");
        };
        if (part.size() < 2) throw bad("expected a whole number followed by m, h or d");
        const char unit = part.back();
        std::int64_t per_unit = 0;
        switch (unit) {
            case 'm':
                per_unit = 1;
                break;
            case 'h':
                per_unit = 60;
                break;
            case 'd':
                per_unit = 1440;
                break;
            default:
                throw bad("unknown unit '" + std::string(1, unit) + "'");
        }
        const auto number = part.substr(0, part.size() - 1);
        if (number.find_first_not_of("0123456789") != std::string_view::npos) {
            throw bad("expected a whole number of minutes, hours or days");
        }
        const auto v = to_int(number);
        constexpr std::int64_t max_minutes = std::int64_t{1} << 40;
        if (!v || *v > max_minutes / per_unit) throw bad("value out of range");
        steps.push_back(*v * per_unit);
    }
    return steps;
}

bool parse_on_off(std::string_view text) {
    const auto t = trim(text);
    if (t == "on" || t == "true" || t == "yes" || t == "1") return true;
    if (t == "off" || t == "false" || t == "no" || t == "0") return false;
    throw srs_option_error("--short-term: expected on or off, got " + in_quotes(text));
}

const std::array<std::string_view, 6>& srs_option_names() noexcept { return option_names; }

bool is_srs_option(std::string_view name) noexcept {
    for (const auto n : option_names) {
        if (n == name) return true;
    }
    return false;
}

void apply_srs_option(fsrs::parameters& p, std::string_view name, std::string_view value) {
    try {
        if (name == "--retention") {
            p.request_retention = parse_retention(value);
        } else if (name == "--params") {
            p.w = parse_weights(value);
        } else if (name == "--short-term") {
            p.enable_short_term = parse_on_off(value);
        } else if (name == "--learning-steps") {
            p.learning_steps = parse_steps(value);
        } else if (name == "--relearning-steps") {
            p.relearning_steps = parse_steps(value);
        } else if (name == "--maximum-interval") {
            const auto v = to_int(value);
            if (!v || *v < fsrs::min_maximum_interval || *v > fsrs::max_maximum_interval) {
                throw srs_option_error("--maximum-interval: expected a whole number of days from " +
                                       std::to_string(fsrs::min_maximum_interval) + " to " +
                                       std::to_string(fsrs::max_maximum_interval) + ", got " + in_quotes(value));
            }
            p.maximum_interval = *v;
        } else {
            throw srs_option_error("unknown option " + in_quotes(name));
        }
    } catch (const srs_option_error& e) {
        // Step errors do not know which option they came from.
        const std::string what = e.what();
        if (what.rfind("--", 0) == 0 || what.rfind("unknown option", 0) == 0) throw;
        throw srs_option_error(std::string(name) + ": " + what);
    }
}

fsrs::parameters parse_srs_options(const std::vector<std::string>& args) {
    fsrs::parameters p;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::string_view name = arg;
        std::optional<std::string_view> value;
        if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string_view::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
        }
        if (!is_srs_option(name)) throw srs_option_error("unknown option " + in_quotes(arg));
        if (!value) {
            if (i + 1 >= args.size()) throw srs_option_error(std::string(name) + ": missing value");
            value = args[++i];
        }
        apply_srs_option(p, name, *value);
    }
    try {
        [[maybe_unused]] const fsrs::scheduler check(p);
    } catch (const fsrs::fsrs_error& e) {
        throw srs_option_error(e.what());
    }
    return p;
}

}  // namespace rehearse::cli
