#include "rehearse/core/base/iso_time.hpp"

#include <cstdint>
#include <cstdio>

namespace rehearse {

namespace {

using namespace std::chrono;

// A tiny cursor over the text; every reader returns false instead of throwing so that
// try_parse_iso8601 can stay noexcept.
struct cursor {
    std::string_view s;
    std::size_t i = 0;

    [[nodiscard]] bool done() const { return i == s.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : s[i]; }

    bool eat(char c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }

    // Exactly n decimal digits.
    bool digits(int n, std::int64_t& out) {
        std::int64_t v = 0;
        for (int k = 0; k < n; ++k) {
            const char c = peek();
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
            ++i;
        }
        out = v;
        return true;
    }
};

// Days since 1970-01-01 of a proleptic Gregorian date, for any year a JavaScript Date can
// hold (std::chrono::year stops at +-32767). H. Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct civil_date {
    std::int64_t year;
    int month;
    int day;
};

civil_date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, std::int64_t m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool parse_impl(std::string_view text, sys_ms& result) {
    cursor c{text};

    std::int64_t year = 0;
    if (c.peek() == '+' || c.peek() == '-') {
        // Expanded year: sign and exactly six digits; "-000000" is invalid (ECMA-262).
        const bool negative = c.peek() == '-';
        ++c.i;
        if (!c.digits(6, year)) return false;
        if (negative && year == 0) return false;
        if (negative) year = -year;
    } else if (!c.digits(4, year)) {
        return false;
    }

    std::int64_t month = 0;
    std::int64_t day = 0;
    if (!c.eat('-') || !c.digits(2, month) || !c.eat('-') || !c.digits(2, day)) return false;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;

    std::int64_t hour = 0;
    std::int64_t minute = 0;
    std::int64_t second = 0;
    std::int64_t millis = 0;
    std::int64_t offset_minutes = 0;

    if (!c.done()) {
        const char sep = c.peek();
        if (sep != 'T' && sep != 't' && sep != ' ') return false;
        ++c.i;
        if (!c.digits(2, hour) || !c.eat(':') || !c.digits(2, minute)) return false;
        if (c.eat(':')) {
            if (!c.digits(2, second)) return false;
            if (c.eat('.') || c.eat(',')) {
                // At least one digit; keep the first three, truncate the rest.
                int n = 0;
                while (c.peek() >= '0' && c.peek() <= '9') {
                    if (n < 3) millis = millis * 10 + (c.peek() - '0');
                    ++n;
                    ++c.i;
                }
                if (n == 0) return false;
                for (int k = n; k < 3; ++k) millis *= 10;
            }
        }
        if (hour == 24) {
            if (minute != 0 || second != 0 || millis != 0) return false;
        } else if (hour > 23 || minute > 59 || second > 59) {
            return false;
        }

        if (c.eat('Z') || c.eat('z')) {
            // UTC
        } else if (c.peek() == '+' || c.peek() == '-') {
            const int sign = c.peek() == '-' ? -1 : 1;
            ++c.i;
            std::int64_t oh = 0;
            std::int64_t om = 0;
            if (!c.digits(2, oh)) return false;
            c.eat(':');
            if (!c.digits(2, om)) return false;
            if (oh > 23 || om > 59) return false;
            offset_minutes = sign * (oh * 60 + om);
        }
        if (!c.done()) return false;
    }

    const sys_days midnight{days{days_from_civil(year, month, day)}};
    result = sys_ms{midnight} + hours{hour} + minutes{minute - offset_minutes} + seconds{second} + milliseconds{millis};
    // Date's range: +-8.64e15 ms around the epoch.
    constexpr std::int64_t max_ms = 8'640'000'000'000'000;
    const auto ms = result.time_since_epoch().count();
    return ms >= -max_ms && ms <= max_ms;
}

}  // namespace

std::optional<sys_ms> try_parse_iso8601(std::string_view text) noexcept {
    sys_ms t{};
    if (!parse_impl(text, t)) return std::nullopt;
    return t;
}

sys_ms parse_iso8601(std::string_view text) {
    if (auto t = try_parse_iso8601(text)) return *t;
    throw iso_time_error("not an ISO-8601 date-time: \"" + std::string(text) + "\"");
}

std::string format_iso8601(sys_ms t) {
    const auto day_point = floor<days>(t);
    const civil_date date = civil_from_days(day_point.time_since_epoch().count());
    const auto ms_of_day = (t - day_point).count();  // 0 .. 86'399'999

    const auto y = date.year;
    const auto hh = ms_of_day / 3'600'000;
    const auto mi = ms_of_day / 60'000 % 60;
    const auto ss = ms_of_day / 1000 % 60;
    const auto mmm = ms_of_day % 1000;

    char buf[96];
    char year_text[32];
    if (y >= 0 && y <= 9999) {
        std::snprintf(year_text, sizeof year_text, "%04d", static_cast<int>(y));
    } else {
        std::snprintf(year_text, sizeof year_text, "%c%06lld", y < 0 ? '-' : '+',
                      static_cast<long long>(y < 0 ? -y : y));
    }
    std::snprintf(buf, sizeof buf, "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", year_text, date.month, date.day,
                  static_cast<int>(hh), static_cast<int>(mi), static_cast<int>(ss), static_cast<int>(mmm));
    return buf;
}

}  // namespace rehearse
