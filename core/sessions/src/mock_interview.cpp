#include "rehearse/core/sessions/mock_interview.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/sessions/text_ranking.hpp"
#include "rehearse/sdk/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace rehearse {

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

/// A phase's focus from its name: the seeds name phases in words ("Database design deep dive").
phase_focus focus_of_phase(std::string_view name) {
    const std::string n = sdk::text::lower(name);
    auto has = [&](std::string_view w) { return n.find(w) != std::string::npos; };
    if (has("present")) return "present";
    if (has("clarif") || has("requirement") || has("question") || has("context")) return "requirements";
    if (has("estimat") || has("capacity") || has("envelope")) return "estimation";
    if (has("wrap") || has("self-assess")) return "wrap-up";
    if (has("database") || has("schema") || has("data model") || has("detailed")) return "data-model";
    if (has("api") || has("endpoint")) return "api";
    if (has("high-level") || has("high level") || has("architecture")) return "architecture";
    return "scaling";  // scaling, trade-offs, deep dives, extensions
}

/// The seeds' default formats: seed 001's 45 minutes, seed 000's 60-minute mock flow.
std::vector<mock_phase> default_phases(int minutes) {
    if (minutes == 45)
        return {{"Requirements", 5, "Clarify scale, features, data rules and integrations.", "requirements"},
                {"Estimation", 5, "Put rough numbers on traffic and storage.", "estimation"},
                {"High-level design", 10, "Sketch the main components and how a request flows.", "architecture"},
                {"Detailed design", 15, "The database schema and the key API endpoints.", "data-model"},
                {"Deep dive", 10, "Bottlenecks at 10x, failures and trade-offs.", "scaling"}};
    return {{"Present the problem", 5, "State the problem; the candidate restates it.", "present"},
            {"Clarifying questions", 5, "Clarify scale, features, data rules and integrations.", "requirements"},
            {"High-level design", 10, "Sketch the main components and how a request flows.", "architecture"},
            {"Database design deep dive", 15, "Tables, keys, indexes, tenancy and audit.", "data-model"},
            {"API design", 10, "Two or three key endpoints with verbs, bodies and status codes.", "api"},
            {"Scaling and trade-offs", 10, "What breaks first at 10x and what changes.", "scaling"},
            {"Wrap-up and self-assessment", 5, "The candidate self-assesses; feedback follows.", "wrap-up"}};
}

json phase_json(const mock_phase& ph) {
    return {{"name", ph.name}, {"minutes", ph.minutes}, {"goal", ph.goal}, {"focus", ph.focus}};
}

mock_phase phase_from_json(const json& j) {
    return {j.at("name").get<std::string>(), j.at("minutes").get<int>(), j.value("goal", ""),
            j.value("focus", focus_of_phase(j.at("name").get<std::string>()))};
}

session_event event(sys_ms at, std::string type, json data) { return {at, std::move(type), std::move(data)}; }

bool says_any(const std::string& lowered, std::initializer_list<std::string_view> phrases) {
    for (auto p : phrases)
        if (sdk::text::find_phrase(lowered, p) != std::string::npos) return true;
    return false;
}

bool asks_for_hint(const std::string& t) {
    return says_any(t, {"hint", "a clue", "give me a pointer", "point me in", "nudge me"});
}

bool says_stuck(const std::string& t) {
    return says_any(t, {"stuck", "i don't know", "i dont know", "no idea", "not sure where", "not sure how",
                        "not sure what", "lost", "blank", "can't think", "cannot think"});
}

bool says_done(const std::string& t) {
    return says_any(t, {"i'm done", "i am done", "that's my design", "that is my design", "i'm finished",
                        "i am finished", "that's all", "that is all", "nothing more to add"});
}

/// The interviewer's question for a gap a finding names: it asks, it never corrects.
std::string_view probe_for_finding(std::string_view id) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> table{{
        {"estimate-off", "Walk me through how you got your numbers."},
        {"files-in-database", "Where do the files themselves live, and what does the database keep about them?"},
        {"missing-audit-trail", "Someone changes a record. How would we know later who changed what, and when?"},
        {"missing-foreign-keys", "What keeps these tables consistent with each other when a row is deleted?"},
        {"missing-index", "Take the most common query on this schema. How does the database find those rows?"},
        {"no-api-versioning", "How will you change this API later without breaking the clients that use it?"},
        {"no-caching", "The same data is read over and over. Do we go to the database every time?"},
        {"no-capacity-estimate", "Can you put rough numbers on this: requests per second, storage per year?"},
        {"no-clarifying-questions", "Before we go further: what did you need to know about the requirements?"},
        {"no-error-responses", "What does the client see when one of these requests fails?"},
        {"no-idempotency", "The client's request times out and it retries. What happens?"},
        {"no-monitoring", "How would you know this system is unhealthy at three in the morning?"},
        {"no-multi-tenancy", "Each company should see only its own data. Where in this design is that enforced?"},
        {"no-object-storage", "Where do the files live?"},
        {"no-pagination", "What happens when one of these lists has ten thousand items?"},
        {"no-queue-for-async", "Where does the slow work run, and what happens if it fails half-way?"},
        {"no-tradeoffs", "What alternatives did you consider, and why did you pick this one?"},
        {"over-engineering", "Does every one of these components earn its place at this scale?"},
        {"requirements-missing-scale", "How big is this system? Which numbers are you designing for?"},
        {"single-point-of-failure", "What happens when that server goes down?"},
        {"sync-slow-operation", "What is the client waiting for while the slow work runs?"},
        {"vague-scaling", "Traffic grows ten times. What breaks first?"},
    }};
    for (const auto& [fid, text] : table)
        if (fid == id) return text;
    return {};
}

/// Findings in the order an interviewer raises them: critical gaps first, then the gaps the
/// problem's own pitfalls name (in the problem's order), then the rest as graded.
std::vector<finding> by_interview_priority(const problem& p, std::vector<finding> findings) {
    std::vector<std::string> pitfalls;
    for (const auto& pf : p.doc.value("pitfalls", json::array())) pitfalls.push_back(pf.value("finding", ""));
    auto rank = [&](const finding& f) {
        if (f.severity == "critical") return 0;
        const auto it = std::find(pitfalls.begin(), pitfalls.end(), f.id);
        return it == pitfalls.end() ? 1000 : 1 + static_cast<int>(it - pitfalls.begin());
    };
    std::stable_sort(findings.begin(), findings.end(),
                     [&](const finding& a, const finding& b) { return rank(a) < rank(b); });
    return findings;
}

/// The dimensions whose gaps the interviewer may probe once a section is written.
std::vector<std::string_view> dimensions_of_section(std::string_view section) {
    if (section == "architecture") return {"architecture", "reliability", "scaling"};
    if (section.empty()) return {};  // the whole answer: every dimension
    return {section};
}

std::string minutes_text(std::chrono::milliseconds d) {
    const auto m = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    return std::to_string(m) + (m == 1 ? " minute" : " minutes");
}

std::string focus_words(const phase_focus& f) {
    if (f == "present" || f == "requirements") return "the requirements";
    if (f == "estimation") return "the estimates";
    if (f == "architecture") return "the high-level design";
    if (f == "data-model") return "the database design";
    if (f == "api") return "the API";
    if (f == "scaling") return "scaling and trade-offs";
    return "the wrap-up";
}

/// A problem's probe that fits `topic` best and has not been asked (empty when none is left). The
/// probe closest to what the candidate just said (`just_said`) is skipped: they have answered it.
std::string best_problem_probe(const problem& p, const mock_state& st, std::string_view topic,
                               std::string_view just_said) {
    const auto& probes = p.doc.value("probes", json::array());
    ranking::bm25 index;
    std::vector<std::string> texts;
    for (const auto& pr : probes) {
        texts.push_back(pr.get<std::string>());
        index.add(ranking::terms(texts.back()));
    }
    std::set<std::size_t> skip;
    for (std::size_t i = 0; i < texts.size(); ++i)
        if (st.probes_asked.count(texts[i])) skip.insert(i);
    if (!just_said.empty()) {
        const auto answered = index.rank(ranking::terms(just_said));
        if (!answered.empty()) skip.insert(answered.front().first);
    }
    for (const auto& [i, score] : index.rank(ranking::terms(topic)))
        if (!skip.count(i)) return texts[i];
    for (std::size_t i = 0; i < texts.size(); ++i)
        if (!skip.count(i)) return texts[i];
    return {};
}

std::string next_hint(const problem& p, const mock_state& st) {
    const auto& hints = p.doc.value("hints", json::array());
    if (hints.empty()) return "Think about what the system has to do first, then what it has to hold.";
    const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(st.hints), hints.size() - 1);
    return hints[i].get<std::string>();
}

/// A beginner's pointer for a phase: how to go about it, never what the answer is (a problem's
/// phase goals are for the interviewer and would give the answers away).
std::string beginner_tip(const phase_focus& f) {
    if (f == "requirements") return " (Tip: ask about scale, features, data rules and integrations.)";
    if (f == "estimation") return " (Tip: start from the daily volume; a day has about 100,000 seconds.)";
    if (f == "architecture") return " (Tip: name each box and say in one sentence why it is there.)";
    if (f == "data-model")
        return " (Tip: the main tables first, then keys, indexes and anything the prompt says must be kept.)";
    if (f == "api") return " (Tip: for each endpoint give the verb, the path, the body and the status codes.)";
    if (f == "scaling") return " (Tip: name the first bottleneck and the fix for it before the next one.)";
    return "";
}

/// The interviewer's line when a phase starts.
std::string phase_opening(const problem& p, const mock_phase& ph, coaching_level level) {
    std::string text;
    if (ph.focus == "requirements")
        text = "What would you like to know before you start designing?";
    else if (ph.focus == "estimation")
        text = "Let's put some rough numbers on it: traffic, storage and anything else that sizes the design.";
    else if (ph.focus == "architecture")
        text = "Sketch the high-level design for me: the main components and how a request flows through them.";
    else if (ph.focus == "data-model")
        text = "Let's dive into your database schema. Can you show me the main tables?";
    else if (ph.focus == "api")
        text = "Now let's talk about your API. Show me two or three key endpoints.";
    else if (ph.focus == "scaling") {
        text = "Let's talk about growth.";
        for (const auto& d : p.doc.value("deep_dives", json::array())) {
            const auto q = d.value("question", "");
            if (q.find("10x") != std::string::npos || sdk::text::lower(q).find("grow") != std::string::npos) {
                text += " " + q;
                break;
            }
        }
        if (text == "Let's talk about growth.")
            text += " Traffic grows ten times. What breaks first, and what do you change?";
    } else if (ph.focus == "wrap-up")
        text =
            "We're nearly out of time. Before I give you feedback: what do you think went well, and what would you "
            "improve?";
    else
        text = "Go ahead.";
    if (level == coaching_level::beginner) text += beginner_tip(ph.focus);
    return text;
}

}  // namespace

std::optional<std::string> mock_section_heading(std::string_view section) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> headings{{
        {"requirements", "Requirements"},
        {"estimation", "Estimation"},
        {"architecture", "Architecture"},
        {"data-model", "Data model"},
        {"api", "API"},
        {"scaling", "Scaling"},
        {"reliability", "Reliability"},
    }};
    for (const auto& [id, heading] : headings)
        if (id == section) return std::string(heading);
    return std::nullopt;
}

std::vector<mock_phase> mock_phases(const problem& p, int minutes) {
    if (minutes != 45 && minutes != 60)
        throw error(errc::invalid_input, "format must be 45 or 60 (minutes), not " + std::to_string(minutes));
    const auto fmt = p.doc.find("format");
    if (fmt != p.doc.end() && fmt->value("minutes", 0) == minutes && fmt->contains("phases")) {
        std::vector<mock_phase> out;
        for (const auto& ph : fmt->at("phases"))
            out.push_back({ph.at("name").get<std::string>(), ph.at("minutes").get<int>(), ph.value("goal", ""),
                           focus_of_phase(ph.at("name").get<std::string>())});
        if (!out.empty()) return out;
    }
    return default_phases(minutes);
}

sys_ms mock_state::phase_ends_at() const {
    return phase_started_at.at(phase) + std::chrono::minutes(current().minutes);
}

sys_ms mock_state::interview_ends_at() const { return started_at + std::chrono::minutes(format_minutes); }

std::string mock_state::design_markdown() const {
    std::string out;
    for (const auto& name : section_order) {
        const auto& text = sections.at(name);
        if (name == "*") {
            out += text;
        } else {
            out += "## " + mock_section_heading(name).value_or(name) + "\n\n" + text;
        }
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += '\n';
    }
    return out;
}

void apply_mock_event(mock_state& st, const session_event& e) {
    const json& d = e.data;
    const std::string phase_name = st.phases.empty() ? "" : st.current().name;
    if (e.type == "started") {
        st.problem = d.at("problem").get<std::string>();
        st.level = parse_coaching_level(d.at("level").get<std::string>());
        st.format_minutes = d.at("format").get<int>();
        st.phases.clear();
        for (const auto& ph : d.at("phases")) st.phases.push_back(phase_from_json(ph));
        st.started_at = e.at;
        st.phase = 0;
        st.phase_started_at = {e.at};
        st.phase_left_at.clear();
    } else if (e.type == "phase") {
        st.phase_left_at.push_back(e.at);
        st.phase = d.at("index").get<std::size_t>();
        st.phase_started_at.push_back(e.at);
    } else if (e.type == "candidate") {
        st.transcript.push_back({e.at, "candidate", phase_name, d.at("text").get<std::string>()});
        st.questions_asked += d.value("questions", 0);
        st.design_questions_early += d.value("design_question_early", false) ? 1 : 0;
        if (d.value("stuck", false)) ++st.stuck;
    } else if (e.type == "section") {
        const std::string name = d.value("section", "*");
        if (name == "*") {  // a whole answer replaces everything written before
            st.sections.clear();
            st.section_order.clear();
        }
        if (!st.sections.count(name)) st.section_order.push_back(name);
        st.sections[name] = d.at("markdown").get<std::string>();
        const std::string label = name == "*" ? "the design" : "the " + name + " section";
        st.transcript.push_back({e.at, "candidate", phase_name, "(wrote " + label + ")\n" + st.sections[name]});
    } else if (e.type == "interviewer") {
        st.transcript.push_back({e.at, "interviewer", phase_name, d.at("text").get<std::string>()});
        for (const auto& c : d.value("clarifications", json::array()))
            st.clarifications_answered.insert(c.get<std::size_t>());
        st.questions_unanswered += d.value("unanswered", 0);
        for (const auto& p : d.value("probes", json::array())) st.probes_asked.insert(p.get<std::string>());
        for (const auto& f : d.value("findings", json::array())) st.findings_probed.insert(f.get<std::string>());
        if (d.value("hint", false)) {
            ++st.hints;
            st.stuck = 0;
        }
        if (d.value("nudge", false)) st.nudged_phases.insert(st.phase);
        if (d.value("wrap_up", false)) st.wrap_up_asked = true;
    } else if (e.type == "self_assessment") {
        st.self_assessment = d.at("text").get<std::string>();
        st.transcript.push_back({e.at, "candidate", phase_name, *st.self_assessment});
    } else if (e.type == "finished") {
        st.finished = true;
    }
}

mock_state replay_mock(const session_record& s) {
    if (s.events.empty() || s.events.front().type != "started")
        throw error(errc::invalid_content, "mock session " + s.id + " has no start event");
    mock_state st;
    for (const auto& e : s.events) apply_mock_event(st, e);
    return st;
}

mock_step mock_open(const problem& p, int format_minutes, coaching_level level, sys_ms now) {
    const auto phases = mock_phases(p, format_minutes);
    json started{{"problem", p.id}, {"format", format_minutes}, {"level", to_string(level)}, {"phases", json::array()}};
    for (const auto& ph : phases) started["phases"].push_back(phase_json(ph));
    mock_step step;
    step.kind = "other";
    step.text = "This is a " + std::to_string(format_minutes) +
                "-minute mock interview. I'll play the interviewer: I'll answer your questions and ask my own, "
                "but I won't correct you as we go. Feedback comes at the end.\n\n" +
                p.doc.value("statement", p.title);
    if (level == coaching_level::beginner)
        step.text +=
            "\n\nTake it step by step: start with the questions you need answered. Ask for a hint if you "
            "get stuck.";
    if (phases.front().focus != "present" && phases.front().focus != "requirements")
        step.text += "\n\n" + phase_opening(p, phases.front(), level);
    step.events.push_back(event(now, "started", std::move(started)));
    step.events.push_back(event(now, "interviewer", {{"text", step.text}, {"kind", step.kind}}));
    return step;
}

mock_step mock_on_message(const problem& p, const mock_state& st, const clarification_matcher& matcher,
                          std::string_view text, sys_ms now) {
    const std::string t = sdk::text::lower(text);
    mock_step step;
    json candidate{{"text", std::string(text)}};
    json said{{"kind", "other"}};
    const auto& ph = st.current();
    const bool in_requirements = ph.focus == "present" || ph.focus == "requirements";

    if (now >= st.interview_ends_at() || ph.focus == "wrap-up") {
        if (!st.wrap_up_asked) {
            step.kind = "nudge";
            step.text =
                "We're out of time. Before I give you feedback: what do you think went well, and what "
                "would you improve?";
            said["wrap_up"] = true;
        } else {
            step.kind = "other";
            step.text = "Thank you, that's useful. Let's go through the feedback.";
            said["kind"] = step.kind;
            said["text"] = step.text;
            // The answer to the wrap-up question is the self-assessment: recorded as such, said once.
            step.events.push_back(event(now, "self_assessment", {{"text", std::string(text)}}));
            step.events.push_back(event(now, "interviewer", said));
            return step;
        }
    } else if (asks_for_hint(t) || (says_stuck(t) && (st.stuck >= 1 || st.level == coaching_level::beginner))) {
        step.kind = "hint";
        step.text = next_hint(p, st);
        said["hint"] = true;
        candidate["stuck"] = says_stuck(t);
    } else if (says_stuck(t)) {
        step.kind = "other";
        step.text = "Take a moment and think out loud. What is the first thing this system has to do?";
        candidate["stuck"] = true;
    } else if (says_done(t)) {
        step.kind = "other";
        step.text = "All right. Is there anything in " + focus_words(ph.focus) +
                    " you would change with more time? When you're ready, we'll wrap up.";
    } else {
        const clarification_reading r = matcher.read(text);
        const auto& clar = p.doc.value("clarifications", json::array());
        const int questions = static_cast<int>(r.answered.size() + r.unanswerable.size()) +
                              (r.design_question && r.answered.empty() && r.unanswerable.empty() ? 1 : 0);
        candidate["questions"] = questions;
        if (r.design_question && in_requirements && r.answered.empty()) {
            step.kind = "redirect";
            step.text =
                "Let's focus on the requirements first; we'll get to the design shortly. What else do you "
                "need to know about what we're building?";
            candidate["design_question_early"] = true;
        } else if (!r.answered.empty() || !r.unanswerable.empty()) {
            step.kind = "clarification";
            std::vector<std::string> parts;
            json indices = json::array();
            for (const auto& m : r.answered) {
                parts.push_back(clar.at(m.index).at("answer").get<std::string>());
                indices.push_back(m.index);
            }
            if (!r.unanswerable.empty())
                parts.push_back(r.answered.empty() ? "I don't have a firm answer for that. What would you assume?"
                                                   : "On the rest, I don't have a firm answer. What would you assume?");
            for (std::size_t i = 0; i < parts.size(); ++i) step.text += (i ? " " : "") + parts[i];
            said["clarifications"] = indices;
            said["unanswered"] = static_cast<int>(r.unanswerable.size());
        } else if (r.design_question) {
            step.kind = "other";
            step.text = "What do you think? Walk me through the options and the trade-off.";
        } else if (in_requirements) {
            step.kind = "other";
            step.text = "OK, noted. Anything else you'd like to know before you design?";
        } else {
            const std::string probe = best_problem_probe(p, st, ph.goal, text);
            if (!probe.empty()) {
                step.kind = "probe";
                step.text = "I see. " + probe;
                step.probes.push_back(probe);
                said["probes"] = step.probes;
            } else {
                step.kind = "other";
                step.text = "I see. Go on.";
            }
        }
    }

    // A phase that runs over its time gets one nudge towards the next. Presenting the problem and
    // the clarifying questions are one stretch of requirements (seed 000's minutes 0-10).
    std::size_t first = st.phase, target = st.phase + 1;
    auto budget = std::chrono::minutes(ph.minutes);
    if (ph.focus == "present" && target < st.phases.size() && st.phases[target].focus == "requirements") {
        budget += std::chrono::minutes(st.phases[target].minutes);
        ++target;
    }
    if (ph.focus == "requirements" && st.phase > 0 && st.phases[st.phase - 1].focus == "present") {
        first = st.phase - 1;
        budget += std::chrono::minutes(st.phases[first].minutes);
    }
    if (target < st.phases.size() && now > st.phase_started_at.at(first) + budget &&
        !st.nudged_phases.count(st.phase) && ph.focus != "wrap-up" && now < st.interview_ends_at()) {
        const auto spent = now - st.phase_started_at.at(first);
        const std::string nudge =
            "We're at " + minutes_text(std::chrono::duration_cast<std::chrono::milliseconds>(spent)) + " on " +
            focus_words(ph.focus) + "; let's move on to " + focus_words(st.phases[target].focus) + ".";
        step.text = step.text.empty() ? nudge : step.text + "\n\n" + nudge;
        if (step.kind == "other") step.kind = "nudge";
        said["nudge"] = true;
    }
    said["kind"] = step.kind;
    said["text"] = step.text;
    step.events.push_back(event(now, "candidate", std::move(candidate)));
    step.events.push_back(event(now, "interviewer", std::move(said)));
    return step;
}

mock_step mock_on_design(const problem& p, const mock_state& st, std::string_view markdown, std::string_view section,
                         const std::vector<finding>& findings, sys_ms now) {
    mock_step step;
    json written{{"markdown", std::string(markdown)}};
    if (!section.empty()) written["section"] = std::string(section);
    step.events.push_back(event(now, "section", std::move(written)));

    // Gaps in what was just written, most severe first, each asked once; then the problem's own probe.
    const auto dims = dimensions_of_section(section);
    json probed = json::array();
    const std::size_t max_finding_probes = 2;
    for (const auto& f : by_interview_priority(p, findings)) {
        if (step.probes.size() >= max_finding_probes) break;
        if (f.severity == "info" || st.findings_probed.count(f.id)) continue;
        if (!dims.empty() && std::find(dims.begin(), dims.end(), f.dimension) == dims.end()) continue;
        const auto q = probe_for_finding(f.id);
        if (q.empty() || st.probes_asked.count(std::string(q))) continue;
        step.probes.emplace_back(q);
        probed.push_back(f.id);
    }
    if (step.probes.empty() || st.level == coaching_level::advanced) {
        const std::string probe = best_problem_probe(p, st, std::string(markdown) + " " + st.current().goal, {});
        if (!probe.empty()) step.probes.push_back(probe);
    }
    step.kind = step.probes.empty() ? "other" : "probe";
    step.text = "Thanks, I can see it.";
    for (const auto& q : step.probes) step.text += " " + q;
    if (step.probes.empty()) step.text += " Go on.";
    step.events.push_back(event(
        now, "interviewer", {{"text", step.text}, {"kind", step.kind}, {"probes", step.probes}, {"findings", probed}}));
    return step;
}

mock_step mock_on_next_phase(const problem& p, const mock_state& st, sys_ms now) {
    if (st.phase + 1 >= st.phases.size())
        throw error(errc::conflict,
                    "the interview is in its last phase (" + st.current().name + "); finish it instead");
    const std::size_t next = st.phase + 1;
    mock_step step;
    step.kind = "other";
    step.text = phase_opening(p, st.phases[next], st.level);
    step.events.push_back(event(now, "phase", {{"index", next}}));
    json said{{"text", step.text}, {"kind", step.kind}};
    if (st.phases[next].focus == "wrap-up") said["wrap_up"] = true;
    step.events.push_back(event(now, "interviewer", std::move(said)));
    return step;
}

transcript_evidence mock_evidence(const problem& p, const mock_state& st, sys_ms now) {
    transcript_evidence e;
    e.questions_asked = st.questions_asked;
    e.clarifications_covered = static_cast<int>(st.clarifications_answered.size());
    e.clarifications_total = static_cast<int>(p.doc.value("clarifications", json::array()).size());
    e.hints = st.hints;
    for (std::size_t i = 0; i <= st.phase && i < st.phases.size(); ++i) {
        // Presenting the problem and the clarifying questions count as one stretch of requirements.
        const bool joins_next =
            st.phases[i].focus == "present" && i + 1 < st.phases.size() && st.phases[i + 1].focus == "requirements";
        if (joins_next && i < st.phase) continue;
        std::size_t first = i;
        int minutes = st.phases[i].minutes;
        if (i > 0 && st.phases[i].focus == "requirements" && st.phases[i - 1].focus == "present") {
            first = i - 1;
            minutes += st.phases[first].minutes;
        }
        ++e.phases_total;
        const sys_ms left = i < st.phase_left_at.size() ? st.phase_left_at[i] : now;
        // A minute of grace: a phase is over time when it ran a minute past its budget.
        if (left - st.phase_started_at.at(first) > std::chrono::minutes(minutes + 1)) ++e.phases_over_time;
    }
    // Requirements: a good candidate draws about half of the problem's clarifications (seed 000:
    // scale, features, data rules, integrations); questions the problem cannot answer still count a little.
    const double wanted = std::max(1.0, std::min(5.0, e.clarifications_total / 2.0));
    e.requirements = std::min(1.0, (e.clarifications_covered + 0.25 * std::max(0, st.questions_unanswered)) / wanted) -
                     0.1 * std::min(2, st.design_questions_early);
    e.requirements = std::clamp(e.requirements, 0.0, 1.0);
    const double kept = e.phases_total ? 1.0 - static_cast<double>(e.phases_over_time) / e.phases_total : 1.0;
    e.communication = std::clamp(kept - 0.05 * std::min(4, e.hints), 0.0, 1.0);
    return e;
}

void to_json(json& j, const transcript_evidence& e) {
    j = {{"questions_asked", e.questions_asked},
         {"clarifications_covered", e.clarifications_covered},
         {"clarifications_total", e.clarifications_total},
         {"phases_over_time", e.phases_over_time},
         {"phases_total", e.phases_total},
         {"hints", e.hints},
         {"requirements", std::round(e.requirements * 1000) / 1000},
         {"communication", std::round(e.communication * 1000) / 1000}};
}

}  // namespace rehearse
