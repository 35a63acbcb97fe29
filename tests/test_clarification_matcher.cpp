// Ranking by meaning (terms, BM25) and the mock interviewer's reading of clarifying questions, on the
// real bundled problems and on the labelled paraphrase sets in tests/clarifications/.
#include "rehearse/core/content/content_schema.hpp"
#include "rehearse/core/plugins/lint.hpp"
#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/sessions/clarification_matcher.hpp"
#include "rehearse/core/sessions/text_ranking.hpp"

#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using rehearse::clarification_matcher;
using rehearse::clarification_reading;
namespace ranking = rehearse::ranking;

namespace {

rehearse::app_context& clarif_test_context() {
    static rehearse::app_context ctx = [] {
        rehearse::context_options o;
        o.load_bundled = false;
        o.plugin_dirs = {std::string(REHEARSE_BUILD_DIR) + "/lib/rehearse/plugins"};
        return rehearse::app_context(o);
    }();
    return ctx;
}

const rehearse::problem& clarif_test_problem(const std::string& id) {
    const rehearse::problem* p = clarif_test_context().content().find_problem(id);
    REQUIRE_MESSAGE(p != nullptr, id);
    return *p;
}

bool clarif_test_has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// The clarification questions a reading answers, as the content words them.
std::vector<std::string> clarif_test_answered(const rehearse::problem& p, const clarification_reading& r) {
    std::vector<std::string> out;
    for (const auto& a : r.answered) out.push_back(p.doc["clarifications"][a.index]["question"].get<std::string>());
    return out;
}

struct clarif_test_figures {
    int expected = 0, hit = 0;             // clarification and multi items: each expected question
    int negatives = 0, false_answers = 0;  // off-topic and design items that got any clarification
    int wrong = 0;                         // clarifications given on clarification and multi items, not expected
    int items = 0;
    double max_ms = 0, total_ms = 0;
    double accuracy() const { return expected ? static_cast<double>(hit) / expected : 0; }
    double false_rate() const { return negatives ? static_cast<double>(false_answers) / negatives : 0; }
};

// REHEARSE_CLARIF_MISSES=1 lists every item read wrongly (a miss, a wrong or a false answer);
// REHEARSE_CLARIF_DUMP=DIR writes every item with what the matcher answered to DIR/<set file>, to compare
// two versions of the matcher item by item.
void clarif_test_list_miss(const std::string& file, const nlohmann::json& item, const std::vector<std::string>& got) {
    MESSAGE(file << " [" << item["problem"].get<std::string>() << ", " << item["kind"].get<std::string>() << "] "
                 << item["text"].get<std::string>()
                 << "\n  expected: " << (item.contains("expect") ? item["expect"].dump() : "[]")
                 << "\n  got: " << nlohmann::json(got).dump());
}

// REHEARSE_CLARIF_FEATURES=DIR writes, for every confident best reading of a set's questions, what the
// answer gate weighs and whether the reading is right (hit), an answer to an off-topic or design question
// (false) or the wrong clarification (wrong), one JSON line each, to DIR/<set file>l: the training data of
// scripts/train_clarification_gate.py.
void clarif_test_write_features(const std::string& dir, const std::string& file, const nlohmann::json& items) {
    std::ofstream names(std::filesystem::path(dir) / "feature_names.txt");
    for (const auto& n : clarification_matcher::gate_features()) names << n << "\n";
    std::ofstream out(std::filesystem::path(dir) / (file + "l"));
    for (const auto& item : items) {
        const auto& p = clarif_test_problem(item["problem"].get<std::string>());
        const auto kind = item["kind"].get<std::string>();
        for (const auto& e : clarification_matcher(p).explain(item["text"].get<std::string>())) {
            const auto question = p.doc["clarifications"][e.index]["question"].get<std::string>();
            bool expected = false;
            for (const auto& x : item.value("expect", nlohmann::json::array())) expected = expected || x == question;
            const char* label = expected ? "hit" : (kind == "off-topic" || kind == "design") ? "false" : "wrong";
            out << nlohmann::json{{"label", label}, {"features", e.features}}.dump() << "\n";
        }
    }
}

clarif_test_figures clarif_test_measure(const std::string& file) {
    const bool list_misses = std::getenv("REHEARSE_CLARIF_MISSES") != nullptr;
    const auto path = std::filesystem::path(REHEARSE_TEST_SOURCE_DIR) / "clarifications" / file;
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), path.string());
    const auto items = nlohmann::json::parse(in);
    clarif_test_figures f;
    nlohmann::json dump = nlohmann::json::array();
    for (const auto& item : items) {
        const auto& p = clarif_test_problem(item["problem"].get<std::string>());
        const clarification_matcher m(p);
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = m.read(item["text"].get<std::string>());
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        f.max_ms = std::max(f.max_ms, ms);
        f.total_ms += ms;
        ++f.items;
        const auto got = clarif_test_answered(p, r);
        dump.push_back({{"problem", item["problem"]}, {"text", item["text"]}, {"kind", item["kind"]},
                        {"expect", item.value("expect", nlohmann::json::array())}, {"got", got},
                        {"design", r.design_question}});
        const auto kind = item["kind"].get<std::string>();
        if (kind == "clarification" || kind == "multi") {
            std::vector<std::string> expected;
            for (const auto& e : item["expect"]) {
                expected.push_back(e.get<std::string>());
                ++f.expected;
                if (clarif_test_has(got, e.get<std::string>())) ++f.hit;
            }
            bool missed = false;
            for (const auto& e : expected) missed = missed || !clarif_test_has(got, e);
            for (const auto& g : got)
                if (!clarif_test_has(expected, g)) {
                    ++f.wrong;
                    missed = true;
                }
            if (missed && list_misses) clarif_test_list_miss(file, item, got);
        } else {
            ++f.negatives;
            if (!got.empty()) ++f.false_answers;
            if (!got.empty() && list_misses) clarif_test_list_miss(file, item, got);
        }
    }
    if (const char* dir = std::getenv("REHEARSE_CLARIF_DUMP"))
        std::ofstream(std::filesystem::path(dir) / file) << dump.dump(1);
    if (const char* dir = std::getenv("REHEARSE_CLARIF_FEATURES")) clarif_test_write_features(dir, file, items);
    return f;
}

}  // namespace

TEST_CASE("clarification terms: lowercase words, stop words dropped, stemmed, synonyms folded") {
    // Stop words go; what is left is stemmed.
    CHECK(ranking::terms("The running of the ponies") == std::vector<std::string>{"run", "poni"});
    CHECK(ranking::terms("caresses hopping hopeful") == std::vector<std::string>{"caress", "hop", "hope"});
    CHECK(ranking::terms("relational conditional") == std::vector<std::string>{"relat", "condit"});
    CHECK(ranking::terms("uploaded uploads uploading") == std::vector<std::string>{"upload", "upload", "upload"});
    CHECK(ranking::terms("What is it, and would you?").empty());
    // One term for a synonym group, words and phrases alike.
    for (const char* s : {"traffic", "volume", "load", "QPS", "throughput", "how busy", "requests per second"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"traffic"}, s);
    for (const char* s : {"format", "file types", "kind of file", "extension"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"format"}, s);
    for (const char* s : {"vendor", "third-party", "external", "provider", "outside"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"vendor"}, s);
    for (const char* s : {"multi-tenant", "tenancy", "isolation", "customer organisation"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"tenant"}, s);
    for (const char* s : {"audit", "history", "track changes", "who changed"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"audit"}, s);
    CHECK(ranking::terms("in the background") == std::vector<std::string>{"async"});
    // General groups a candidate's wording falls into, whatever the problem.
    for (const char* s : {"login", "sign up", "anonymous", "single sign-on"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"account"}, s);
    for (const char* s : {"dies", "crashed", "goes down", "went offline"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"outage"}, s);
    // What we spend (cost) and what customers are charged (price) are two topics.
    for (const char* s : {"budget", "cheaper", "money", "get paid", "afford"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"cost"}, s);
    for (const char* s : {"pricing", "a paid tier", "paid plans", "fees", "flat rate"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"price"}, s);
    for (const char* s : {"latency budget", "overhead budget"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"latency"}, s);
    for (const char* s : {"translated", "multilingual", "Welsh"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"language"}, s);
    CHECK(ranking::terms("QR codes") == std::vector<std::string>{"qrcode"});
    // Typos one edit apart: a letter changed, dropped, added, or two neighbours swapped.
    CHECK(ranking::one_edit_apart("gaurante", "guarante"));
    CHECK(ranking::one_edit_apart("seperat", "separat"));
    CHECK(ranking::one_edit_apart("recieve", "receive"));
    CHECK(ranking::one_edit_apart("retention", "retentio"));
    CHECK_FALSE(ranking::one_edit_apart("retention", "retention"));
    CHECK_FALSE(ranking::one_edit_apart("price", "prize!!"));
    CHECK_FALSE(ranking::one_edit_apart("abcd", "badc"));
    for (const char* s : {"spam", "phishing", "cheating", "fake"})
        CHECK_MESSAGE(ranking::terms(s) == std::vector<std::string>{"abuse"}, s);
    CHECK(ranking::terms("daily day") == std::vector<std::string>{"day", "day"});
    CHECK(ranking::terms("how many") == std::vector<std::string>{"howmany"});
    // A word whose stem is another word's is folded by its spelling: engineers are a team, an engine
    // is not; an allowance is a limit, "allowed" is not.
    CHECK(ranking::terms("engineers") == std::vector<std::string>{"team"});
    CHECK(ranking::terms("engine") == std::vector<std::string>{"engin"});
    CHECK(ranking::terms("allowance") == std::vector<std::string>{"limit"});
    CHECK(ranking::terms("allowed") == std::vector<std::string>{"allow"});
    // Apostrophes end a word; curly ones too.
    CHECK(ranking::terms("the lawyer's documents") == std::vector<std::string>{"lawyer", "document"});
    CHECK(ranking::terms("don\xE2\x80\x99t lose documents") == std::vector<std::string>{"lose", "document"});
}

TEST_CASE("clarification bm25: a tiny corpus ranked by hand") {
    ranking::bm25 ix;
    CHECK(ix.add({"cat", "sat", "mat"}) == 0);
    CHECK(ix.add({"dog", "sat", "log"}) == 1);
    CHECK(ix.add({"cat", "cat", "dog"}) == 2);
    CHECK(ix.size() == 3);
    // idf(cat) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6; doc 0 has length 3 = the average, so
    // its term weight is 1 * 2.2 / (1 + 1.2) = 1.
    CHECK(ix.score({"cat"}, 0) == doctest::Approx(std::log(1.6)));
    CHECK(ix.score({"cat"}, 1) == 0);
    // A term in every document still counts a little ("+1" IDF), a rare one counts more.
    CHECK(ix.score({"sat"}, 0) > 0);
    CHECK(ix.score({"mat"}, 0) > ix.score({"sat"}, 0));
    // Repeating a query term does not count it twice.
    CHECK(ix.score({"cat", "cat"}, 0) == doctest::Approx(ix.score({"cat"}, 0)));
    const auto r = ix.rank({"cat"});
    REQUIRE(r.size() == 2);
    CHECK(r[0].first == 2);  // two occurrences beat one
    CHECK(r[1].first == 0);
    CHECK(ix.rank({"unknown"}).empty());
}

TEST_CASE("clarification matcher on immigration-document-review") {
    const auto& p = clarif_test_problem("immigration-document-review");
    const clarification_matcher m(p);

    SUBCASE("a paraphrase gets its clarification") {
        const auto r = m.read("How many documents get uploaded in a typical day?");
        CHECK(r.is_question);
        CHECK(clarif_test_answered(p, r) ==
              std::vector<std::string>{"Roughly how many documents are uploaded each day?"});
        CHECK(r.answered[0].asked == "How many documents get uploaded in a typical day?");
        CHECK(clarif_test_answered(p, m.read("Are we dealing with PDFs only, or scanned images as well?")) ==
              std::vector<std::string>{"Which document types do we handle: only PDFs, or images too?"});
        CHECK(clarif_test_answered(p, m.read("Do we train the AI ourselves or call a vendor?")) ==
              std::vector<std::string>{"Is the AI extraction something we build, or a third-party API?"});
        CHECK(clarif_test_answered(p, m.read("I assume extraction can happen in the background, right?")) ==
              std::vector<std::string>{"Can extraction be asynchronous, or must users see results immediately?"});
    }
    SUBCASE("several questions get several answers, in message order") {
        const auto r = m.read("What's the expected load? And also, which file types come in?");
        CHECK(clarif_test_answered(p, r) ==
              std::vector<std::string>{"Roughly how many documents are uploaded each day?",
                                       "Which document types do we handle: only PDFs, or images too?"});
        const auto joined = m.read("How many uploads a day, and what has to go into the audit history?");
        CHECK(clarif_test_answered(p, joined) ==
              std::vector<std::string>{"Roughly how many documents are uploaded each day?",
                                       "What exactly must the audit history capture?"});
    }
    SUBCASE("one answer per clarification per message") {
        const auto r = m.read("What's the daily volume? How much traffic per day?");
        CHECK(r.answered.size() == 1);
    }
    SUBCASE("a design question is not answered from the clarifications") {
        const auto r = m.read("Should we use Kafka or SQS for the extraction jobs?");
        CHECK(r.is_question);
        CHECK(r.design_question);
        CHECK(r.answered.empty());
    }
    SUBCASE("a question the problem cannot answer is unanswerable, never a random clarification") {
        const auto r = m.read("What's the marketing budget for the launch?");
        CHECK(r.is_question);
        CHECK_FALSE(r.design_question);
        CHECK(r.answered.empty());
        CHECK(r.unanswerable == std::vector<std::string>{"What's the marketing budget for the launch?"});
    }
    SUBCASE("a question on a topic no clarification is about gets no answer, whatever words it shares") {
        // "documents" and "per day" are the scale clarification's words; the team is not its topic.
        for (const char* q :
             {"How many engineers will review documents per day?", "What's the budget for the document uploads?",
              "When is the deadline for the upload feature?"}) {
            const auto r = m.read(q);
            CHECK_MESSAGE(r.answered.empty(), q);
            CHECK_MESSAGE(r.unanswerable.size() == 1, q);
        }
    }
    SUBCASE("a scale clarification answers a question about amounts, not one that shares its nouns") {
        CHECK(clarif_test_answered(p, m.read("If two reviewers open the same uploaded document, what happens?")) ==
              std::vector<std::string>{"Can several reviewers work on the same document?"});
    }
    SUBCASE("a failure asked about is a requirement, not a design question") {
        // "queue" and "should" would make it a design question without the failure.
        const auto r = m.read("If the AI API goes down, should the uploads queue up?");
        CHECK_FALSE(r.design_question);
        CHECK(clarif_test_answered(p, r) ==
              std::vector<std::string>{"What should happen if the AI API is down or rate-limits us?"});
    }
    SUBCASE("options named in one sentence, the choice asked in the next: a design question") {
        const auto r = m.read("Postgres row locks, or a Redis lock. Which would you prefer?");
        CHECK(r.design_question);
        CHECK(r.answered.empty());
    }
    SUBCASE("two questions joined by 'and' get two answers even when the first is worded as a statement") {
        const auto r = m.read(
            "Two things: if the AI is a hosted vendor API we just call, and how long must the audit history be "
            "kept?");
        CHECK(clarif_test_answered(p, r) ==
              std::vector<std::string>{"Is the AI extraction something we build, or a third-party API?",
                                       "What exactly must the audit history capture?"});
    }
    SUBCASE("a statement asks nothing") {
        const auto r = m.read("Thanks, that helps.");
        CHECK_FALSE(r.is_question);
        CHECK(r.answered.empty());
        CHECK(r.unanswerable.empty());
    }
}

TEST_CASE("clarification matcher: design questions by their form, and questions on proportions") {
    SUBCASE("asking what the interviewer would do, one way or the other, is a design question") {
        // No technology named: the form alone asks for a design choice.
        const auto& p = clarif_test_problem("news-feed-fanout");
        const auto r = clarification_matcher(p).read(
            "Would you push posts into follower inboxes at write time, or assemble them at read time?");
        CHECK(r.design_question);
        CHECK(r.answered.empty());
    }
    SUBCASE("asking whether it is fine if I use a technology is a design question") {
        const auto& p = clarif_test_problem("url-shortener");
        const auto r = clarification_matcher(p).read(
            "Is it fine if I use a key-value store like DynamoDB for the code-to-URL mapping?");
        CHECK(r.design_question);
        CHECK(r.answered.empty());
    }
    SUBCASE("'would you' or 'should we' followed by a verb of building is a design question") {
        // No technology the matcher knows named: the form alone asks for a design choice.
        const auto& p = clarif_test_problem("video-streaming");
        const auto r = clarification_matcher(p).read("Should I use HLS or DASH for the streaming protocol?");
        CHECK(r.design_question);
        CHECK(r.answered.empty());
        // What the product must care about is a requirement, however it is asked.
        const auto& shortener = clarif_test_problem("url-shortener-startup");
        CHECK_FALSE(clarification_matcher(shortener)
                        .read("Should we care about people using it to spread scam links?")
                        .design_question);
    }
    SUBCASE("a requirement asked with 'would you' and no alternative is still a requirement") {
        const auto& p = clarif_test_problem("immigration-document-review");
        const auto r = clarification_matcher(p).read("Roughly how many documents would you expect per day?");
        CHECK_FALSE(r.design_question);
        CHECK(clarif_test_answered(p, r) ==
              std::vector<std::string>{"Roughly how many documents are uploaded each day?"});
    }
    SUBCASE("'mostly' or 'overwhelmingly' asks which of two things makes up most of the load") {
        const auto& p = clarif_test_problem("facebook-feed");
        CHECK(clarif_test_answered(p, clarification_matcher(p).read(
                                          "Is the feed mostly consumption, and what load time are we targeting?")) ==
              std::vector<std::string>{"Is it read-heavy?", "How fast must the feed load?"});
        const auto& shortener = clarif_test_problem("url-shortener");
        CHECK(clarif_test_answered(shortener, clarification_matcher(shortener).read(
                                                  "What's the monthly throughput, and is it overwhelmingly redirects?")) ==
              std::vector<std::string>{"How much traffic should the design handle?", "Is this read-heavy or write-heavy?"});
    }
}

TEST_CASE("a clarification's asked_as wordings: optional, schema 1.1, non-empty strings") {
    const auto path =
        std::filesystem::path(REHEARSE_PROJECT_SOURCE_DIR) / "plugins" / "ladder-pack" / "content" / "problems.json";
    std::ifstream in(path);
    REQUIRE(in.good());
    auto doc = nlohmann::json::parse(in);
    REQUIRE(doc["problems"][0]["clarifications"][0].contains("asked_as"));
    CHECK(rehearse::validate_content(doc).empty());

    SUBCASE("a pack without them still loads, under 1.0 or 1.1") {
        auto old_doc = doc;
        for (auto& p : old_doc["problems"])
            for (auto& c : p["clarifications"]) c.erase("asked_as");
        CHECK(rehearse::validate_content(old_doc).empty());
        old_doc["schema"] = "rehearse.content/1";
        CHECK(rehearse::validate_content(old_doc).empty());
    }
    SUBCASE("a 1.0 document may not carry them") {
        doc["schema"] = "rehearse.content/1";
        const auto refused = rehearse::validate_content(doc);
        REQUIRE_FALSE(refused.empty());
        CHECK(refused[0].to_string().rfind("problems[0].clarifications[0].asked_as: asked_as needs", 0) == 0);
    }
    SUBCASE("an empty or non-string wording is an error naming the file and the path") {
        doc["problems"][1]["clarifications"][2]["asked_as"][1] = "";
        doc["problems"][1]["clarifications"][3]["asked_as"][0] = 42;
        doc["problems"][1]["clarifications"][4]["asked_as"] = "How long?";
        rehearse::test::temp_dir dir;
        const std::string file = dir.file("bad-wordings.json");
        std::ofstream(file) << doc.dump(2);
        const auto report = rehearse::lint_paths({file});
        CHECK_FALSE(report.ok());
        auto reported = [&](const std::string& where) {
            return std::any_of(report.problems.begin(), report.problems.end(), [&](const std::string& line) {
                return line.find("bad-wordings.json") != std::string::npos && line.find(where) != std::string::npos;
            });
        };
        CHECK(reported("problems[1].clarifications[2].asked_as[1]: expected a non-empty string"));
        CHECK(reported("problems[1].clarifications[3].asked_as[0]: expected a non-empty string"));
        CHECK(reported("problems[1].clarifications[4].asked_as"));
        for (const auto& line : report.problems) MESSAGE(line);
    }
}

namespace {

void clarif_test_report(const std::string& name, const clarif_test_figures& f) {
    MESSAGE(name << ": " << f.items << " items; top-1 accuracy " << f.hit << "/" << f.expected << " = " << f.accuracy()
                 << "; off-topic false-answer rate " << f.false_answers << "/" << f.negatives << " = " << f.false_rate()
                 << "; wrong clarifications on clarification items " << f.wrong << "; read() " << f.total_ms / f.items
                 << " ms mean, " << f.max_ms << " ms max");
}

}  // namespace

TEST_CASE("clarification matcher: providers, caps per user, paid tiers, the problem's subject and cloud hosting") {
    SUBCASE("the provider of a service is answered only by a clarification about providers") {
        // "billing" and "invoices" are the billing-accuracy clarification's words; who provides it is not.
        const auto& p = clarif_test_problem("usage-metering");
        const auto r = clarification_matcher(p).read("Which billing provider sends the invoices, Stripe?");
        CHECK(r.answered.empty());
        CHECK(r.unanswerable.size() == 1);
        const auto& review = clarif_test_problem("immigration-document-review");
        CHECK(clarif_test_answered(
                  review, clarification_matcher(review).read("Do we train the AI ourselves or call a vendor?")) ==
              std::vector<std::string>{"Is the AI extraction something we build, or a third-party API?"});
    }
    SUBCASE("a cap on how many one user may have is a product rule, not the scale") {
        const auto& p = clarif_test_problem("whatsapp");
        const clarification_matcher m(p);
        CHECK(m.read("Is there a cap on how many contacts one user can have?").answered.empty());
        CHECK(clarif_test_answered(p, m.read("How many users are we talking about?")) ==
              std::vector<std::string>{"What scale are we designing for?"});
    }
    SUBCASE("a paid tier is a question on money, not on the people it names") {
        const auto& p = clarif_test_problem("case-status-monitor");
        CHECK(clarification_matcher(p)
                  .read("Will there be a paid tier for people who track a lot of cases?")
                  .answered.empty());
    }
    SUBCASE("the problem's subject is evidence only for a clarification whose question names it") {
        // "clinics" is in the title of the problem (and folds to "medical"): not a question on medical data.
        const auto& clinic = clarif_test_problem("clinic-booking");
        CHECK(clarification_matcher(clinic).read("Which country are the clinics in?").answered.empty());
        // "tenant" is the rate limiter's subject: the ranking reads the question as one on the overshoot,
        // not on isolation (the answer gate then holds this reading back, one of the right readings it
        // costs: its score and margin are low).
        const auto& limiter = clarif_test_problem("rate-limiter");
        const auto readings = clarification_matcher(limiter).explain(
            "Is it acceptable for a tenant to briefly exceed their quota by a small margin?");
        REQUIRE(readings.size() == 1);
        CHECK(limiter.doc["clarifications"][readings[0].index]["question"] ==
              "Does the limit have to be exact, or is some overshoot acceptable?");
        // A clarification about the subject itself still answers it.
        const auto& petition = clarif_test_problem("petition-workflow");
        CHECK(clarif_test_answered(petition,
                                   clarification_matcher(petition).read("What stages does a petition pass through?")) ==
              std::vector<std::string>{"Walk me through a petition's life: what statuses does it have?"});
    }
    SUBCASE("the read/write ratio answers how much or how often, not a question that says 'read'") {
        const auto& p = clarif_test_problem("whatsapp");
        const clarification_matcher m(p);
        CHECK(clarif_test_answered(p, m.read("Can our server read what I'm sending?")) ==
              std::vector<std::string>{"Do we need end-to-end encryption?"});
        const auto& dropbox = clarif_test_problem("dropbox");
        CHECK(clarif_test_answered(
                  dropbox, clarification_matcher(dropbox).read("More downloads than uploads, or about even?")) ==
              std::vector<std::string>{"Is it read-heavy or write-heavy?"});
    }
    SUBCASE("a cloud provider offered as one of two ways is a design question") {
        const auto& p = clarif_test_problem("instagram");
        const auto r = clarification_matcher(p).read("Are we assuming we're on AWS, or running our own data centres?");
        CHECK(r.design_question);
        CHECK(r.answered.empty());
    }
}

TEST_CASE("clarification matcher: the thing a question names, lengths, leave asked for a choice, languages") {
    SUBCASE("a question naming the thing it asks about is answered only by a clarification speaking of it") {
        // "agents" is the roles clarification's word; the colours of their console are not its topic.
        const auto& tickets = clarif_test_problem("case-tracking");
        CHECK(clarification_matcher(tickets).read("What colour scheme should the agent console have?").answered.empty());
        // "how many" and "each game" are the scale clarification's words; levels are not.
        const auto& board = clarif_test_problem("leaderboard");
        CHECK(clarification_matcher(board).read("How many levels does each game have?").answered.empty());
        // The thing named is the clarification's: answered.
        const auto& clinic = clarif_test_problem("clinic-booking");
        CHECK(clarif_test_answered(clinic, clarification_matcher(clinic).read(
                                               "How many practitioners does a typical clinic have?")) ==
              std::vector<std::string>{"How many patients, practitioners and bookings are we talking about?"});
        // A generic noun ("the expected behaviour", "a cap") names no thing: the rest of the question decides.
        const auto& chat = clarif_test_problem("chat-system");
        CHECK(clarif_test_answered(chat, clarification_matcher(chat).read(
                                             "If the person I write to is offline, what's the expected behaviour?")) ==
              std::vector<std::string>{"What happens when the recipient is offline?"});
    }
    SUBCASE("'how long can it be' asks for a size, not for how long it lasts") {
        const auto& p = clarif_test_problem("news-feed-fanout");
        const clarification_matcher m(p);
        CHECK(m.read("How long can a comment be?").answered.empty());
        CHECK(clarif_test_answered(p, m.read("How long do we have to keep old posts in the timeline?")) ==
              std::vector<std::string>{"How far back must a timeline go?"});
    }
    SUBCASE("leave asked for a technology or for one's own plan is a design question") {
        for (const auto& [problem, question] : std::vector<std::pair<std::string, std::string>>{
                 {"chat-app", "Is it alright if I use Cassandra for the message history?"},
                 {"leaderboard", "Would you be OK with Redis sorted sets for the daily ranking?"},
                 {"webhook-delivery", "I'm tempted to use one queue per customer, would you be happy with that?"},
                 {"feature-flags", "Do you prefer polling for flag changes every minute, or pushing updates?"}}) {
            const auto r = clarification_matcher(clarif_test_problem(problem)).read(question);
            CHECK_MESSAGE(r.design_question, question);
            CHECK_MESSAGE(r.answered.empty(), question);
        }
    }
    SUBCASE("languages, sign-up and QR codes are topics of their own") {
        // "available" is the availability clarification's word, not a question on translations.
        const auto& clinic = clarif_test_problem("clinic-booking");
        CHECK(clarification_matcher(clinic).read("Does the booking page need to be available in Spanish too?").answered.empty());
        // The clients clarification (mobile or web) does not answer how people sign up.
        const auto& chat = clarif_test_problem("chat-app");
        CHECK(clarification_matcher(chat).read("Do people sign up with an email or a phone number?").answered.empty());
        // A QR code is not the short code.
        const auto& shortener = clarif_test_problem("url-shortener");
        CHECK(clarification_matcher(shortener).read("Do we need QR codes for the short links too?").answered.empty());
    }
}

// Every clarification's own question, and each of its example wordings, finds that clarification: the
// content's words are the first thing a candidate might say.
TEST_CASE("clarification matcher: each clarification answers its own question and its example wordings") {
    int questions = 0, own_found = 0, wordings = 0, wording_found = 0;
    for (const auto* p : clarif_test_context().content().problems()) {
        const clarification_matcher m(*p);
        for (const auto& c : p->doc["clarifications"]) {
            const auto q = c["question"].get<std::string>();
            ++questions;
            const auto got = clarif_test_answered(*p, m.read(q));
            if (clarif_test_has(got, q)) ++own_found;
            else if (std::getenv("REHEARSE_CLARIF_MISSES")) MESSAGE(p->id << ": " << q << " -> " << nlohmann::json(got).dump());
            for (const auto& a : c.value("asked_as", nlohmann::json::array())) {
                ++wordings;
                const auto w = clarif_test_answered(*p, m.read(a.get<std::string>()));
                if (clarif_test_has(w, q)) ++wording_found;
                else if (std::getenv("REHEARSE_CLARIF_MISSES")) MESSAGE(p->id << ": " << a.get<std::string>() << " [" << q << "] -> " << nlohmann::json(w).dump());
            }
        }
    }
    MESSAGE("own questions " << own_found << "/" << questions << ", example wordings " << wording_found << "/" << wordings);
    // 239/248 and 944/1039 today (237 and 940 before the changes since heldout6); what is left are
    // questions that name no word of their own ("What must the product do?") or share their words
    // with a closer clarification.
    CHECK(own_found >= 239);
    CHECK(wording_found >= 940);
}

TEST_CASE("clarification matcher: three questions in one sentence, what a question speaks of, strong evidence") {
    SUBCASE("a question word followed by a verb opens a question of its own") {
        const auto& p = clarif_test_problem("whatsapp");
        CHECK(clarif_test_answered(p, clarification_matcher(p).read(
                                          "Where are the users located, how many DAUs do we have, and how fast "
                                          "must a message get delivered?")) ==
              std::vector<std::string>{"Where are the users?", "What scale are we designing for?",
                                       "How fast must delivery be?"});
    }
    SUBCASE("a clarification must speak of something asked beyond the product's subject and its people") {
        // "patients" and "clinic" are in every question about clinic bookings.
        const auto& clinic = clarif_test_problem("clinic-booking");
        CHECK(clarification_matcher(clinic)
                  .read("Will patients get to rate the clinic after their visit?")
                  .answered.empty());
        // A long yes-or-no question sharing one word with a clarification asks about something else
        // ("comments" is the roles clarification's word). With "photos" or "files", words that clarification
        // holds too, the same question still draws it: the rule counts words, it does not understand them.
        const auto& tickets = clarif_test_problem("case-tracking");
        CHECK(clarification_matcher(tickets)
                  .read("Can customers upload screenshots and log dumps alongside their comments?")
                  .answered.empty());
        // Duplicates are a topic of their own.
        const auto& expenses = clarif_test_problem("expense-reports");
        CHECK(clarification_matcher(expenses)
                  .read("Do we need to spot the same receipt being submitted twice?")
                  .answered.empty());
    }
    SUBCASE("what customers are charged is not what we spend") {
        const auto& p = clarif_test_problem("usage-metering");
        CHECK(clarification_matcher(p).read("How much do we charge per call on each plan?").answered.empty());
        CHECK(clarif_test_answered(p, clarification_matcher(p).read("Is there a budget for running this?")) ==
              std::vector<std::string>{"Any cost constraints?"});
    }
    SUBCASE("two topic terms beat one rare word when the scores are close") {
        const auto& p = clarif_test_problem("app-notifications");
        CHECK(clarif_test_answered(p, clarification_matcher(p).read("How far back should the in-app inbox go?")) ==
              std::vector<std::string>{"How long do we keep sent notifications?"});
    }
    SUBCASE("the read/write ratio answers how much, not a question that names reading") {
        const auto& p = clarif_test_problem("document-management");
        const auto r = clarification_matcher(p).read("Can people only view and download documents, or edit them too?");
        CHECK(clarif_test_answered(p, r) != std::vector<std::string>{"Are there more reads or writes?"});
    }
    SUBCASE("everyday words for outages, retention and amounts") {
        const auto& paste = clarif_test_problem("pastebin");
        CHECK(clarif_test_answered(paste, clarification_matcher(paste).read("How bad is it if we're offline for an hour?")) ==
              std::vector<std::string>{"What happens if the service is down for a while?"});
        const auto& feed = clarif_test_problem("news-feed");
        CHECK(clarif_test_answered(feed, clarification_matcher(feed).read("What's the DAU?")) ==
              std::vector<std::string>{"What scale are we designing for?"});
    }
}

TEST_CASE("clarification matcher: topics no clarification covers, and more ways to ask leave for a design") {
    SUBCASE("duplicates, free tiers, ratings and finding each other are topics of their own") {
        for (const auto& [problem, question] : std::vector<std::pair<std::string, std::string>>{
                 {"url-shortener", "If two users submit the exact same URL, should the short code be identical?"},
                 {"dropbox", "Is there a free tier with a few GB of storage?"},
                 {"ride-sharing", "Can riders rate the driver once the trip is over?"},
                 {"chat-app", "How do users find each other, by phone number?"}}) {
            const auto r = clarification_matcher(clarif_test_problem(problem)).read(question);
            CHECK_MESSAGE(r.answered.empty(), question);
        }
    }
    SUBCASE("the candidate's plan put up for approval is a design question") {
        for (const auto& [problem, question] : std::vector<std::pair<std::string, std::string>>{
                 {"expense-reports", "Would you be fine with me using a rules engine for the approvals?"},
                 {"pastebin", "Would it be sensible to store the paste bodies in S3?"},
                 {"case-status-monitor", "Do you want me to poll each site hourly, or parse their email alerts?"}}) {
            const auto r = clarification_matcher(clarif_test_problem(problem)).read(question);
            CHECK_MESSAGE(r.design_question, question);
            CHECK_MESSAGE(r.answered.empty(), question);
        }
    }
}

// The matcher was redesigned on these four sets and the content's example wordings tuned on them (dev,
// heldout, heldout2 and heldout3 are all development data now): the floors sit just under what they
// measure, so a change that makes any of them worse fails.
TEST_CASE("clarification matching accuracy on the labelled paraphrases") {
    const auto dev = clarif_test_measure("paraphrases-dev.json");
    const auto heldout = clarif_test_measure("paraphrases-heldout.json");
    const auto heldout2 = clarif_test_measure("paraphrases-heldout2.json");
    const auto heldout3 = clarif_test_measure("paraphrases-heldout3.json");
    clarif_test_report("dev", dev);
    clarif_test_report("heldout", heldout);
    clarif_test_report("heldout2", heldout2);
    clarif_test_report("heldout3", heldout3);
    CHECK(dev.accuracy() >= 0.93);
    CHECK(dev.false_rate() <= 0.05);
    CHECK(heldout.accuracy() >= 0.95);
    // 1/12: "Is there a target for how soon an agent must first reply?" (no clarification is about
    // response targets) now reaches the live-updates clarification once the others are ruled out.
    CHECK(heldout.false_rate() <= 0.09);
    CHECK(heldout2.accuracy() >= 0.93);
    CHECK(heldout2.false_rate() <= 0.05);
    CHECK(heldout3.accuracy() >= 0.85);
    CHECK(heldout3.false_rate() <= 0.05);
}

// Written from the problems' content only before the example wordings existed, and measured once after
// the matcher and the wordings were final: 72/100 = 72.0% top-1 and 4/31 = 12.9% false answers (52.0%
// and 12.9% without the wordings). It has been development data since (design questions by their form,
// questions on proportions, and what followed heldout5): 75/100 and 2/31 now. Neither goal (>= 90%,
// <= 5%) is met, so both are regression floors just under the figures, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout4)") {
    const auto heldout4 = clarif_test_measure("paraphrases-heldout4.json");
    clarif_test_report("heldout4", heldout4);
    CHECK(heldout4.accuracy() >= 0.78);
    CHECK(heldout4.false_rate() <= 0.04);
}

// Written by someone else from the problems' content while the matcher changed (design questions by
// their form, proportions), never opened while tuning, and measured once after the last change:
// 98/120 = 81.7% top-1 and 6/42 = 14.3% false answers (97/120 and 6/42 with the matcher before those
// changes). Development data since (a service's provider, caps per user, paid tiers, the problem's subject,
// the read/write ratio as an amount): 100/120 and 1/42 now. Neither goal (>= 90%, <= 5%) was met when it
// was untouched, so both are regression floors just under its figures, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout5)") {
    const auto heldout5 = clarif_test_measure("paraphrases-heldout5.json");
    clarif_test_report("heldout5", heldout5);
    CHECK(heldout5.accuracy() >= 0.84);
    CHECK(heldout5.false_rate() <= 0.01);
}

// Written by someone else from the problems' questions and answers while the matcher changed (a service's
// provider, caps per user, paid tiers, the problem's subject, design questions by a verb of building,
// the read/write ratio as an amount), never opened while tuning, and measured once after the last change:
// 102/117 = 87.2% top-1 and 12/52 = 23.1% false answers (102/117 and 17/52 with the matcher before those
// changes). Neither goal (>= 90%, <= 5%) is met, so both are regression floors just under the measured
// figures, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout6)") {
    const auto heldout6 = clarif_test_measure("paraphrases-heldout6.json");
    clarif_test_report("heldout6", heldout6);
    CHECK(heldout6.accuracy() >= 0.89);
    CHECK(heldout6.false_rate() <= 0.04);
}

// heldout7 and heldout8 were written by two other people from the problems' questions and answers only,
// before the changes of this round (the thing a question names, lengths, leave asked for a design, fees),
// and measured once after them: heldout7 109/120 = 90.8% and 10/56 = 17.9% false answers (111/120 and
// 12/56 before); heldout8 106/120 = 88.3% and 4/56 = 7.1% (109/120 and 9/56 before). Development data
// since, with heldout9 (measured once, after the next round: 104/121 = 86.0% and 11/56 = 19.6%).
// Regression floors just under today's figures, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout7)") {
    const auto heldout7 = clarif_test_measure("paraphrases-heldout7.json");
    clarif_test_report("heldout7", heldout7);
    CHECK(heldout7.accuracy() >= 0.95);
    CHECK(heldout7.false_rate() <= 0.01);
}

TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout8)") {
    const auto heldout8 = clarif_test_measure("paraphrases-heldout8.json");
    clarif_test_report("heldout8", heldout8);
    CHECK(heldout8.accuracy() >= 0.89);
    CHECK(heldout8.false_rate() <= 0.02);
}

TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout9)") {
    const auto heldout9 = clarif_test_measure("paraphrases-heldout9.json");
    clarif_test_report("heldout9", heldout9);
    CHECK(heldout9.accuracy() >= 0.92);
    CHECK(heldout9.false_rate() <= 0.02);
}

// Written by someone else (with heldout9, from a brief that named no kind of question) and measured once
// in aggregate with the matcher of heldout9's measurement (108/121 and 11/56), then once after the next
// round (the subject and people are no evidence, price apart from cost, leave asked for a design, the
// read/write ratio as an amount, three questions in a sentence): 108/121 = 89.3% top-1 and 8/56 = 14.3%
// false answers. Development data since. Regression floors just under today's figures, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout10)") {
    const auto heldout10 = clarif_test_measure("paraphrases-heldout10.json");
    clarif_test_report("heldout10", heldout10);
    CHECK(heldout10.accuracy() >= 0.93);
    CHECK(heldout10.false_rate() <= 0.06);
}

// heldout11 and heldout12: written by two other people from the problems' questions and answers only,
// committed before the last round (two topic terms over one rare word, DAU as an amount, "where are the
// users", duplicates, everyday words) and measured once after it: 115/120 = 95.8% and 7/57 = 12.3% false
// answers; 116/120 = 96.7% and 8/56 = 14.3% (111/120, 19/57 and 112/120, 12/56 with the matcher before
// the five rounds since heldout6). The accuracy goal (>= 90%) holds; the false-answer goal (<= 5%) does not, so these are
// regression floors at the measured figures, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout11)") {
    const auto heldout11 = clarif_test_measure("paraphrases-heldout11.json");
    clarif_test_report("heldout11", heldout11);
    CHECK(heldout11.accuracy() >= 0.95);
    CHECK(heldout11.false_rate() <= 0.06);
}

TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout12)") {
    const auto heldout12 = clarif_test_measure("paraphrases-heldout12.json");
    clarif_test_report("heldout12", heldout12);
    CHECK(heldout12.accuracy() >= 0.96);
    CHECK(heldout12.false_rate() <= 0.06);
}

// heldout13 and heldout14: written by two other people from the problems' questions and answers only,
// without sight of the matcher, and measured once after the sixth round (exact duplicates, free tiers,
// ratings, finding each other, the candidate's plan put up for approval): 109/121 = 90.1% and 3/56 = 5.4%
// false answers; 109/120 = 90.8% and 5/56 = 8.9% (106/121, 8/56 and 110/120, 15/56 with the matcher before
// the six rounds since heldout6). Development data since; regression floors, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout13)") {
    const auto heldout13 = clarif_test_measure("paraphrases-heldout13.json");
    clarif_test_report("heldout13", heldout13);
    CHECK(heldout13.accuracy() >= 0.89);
    CHECK(heldout13.false_rate() <= 0.04);
}

TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout14)") {
    const auto heldout14 = clarif_test_measure("paraphrases-heldout14.json");
    clarif_test_report("heldout14", heldout14);
    CHECK(heldout14.accuracy() >= 0.90);
    CHECK(heldout14.false_rate() <= 0.02);
}

// heldout15 and heldout16: written by two other people without sight of the matcher, measured once after
// the seventh round of rules (video quality, the candidate's plan to keep something somewhere, "is that
// what you'd do?", technologies as verbs): 110/120 = 91.7% and 7/56 = 12.5% false answers; 107/120 =
// 89.2% and 7/56 = 12.5% (110/120, 16/56 and 107/120, 11/56 with the matcher before the rounds since
// heldout6). Training data of the answer gate since, with every set above.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout15)") {
    const auto heldout15 = clarif_test_measure("paraphrases-heldout15.json");
    clarif_test_report("heldout15", heldout15);
    CHECK(heldout15.accuracy() >= 0.90);
    CHECK(heldout15.false_rate() <= 0.09);
}

TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout16)") {
    const auto heldout16 = clarif_test_measure("paraphrases-heldout16.json");
    clarif_test_report("heldout16", heldout16);
    CHECK(heldout16.accuracy() >= 0.88);
    CHECK(heldout16.false_rate() <= 0.09);
}

// heldout17 and heldout18: written by two other people without sight of the matcher and measured once
// with the final rules and the answer gate, trained without them: 107/121 = 88.4% and 4/56 = 7.1% false
// answers; 106/120 = 88.3% and 3/56 = 5.4% (110/121, 11/56 and 104/120, 14/56 with the matcher before the
// rounds since heldout6; 6/56 and 4/56 with the rules alone). Neither goal (>= 90%, <= 5%) is met on this
// pair, so these are regression floors at the measured figures, not the targets.
TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout17)") {
    const auto heldout17 = clarif_test_measure("paraphrases-heldout17.json");
    clarif_test_report("heldout17", heldout17);
    CHECK(heldout17.accuracy() >= 0.88);
    CHECK(heldout17.false_rate() <= 0.08);
}

TEST_CASE("clarification matching on paraphrases nobody tuned to (heldout18)") {
    const auto heldout18 = clarif_test_measure("paraphrases-heldout18.json");
    clarif_test_report("heldout18", heldout18);
    CHECK(heldout18.accuracy() >= 0.88);
    CHECK(heldout18.false_rate() <= 0.06);
}
