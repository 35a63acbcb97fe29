/// @file
/// Finds quantitative estimates in an answer: numbers with magnitude suffixes, units and rates
/// (`40/s`, `~3.5k reads per second`, `5 TB over 5 years`, `0.5 TB/year`, `1.25M updates/sec`,
/// `100 Mbps`). Each keeps the words around it so the estimation evaluator can match it to the
/// problem's named reference quantities.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace rehearse {

/// Appends to `out` (an array) one entry per number found in `line`:
/// {"value": number in base units (bytes for sizes, plain count otherwise),
///  "unit": "bytes"|"count", "per": "second"|"minute"|"hour"|"day"|"week"|"month"|"year"|"" (a rate),
///  "text": the number as written, "before": clause words before it, "after": words after it,
///  "section", "line"}.
/// Bits are converted to bytes. Years, list numbers and HTTP codes are skipped.
void read_estimates_line(std::string_view line, std::string_view section, int line_no, nlohmann::json& out);

}  // namespace rehearse
