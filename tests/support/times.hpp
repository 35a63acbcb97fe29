// Instants for tests, written as ISO-8601 so a reader sees the date and the hour.
#pragma once

#include "rehearse/core/base/iso_time.hpp"

namespace rehearse::test {

inline sys_ms at(const char* iso) { return parse_iso8601(iso); }

/// A Monday morning most tests start from.
inline const sys_ms t0 = at("2026-01-05T09:00:00Z");

}  // namespace rehearse::test
