#include "rehearse/core/sessions/teach_sessions.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/lesson_progress.hpp"
#include "rehearse/core/learner/mastery_model.hpp"
#include "rehearse/core/sessions/text_ranking.hpp"
#include "rehearse/sdk/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>

namespace rehearse {

using nlohmann::json;

void to_json(json& j, const teach_reply& r) {
    j = {{"session", r.session}, {"lesson", r.lesson},   {"level", r.level},   {"coach", r.coach},
         {"kind", r.kind},       {"covered", r.covered}, {"missed", r.missed}, {"done", r.done}};
    if (r.score) j["score"] = *r.score;
    if (r.cards) j["cards"] = *r.cards;
    if (r.done) j["mastery"] = mastery_changes_json(r.mastery);
}

void to_json(json& j, const teach_view& v) {
    j = {{"session", v.session}, {"lesson", v.lesson}, {"state", v.state}, {"level", v.level},
         {"covered", v.covered}, {"missed", v.missed}, {"done", v.done}};
    json lines = json::array();
    for (const auto& l : v.transcript)
        lines.push_back({{"at", format_iso8601(l.at)}, {"role", l.role}, {"text", l.text}});
    j["transcript"] = std::move(lines);
}

void to_json(json& j, const teach_summary& s) {
    j = {{"session", s.session}, {"lesson", s.lesson}, {"state", s.state}, {"started_at", s.started_at}};
}

void to_json(json& j, const ask_answer& a) { j = {{"answer", a.answer}, {"lessons", a.lessons}}; }

namespace {

/// A lesson practises its dimensions equally.
std::map<std::string, double> equal_weights(const std::vector<std::string>& dimensions) {
    std::map<std::string, double> w;
    for (const auto& d : dimensions) w[d] = 1;
    return w;
}

constexpr std::string_view teach_kind = "teach";

const lesson& teach_require_lesson(app_context& ctx, std::string_view id) {
    const lesson* l = ctx.content().find_lesson(id);
    if (!l || l->retired)
        throw error(errc::not_found, "unknown lesson " + sdk::text::in_quotes(id) + " (see: rehearse lessons)");
    return *l;
}

teach_reply teach_reply_of(const std::string& session, const lesson& l, coaching_level level, const teach_step& step) {
    teach_reply r;
    r.session = session;
    r.lesson = l.id;
    r.level = std::string(to_string(level));
    r.coach = step.text;
    r.kind = step.kind;
    r.covered = step.covered;
    r.missed = step.missed;
    r.done = step.done;
    return r;
}

void teach_require_open(const session_record& rec) {
    if (rec.state == "finished")
        throw error(errc::conflict,
                    "teach session " + rec.id + " is finished; see: rehearse teach show --session " + rec.id);
}

// --- ask --------------------------------------------------------------------------------------

/// Products learners name, mapped to the concept the lessons teach ("Redis or Memcached?" is a
/// caching question).
std::string teach_concepts_of_products(std::string_view question) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> products{{
        {"redis", "cache"},
        {"memcached", "cache"},
        {"memcache", "cache"},
        {"elasticache", "cache"},
        {"varnish", "cache"},
        {"kafka", "message queue"},
        {"rabbitmq", "message queue"},
        {"sqs", "message queue"},
        {"celery", "message queue"},
        {"s3", "object storage"},
        {"gcs", "object storage"},
        {"nginx", "load balancer"},
        {"haproxy", "load balancer"},
        {"elb", "load balancer"},
        {"alb", "load balancer"},
        {"cloudfront", "cdn"},
        {"akamai", "cdn"},
        {"fastly", "cdn"},
        {"cloudflare", "cdn"},
        {"pgbouncer", "connection pool"},
        {"prometheus", "metrics"},
        {"grafana", "metrics"},
        {"snowflake", "id"},
        {"websocket", "websockets"},
    }};
    std::string out;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        std::string mapped = word;
        for (const auto& [name, concept_words] : products)
            if (sdk::text::lower(word) == name) mapped = std::string(concept_words);
        out += mapped + " ";
        word.clear();
    };
    for (const char c : question) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '\'')
            word.push_back(c);
        else {
            flush();
            out.push_back(c);
        }
    }
    flush();
    return out;
}

std::string teach_ask_document(const lesson& l) {
    std::string doc = l.title + ". " + l.title + ". " + l.doc.value("summary", "") + " " + l.doc.value("analogy", "");
    if (l.doc.contains("check")) doc += " " + l.doc["check"].value("question", "");
    for (const auto& c : l.doc.value("cards", json::array())) doc += " " + c.value("front", "");
    return doc;
}

std::string teach_first_sentences(std::string_view text, std::size_t n) {
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

}  // namespace

teach_reply start_teach(app_context& ctx, const learner& who, const lesson& l, const teach_options& options) {
    if (l.retired) throw error(errc::not_found, "lesson " + sdk::text::in_quotes(l.id) + " is retired");
    const sys_ms now = ctx.now();
    teach_reply out;
    ctx.db().transaction([&](SQLite::Database& db) {
        const coaching_level level =
            options.level ? *options.level : level_from_mastery(db, who, equal_weights(l.dimensions), now);
        const teach_step step = teach_open(l, level, now);
        session_record rec;
        rec.id = new_session_id(teach_kind);
        rec.learner_id = who.id;
        rec.kind = std::string(teach_kind);
        rec.subject = l.id;
        rec.created_at = now;
        rec.events = step.events;
        insert_session(db, rec);
        out = teach_reply_of(rec.id, l, level, step);
    });
    return out;
}

teach_reply teach_say(app_context& ctx, const learner& who, std::string_view session, std::string_view text) {
    if (sdk::text::trim(text).empty()) throw error(errc::invalid_input, "text is empty: say something");
    const sys_ms now = ctx.now();
    session_record rec;
    teach_state st;
    teach_step step;
    const lesson* l = nullptr;
    ctx.db().transaction([&](SQLite::Database& db) {
        rec = load_session(db, who, teach_kind, session);
        teach_require_open(rec);
        st = replay_teach(rec);
        l = &teach_require_lesson(ctx, rec.subject);
        if (st.done) {
            // A process stopped after the dialogue ended but before the lesson was recorded: record it now.
            step.done = true;
            step.kind = "recap";
            step.text = "We already finished this lesson; I've recorded it now.";
            const check_grade g = grade_check(*l, st.answer());
            step.covered = g.covered;
            step.missed = g.missed;
            return;
        }
        step = teach_on_reply(*l, st, text, now);
        append_session_events(db, rec, step.events, false);
    });
    teach_reply out = teach_reply_of(rec.id, *l, st.level, step);
    if (!step.done) return out;

    // The end: the lesson taken once with the replies as its answer (cards scheduled, mastery
    // updated, in its own transaction), then the session closed. A process killed in between leaves
    // the dialogue done and the session open; the next step records the lesson and closes it.
    teach_state after = st;
    for (const auto& e : step.events) apply_teach_event(after, e);
    const lesson_result taken = take_lesson(ctx, who, l->id, after.answer());
    out.score = taken.grade ? taken.grade->score : 0.0;
    out.cards = taken.cards;
    out.mastery = taken.mastery;
    const session_event finished{
        now, "finished", {{"score", *out.score}, {"cards", taken.cards}, {"gave_up", after.gave_up}}};
    ctx.db().transaction([&](SQLite::Database& db) {
        teach_require_open(load_session(db, who, teach_kind, session));
        append_session_events(db, rec, {finished}, true);
    });
    return out;
}

teach_view teach_show(app_context& ctx, const learner& who, std::string_view session) {
    teach_view v;
    ctx.db().with_db([&](SQLite::Database& db) {
        const session_record rec = load_session(db, who, teach_kind, session);
        const teach_state st = replay_teach(rec);
        v.session = rec.id;
        v.lesson = rec.subject;
        v.state = rec.state;
        v.level = std::string(to_string(st.level));
        v.transcript = st.transcript;
        v.done = st.done;
        if (const lesson* l = ctx.content().find_lesson(rec.subject)) {
            const check_grade g = grade_check(*l, st.answer());
            v.covered = g.covered;
            v.missed = g.missed;
        }
    });
    return v;
}

std::vector<teach_summary> teach_list(app_context& ctx, const learner& who) {
    std::vector<teach_summary> out;
    for (const auto& rec : list_sessions(ctx.db(), who, teach_kind))
        out.push_back({rec.id, rec.subject, rec.state, format_iso8601(rec.created_at)});
    return out;
}

ask_answer ask_coach(app_context& ctx, std::string_view text) {
    if (sdk::text::trim(text).empty()) throw error(errc::invalid_input, "text is empty: ask a question");
    std::vector<const lesson*> lessons;
    std::vector<std::set<std::string>> vocabulary;
    ranking::bm25 index;
    for (const lesson* l : ctx.content().lessons()) {
        if (l->retired) continue;
        lessons.push_back(l);
        auto doc = ranking::terms(teach_ask_document(*l));
        vocabulary.emplace_back(doc.begin(), doc.end());
        index.add(std::move(doc));
    }
    const auto query = ranking::terms(teach_concepts_of_products(text));
    const std::set<std::string> asked(query.begin(), query.end());
    const auto ranked = index.rank(query);
    // A lesson fits when it scores well, is not far behind the best one and speaks to at least half
    // of what was asked (one shared everyday word is not a topic).
    constexpr double min_score = 3.0, min_share_of_best = 0.6, min_terms_matched = 0.5;
    auto matched_share = [&](std::size_t i) {
        std::size_t n = 0;
        for (const auto& t : asked) n += vocabulary[i].count(t);
        return asked.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(asked.size());
    };
    ask_answer out;
    std::optional<std::size_t> best_index;
    for (const auto& [i, score] : ranked) {
        if (out.lessons.size() == 3 || score < min_score || score < min_share_of_best * ranked.front().second) break;
        if (matched_share(i) < min_terms_matched) continue;
        if (!best_index) best_index = i;
        out.lessons.push_back(lessons[i]->id);
    }
    if (out.lessons.empty()) {
        out.answer =
            "I don't have a lesson that fits that question, so I won't guess. What are you designing, and "
            "which part of it is giving you trouble?";
        return out;
    }
    const lesson& best = *lessons[*best_index];
    out.answer = "Good question! Let's think about it: " + teach_first_sentences(best.doc.value("summary", ""), 2);
    const std::string analogy = best.doc.value("analogy", "");
    if (!analogy.empty() && analogy.size() <= 400)
        out.answer += " Think of it like this: " + teach_first_sentences(analogy, 2);
    out.answer += " What's your use case here?";
    return out;
}

}  // namespace rehearse
