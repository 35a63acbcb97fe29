/// @file
/// The mock interviewer: a state machine over a session's events. `replay_mock` folds the log into
/// the interview's state (phase, clock, what was asked, what is written); the `mock_on_*` functions
/// decide the interviewer's next move from that state and return the events that record it. They
/// read only the problem's content, the state and the time they are given, so the CLI, the HTTP API
/// and the tests drive the same interviewer and an injected clock makes every step exact.
///
/// The interviewer stays in character (seed 000, "Running a mock interview"): it answers clarifying
/// questions from the problem's clarifications, redirects design questions asked during the
/// requirements, probes gaps in what is written without correcting them, gives a hint only when
/// asked or when the candidate is stuck twice, and nudges when a phase runs over its time.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/learner/evaluation_result.hpp"
#include "rehearse/core/sessions/clarification_matcher.hpp"
#include "rehearse/core/sessions/coaching_level.hpp"
#include "rehearse/core/sessions/session_log.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

/// What a phase is about; decides how the interviewer treats messages and which probes fit.
/// present | requirements | estimation | architecture | data-model | api | scaling | wrap-up
using phase_focus = std::string;

struct mock_phase {
    std::string name;
    int minutes = 0;
    std::string goal;
    phase_focus focus;
};

/// The phases of a `minutes`-long interview on `p`: the problem's own `format` when its length
/// matches, else the seeds' default (45: requirements, estimation, high-level design, detailed
/// design, deep dive; 60: the seed's mock flow). error(invalid_input) for a length other than 45/60.
std::vector<mock_phase> mock_phases(const problem& p, int minutes);

struct transcript_line {
    sys_ms at{};
    std::string role;  ///< interviewer | candidate
    std::string phase;
    std::string text;
};

struct mock_state {
    std::string problem;
    coaching_level level = coaching_level::intermediate;
    int format_minutes = 45;
    std::vector<mock_phase> phases;
    std::size_t phase = 0;
    sys_ms started_at{};
    std::vector<sys_ms> phase_started_at;  ///< per phase entered, in order
    std::vector<sys_ms> phase_left_at;     ///< per phase left
    std::set<std::size_t> clarifications_answered;
    int questions_asked = 0;
    int questions_unanswered = 0;
    int design_questions_early = 0;
    std::set<std::string> probes_asked;
    std::set<std::string> findings_probed;
    std::map<std::string, std::string> sections;  ///< section name → Markdown, as written
    std::vector<std::string> section_order;
    int hints = 0;
    int stuck = 0;
    std::set<std::size_t> nudged_phases;
    bool wrap_up_asked = false;
    std::optional<std::string> self_assessment;
    bool finished = false;
    std::vector<transcript_line> transcript;

    const mock_phase& current() const { return phases.at(phase); }
    sys_ms phase_ends_at() const;
    sys_ms interview_ends_at() const;
    /// The design written so far as one Markdown answer, sections in the order first written.
    std::string design_markdown() const;
};

/// Folds a session's events into its state. error(invalid_content) for a log that does not start
/// with `started`.
mock_state replay_mock(const session_record& s);
/// Applies one event to a state (what replay does for each event).
void apply_mock_event(mock_state& st, const session_event& e);

/// One move of the interviewer: the events that record it, and what it says.
struct mock_step {
    std::vector<session_event> events;
    std::string text;
    std::string kind;  ///< clarification | probe | hint | nudge | redirect | other
    std::vector<std::string> probes;
};

/// Opens the interview: states the problem and the format, enters the first phase.
mock_step mock_open(const problem& p, int format_minutes, coaching_level level, sys_ms now);

/// The candidate says something (a question, an answer to a probe, "I'm stuck", "hint please").
mock_step mock_on_message(const problem& p, const mock_state& st, const clarification_matcher& matcher,
                          std::string_view text, sys_ms now);

/// The candidate writes their design (`section` empty: a whole Markdown answer, else one section);
/// `findings` are the evaluators' findings on the design so far (the caller grades it).
mock_step mock_on_design(const problem& p, const mock_state& st, std::string_view markdown, std::string_view section,
                         const std::vector<finding>& findings, sys_ms now);

/// Moves to the next phase. error(conflict) in the last phase.
mock_step mock_on_next_phase(const problem& p, const mock_state& st, sys_ms now);

/// What the transcript shows, folded into the grade at the end.
struct transcript_evidence {
    int questions_asked = 0;
    int clarifications_covered = 0;  ///< distinct clarifications the candidate's questions drew
    int clarifications_total = 0;
    int phases_over_time = 0;
    int phases_total = 0;
    int hints = 0;
    double requirements = 0;   ///< 0..1, from the questions asked
    double communication = 0;  ///< 0..1, from phases kept to time, minus a little per hint
};
transcript_evidence mock_evidence(const problem& p, const mock_state& st, sys_ms now);
void to_json(nlohmann::json& j, const transcript_evidence& e);

/// The section names `mock write` accepts and the heading each gets in the design.
std::optional<std::string> mock_section_heading(std::string_view section);

}  // namespace rehearse
