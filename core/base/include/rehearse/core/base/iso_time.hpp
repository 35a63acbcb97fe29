/// @file iso_time.hpp
/// @brief ISO-8601 parsing and formatting of UTC time points with millisecond precision.
///
/// The formatted form is exactly what JavaScript's `Date.prototype.toISOString()` prints
/// (`2026-01-05T09:00:00.000Z`, extended `+YYYYYY`/`-YYYYYY` years outside 0000..9999), so
/// results can be compared byte for byte with JavaScript reference implementations.
#pragma once

#include "rehearse/core/base/error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rehearse {

/// A UTC instant with millisecond precision (the resolution of a JavaScript `Date`).
using sys_ms = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;
/// A calendar day, and a UTC midnight: C++20's std::chrono::days and sys_days, spelled in C++17.
using days = std::chrono::duration<std::int64_t, std::ratio<86400>>;
using sys_days = std::chrono::time_point<std::chrono::system_clock, days>;

/// Thrown by parse_iso8601() for text that is not an accepted ISO-8601 date-time.
class iso_time_error : public error {
   public:
    explicit iso_time_error(const std::string& message) : error(errc::invalid_input, message) {}
};

/// Parses an ISO-8601 date or date-time.
///
/// Accepted forms (a strict subset of what `Date.parse` accepts):
/// - `YYYY-MM-DD` (UTC midnight, as in JavaScript),
/// - `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z`, `+hh:mm`, `-hh:mm`, `+hhmm` or
///   `-hhmm`; without an offset the time is taken as UTC;
/// - `T` may also be `t` or a space, `Z` may be `z`;
/// - years may be written as `+YYYYYY` / `-YYYYYY`.
///
/// Fractional seconds beyond milliseconds are truncated (as V8 does). `24:00:00` means the
/// next midnight. Out-of-range fields (month 13, February 30, minute 60, ...) are rejected.
/// @return std::nullopt when the text is not accepted.
[[nodiscard]] std::optional<sys_ms> try_parse_iso8601(std::string_view text) noexcept;

/// Like try_parse_iso8601() but throws iso_time_error naming the offending text.
[[nodiscard]] sys_ms parse_iso8601(std::string_view text);

/// Formats as `YYYY-MM-DDTHH:MM:SS.mmmZ`, identical to JavaScript `Date.toISOString()`.
[[nodiscard]] std::string format_iso8601(sys_ms t);

}  // namespace rehearse
