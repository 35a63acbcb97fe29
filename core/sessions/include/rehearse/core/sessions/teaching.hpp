/// @file
/// The teacher: a lesson turned into a dialogue, as a state machine over a session's events (the
/// mock interviewer's shape, mock_interview.hpp). `replay_teach` folds the log into the dialogue's
/// state (level, the learner's replies, the key points covered so far, hints given); `teach_open`
/// and `teach_on_reply` decide the coach's next move from the lesson's content and that state and
/// return the events that record it. They read no store and no clock of their own.
///
/// The coach follows seed 000's teaching mode: it explains with the lesson's analogy and example,
/// asks the check question, says which key points a reply covered and which are missing, corrects
/// the lesson's common mistake at once, gives the lesson's hints on request, asks a follow-up about
/// the first missed point, and shows the model answer when the learner gives up. Beginners get more
/// of the example and smaller steps; advanced learners get a short summary and an edge case.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/sessions/coaching_level.hpp"
#include "rehearse/core/sessions/session_log.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct teach_line {
    sys_ms at{};
    std::string role;  ///< coach | learner
    std::string text;
};

struct teach_state {
    std::string lesson;
    coaching_level level = coaching_level::intermediate;
    std::vector<std::string> replies;  ///< the learner's answers (not hint requests), in order
    std::set<std::string> covered;     ///< key points (their text) covered by the replies so far
    int hints = 0;
    int corrections = 0;
    bool gave_up = false;
    bool done = false;      ///< the coach closed the dialogue (all covered, or the model answer shown)
    bool finished = false;  ///< the lesson was recorded (the `finished` event)
    std::vector<teach_line> transcript;

    /// The replies as one answer, graded and recorded at the end.
    std::string answer() const;
};

/// Folds a session's events into its state. error(invalid_content) for a log that does not start
/// with `started`.
teach_state replay_teach(const session_record& s);
/// Applies one event to a state (what replay does for each event).
void apply_teach_event(teach_state& st, const session_event& e);

/// One move of the coach: the events that record it and what it says.
struct teach_step {
    std::vector<session_event> events;
    std::string text;
    std::string kind;                          ///< explain | feedback | correction | hint | answer | recap
    std::vector<std::string> covered, missed;  ///< key points' texts, cumulative over the replies
    bool done = false;
};

/// Opens the dialogue: the explanation pitched at the level, then the check question.
teach_step teach_open(const lesson& l, coaching_level level, sys_ms now);

/// The learner replies: an answer to the question, a request for a hint, or giving up.
teach_step teach_on_reply(const lesson& l, const teach_state& st, std::string_view text, sys_ms now);

/// True when the reply shows the lesson's common mistake: it ranks closer to the mistake than to the
/// correction and the key points, and shares enough of the mistake's terms.
bool shows_common_mistake(const lesson& l, std::string_view reply);

}  // namespace rehearse
