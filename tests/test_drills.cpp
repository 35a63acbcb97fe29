// Drills: the content kind (a minor schema version), the bundled drills pack, grading by kind and
// recording a practice, on the real plugins from the build tree and a real SQLite file.
#include "scheduler_fixture.hpp"

#include "rehearse/core/content/catalog.hpp"
#include "rehearse/core/content/content_schema.hpp"
#include "rehearse/core/drills/drill_grading.hpp"
#include "rehearse/core/drills/drill_practice.hpp"
#include "rehearse/core/learner/drill_memory.hpp"
#include "rehearse/core/learner/progress.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <functional>

#include <map>
#include <set>

using namespace rehearse;
using nlohmann::json;

namespace {

app_context& drills_bundled() {
    static app_context ctx = [] {
        context_options o;
        o.load_bundled = true;
        return app_context(o);
    }();
    return ctx;
}

const drill& drills_require(const char* id) { return drills_bundled().content().require_drill(id); }

drill_grade drills_grade(const char* id, const std::string& answer) {
    return grade_drill(drills_bundled().content(), drills_require(id), answer);
}

bool drills_has_finding(const drill_grade& g, const std::string& id) {
    for (const auto& f : g.findings)
        if (f.value("id", "") == id) return true;
    return false;
}

/// A minimal valid drill document of `kind`, tied to a lesson.
json drills_minimal(const std::string& schema) {
    return {{"schema", schema},
            {"drills",
             {{{"id", "qps-from-daily"},
               {"title", "QPS from a daily volume"},
               {"dimension", "estimation"},
               {"difficulty", "easy"},
               {"kind", "estimate"},
               {"minutes", 2},
               {"prompt", "1M a day: per second?"},
               {"expected", {{"value", 11.57}, {"unit", "per_second"}, {"calculation", "1M / 86,400 = 11.6/s"}}},
               {"model_answer", "About 12 per second."},
               {"feedback", "Divide by 86,400."},
               {"problems", json::array()},
               {"lessons", {"back-of-envelope-estimation"}}}}}};
}

}  // namespace

TEST_CASE("drills are content of schema 1.1; a 1.0 document still validates and may not carry drills") {
    // A pack written for 1.0 (problems and lessons only) loads unchanged: the bundled lesson pack
    // declares rehearse.content/1.
    json old_doc{{"schema", "rehearse.content/1"}, {"lessons", json::array()}};
    CHECK(validate_content(old_doc).empty());
    CHECK(validate_content(drills_minimal("rehearse.content/1.1")).empty());

    const auto refused = validate_content(drills_minimal("rehearse.content/1"));
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].path == "drills");
    CHECK(refused[0].message.find("rehearse.content/1.1") != std::string::npos);

    CHECK_FALSE(validate_content(json{{"schema", "rehearse.content/2"}, {"lessons", json::array()}}).empty());
}

TEST_CASE("a bad drill is reported with the field that is wrong") {
    auto violations_of = [](const std::function<void(json&)>& edit) {
        json doc = drills_minimal("rehearse.content/1.1");
        edit(doc["drills"][0]);
        std::vector<std::string> out;
        for (const auto& v : validate_content(doc)) out.push_back(v.to_string());
        return out;
    };
    auto first = [](const std::vector<std::string>& v) { return v.empty() ? std::string("(none)") : v.front(); };
    CHECK(first(violations_of([](json& d) { d["dimension"] = "speed"; })).rfind("drills[0].dimension:", 0) == 0);
    CHECK(first(violations_of([](json& d) { d["minutes"] = 25; })).rfind("drills[0].minutes:", 0) == 0);
    CHECK(first(violations_of([](json& d) { d["kind"] = "essay"; })).rfind("drills[0].kind:", 0) == 0);
    CHECK(first(violations_of([](json& d) { d["expected"].erase("unit"); })).rfind("drills[0].expected", 0) == 0);
    CHECK(first(violations_of([](json& d) { d["lessons"] = json::array(); })).rfind("drills[0]:", 0) == 0);
    CHECK(first(violations_of([](json& d) {
              d["kind"] = "requirements";
              d["expected"] = {{"problem", "pastebin"}, {"intents", {"scale", "vibes"}}};
          })).rfind("drills[0].expected.intents[1]:", 0) == 0);
    CHECK(first(violations_of([](json& d) { d["colour"] = "blue"; })).find("colour") != std::string::npos);
}

TEST_CASE("drills naming problems or lessons that do not exist are unresolved references") {
    content_registry registry;
    content_registry::batch b("mine");
    json doc = drills_minimal("rehearse.content/1.1");
    doc["drills"][0]["problems"] = {"no-such-problem"};
    REQUIRE(b.add_content(doc).empty());
    registry.commit(std::move(b));
    const auto unresolved = registry.unresolved_references();
    std::set<std::string> paths;
    for (const auto& v : unresolved) paths.insert(v.path);
    CHECK(paths.count("mine/qps-from-daily.problems[0]") == 1);
    CHECK(paths.count("mine/qps-from-daily.lessons[0]") == 1);  // no lessons are loaded here
}

TEST_CASE("the bundled drills pack: at least 80 drills, 6 per dimension with 2 easy, every reference resolved") {
    for (const auto& d : drills_bundled().diagnostics()) FAIL_CHECK(d.path << ": " << d.reason);
    const auto& content = drills_bundled().content();
    std::map<std::string, std::map<std::string, int>> per;
    std::size_t total = 0;
    for (const drill* d : content.drills()) {
        ++total;
        CHECK(d->pack == "drills");
        CHECK(d->minutes >= 2);
        CHECK(d->minutes <= 10);
        CHECK(!(d->problems.empty() && d->lessons.empty()));
        per[d->dimension][d->difficulty]++;
    }
    CHECK(total >= 80);
    REQUIRE(per.size() == 8);
    for (const auto& [dim, by] : per) {
        int n = 0;
        for (const auto& [_, k] : by) n += k;
        INFO(dim);
        CHECK(n >= 6);
        CHECK(by.count("easy") == 1);
        CHECK(by.at("easy") >= 2);
    }
    const json listed = drills_json(content, {std::nullopt, std::string("estimation"), std::nullopt, false});
    CHECK(listed.size() == static_cast<std::size_t>(per["estimation"]["easy"] + per["estimation"]["medium"] +
                                                    per["estimation"]["hard"]));
    for (const auto& d : listed)
        for (const char* key : {"id", "title", "dimension", "difficulty", "kind", "minutes", "pack"})
            CHECK(d.contains(key));
    CHECK_THROWS_AS(drills_json(content, {std::string("trivial"), std::nullopt, std::nullopt, false}), value_error);
}

TEST_CASE("every bundled drill's model answer passes its own grader; an empty or off-topic answer fails") {
    const auto& content = drills_bundled().content();
    std::size_t passed = 0, drills = 0;
    for (const drill* d : content.drills()) {
        ++drills;
        INFO(d->id);
        const drill_grade model = grade_drill(content, *d, d->doc.at("model_answer").get<std::string>());
        CHECK(model.correct);
        CHECK(model.score >= drill_pass_mark);
        passed += model.correct;
        const drill_grade empty = grade_drill(content, *d, "  \n");
        CHECK_FALSE(empty.correct);
        CHECK(empty.score == 0);
        const drill_grade off_topic =
            grade_drill(content, *d, "I would write clean code, test it well and keep the team happy.");
        CHECK_FALSE(off_topic.correct);
        CHECK(off_topic.score < drill_pass_mark);
    }
    CHECK(passed == drills);
}

TEST_CASE("estimate drills read the number and unit in many spellings, right within 2x") {
    // 500 receipts a day x 5 MB = 912.5 GB a year.
    CHECK(drills_grade("est-receipt-storage-year", "about 0.9 TB").correct);
    CHECK(drills_grade("est-receipt-storage-year", "900 GB per year").correct);
    CHECK(drills_grade("est-receipt-storage-year", "roughly 9e11 bytes").correct);
    CHECK(drills_grade("est-receipt-storage-year", "1,500 GB").correct);  // 1.6x: within 2x
    const drill_grade off = drills_grade("est-receipt-storage-year", "2.5 GB a day, so 2.5 GB a year");
    CHECK_FALSE(off.correct);
    CHECK(drills_has_finding(off, "estimate-off"));
    CHECK(off.feedback.find("Worked calculation: 500 a day x 5 MB") != std::string::npos);
    const drill_grade unitless = drills_grade("est-receipt-storage-year", "about 900");
    CHECK_FALSE(unitless.correct);
    CHECK(drills_has_finding(unitless, "estimate-unit"));

    // 100M tweets a day ≈ 1,157/s, stated as rates in several forms.
    CHECK(drills_grade("est-tweets-per-second", "~1.2k/s").correct);
    CHECK(drills_grade("est-tweets-per-second", "about 1,000 tweets per second").correct);
    CHECK(drills_grade("est-tweets-per-second", "70,000 per minute").correct);
    CHECK(drills_grade("est-tweets-per-second", "1.2e3 qps").correct);
    CHECK_FALSE(drills_grade("est-tweets-per-second", "100M per day is 100 per second").correct);
    // The average is asked: a peak stated after it is not the answer.
    CHECK(drills_grade("est-tweets-per-second", "1,157/s on average, ~5,750/s at a 5x peak").correct);
    // Steps may come first; the result is the last figure in the unit.
    CHECK(drills_grade("est-chat-storage-day", "1e11 x 200 bytes = 2e13 bytes = 20 TB per day").correct);
    CHECK(drills_grade("est-feed-image-egress", "7.5 PB a day / 86,400 s ≈ 87 GB/s").correct);
    CHECK(drills_grade("est-feed-image-egress", "about 700 Gbps").correct);
}

TEST_CASE("schema drills use the data-model evaluator and the drill's expected tables, keys and indexes") {
    const drill_grade no_fk = drills_grade("schema-short-links",
                                           "```sql\nCREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(255));\n"
                                           "CREATE TABLE links (code VARCHAR(10) PRIMARY KEY, long_url TEXT, user_id "
                                           "BIGINT);\n```");
    CHECK(drills_has_finding(no_fk, "missing-foreign-keys"));
    CHECK(drills_has_finding(no_fk, "missing-index"));
    CHECK(no_fk.score <
          drills_grade("schema-short-links", drills_require("schema-short-links").doc["model_answer"]).score);

    // Bare DDL without a fence is read too.
    const drill_grade bare = drills_grade("schema-pastes",
                                          "CREATE TABLE pastes (key VARCHAR(8) PRIMARY KEY, content TEXT NOT NULL, "
                                          "expires_at TIMESTAMP); CREATE INDEX ON pastes (expires_at);");
    CHECK(bare.correct);
    // Files in the database: the evaluator's finding comes through.
    const drill_grade blob = drills_grade(
        "schema-expense-receipts",
        "```sql\nCREATE TABLE reports (id BIGINT PRIMARY KEY, tenant_id BIGINT NOT NULL, status VARCHAR(16));\n"
        "CREATE TABLE receipts (id BIGINT PRIMARY KEY, report_id BIGINT REFERENCES reports(id), photo BYTEA);\n```");
    CHECK_FALSE(blob.correct);
    CHECK(drills_has_finding(blob, "files-in-database"));
    CHECK(drills_has_finding(blob, "missing-table"));  // no audit table
}

TEST_CASE("api drills use the api evaluator and the drill's expected routes, verbs and status codes") {
    const drill_grade good = drills_grade("api-clinic-bookings",
                                          "GET /v1/practitioners/:id/slots?date=... -> 200 OK\n"
                                          "POST /v1/appointments -> 201 Created\n"
                                          "DELETE /v1/appointments/{appointmentId} -> 204 No Content\n"
                                          "409 Conflict when the slot is taken, 404 Not Found otherwise.");
    CHECK(good.correct);
    const drill_grade verbs = drills_grade("api-clinic-bookings",
                                           "GET /v1/practitioners/{id}/slots -> 200\nGET /v1/appointments -> 200\n"
                                           "POST /v1/appointments/{id}/delete -> 200");
    CHECK_FALSE(verbs.correct);
    CHECK(drills_has_finding(verbs, "missing-endpoint"));
    const drill_grade sync = drills_grade("api-expense-ocr",
                                          "POST /v1/receipts -> 200 OK (runs OCR and returns the fields)\n"
                                          "GET /v1/receipts/{id} -> 200 OK\nPOST /v1/reports/{id}/submit -> 200 OK");
    CHECK_FALSE(sync.correct);
    CHECK(drills_has_finding(sync, "wrong-status"));
    // The right route with the wrong verb: the advice names the verb and what the endpoint is for.
    const drill_grade verb = drills_grade("api-chat-messages",
                                          "POST /v1/conversations/{id}/messages -> 201 Created\n"
                                          "POST /v1/conversations/{id}/messages/list -> 200 OK");
    CHECK_FALSE(verb.correct);
    bool advised = false;
    for (const auto& f : verb.findings)
        if (f.value("id", "") == "missing-endpoint" || f.value("id", "") == "wrong-http-verb")
            advised = advised || f.value("advice", "").find("GET /conversations/{id}/messages (history)") != std::string::npos;
    CHECK(advised);
}

TEST_CASE("requirements drills match the questions to the problem's clarification intents") {
    const drill_grade some = drills_grade("req-clinic-questions",
                                          "How many bookings a day?\nWhat happens with a double booking of the same "
                                          "slot?");
    CHECK_FALSE(some.correct);
    CHECK(some.score == doctest::Approx(0.4));
    CHECK(drills_has_finding(some, "missed-clarification"));
    CHECK(some.feedback.find("The interviewer would answer:") != std::string::npos);
    const drill_grade enough = drills_grade("req-clinic-questions",
                                            "How many patients and bookings per day?\nCan two patients book the same "
                                            "slot at the same time?\nHow are reminders sent, SMS or email?\nWhat "
                                            "must reception staff be able to do?");
    CHECK(enough.correct);
}

TEST_CASE("trade-off, failure and communication drills are graded by key points, as check questions are") {
    const drill_grade half = drills_grade("fail-queue-down", "Uploads are delayed and an alert pages on-call.");
    CHECK(half.score == doctest::Approx(0.5));
    CHECK_FALSE(half.correct);  // 2 of 4, 3 needed
    CHECK(half.findings.size() == 2);
    const drill_grade enough = drills_grade("fail-queue-down",
                                            "We write an outbox row in the same transaction, so uploads still succeed; "
                                            "users see a delay and an alert fires on the backlog.");
    CHECK(enough.correct);
    json j;
    to_json(j, enough);
    for (const char* key : {"drill", "score", "correct", "findings", "feedback", "model_answer"})
        CHECK(j.contains(key));
}

TEST_CASE("practising a drill records it: FSRS brings a wrong one back in days and a right one in weeks") {
    test::scheduler_fixture f;
    const drill_practice wrong = practise_drill(*f.ctx, f.ana, "est-tweets-per-second", "about 10 per second");
    CHECK_FALSE(wrong.grade.correct);
    CHECK(wrong.recorded.rating == 1);
    CHECK(wrong.recorded.memory.interval_days <= 2);
    CHECK(wrong.recorded.attempt_id > 0);
    REQUIRE(wrong.recorded.mastery.size() == 1);
    CHECK(wrong.recorded.mastery[0].dimension == "estimation");
    CHECK(wrong.recorded.mastery[0].after < wrong.recorded.mastery[0].before);

    const drill_practice right = practise_drill(*f.ctx, f.ana, "est-pastebin-read-rate", "about 1.2 reads per second");
    CHECK(right.grade.correct);
    CHECK(right.recorded.rating == 4);
    CHECK(right.recorded.memory.interval_days >= 7);
    CHECK(right.recorded.mastery[0].after > right.recorded.mastery[0].before);

    // Right again at its due date: weeks.
    {
        context_options o;
        o.db_path = f.dir.file("rehearse.db");
        o.now = right.recorded.memory.due;
        app_context ctx(o);
        const drill_practice again = practise_drill(ctx, f.ana, "est-pastebin-read-rate", "1.16 per second");
        CHECK(again.recorded.memory.interval_days >= 14);
        CHECK(again.recorded.memory.reps == 2);
    }

    std::map<std::string, drill_memory_state, std::less<>> memory;
    f.db().with_db([&](SQLite::Database& conn) { memory = load_drill_memory(conn, f.ana.id); });
    CHECK(memory.size() == 2);
    CHECK(memory.at("est-tweets-per-second").last_score < drill_pass_mark);
    CHECK(memory.at("est-pastebin-read-rate").reps == 2);

    // The drills are evidence on their dimension.
    json progress;
    to_json(progress, learner_progress(*f.ctx, f.ana));
    CHECK(progress["dimensions"]["estimation"]["trend"].size() >= 2);

    CHECK_THROWS_AS(practise_drill(*f.ctx, f.ana, "no-such-drill", "x"), error);
}
