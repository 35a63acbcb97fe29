#include "rehearse/core/sessions/mock_sessions.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/rubric.hpp"
#include "rehearse/core/grading/evaluation.hpp"
#include "rehearse/core/learner/mastery.hpp"
#include "rehearse/core/learner/mastery_model.hpp"
#include "rehearse/sdk/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>

namespace rehearse {

using nlohmann::json;

void to_json(json& j, const phase_view& p) {
    j = {{"name", p.name},
         {"minutes", p.minutes},
         {"ends_at", p.ends_at},
         {"index", p.index},
         {"count", p.count},
         {"remaining_seconds", p.remaining_seconds},
         {"interview_remaining_seconds", p.interview_remaining_seconds}};
}

void to_json(json& j, const mock_reply& r) {
    j = {{"session", r.session}, {"problem", r.problem}, {"phase", r.phase},    {"interviewer", r.interviewer},
         {"kind", r.kind},       {"probes", r.probes},   {"time_up", r.time_up}};
}

void to_json(json& j, const mock_result& r) {
    j = r.attempt;
    j["session"] = r.session;
    j["mock"] = true;
    j["transcript_evidence"] = r.evidence;
    if (r.self_assessment) j["self_assessment"] = *r.self_assessment;
    j["next"] = r.next;
}

void to_json(json& j, const mock_view& v) {
    j = {{"session", v.session}, {"problem", v.problem},       {"state", v.state},
         {"level", v.level},     {"format", v.format_minutes}, {"phase", v.phase}};
    json lines = json::array();
    for (const auto& l : v.transcript)
        lines.push_back({{"at", format_iso8601(l.at)}, {"role", l.role}, {"phase", l.phase}, {"text", l.text}});
    j["transcript"] = std::move(lines);
    if (v.evaluation) j["evaluation"] = *v.evaluation;
}

void to_json(json& j, const mock_summary& s) {
    j = {{"session", s.session}, {"problem", s.problem}, {"state", s.state}, {"started_at", s.started_at}};
}

namespace {

constexpr std::string_view mock_kind = "mock";

long long seconds_between(sys_ms from, sys_ms to) {
    return std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
}

phase_view view_of(const mock_state& st, sys_ms now) {
    phase_view v;
    const auto& ph = st.current();
    v.name = ph.name;
    v.minutes = ph.minutes;
    v.ends_at = format_iso8601(st.phase_ends_at());
    v.index = st.phase;
    v.count = st.phases.size();
    v.remaining_seconds = seconds_between(now, st.phase_ends_at());
    v.interview_remaining_seconds = seconds_between(now, st.interview_ends_at());
    return v;
}

struct loaded_mock {
    session_record record;
    mock_state state;
    const problem* p = nullptr;
};

loaded_mock load_open_mock(SQLite::Database& db, app_context& ctx, const learner& who, std::string_view id) {
    loaded_mock m;
    m.record = load_session(db, who, mock_kind, id);
    m.state = replay_mock(m.record);
    m.p = &ctx.content().require_problem(m.record.subject);
    return m;
}

void require_open(const loaded_mock& m) {
    if (m.record.state == "finished")
        throw error(errc::conflict, "mock session " + m.record.id + " is finished; start a new one");
}

mock_reply reply_of(const loaded_mock& m, const mock_step& step, sys_ms now) {
    mock_state after = m.state;
    for (const auto& e : step.events) apply_mock_event(after, e);
    mock_reply r;
    r.session = m.record.id;
    r.problem = m.p->id;
    r.phase = view_of(after, now);
    r.interviewer = step.text;
    r.kind = step.kind;
    r.probes = step.probes;
    r.time_up = now >= after.interview_ends_at();
    return r;
}

/// Runs one step of an open session in one transaction: load, decide, append.
template <class Decide>
mock_reply run_step(app_context& ctx, const learner& who, std::string_view session, Decide&& decide) {
    const sys_ms now = ctx.now();
    mock_reply out;
    ctx.db().transaction([&](SQLite::Database& db) {
        loaded_mock m = load_open_mock(db, ctx, who, session);
        require_open(m);
        const mock_step step = decide(m, now);
        append_session_events(db, m.record, step.events, false);
        out = reply_of(m, step, now);
    });
    return out;
}

/// The answer graded at the end: the design as written, plus what the candidate said in the
/// requirements phases as its requirements section when no such section was written.
std::string answer_for_grading(const mock_state& st) {
    std::string said;
    for (std::size_t i = 0; i < st.transcript.size(); ++i) {
        const auto& l = st.transcript[i];
        if (l.role != "candidate" || l.text.rfind("(wrote ", 0) == 0) continue;
        const auto ph =
            std::find_if(st.phases.begin(), st.phases.end(), [&](const mock_phase& p) { return p.name == l.phase; });
        if (ph != st.phases.end() && (ph->focus == "present" || ph->focus == "requirements"))
            said += "- " + l.text + "\n";
    }
    std::string design = st.design_markdown();
    const bool has_requirements = st.sections.count("requirements") > 0;
    if (!said.empty() && !has_requirements) design = "## Clarifying questions\n\n" + said + "\n" + design;
    return design;
}

}  // namespace

mock_reply start_mock(app_context& ctx, const learner& who, const problem& p, const mock_options& options) {
    const sys_ms now = ctx.now();
    int minutes = options.format_minutes.value_or(0);
    if (!options.format_minutes) {
        const auto fmt = p.doc.find("format");
        const int own = fmt != p.doc.end() ? fmt->value("minutes", 0) : 0;
        minutes = own == 60 ? 60 : 45;
    }
    mock_reply out;
    ctx.db().transaction([&](SQLite::Database& db) {
        const coaching_level level = options.level ? *options.level : level_from_mastery(db, who, p.dimensions, now);
        const mock_step step = mock_open(p, minutes, level, now);
        session_record rec;
        rec.id = new_session_id(mock_kind);
        rec.learner_id = who.id;
        rec.kind = std::string(mock_kind);
        rec.subject = p.id;
        rec.created_at = now;
        rec.events = step.events;
        insert_session(db, rec);
        const loaded_mock fresh{rec, mock_state{}, &p};  // reply_of applies the step's events to it
        out = reply_of(fresh, step, now);
    });
    return out;
}

mock_reply mock_say(app_context& ctx, const learner& who, std::string_view session, std::string_view text) {
    if (sdk::text::trim(text).empty()) throw error(errc::invalid_input, "text is empty: say something");
    return run_step(ctx, who, session, [&](const loaded_mock& m, sys_ms now) {
        const clarification_matcher matcher(*m.p);
        return mock_on_message(*m.p, m.state, matcher, text, now);
    });
}

mock_reply mock_write(app_context& ctx, const learner& who, std::string_view session, std::string_view markdown,
                      std::string_view section) {
    check_answer_text(markdown);
    if (!section.empty() && !mock_section_heading(section))
        throw error(errc::invalid_input,
                    "section must be requirements, estimation, architecture, data-model, api, "
                    "scaling or reliability, not " +
                        sdk::text::in_quotes(section));
    return run_step(ctx, who, session, [&](const loaded_mock& m, sys_ms now) {
        // Grade the design as it will stand after this write, so probes see the whole of it.
        mock_state after = m.state;
        session_event written{now, "section", {{"markdown", std::string(markdown)}}};
        if (!section.empty()) written.data["section"] = std::string(section);
        apply_mock_event(after, written);
        const evaluation_result e = evaluate_answer(ctx, *m.p, after.design_markdown());
        return mock_on_design(*m.p, m.state, markdown, section, e.findings, now);
    });
}

mock_reply mock_next_phase(app_context& ctx, const learner& who, std::string_view session) {
    return run_step(ctx, who, session,
                    [&](const loaded_mock& m, sys_ms now) { return mock_on_next_phase(*m.p, m.state, now); });
}

mock_result mock_finish(app_context& ctx, const learner& who, std::string_view session,
                        const std::optional<std::string>& self_assessment) {
    const sys_ms now = ctx.now();
    mock_result out;
    out.session = std::string(session);
    loaded_mock m;
    ctx.db().with_db([&](SQLite::Database& db) {
        m = load_open_mock(db, ctx, who, session);
        require_open(m);
    });
    std::vector<session_event> closing;
    if (self_assessment && !sdk::text::trim(*self_assessment).empty()) {
        closing.push_back({now, "self_assessment", {{"text", *self_assessment}}});
        apply_mock_event(m.state, closing.back());
    }
    const std::string answer = answer_for_grading(m.state);
    if (sdk::text::trim(answer).empty())
        throw error(errc::invalid_input, "nothing was said or written in mock session " + m.record.id +
                                             ": write the design before finishing");
    const problem& p = *m.p;
    out.evidence = mock_evidence(p, m.state, now);
    out.self_assessment = m.state.self_assessment;

    // The design as written, graded; the transcript's evidence weighs half of requirements and of
    // communication where the problem grades them.
    evaluation_result e = evaluate_answer(ctx, p, answer);
    auto fold = [&](const std::string& dim, double transcript_score) {
        if (!p.dimensions.count(dim)) return;
        const auto it = e.scores.find(dim);
        const double written = it == e.scores.end() ? transcript_score : it->second;
        e.scores[dim] = std::round((0.5 * written + 0.5 * transcript_score) * 1000) / 1000;
    };
    fold("requirements", out.evidence.requirements);
    fold("communication", out.evidence.communication);
    e.overall = static_cast<int>(std::lround(rubric_weighted_mean(p, e.scores, 100.0)));

    out.attempt.evaluation = std::move(e);
    attempt_input input(out.attempt.evaluation.scores);
    input.overall = out.attempt.evaluation.overall;
    input.answer_text = answer;
    input.evaluation = &out.attempt.evaluation;
    input.source = "mock";
    // record_attempt runs its own transaction; the session is closed right after it. A process
    // killed in between leaves the attempt recorded and the session open, never the reverse.
    ctx.db().with_db([&](SQLite::Database& db) {
        if (load_session(db, who, mock_kind, session).state == "finished")
            throw error(errc::conflict, "mock session " + m.record.id + " is already finished");
    });
    out.attempt.recorded = record_attempt(ctx, who, p, input);
    closing.push_back({now, "finished", {{"attempt_id", out.attempt.recorded.attempt_id}}});
    ctx.db().transaction([&](SQLite::Database& db) { append_session_events(db, m.record, closing, true); });
    try {
        out.next = recommend_next(ctx, who, activity_kind::problem);
    } catch (const error&) {
        out.next = recommend_next(ctx, who);
    }
    return out;
}

mock_view mock_show(app_context& ctx, const learner& who, std::string_view session) {
    const sys_ms now = ctx.now();
    mock_view v;
    ctx.db().with_db([&](SQLite::Database& db) {
        const session_record rec = load_session(db, who, mock_kind, session);
        const mock_state st = replay_mock(rec);
        v.session = rec.id;
        v.problem = rec.subject;
        v.state = rec.state;
        v.level = std::string(to_string(st.level));
        v.format_minutes = st.format_minutes;
        v.phase = view_of(st, now);
        v.transcript = st.transcript;
        for (const auto& e : rec.events)
            if (e.type == "finished") {
                SQLite::Statement q(db, "SELECT evaluation_json FROM attempts WHERE id = ?1");
                q.bind(1, e.data.at("attempt_id").get<std::int64_t>());
                if (q.executeStep() && !q.getColumn(0).isNull()) {
                    json ev = json::parse(q.getColumn(0).getString());
                    ev["attempt_id"] = e.data.at("attempt_id");
                    v.evaluation = std::move(ev);
                }
            }
    });
    return v;
}

std::vector<mock_summary> mock_list(app_context& ctx, const learner& who) {
    std::vector<mock_summary> out;
    for (const auto& rec : list_sessions(ctx.db(), who, mock_kind))
        out.push_back({rec.id, rec.subject, rec.state, format_iso8601(rec.created_at)});
    return out;
}

}  // namespace rehearse
