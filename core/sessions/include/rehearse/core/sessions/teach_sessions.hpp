/// @file
/// Teaching dialogues as use cases (docs/sessions.md): start, say, show, list, and `ask` for a question
/// out of the blue. Each step loads the session's log, lets the teacher (teaching.hpp) decide, and
/// appends the step's events in one transaction, so any step can run in a new process. When the
/// dialogue ends the lesson is taken once (lesson_progress.hpp): its flashcards join the learner's
/// reviews and the graded replies become mastery evidence on the lesson's dimensions.
#pragma once

#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/mastery.hpp"
#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/sessions/teaching.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct teach_options {
    std::optional<coaching_level> level;  ///< default: from the learner's mastery of the lesson's dimensions
};

/// What the coach answers to one step.
struct teach_reply {
    std::string session;
    std::string lesson;
    std::string level;
    std::string coach;
    std::string kind;  ///< explain | feedback | correction | hint | answer | recap
    std::vector<std::string> covered, missed;
    bool done = false;
    // Once done: the lesson as recorded.
    std::optional<double> score;
    std::optional<std::size_t> cards;
    std::vector<mastery_change> mastery;
};
/// {session, lesson, level, coach, kind, covered, missed, done} and, once done, {score, cards, mastery}.
void to_json(nlohmann::json& j, const teach_reply& r);

/// error(not_found) for an unknown or retired lesson.
teach_reply start_teach(app_context& ctx, const learner& who, const lesson& l, const teach_options& options);
/// error(invalid_input) for empty text, error(conflict) for a finished session.
teach_reply teach_say(app_context& ctx, const learner& who, std::string_view session, std::string_view text);

struct teach_view {
    std::string session, lesson, state, level;
    std::vector<teach_line> transcript;
    std::vector<std::string> covered, missed;
    bool done = false;
};
/// {session, lesson, state, level, transcript: [{at, role, text}], covered, missed, done}
void to_json(nlohmann::json& j, const teach_view& v);
teach_view teach_show(app_context& ctx, const learner& who, std::string_view session);

struct teach_summary {
    std::string session, lesson, state, started_at;
};
/// {session, lesson, state, started_at}
void to_json(nlohmann::json& j, const teach_summary& s);
/// The learner's teaching dialogues, newest first.
std::vector<teach_summary> teach_list(app_context& ctx, const learner& who);

/// A question answered in the coach's voice from the lessons that fit it best.
struct ask_answer {
    std::string answer;
    std::vector<std::string> lessons;  ///< the best one to three lesson ids; empty when none fits
};
void to_json(nlohmann::json& j, const ask_answer& a);
/// Ranks the lessons (title, summary, analogy, check question, card fronts) against the question
/// with BM25; error(invalid_input) for an empty question.
ask_answer ask_coach(app_context& ctx, std::string_view text);

}  // namespace rehearse
