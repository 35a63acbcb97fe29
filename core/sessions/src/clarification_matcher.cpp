// Reading a candidate's message against the problem's clarifications. The message is cut into the
// questions it asks (clarification_questions.cpp); each question is a design question (it asks which
// technology or architecture to use), or it is ranked against the clarifications with BM25 over five
// fields (question, keywords, intent with the general words of that intent, answer, and the example
// wordings of the content's `asked_as`; weighted). A clarification is a candidate only when the
// question gives evidence for it: two different terms of its topic (question, keywords, intent,
// example wordings), or one term of its own text rare among the problem's clarifications; the
// words an intent needs (a scale clarification answers a question about amounts); and the topics only
// their own clarification answers (team, cost, deadline, ...); and when the question names the thing it
// asks about ("what hours do the agents work?", clarification_questions::asked_thing), a clarification
// that speaks of that thing in any field, its answer included. The best candidate is answered when its
// score is high enough for the length of the question and clearly ahead of the other candidates;
// otherwise the question is one the problem cannot answer. Last, the answer gate (clarification_gate.cpp,
// a logistic model trained on the labelled paraphrases) weighs what was measured about that best reading
// and holds back the ones it judges unlikely. What is left of a question after its best match may name
// a second topic ("the volume and the formats?"), ranked again the same way with stricter evidence.
#include "rehearse/core/sessions/clarification_matcher.hpp"

#include "clarification_gate.hpp"
#include "clarification_questions.hpp"
#include "rehearse/core/sessions/text_ranking.hpp"
#include "rehearse/sdk/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <unordered_set>

namespace rehearse {

namespace {

namespace txt = rehearse::sdk::text;

// ---------------------------------------------------------------------------------------------
// Tuning (on the dev, heldout, heldout2 and heldout3 paraphrase sets in tests/clarifications/; see
// RESULTS.md).

enum clarif_field { cf_question, cf_keywords, cf_intent, cf_answer, cf_asked_as, cf_count };
constexpr std::array<double, cf_count> clarif_field_weight{1.0, 1.0, 0.5, 0.5, 1.0};
constexpr double clarif_min_score = 3.0;     // the combined BM25 score of the best match, at least
constexpr double clarif_min_per_term = 0.3;  // ... and per term of the question (its length normalised)
constexpr double clarif_min_margin = 0.1;    // ... and ahead of the other candidates by this share of its score
constexpr double clarif_second_topic = 5.0;  // a second topic in what the best match left unused
constexpr std::size_t clarif_second_min_terms = 2;
constexpr std::size_t clarif_min_topic_terms = 2;  // topic terms of a candidate the question holds ...
constexpr double clarif_min_rare_weight = 1.0;     // ... or one as rare as this (its IDF among the clarifications)
constexpr double clarif_strong_share = 0.9;  // a two-term candidate this close to a one-word best is the reading

struct clarif_pick {
    std::size_t index = 0;
    double score = 0;
    bool confident = false;
    std::vector<double> scores;  ///< every clarification's combined score for the question
};

// The words a clarification's intent stands for, added to its intent field: a question may name the
// topic in general words the clarification's own text never uses ("how long do we keep ..." for an
// intent worded "How far back must a timeline go?"). One line per intent of the content schema.
std::string clarif_intent_words(const std::string& intent) {
    static const std::map<std::string, std::string, std::less<>> words{
        {"scale", "scale traffic volume how many users per day peak"},
        {"functional", "features scope"},
        {"formats", "format file type size"},
        {"retention", "retention keep delete expire how long history"},
        {"security", "security privacy access abuse"},
        {"users", "users"},
        {"read-write-ratio", "ratio reads writes read heavy"},
        {"latency", "latency fast slow how quickly"},
        {"availability", "availability outage downtime"},
        {"consistency", "consistency stale fresh"},
        {"external-services", "vendor provider third party"},
        {"compliance", "compliance audit regulation"},
        {"tenancy", "tenant isolation"},
        {"sync-async", "async wait background"},
        {"budget", "budget cost"},
        {"geography", "region global"},
    };
    const auto it = words.find(intent);
    return it == words.end() ? std::string() : it->second;
}

// The words without which a question does not ask about an intent: a clarification on the scale answers
// a question about amounts ("how many", volume, users, size), not one that shares its other words ("If
// two people change the same file ..." is not a question on how many files there are).
// A clarification's own question may widen its intent: "How many uploads happen per day, and how big
// are the files?" answers a question on sizes too. The read/write ratio answers a question on how much or
// how often, not one that merely says "read" ("Can our server read what I'm sending?" asks about privacy).
bool clarif_asks_intent(const std::string& intent, const std::set<std::string>& own_question,
                        const std::vector<std::string>& q) {
    static const std::map<std::string, std::set<std::string>, std::less<>> signatures{
        {"scale", {"howmany", "traffic", "number", "count", "million", "billion", "thousand", "big"}},
        {"read-write-ratio",
         {"ratio", "heavi", "howmany", "often", "traffic", "frequent", "more", "much", "percent", "balanc"}},
        {"latency", {"latency", "long", "async", "time", "second", "minut", "wait", "live", "fresh", "soon"}},
        {"availability",
         {"availability", "outage", "lose", "lost", "durabl", "backup", "loss", "miss", "skip", "retri", "drop"}},
        {"retention", {"retention", "long", "audit", "delet", "old", "year", "month", "back", "store"}},
    };
    const auto it = signatures.find(intent);
    if (it == signatures.end()) return true;
    for (const auto& t : q)
        if (it->second.count(t) || (t == "size" && own_question.count(t))) return true;
    return false;
}

// Topics a problem answers only when one of its clarifications is about them: a question on the team,
// the money or the deadline is not answered from a clarification that merely shares its other words
// ("How big is the engineering team?" is not a question about the size of a paste); likewise the
// provider of a service ("Which billing provider sends the invoices?" is not how accurate billing must be).
bool clarif_own_topic(const std::string& term) {
    static const std::set<std::string, std::less<>> topics{"team",  "cost",      "deadline", "medical",    "abuse",
                                                           "alias", "analytics", "account",  "moderation", "vendor",
                                                           "language", "price", "duplicate", "rating", "contact"};
    return topics.count(term) > 0;
}

// "how long can a post be" read as "how big can a post be".
std::string clarif_length_as_size(std::string_view part) {
    std::string s(part);
    const auto at = s.find("how long");
    if (at != std::string::npos) s.replace(at, 8, "how big");
    return s;
}

// The people of a product: users, agents, riders, patients, ...
const std::set<std::string>& person_terms() {
    static const std::set<std::string> terms = [] {
        const auto t = ranking::terms(
            "users customers agents riders drivers managers staff admins administrators reviewers lawyers attorneys "
            "patients practitioners players people person members employees developers viewers creators followers "
            "friends recipients senders authors subscribers visitors buyers sellers someone anyone everyone");
        return std::set<std::string>(t.begin(), t.end());
    }();
    return terms;
}

}  // namespace

struct clarification_matcher::impl {
    std::array<ranking::bm25, cf_count> fields;
    std::vector<std::set<std::string>> topic_terms;  ///< per clarification: terms of question, keywords, intent
    std::vector<std::set<std::string>> asked_terms;  ///< per clarification: terms of its asked_as wordings
    std::vector<std::vector<std::set<std::string>>> wordings;  ///< per clarification: each wording's terms
    std::map<std::string, std::size_t> topic_df;               ///< clarifications whose topic terms hold the term
    std::vector<std::string> intents;                          ///< per clarification: its intent
    std::vector<std::set<std::string>> question_terms;         ///< per clarification: terms of its question
    std::vector<std::set<std::string>> held_terms;  ///< per clarification: terms of every field, answer included
    std::set<std::string> subject;                             ///< the problem's subject: the terms of its title
    std::size_t count = 0;

    // Combined scores of every clarification for the query terms.
    std::vector<double> scores(const std::vector<std::string>& q) const {
        std::vector<double> s(count, 0.0);
        for (std::size_t f = 0; f < cf_count; ++f)
            for (std::size_t d = 0; d < count; ++d) s[d] += clarif_field_weight[f] * fields[f].score(q, d);
        return s;
    }

    // The query terms that count towards clarification `d` in any field.
    std::vector<std::string> used_by(const std::vector<std::string>& q, std::size_t d) const {
        std::vector<std::string> used;
        for (const auto& t : q)
            for (const auto& idx : fields)
                if (idx.score({t}, d) > 0) {
                    used.push_back(t);
                    break;
                }
        return used;
    }

    // The query holds two different terms of one example wording of clarification `d`: it asks the way
    // candidates ask for it, which stands for the words its intent needs ("Do links die after a
    // while?" is about retention without "how long").
    bool worded_like(const std::vector<std::string>& q, std::size_t d) const {
        for (const auto& w : wordings[d]) {
            std::set<std::string> shared;
            for (const auto& t : q)
                if (w.count(t)) shared.insert(t);
            if (shared.size() >= 2) return true;
        }
        return false;
    }

    // A term that says what a question asks: not the problem's subject, not its people (users, agents ...).
    bool content_term(const std::string& t) const { return !subject.count(t) && !person_terms().count(t); }

    // How much evidence the query gives that clarification `d` is what it asks about: none without the
    // words its intent needs or with an own-topic term of the query (team, cost, ...) that is not a
    // topic of `d`; `ev_terms` with `min_topic_terms` different terms of its topic (question, keywords,
    // intent, and for the first topic of a question its example wordings: a second topic in the words
    // the first left over needs the clarification's own text, or the wordings' everyday words add
    // answers nobody asked for); `ev_one_rare` for the first topic when a single term of its own text
    // (not of its example wordings) is one few other clarifications hold.
    enum evidence_level { ev_none, ev_one_rare, ev_terms };
    evidence_level evidence(const std::vector<std::string>& q, std::size_t d, std::size_t min_topic_terms,
                            bool first_topic, bool yes_no) const {
        // Amounts are the one thing a scale clarification answers, however a question shares its words
        // ("Who's on call for the API gateway?" is not "How many API calls a day?").
        if (!clarif_asks_intent(intents[d], question_terms[d], q) &&
            (intents[d] == "scale" || intents[d] == "read-write-ratio" || !worded_like(q, d)))
            return ev_none;
        // A cap on how many a user may have is a rule of the product, not its volume ("Is there a cap on
        // how many contacts one user can have?" is not "What scale are we designing for?").
        if (intents[d] == "scale" && std::find(q.begin(), q.end(), "limit") != q.end() &&
            !topic_terms[d].count("limit"))
            return ev_none;
        // Who asks and what the product is about (its subject, its people) are in most questions about it:
        // a question says what it asks in its other words, and one of them must be the clarification's
        // ("Will users get an estimate of when their case is decided?" is not "Can several people watch
        // the same case?"). A scale clarification counts the people themselves ("how many users").
        if (intents[d] != "scale") {
            std::set<std::string> content, spoken;
            for (const auto& t : q)
                if (content_term(t)) {
                    content.insert(t);
                    if (held_terms[d].count(t)) spoken.insert(t);
                }
            if (spoken.empty()) return ev_none;
            // A yes-or-no question of many words that shares one of them asks about something else
            // ("Can customers attach screenshots or log files to their comments?" is not "What can agents
            // and customers each do?").
            if (yes_no && content.size() >= 5 && spoken.size() < 2) return ev_none;
        }
        std::set<std::string> on_topic;
        double weight = 0;
        for (const auto& t : q) {
            const bool own = topic_terms[d].count(t) > 0;
            const bool held = own || (first_topic && asked_terms[d].count(t) > 0);
            if (!held && clarif_own_topic(t)) return ev_none;
            // The problem's subject (its title's words: clinics, tenants, invoices) is in every question
            // about it: evidence only for a clarification whose own question names it ("What stages does a
            // petition pass through?"), and never the one rare word ("Which country are the clinics in?" is
            // not a question on medical information).
            const bool subject_term = subject.count(t) > 0;
            if (!held || (subject_term && !question_terms[d].count(t)) || !on_topic.insert(t).second) continue;
            if (subject_term) continue;
            // ln((N + 1) / (n + 0.5)): 1.9 for a term of one clarification out of nine, 1.05 for three.
            // A word of the example wordings alone says little ("show", "app"): not rare evidence.
            if (own) weight += std::log(static_cast<double>(count + 1) / (static_cast<double>(topic_df.at(t)) + 0.5));
        }
        if (on_topic.size() >= min_topic_terms) return ev_terms;
        return first_topic && weight >= clarif_min_rare_weight ? ev_one_rare : ev_none;
    }

    // Clarification `d` speaks of one of the terms naming the thing asked about (all do when none is named).
    bool holds_any(std::size_t d, const std::vector<std::string>& thing) const {
        if (thing.empty()) return true;
        for (const auto& t : thing) {
            if (held_terms[d].count(t)) return true;
            // A typo in a long word ("gaurantees") still names the clarification's thing.
            if (t.size() >= 5)
                for (const auto& h : held_terms[d])
                    if (ranking::one_edit_apart(t, h)) return true;
        }
        return false;
    }

    // What the answer gate weighs about the reading `pick` of the question `q`.
    clarification_gate::measures measure(const std::vector<std::string>& q, const clarif_pick& pick,
                                         const std::vector<std::string>& thing, std::size_t length, bool yes_no) const {
        clarification_gate::measures m;
        const auto& s = pick.scores;
        m.score = s[pick.index];
        for (std::size_t d = 0; d < count; ++d)
            if (d != pick.index) m.best_other = std::max(m.best_other, s[d]);
        const std::set<std::string> unique(q.begin(), q.end());
        m.unique_terms = unique.size();
        for (const auto& t : unique) {
            if (topic_terms[pick.index].count(t) || asked_terms[pick.index].count(t)) ++m.on_topic;
            if (!content_term(t)) continue;
            ++m.content;
            const bool here = held_terms[pick.index].count(t) > 0;
            bool anywhere = here;
            for (std::size_t d = 0; d < count && !anywhere; ++d) anywhere = held_terms[d].count(t) > 0;
            if (here) ++m.spoken;
            else if (anywhere) ++m.held_elsewhere;
            else ++m.unknown;
        }
        m.worded_like = worded_like(q, pick.index);
        m.yes_no = yes_no;
        m.names_thing = !thing.empty();
        m.intent = intents[pick.index];
        m.length = length;
        return m;
    }

    // The best clarification for the query terms, and whether it is a confident match.
    clarif_pick best(const std::vector<std::string>& q, double min_score, std::size_t min_topic_terms,
                     bool first_topic, const std::vector<std::string>& thing = {}, bool yes_no = false) const {
        clarif_pick p;
        if (q.empty() || count == 0) return p;
        p.scores = scores(q);
        const auto& s = p.scores;
        // The candidates are the clarifications the question gives evidence for; the best of them must
        // stand clear of every other clarification that has evidence too.
        std::vector<evidence_level> level(count, ev_none);
        std::vector<bool> eligible(count);
        for (std::size_t d = 0; d < count; ++d) {
            // A question naming the thing it asks about ("what hours do the agents work?") is answered
            // only by a clarification that speaks of that thing.
            if (s[d] > 0 && holds_any(d, thing))
                level[d] = evidence(q, d, min_topic_terms, first_topic, yes_no);
            eligible[d] = level[d] != ev_none;
        }
        std::size_t top = count;
        for (std::size_t d = 0; d < count; ++d)
            if (eligible[d] && (top == count || s[d] > s[top])) top = d;
        if (top == count) return p;
        // Two different topic terms are better evidence than one rare word: when the best rests on one
        // rare word and a candidate with two terms scores nearly as well, that candidate is the reading
        // ("How far back does the in-app inbox go?" is about keeping notifications, not the inbox feature
        // it names), and the margin is taken over the candidates with evidence as strong.
        if (level[top] == ev_one_rare) {
            std::size_t strong = count;
            for (std::size_t d = 0; d < count; ++d)
                if (level[d] == ev_terms && s[d] >= clarif_strong_share * s[top] && (strong == count || s[d] > s[strong]))
                    strong = d;
            if (strong != count) top = strong;
        }
        double second = 0;
        for (std::size_t d = 0; d < s.size(); ++d)
            if (d != top && eligible[d] && level[d] >= level[top]) second = std::max(second, s[d]);
        const std::set<std::string> unique(q.begin(), q.end());
        const double per_term = s[top] / static_cast<double>(unique.size());
        p.index = top;
        p.score = s[top];
        // One rare word is judged on the clarification's own text: the example wordings' score would
        // lift a question that shares a single word with them ("Which framework is the app built with?").
        const double own_score = level[top] == ev_one_rare
                                     ? s[top] - clarif_field_weight[cf_asked_as] * fields[cf_asked_as].score(q, top)
                                     : s[top];
        p.confident =
            own_score >= min_score && per_term >= clarif_min_per_term && s[top] - second >= clarif_min_margin * s[top];
        return p;
    }
};

clarification_matcher::clarification_matcher(const problem& p) {
    auto ix = std::make_shared<impl>();
    // "Design online booking for a chain of physiotherapy clinics": its words but "design".
    if (p.doc.contains("title") && p.doc["title"].is_string())
        for (const auto& t : ranking::terms(p.doc["title"].get<std::string>()))
            if (t != "design") ix->subject.insert(t);
    const auto it = p.doc.find("clarifications");
    if (it != p.doc.end() && it->is_array()) {
        for (const auto& c : *it) {
            auto text = [&](const char* key) {
                return c.contains(key) && c[key].is_string() ? c[key].get<std::string>() : "";
            };
            std::string keywords;
            if (c.contains("keywords") && c["keywords"].is_array())
                for (const auto& k : c["keywords"])
                    if (k.is_string()) keywords += k.get<std::string>() + " . ";
            std::string intent = text("intent");
            ix->intents.push_back(intent);
            const std::string intent_words = clarif_intent_words(intent);
            std::replace(intent.begin(), intent.end(), '-', ' ');
            intent += " . " + intent_words;
            auto question = ranking::terms(text("question"));
            auto keyword_terms = ranking::terms(keywords);
            auto intent_terms = ranking::terms(intent);
            // The ways candidates ask for this clarification ("asked_as"): their words are evidence
            // and rank like its question, so a question in everyday words finds it.
            std::vector<std::string> asked_terms;
            std::vector<std::set<std::string>> wording_terms;
            if (c.contains("asked_as") && c["asked_as"].is_array())
                for (const auto& a : c["asked_as"])
                    if (a.is_string()) {
                        const auto w = ranking::terms(a.get<std::string>());
                        asked_terms.insert(asked_terms.end(), w.begin(), w.end());
                        wording_terms.emplace_back(w.begin(), w.end());
                    }
            ix->wordings.push_back(std::move(wording_terms));
            ix->question_terms.emplace_back(question.begin(), question.end());
            std::set<std::string> topic(question.begin(), question.end());
            topic.insert(keyword_terms.begin(), keyword_terms.end());
            topic.insert(intent_terms.begin(), intent_terms.end());
            for (const auto& t : topic) ++ix->topic_df[t];
            ix->topic_terms.push_back(std::move(topic));
            ix->asked_terms.emplace_back(asked_terms.begin(), asked_terms.end());
            ix->fields[cf_question].add(std::move(question));
            ix->fields[cf_keywords].add(std::move(keyword_terms));
            ix->fields[cf_intent].add(std::move(intent_terms));
            auto answer_terms = ranking::terms(text("answer"));
            std::set<std::string> held = ix->topic_terms.back();
            held.insert(answer_terms.begin(), answer_terms.end());
            held.insert(asked_terms.begin(), asked_terms.end());
            ix->held_terms.push_back(std::move(held));
            ix->fields[cf_answer].add(std::move(answer_terms));
            ix->fields[cf_asked_as].add(std::move(asked_terms));
            ++ix->count;
        }
    }
    impl_ = std::move(ix);
}

clarification_reading clarification_matcher::read(std::string_view message) const { return read_with(message, nullptr); }

std::vector<clarification_evidence> clarification_matcher::explain(std::string_view message) const {
    std::vector<clarification_evidence> trace;
    read_with(message, &trace);
    return trace;
}

const std::vector<std::string>& clarification_matcher::gate_features() { return clarification_gate::feature_names(); }

clarification_reading clarification_matcher::read_with(std::string_view message,
                                                       std::vector<clarification_evidence>* trace) const {
    clarification_reading r;
    std::set<std::size_t> given;
    const std::string lower_message = txt::lower(message);
    for (const auto& sentence : txt::split_sentences(message)) {
        const std::string lower = txt::lower(sentence.text);
        if (!clarification_questions::is_question(lower)) continue;
        r.is_question = true;
        for (const auto& [from, to] : clarification_questions::cut(lower)) {
            const std::string_view part = std::string_view(lower).substr(from, to - from);
            const std::string asked(txt::trim(std::string_view(sentence.text).substr(from, to - from)));
            // "How long can a post be?" asks for a size.
            const bool length = clarification_questions::asks_length(part);
            auto q = ranking::terms(length ? clarif_length_as_size(part) : std::string(part));
            const auto thing = ranking::terms(clarification_questions::asked_thing(part));
            // "If Redis dies, do we let traffic through?" asks for the required behaviour in a failure,
            // not for a design choice.
            const bool failure = std::find(q.begin(), q.end(), "outage") != q.end() &&
                                 clarification_questions::mentions_any(part, {"if", "when", "what happens", "while"});
            if (!failure && clarification_questions::design_question(part, lower_message)) {
                r.design_question = true;
                continue;
            }
            if (q.empty()) continue;
            if (clarification_questions::compares(part)) q.push_back("ratio");
            // "Where are the users?" asks where in the world the people are ("where" is a stop word).
            if (clarification_questions::mentions_any(part, {"where are they", "where do they"}) ||
                (clarification_questions::mentions_any(part, {"where are", "where is", "where do", "where does"}) &&
                 std::any_of(q.begin(), q.end(), [](const std::string& t) { return person_terms().count(t) > 0; })))
                q.push_back("region");
            const bool yes_no = clarification_questions::is_yes_no(part);
            const auto first = impl_->best(q, clarif_min_score, clarif_min_topic_terms, true, thing, yes_no);
            if (!first.confident) {
                r.unanswerable.push_back(asked);
                continue;
            }
            // The answer gate weighs what was measured about the reading; one it judges unlikely is not
            // answered (a question on a feature the problem never mentions, asked in the problem's nouns).
            const auto features = clarification_gate::features(impl_->measure(q, first, thing, part.size(), yes_no));
            const double probability = clarification_gate::probability(features);
            const bool accepted = clarification_gate::accepts(probability);
            if (trace) trace->push_back({asked, first.index, features, probability, accepted});
            if (!accepted) {
                r.unanswerable.push_back(asked);
                continue;
            }
            auto answer = [&](const clarif_pick& p) {
                if (given.insert(p.index).second) r.answered.push_back({p.index, p.score, asked});
            };
            answer(first);
            // A second topic in the words the best match did not use.
            const auto used = impl_->used_by(q, first.index);
            std::vector<std::string> rest;
            for (const auto& t : q)
                if (std::find(used.begin(), used.end(), t) == used.end()) rest.push_back(t);
            if (rest.size() >= clarif_second_min_terms) {
                const auto second = impl_->best(rest, clarif_second_topic, clarif_min_topic_terms, false);
                if (second.confident && second.index != first.index) answer(second);
            }
        }
    }
    return r;
}

}  // namespace rehearse
