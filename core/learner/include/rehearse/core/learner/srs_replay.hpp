/// @file srs_replay.hpp
/// @brief `rehearse srs replay`: replays review events through the FSRS scheduler
///        (docs/cli.md, srs replay). The CLI parses the scheduler options
///        (app/cli/srs_options.hpp); their ranges are fsrs.hpp's.
#pragma once

#include "rehearse/core/learner/fsrs.hpp"

#include <iosfwd>

namespace rehearse {

/// Replays review events (docs/cli.md, srs replay).
///
/// Reads JSON lines `{"card": "c1", "rating": 1..4, "review_at": "ISO-8601"}` from `in`
/// (blank lines are skipped; `card` may be a string or an integer) and writes, for each
/// event in order, one JSON line `{"card", "state", "stability", "difficulty",
/// "retrievability", "interval_days", "due"}` to `out`. Cards are independent and start new.
///
/// On the first malformed line, rating outside 1-4, or review earlier than the same card's
/// previous one, writes `srs replay: line N: <problem>` to `err` and returns 1 (the lines
/// before it have been written). Returns 0 on success.
[[nodiscard]] int srs_replay(std::istream& in, std::ostream& out, std::ostream& err, const fsrs::parameters& p);

}  // namespace rehearse
