#include "rehearse/core/sessions/teaching.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/lesson_progress.hpp"
#include "rehearse/core/sessions/text_ranking.hpp"
#include "rehearse/sdk/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <set>
#include <utility>

namespace rehearse {

using nlohmann::json;

std::string teach_state::answer() const {
    std::string out;
    for (const auto& r : replies) out += (out.empty() ? "" : "\n") + r;
    return out;
}

void apply_teach_event(teach_state& st, const session_event& e) {
    const auto& d = e.data;
    if (e.type == "started") {
        st.lesson = d.at("lesson").get<std::string>();
        st.level = parse_coaching_level(d.value("level", "intermediate"));
        st.transcript.push_back({e.at, "coach", d.value("text", "")});
    } else if (e.type == "learner") {
        const std::string text = d.value("text", "");
        st.transcript.push_back({e.at, "learner", text});
        if (d.value("kind", "answer") == "answer") st.replies.push_back(text);
    } else if (e.type == "coach") {
        st.transcript.push_back({e.at, "coach", d.value("text", "")});
        st.covered.clear();
        for (const auto& c : d.value("covered", json::array())) st.covered.insert(c.get<std::string>());
        const std::string kind = d.value("kind", "");
        if (kind == "hint") ++st.hints;
        if (kind == "correction") ++st.corrections;
        if (kind == "answer") st.gave_up = true;
        if (d.value("done", false)) st.done = true;
    } else if (e.type == "finished") {
        st.done = st.finished = true;
    }
}

teach_state replay_teach(const session_record& s) {
    if (s.events.empty() || s.events.front().type != "started")
        throw error(errc::invalid_content, "teach session " + s.id + " has no start event");
    teach_state st;
    for (const auto& e : s.events) apply_teach_event(st, e);
    return st;
}

namespace {

session_event teach_event(sys_ms at, std::string type, json data) { return {at, std::move(type), std::move(data)}; }

std::string teach_doc_text(const lesson& l, std::string_view key) {
    const auto it = l.doc.find(std::string(key));
    return it != l.doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string teach_mistake(const lesson& l) {
    return l.doc.contains("common_mistake") ? l.doc["common_mistake"].value("mistake", "") : "";
}

std::string teach_correction(const lesson& l) {
    return l.doc.contains("common_mistake") ? l.doc["common_mistake"].value("correction", "") : "";
}

std::string teach_question(const lesson& l) {
    return l.doc.contains("check") ? l.doc["check"].value("question", "") : "";
}

std::vector<std::string> teach_points(const lesson& l) {
    std::vector<std::string> out;
    if (l.doc.contains("check"))
        for (const auto& kp : l.doc["check"].value("key_points", json::array())) out.push_back(kp.value("point", ""));
    return out;
}

/// The first `n` sentences of a text.
std::string teach_sentences(std::string_view text, std::size_t n) {
    std::string out;
    std::size_t taken = 0;
    for (const auto& s : sdk::text::split_sentences(text)) {
        if (taken++ == n) break;
        out += (out.empty() ? "" : " ") + s.text;
    }
    // A clause cut at a semicolon ends as a sentence.
    if (!out.empty() && (out.back() == ';' || out.back() == ',')) out.back() = '.';
    return out;
}

/// A point's text as part of a sentence: its first letter lowercased, no final full stop.
std::string teach_inline(std::string text) {
    while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
    if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
        !std::isupper(static_cast<unsigned char>(text[1])))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

/// The start of the worked example for beginners: its first paragraph, at most ~450 characters,
/// cut at a line end.
std::string teach_example_excerpt(const std::string& example) {
    // A first paragraph that only sets the scene is followed by the next one.
    std::size_t end = example.find("\n\n");
    if (end != std::string::npos && end < 200) end = example.find("\n\n", end + 2);
    std::string first = example.substr(0, end);
    if (first.size() <= 450) return first;
    const std::size_t cut = first.rfind('\n', 450);
    return cut != std::string::npos && cut > 0 ? first.substr(0, cut) + "\n  ..." : first.substr(0, 450) + "...";
}

/// The correction in the coach's own voice: the content describes what "the coach" does.
std::string teach_coach_voice(std::string text) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> swaps{{
        {"The coach ", "I "},
        {"the coach ", "I "},
        {"the student's ", "your "},
        {"the student ", "you "},
        {"I asks ", "I ask "},
        {"I immediately asks ", "I'd immediately ask "},
        {"I has you ", "I'd have you "},
        {"I makes you ", "I'd make you "},
        {"I stops you ", "I'd stop you "},
        {"I interrupts ", "I'd interrupt "},
        {"I points ", "I'd point "},
        {"I rewrites ", "I'd rewrite "},
        {"I replays ", "I'd replay "},
        {"I adds ", "I add "},
        {" and asks ", " and ask "},
        {" then asks ", " then ask "},
        {" and steers ", " and steer "},
        {" then teaches ", " then teach "},
        {" and builds ", " and build "},
        {" then builds ", " then build "},
        {" then separates ", " then separate "},
        {"you sees ", "you see "},
        {"rules out ", "rule out "},
        {"then has you ", "then have you "},
    }};
    for (const auto& [from, to] : swaps)
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    return text;
}

bool teach_says(const std::string& lowered, std::initializer_list<std::string_view> phrases) {
    for (auto p : phrases)
        if (sdk::text::find_phrase(lowered, p) != std::string::npos) return true;
    return false;
}

std::size_t teach_word_count(std::string_view t) {
    std::size_t n = 0;
    bool in_word = false;
    for (const char c : t) {
        const bool w = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '\'';
        if (w && !in_word) ++n;
        in_word = w;
    }
    return n;
}

/// Short replies only: a long answer that mentions a "hint" is still an answer.
bool teach_asks_hint(const std::string& t) {
    return teach_word_count(t) <= 15 &&
           teach_says(t, {"hint", "a clue", "give me a pointer", "help me", "i'm stuck", "i am stuck", "stuck",
                          "i don't know", "i dont know", "no idea", "not sure"});
}

bool teach_gives_up(const std::string& t) {
    return teach_word_count(t) <= 15 &&
           teach_says(t, {"i give up", "give up", "show me the answer", "show the answer", "tell me the answer",
                          "just tell me", "what is the answer", "what's the answer", "model answer"});
}

std::string teach_join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + teach_inline(i);
    return out;
}

std::string teach_cards_line(const lesson& l) {
    const std::size_t n = l.card_ids.size();
    if (n == 0) return "";
    return " I've added this lesson's " + std::to_string(n) + " flashcard" + (n == 1 ? "" : "s") +
           " to your reviews so it sticks.";
}

/// The follow-up about the first missed point, pitched at the level.
std::string teach_follow_up(const std::string& point, coaching_level level) {
    switch (level) {
        case coaching_level::beginner:
            return "Let's take one small step: " + teach_inline(point) +
                   ". Can you explain how that works here, in a sentence or two?";
        case coaching_level::advanced:
            return "What about " + teach_inline(point) + "? Walk me through it, including where it breaks down.";
        case coaching_level::intermediate:
            break;
    }
    return "One thing is still missing: " + teach_inline(point) + ". How would you handle that?";
}

std::string teach_next_hint(const lesson& l, const teach_state& st, const std::vector<std::string>& missed) {
    const auto hints = l.doc.value("hints", json::array());
    if (static_cast<std::size_t>(st.hints) < hints.size())
        return hints[static_cast<std::size_t>(st.hints)].get<std::string>();
    if (!missed.empty()) return "Think about this part: " + teach_inline(missed.front()) + ".";
    return "Go back to the question and answer it in your own words.";
}

std::string teach_model_answer(const lesson& l) {
    std::string text = "No problem, here's a model answer.\n\nThe key points:\n";
    for (const auto& p : teach_points(l)) text += "- " + p + "\n";
    const std::string example = teach_doc_text(l, "worked_example");
    if (!example.empty()) text += "\nA worked example:\n" + example + "\n";
    text += "\nRead it through, then try the question again in a day or two." + teach_cards_line(l);
    return text;
}

json teach_coach_data(const teach_step& s) {
    return {{"text", s.text}, {"kind", s.kind}, {"covered", s.covered}, {"missed", s.missed}, {"done", s.done}};
}

}  // namespace

bool shows_common_mistake(const lesson& l, std::string_view reply) {
    const std::string mistake = teach_mistake(l);
    if (mistake.empty()) return false;
    const auto query = ranking::terms(reply);
    const std::set<std::string> distinct(query.begin(), query.end());
    if (distinct.size() < 2) return false;
    // The mistake competes with what is right: the correction and each key point with its keywords.
    ranking::bm25 index;
    const auto mistake_terms = ranking::terms(mistake);
    index.add(mistake_terms);
    index.add(ranking::terms(teach_correction(l)));
    if (l.doc.contains("check"))
        for (const auto& kp : l.doc["check"].value("key_points", json::array())) {
            std::string text = kp.value("point", "");
            for (const auto& k : kp.value("keywords", json::array())) text += " " + k.get<std::string>();
            index.add(ranking::terms(text));
        }
    const auto ranked = index.rank(query);
    if (ranked.empty() || ranked.front().first != 0) return false;
    const double runner_up = ranked.size() > 1 ? ranked[1].second : 0.0;
    const std::set<std::string> in_mistake(mistake_terms.begin(), mistake_terms.end());
    std::size_t shared = 0;
    for (const auto& t : distinct) shared += in_mistake.count(t);
    constexpr double min_score = 2.0, min_margin = 1.25;
    return shared >= 2 && ranked.front().second >= min_score && ranked.front().second >= min_margin * runner_up;
}

teach_step teach_open(const lesson& l, coaching_level level, sys_ms now) {
    teach_step s;
    s.kind = "explain";
    const std::string summary = teach_doc_text(l, "summary"), analogy = teach_doc_text(l, "analogy");
    const std::string question = teach_question(l);
    switch (level) {
        case coaching_level::beginner: {
            s.text = "Let's learn " + teach_inline(l.title) + ", one small step at a time. " + summary;
            if (!analogy.empty()) s.text += "\n\nPicture it this way: " + analogy;
            const std::string example = teach_doc_text(l, "worked_example");
            if (!example.empty()) s.text += "\n\nHere's a short example:\n" + teach_example_excerpt(example);
            s.text += "\n\nNow you try, and say \"hint\" whenever you want a nudge. " + question;
            break;
        }
        case coaching_level::intermediate:
            s.text = "Let's talk about " + teach_inline(l.title) + ". " + summary;
            if (!analogy.empty()) s.text += "\n\nThink of it like this: " + analogy;
            s.text += "\n\n" + question;
            break;
        case coaching_level::advanced: {
            s.text = l.title + ", briefly: " + teach_sentences(summary, 2);
            const std::string mistake = teach_mistake(l);
            if (!mistake.empty())
                s.text +=
                    "\n\nThe edge case people trip on: " + teach_inline(mistake) + ". Keep it in mind as you answer.";
            s.text += "\n\n" + question;
            break;
        }
    }
    s.missed = teach_points(l);
    s.events.push_back(teach_event(now, "started", {{"lesson", l.id}, {"level", to_string(level)}, {"text", s.text}}));
    return s;
}

teach_step teach_on_reply(const lesson& l, const teach_state& st, std::string_view text, sys_ms now) {
    if (st.done) throw error(errc::conflict, "this lesson's dialogue is over; start a new one");
    const std::string said(sdk::text::trim(text));
    const std::string t = sdk::text::lower(said);
    teach_step s;
    std::string kind = "answer";
    if (teach_gives_up(t))
        kind = "give-up";
    else if (teach_asks_hint(t)) {
        // "Not sure, but on a miss I'd ..." still answers: it is a hint request only when it covers nothing new.
        teach_state with_it = st;
        with_it.replies.push_back(said);
        const check_grade tried = grade_check(l, with_it.answer());
        const bool adds = std::any_of(tried.covered.begin(), tried.covered.end(),
                                      [&](const std::string& c) { return !st.covered.count(c); });
        if (!adds) kind = "hint";
    }
    s.events.push_back(teach_event(now, "learner", {{"text", said}, {"kind", kind}}));

    teach_state after = st;
    if (kind == "answer") after.replies.push_back(said);
    const check_grade g = grade_check(l, after.answer());
    s.covered = g.covered;
    s.missed = g.missed;

    if (kind == "give-up") {
        s.kind = "answer";
        s.done = true;
        s.text = teach_model_answer(l);
    } else if (kind == "hint") {
        s.kind = "hint";
        s.text = "Hint: " + teach_next_hint(l, st, g.missed);
        if (st.level == coaching_level::beginner && !g.missed.empty())
            s.text += "\n\n" + teach_follow_up(g.missed.front(), st.level);
    } else {
        std::vector<std::string> fresh;
        for (const auto& c : g.covered)
            if (!st.covered.count(c)) fresh.push_back(c);
        const bool mistake = shows_common_mistake(l, said);
        if (mistake) {
            s.kind = "correction";
            s.text = "Let me stop you there: that's the classic mistake with this topic. " +
                     teach_coach_voice(teach_correction(l));
        } else if (fresh.empty()) {
            s.kind = "feedback";
            s.text = "That doesn't reach any of the key points I'm looking for yet.";
        } else {
            s.kind = "feedback";
            s.text = "Good: you covered " + teach_join(fresh, "; ") + ".";
        }
        if (g.missed.empty()) {
            s.kind = mistake ? s.kind : "recap";
            s.done = true;
            s.text += std::string(mistake ? "\n\n" : " ") +
                      "That's every key point of the lesson: " + teach_join(g.covered, "; ") + ". " +
                      teach_sentences(teach_doc_text(l, "summary"), 1) + teach_cards_line(l);
        } else {
            s.text += "\n\nStill missing: " + teach_join(g.missed, "; ") + ".\n\n" +
                      (mistake ? "So, back to the question. " : "") + teach_follow_up(g.missed.front(), st.level);
        }
    }
    s.events.push_back(teach_event(now, "coach", teach_coach_data(s)));
    return s;
}

}  // namespace rehearse
