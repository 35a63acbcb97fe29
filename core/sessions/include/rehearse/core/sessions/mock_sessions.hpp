/// @file
/// Mock interviews as use cases (docs/sessions.md): start, say, write, next phase, finish, show and
/// list. Each step loads the session's log, lets the interviewer (mock_interview.hpp) decide, and
/// appends the step's events in one transaction. The CLI (`rehearse mock ...`) and the HTTP API
/// (`/learners/{name}/mock-sessions`) call these, so a session started on one front goes on on the other.
#pragma once

#include "rehearse/core/grading/answer_attempts.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/selection.hpp"
#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/sessions/mock_interview.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

/// The phase as the fronts show it: the remaining time is what the prompt displays.
struct phase_view {
    std::string name;
    int minutes = 0;
    std::string ends_at;  ///< ISO-8601
    std::size_t index = 0, count = 0;
    long long remaining_seconds = 0;  ///< in this phase (negative when over)
    long long interview_remaining_seconds = 0;
};
void to_json(nlohmann::json& j, const phase_view& p);

struct mock_options {
    std::optional<int> format_minutes;    ///< 45 | 60; default: the problem's own format, else 45
    std::optional<coaching_level> level;  ///< default: from the learner's mastery of the problem's dimensions
};

/// What the interviewer answers to one step.
struct mock_reply {
    std::string session;
    std::string problem;
    phase_view phase;
    std::string interviewer;
    std::string kind;  ///< clarification | probe | hint | nudge | redirect | other
    std::vector<std::string> probes;
    bool time_up = false;
};
/// {session, problem, phase, interviewer, kind, probes, time_up}
void to_json(nlohmann::json& j, const mock_reply& r);

mock_reply start_mock(app_context& ctx, const learner& who, const problem& p, const mock_options& options);
mock_reply mock_say(app_context& ctx, const learner& who, std::string_view session, std::string_view text);
/// `section` empty: `markdown` is the whole design so far; else one of mock_section_heading's names.
mock_reply mock_write(app_context& ctx, const learner& who, std::string_view session, std::string_view markdown,
                      std::string_view section);
mock_reply mock_next_phase(app_context& ctx, const learner& who, std::string_view session);

/// The end of the interview: the design graded as written, the transcript's evidence folded into
/// the requirements and communication scores, the attempt recorded as a mock, and what to practise next.
struct mock_result {
    std::string session;
    answer_attempt attempt;  ///< evaluation (with the evidence folded in) and the recorded attempt
    transcript_evidence evidence;
    std::optional<std::string> self_assessment;
    recommendation next;
};
/// The evaluation document plus {session, attempt_id, mastery, mock: true, transcript_evidence,
/// self_assessment, next}.
void to_json(nlohmann::json& j, const mock_result& r);

/// error(conflict) for a finished session; error(invalid_input) when nothing was said or written.
mock_result mock_finish(app_context& ctx, const learner& who, std::string_view session,
                        const std::optional<std::string>& self_assessment);

struct mock_view {
    std::string session;
    std::string problem;
    std::string state;  ///< open | finished
    std::string level;
    int format_minutes = 0;
    phase_view phase;
    std::vector<transcript_line> transcript;
    std::optional<nlohmann::json> evaluation;  ///< the finish result, once finished
};
/// {session, problem, state, level, format, phase, transcript: [{at, role, phase, text}], evaluation?}
void to_json(nlohmann::json& j, const mock_view& v);
mock_view mock_show(app_context& ctx, const learner& who, std::string_view session);

struct mock_summary {
    std::string session, problem, state, started_at;
};
void to_json(nlohmann::json& j, const mock_summary& s);
std::vector<mock_summary> mock_list(app_context& ctx, const learner& who);

}  // namespace rehearse
