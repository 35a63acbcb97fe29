// `rehearse teach` and `rehearse ask`: a lesson as a dialogue with the coach, interactive on a
// terminal or step by step for scripts, and a question answered from the lessons (docs/sessions.md).
// Every step is a core use case (teach_sessions.hpp) on the session in the store.
#include "cli/cli.hpp"
#include "cli/render.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/sessions/teach_sessions.hpp"
#include "rehearse/sdk/text.hpp"

#include <iostream>

namespace rehearse::cli {

using nlohmann::json;

namespace {

teach_options parse_teach_options(invocation& inv) {
    teach_options o;
    if (const auto l = inv.value("level")) {
        try {
            o.level = parse_coaching_level(*l);
        } catch (const error&) {
            throw error(errc::usage,
                        "--level takes beginner, intermediate or advanced, not " + sdk::text::in_quotes(*l));
        }
    }
    return o;
}

std::string teach_require_session(invocation& inv) {
    const auto s = inv.value("session");
    if (!s) throw error(errc::usage, inv.cmd.name() + " needs --session ID (see: rehearse teach start)");
    return *s;
}

void print_coach(std::ostream& out, const std::string& text) { out << "\ncoach: " << wrap(text, 7) << "\n"; }

/// The end of a dialogue as a line: the score and the cards scheduled.
void print_teach_end(std::ostream& out, const teach_reply& r) {
    if (!r.done) return;
    out << "\nlesson " << r.lesson << " recorded: " << r.covered.size() << " of " << r.covered.size() + r.missed.size()
        << " key points";
    if (r.score) out << " (score " << fixed(*r.score) << ")";
    if (r.cards) out << ", " << *r.cards << " flashcard" << (*r.cards == 1 ? "" : "s") << " scheduled";
    out << "\n";
}

void print_teach_step(invocation& inv, const teach_reply& r) {
    if (inv.global.json) {
        inv.print_json(r);
        return;
    }
    print_coach(inv.out, r.coach);
    if (!r.covered.empty() || !r.missed.empty())
        inv.out << "\ncovered: " << (r.covered.empty() ? "-" : join(r.covered, "; "))
                << "\nmissed: " << (r.missed.empty() ? "-" : join(r.missed, "; ")) << "\n";
    print_teach_end(inv.out, r);
}

/// The interactive loop over an open session: each line is said to the coach; EOF or /quit leaves
/// the session open. With --json the dialogue goes to stderr and the last reply is printed as JSON.
int teach_converse(invocation& inv, const learner& who, teach_reply last) {
    auto& ctx = inv.context();
    std::ostream& talk = inv.global.json ? inv.err : inv.out;
    const std::string session = last.session;
    talk << "(type your answer; /hint for a hint, /giveup for the model answer, /quit to stop and resume later)\n";
    for (;;) {
        talk << "\nyou> " << std::flush;
        std::string line;
        if (!std::getline(inv.in, line)) {
            talk << '\n';
            break;
        }
        const std::string said(sdk::text::trim(line));
        if (said.empty()) continue;
        if (said == "/quit") break;
        std::string text = said;
        if (said == "/hint")
            text = "hint please";
        else if (said == "/giveup")
            text = "I give up, show me the answer";
        else if (said.front() == '/') {
            talk << "unknown command " << said << '\n';
            continue;
        }
        try {
            last = teach_say(ctx, who, session, text);
        } catch (const error& e) {
            if (e.code() != errc::invalid_input && e.code() != errc::conflict) throw;
            talk << "error: " << e.what() << '\n';
            continue;
        }
        print_coach(talk, last.coach);
        if (last.done) {
            print_teach_end(talk, last);
            if (inv.global.json) inv.print_json(last);
            return 0;
        }
    }
    talk << "session " << session << " stays open: rehearse teach resume --session " << session << '\n';
    if (inv.global.json) inv.print_json(last);
    return 0;
}

int cmd_teach_start(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const auto id = inv.value("lesson");
    if (!id) throw error(errc::usage, inv.cmd.name() + " needs --lesson ID (see: rehearse lessons)");
    const lesson* l = ctx.content().find_lesson(*id);
    if (!l || l->retired)
        throw error(errc::not_found, "unknown lesson " + sdk::text::in_quotes(*id) + " (see: rehearse lessons)");
    const teach_reply r = start_teach(ctx, who, *l, parse_teach_options(inv));
    if (inv.cmd.words.size() == 2) {  // `teach start`: one step
        if (inv.global.json)
            inv.print_json(r);
        else {
            inv.out << "session " << r.session << " on " << r.lesson << " (" << r.level << ")\n";
            print_coach(inv.out, r.coach);
        }
        return 0;
    }
    std::ostream& talk = inv.global.json ? inv.err : inv.out;
    talk << "lesson " << r.lesson << " (" << r.level << "), session " << r.session << '\n';
    print_coach(talk, r.coach);
    return teach_converse(inv, who, r);
}

int cmd_teach_resume(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const std::string session = teach_require_session(inv);
    const teach_view v = teach_show(ctx, who, session);
    if (v.state == "finished")
        throw error(errc::conflict,
                    "teach session " + session + " is finished; see: rehearse teach show --session " + session);
    std::ostream& talk = inv.global.json ? inv.err : inv.out;
    talk << "resuming lesson " << v.lesson << " (" << v.level << "), session " << v.session << '\n';
    for (const auto& l : v.transcript) talk << '\n' << l.role << ": " << wrap(l.text, l.role.size() + 2) << '\n';
    teach_reply last;
    last.session = v.session;
    last.lesson = v.lesson;
    last.level = v.level;
    last.coach = v.transcript.empty() ? "" : v.transcript.back().text;
    last.covered = v.covered;
    last.missed = v.missed;
    return teach_converse(inv, who, last);
}

int cmd_teach_say(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const std::string session = teach_require_session(inv);
    const auto text = inv.value("text");
    if (!text) throw error(errc::usage, "teach say needs --text T");
    print_teach_step(inv, teach_say(ctx, who, session, *text));
    return 0;
}

int cmd_teach_show(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const teach_view v = teach_show(ctx, who, teach_require_session(inv));
    if (inv.global.json) {
        inv.print_json(v);
        return 0;
    }
    inv.out << "lesson " << v.lesson << " (" << v.state << ", " << v.level << "), session " << v.session << '\n';
    for (const auto& l : v.transcript) inv.out << '\n' << l.role << ": " << wrap(l.text, l.role.size() + 2) << '\n';
    inv.out << "\ncovered: " << (v.covered.empty() ? "-" : join(v.covered, "; "))
            << "\nmissed: " << (v.missed.empty() ? "-" : join(v.missed, "; ")) << '\n';
    return 0;
}

int cmd_ask(invocation& inv) {
    auto& ctx = inv.context();
    std::optional<std::string> text = inv.value("text");
    if (!inv.args.empty()) {
        if (text) throw error(errc::usage, "ask takes the question as --text T or as an argument, not both");
        text = inv.args.front();
    }
    if (!text) throw error(errc::usage, "ask needs a question: rehearse ask --text \"Should I use Redis?\"");
    const ask_answer a = ask_coach(ctx, *text);
    if (inv.global.json) {
        inv.print_json(a);
        return 0;
    }
    print_coach(inv.out, a.answer);
    if (!a.lessons.empty()) {
        inv.out << "\nlessons:";
        for (const auto& id : a.lessons) inv.out << ' ' << id;
        inv.out << "\n(rehearse teach --lesson " << a.lessons.front() << " to learn it with the coach)\n";
    }
    return 0;
}

int cmd_teach_list(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const auto sessions = teach_list(ctx, who);
    if (inv.global.json) {
        inv.print_json(sessions);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : sessions) rows.push_back({s.session, s.lesson, s.state, s.started_at});
    print_table(inv.out, {"SESSION", "LESSON", "STATE", "STARTED"}, rows);
    return 0;
}

const std::vector<option_spec> teach_start_options{
    {"lesson", "ID", "the lesson (see: rehearse lessons)"},
    {"level", "LEVEL", "beginner, intermediate or advanced (default: from your mastery)"}};

}  // namespace

std::vector<command> teach_commands() {
    const option_spec session{"session", "ID", "the teaching session (see: rehearse teach list)"};
    return {
        {{"teach"},
         "",
         "learn a lesson in a dialogue with the coach (interactive)",
         teach_start_options,
         0,
         0,
         &cmd_teach_start},
        {{"teach", "start"},
         "",
         "start a teaching dialogue and print the coach's opening",
         teach_start_options,
         0,
         0,
         &cmd_teach_start},
        {{"teach", "say"},
         "",
         "answer the coach (or ask for a hint, or give up)",
         {session, {"text", "T", "what you say"}},
         0,
         0,
         &cmd_teach_say},
        {{"teach", "resume"},
         "",
         "go on with an open teaching dialogue (interactive)",
         {session},
         0,
         0,
         &cmd_teach_resume},
        {{"teach", "show"},
         "",
         "a teaching dialogue's transcript and the key points covered",
         {session},
         0,
         0,
         &cmd_teach_show},
        {{"teach", "list"}, "", "your teaching dialogues, newest first", {}, 0, 0, &cmd_teach_list},
        {{"ask"},
         "[QUESTION]",
         "ask the coach a question; it answers from the lessons that fit",
         {{"text", "T", "the question"}},
         0,
         1,
         &cmd_ask},
    };
}

}  // namespace rehearse::cli
