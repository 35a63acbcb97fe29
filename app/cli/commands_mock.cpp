// `rehearse mock`: a mock interview, interactive on a terminal or step by step for scripts
// (docs/sessions.md). Every step is a core use case (mock_sessions.hpp) on the session in the store.
#include "cli/cli.hpp"
#include "cli/render.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/sessions/mock_sessions.hpp"
#include "rehearse/sdk/text.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace rehearse::cli {

using nlohmann::json;

namespace {

std::string clock_text(long long seconds) {
    const bool over = seconds < 0;
    if (over) seconds = -seconds;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%lld:%02lld", over ? "-" : "", seconds / 60, seconds % 60);
    return buf;
}

/// The prompt's status: the phase and its remaining time, and the interview's.
std::string status_line(const phase_view& p) {
    return "[" + p.name + " " + std::to_string(p.index + 1) + "/" + std::to_string(p.count) + " | " +
           clock_text(p.remaining_seconds) + " left in phase, " + clock_text(p.interview_remaining_seconds) +
           " in the interview]";
}

/// The interviewer's words, each paragraph wrapped on its own under the speaker's name.
std::string paragraphs(const std::string& text, std::size_t indent) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find("\n\n", start), text.size());
        if (!out.empty()) out += "\n\n" + std::string(indent, ' ');
        out += wrap(text.substr(start, end - start), indent);
        start = end + 2;
    }
    return out;
}

/// A transcript line as the terminal shows it: written sections verbatim (code must keep its lines).
std::string transcript_text(const transcript_line& l) {
    if (l.text.rfind("(wrote ", 0) == 0) return l.text;
    return paragraphs(l.text, l.role.size() + 2);
}

void print_reply(std::ostream& out, const mock_reply& r) {
    out << "\ninterviewer: " << paragraphs(r.interviewer, 13) << "\n";
}

mock_options parse_mock_options(invocation& inv) {
    mock_options o;
    if (const auto f = inv.integer("format", 45, 60)) {
        if (*f != 45 && *f != 60) throw error(errc::usage, "--format takes 45 or 60 (minutes)");
        o.format_minutes = static_cast<int>(*f);
    }
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

std::string require_session(invocation& inv) {
    const auto s = inv.value("session");
    if (!s) throw error(errc::usage, inv.cmd.name() + " needs --session ID (see: rehearse mock list)");
    return *s;
}

void print_result(invocation& inv, const mock_result& r) {
    if (inv.global.json) {
        inv.print_json(r);
        return;
    }
    inv.out << "\n";
    render_evaluation(inv.out, r.attempt.evaluation);
    const auto& e = r.evidence;
    inv.out << "\nFrom the interview: " << e.questions_asked << " question" << (e.questions_asked == 1 ? "" : "s")
            << " asked, " << e.clarifications_covered << " of " << e.clarifications_total
            << " key requirements drawn out, " << e.phases_over_time << " of " << e.phases_total
            << " phases over time, " << e.hints << " hint" << (e.hints == 1 ? "" : "s") << ".\n";
    inv.out << "attempt " << r.attempt.recorded.attempt_id << " recorded (mock)\n";
    inv.out << "next: " << to_string(r.next.kind) << " " << r.next.id << " — " << r.next.title << '\n';
}

/// The interactive loop over an open session: lines are said; slash commands write, move on, finish.
int converse(invocation& inv, const learner& who, const std::string& session, phase_view phase) {
    auto& ctx = inv.context();
    std::ostream& talk = inv.global.json ? inv.err : inv.out;
    talk << "(type to talk; /write FILE [SECTION] or /section NAME then lines ending with a lone '.', /next for the "
            "next phase, /hint, /finish, /quit to stop and resume later)\n";
    bool time_up = false;
    for (;;) {
        talk << '\n' << status_line(phase) << "\nyou> " << std::flush;
        std::string line;
        if (!std::getline(inv.in, line)) break;
        const std::string cmd(sdk::text::trim(line));
        if (cmd.empty()) continue;
        try {
            mock_reply r;
            if (cmd == "/quit") {
                talk << "session " << session << " stays open: rehearse mock resume --session " << session << '\n';
                return 0;
            } else if (cmd == "/finish" || (time_up && cmd.front() != '/')) {
                std::string self = time_up ? cmd : "";
                if (!time_up) {
                    talk << "interviewer: Before I give you feedback: what do you think went well, and what would "
                            "you improve?\nyou> "
                         << std::flush;
                    std::getline(inv.in, self);
                }
                print_result(inv, mock_finish(ctx, who, session, self));
                return 0;
            } else if (cmd == "/next") {
                r = mock_next_phase(ctx, who, session);
            } else if (cmd == "/hint") {
                r = mock_say(ctx, who, session, "Could I have a hint?");
            } else if (cmd.rfind("/write ", 0) == 0) {
                std::istringstream words(cmd.substr(7));
                std::string file, section;
                words >> file >> section;
                r = mock_write(ctx, who, session, read_answer(inv, file), section);
            } else if (cmd.rfind("/section ", 0) == 0) {
                const std::string section(sdk::text::trim(cmd.substr(9)));
                talk << "(write the " << section << " section; end with a line holding only '.')\n";
                std::string text, l;
                while (std::getline(inv.in, l) && sdk::text::trim(l) != ".") text += l + '\n';
                r = mock_write(ctx, who, session, text, section);
            } else if (cmd.front() == '/') {
                talk << "unknown command " << cmd << '\n';
                continue;
            } else {
                r = mock_say(ctx, who, session, cmd);
            }
            print_reply(talk, r);
            phase = r.phase;
            time_up = r.time_up;
            if (time_up) talk << "(time is up: answer the question above, then the feedback follows)\n";
        } catch (const error& e) {
            if (e.code() == errc::usage || e.code() == errc::invalid_input || e.code() == errc::io ||
                e.code() == errc::conflict)
                talk << "error: " << e.what() << '\n';
            else
                throw;
        }
    }
    talk << "\nsession " << session << " stays open: rehearse mock resume --session " << session << '\n';
    return 0;
}

int cmd_mock_start(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const mock_options o = parse_mock_options(inv);
    const problem* p = nullptr;
    if (const auto id = inv.value("problem"))
        p = &ctx.content().require_problem(*id);
    else
        p = &ctx.content().require_problem(recommend_next(ctx, who, activity_kind::problem).id);
    const mock_reply r = start_mock(ctx, who, *p, o);
    if (inv.cmd.words.size() == 2) {  // `mock start`: one step
        if (inv.global.json)
            inv.print_json(r);
        else
            inv.out << "session " << r.session << " on " << r.problem << "\n"
                    << status_line(r.phase) << '\n'
                    << "\ninterviewer: " << paragraphs(r.interviewer, 13) << '\n';
        return 0;
    }
    std::ostream& talk = inv.global.json ? inv.err : inv.out;
    talk << "mock interview " << r.session << " on " << r.problem << '\n';
    print_reply(talk, r);
    return converse(inv, who, r.session, r.phase);
}

int cmd_mock_resume(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const std::string session = require_session(inv);
    const mock_view v = mock_show(ctx, who, session);
    if (v.state == "finished")
        throw error(errc::conflict,
                    "mock session " + session + " is finished; see: rehearse mock show --session " + session);
    std::ostream& talk = inv.global.json ? inv.err : inv.out;
    talk << "resuming mock interview " << v.session << " on " << v.problem << '\n';
    for (const auto& l : v.transcript) talk << '\n' << l.role << ": " << transcript_text(l) << '\n';
    return converse(inv, who, session, v.phase);
}

void print_step(invocation& inv, const mock_reply& r) {
    if (inv.global.json)
        inv.print_json(r);
    else
        inv.out << status_line(r.phase) << "\ninterviewer: " << paragraphs(r.interviewer, 13) << '\n';
}

int cmd_mock_say(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const std::string session = require_session(inv);
    const auto text = inv.value("text");
    if (!text) throw error(errc::usage, "mock say needs --text T");
    print_step(inv, mock_say(ctx, who, session, *text));
    return 0;
}

int cmd_mock_write(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const std::string session = require_session(inv);
    const auto file = inv.value("file");
    if (!file) throw error(errc::usage, "mock write needs --file F (Markdown, - for stdin)");
    const std::string section = inv.value("section").value_or("");
    if (!section.empty() && !mock_section_heading(section))
        throw error(errc::usage,
                    "--section takes requirements, estimation, architecture, data-model, api, scaling or "
                    "reliability, not " +
                        sdk::text::in_quotes(section));
    print_step(inv, mock_write(ctx, who, session, read_answer(inv, *file), section));
    return 0;
}

int cmd_mock_phase(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const std::string session = require_session(inv);
    if (inv.args.at(0) != "next")
        throw error(errc::usage, "mock phase takes next, not " + sdk::text::in_quotes(inv.args[0]));
    print_step(inv, mock_next_phase(ctx, who, session));
    return 0;
}

int cmd_mock_finish(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    print_result(inv, mock_finish(ctx, who, require_session(inv), inv.value("self-assessment")));
    return 0;
}

int cmd_mock_show(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const mock_view v = mock_show(ctx, who, require_session(inv));
    if (inv.global.json) {
        inv.print_json(v);
        return 0;
    }
    inv.out << "mock interview " << v.session << " on " << v.problem << " (" << v.state << ", " << v.level << ", "
            << v.format_minutes << " minutes)\n";
    std::string phase;
    for (const auto& l : v.transcript) {
        if (l.phase != phase) inv.out << "\n== " << (phase = l.phase) << '\n';
        inv.out << '\n' << l.role << ": " << transcript_text(l) << '\n';
    }
    if (v.evaluation)
        inv.out << "\noverall " << v.evaluation->value("overall", 0) << "/100 (attempt "
                << v.evaluation->value("attempt_id", 0) << ")\n";
    return 0;
}

int cmd_mock_list(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const auto sessions = mock_list(ctx, who);
    if (inv.global.json) {
        inv.print_json(sessions);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : sessions) rows.push_back({s.session, s.problem, s.state, s.started_at});
    print_table(inv.out, {"SESSION", "PROBLEM", "STATE", "STARTED"}, rows);
    return 0;
}

const std::vector<option_spec> start_options{
    {"problem", "ID", "the problem (default: the recommended one)"},
    {"format", "MINUTES", "45 or 60 (default: the problem's own format)"},
    {"level", "LEVEL", "beginner, intermediate or advanced (default: from your mastery)"}};

}  // namespace

std::vector<command> mock_commands() {
    const option_spec session{"session", "ID", "the mock session (see: rehearse mock list)"};
    return {
        {{"mock"}, "", "a mock interview in the terminal (interactive)", start_options, 0, 0, &cmd_mock_start},
        {{"mock", "start"},
         "",
         "start a mock interview and print the interviewer's opening",
         start_options,
         0,
         0,
         &cmd_mock_start},
        {{"mock", "resume"}, "", "go on with an open mock interview (interactive)", {session}, 0, 0, &cmd_mock_resume},
        {{"mock", "say"},
         "",
         "say something to the interviewer",
         {session, {"text", "T", "what you say"}},
         0,
         0,
         &cmd_mock_say},
        {{"mock", "write"},
         "",
         "write your design: a whole Markdown answer, or one section",
         {session,
          {"file", "F", "the Markdown (- reads stdin)"},
          {"section", "NAME", "requirements, estimation, architecture, data-model, api, scaling or reliability"}},
         0,
         0,
         &cmd_mock_write},
        {{"mock", "phase"}, "next", "move to the next phase", {session}, 1, 1, &cmd_mock_phase},
        {{"mock", "finish"},
         "",
         "end the interview: feedback, the attempt recorded, what to practise next",
         {session, {"self-assessment", "T", "what went well and what you would improve"}},
         0,
         0,
         &cmd_mock_finish},
        {{"mock", "show"}, "", "a mock interview's transcript and its evaluation", {session}, 0, 0, &cmd_mock_show},
        {{"mock", "list"}, "", "your mock interviews", {}, 0, 0, &cmd_mock_list},
    };
}

}  // namespace rehearse::cli
