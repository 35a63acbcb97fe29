// Mock interviews through the real CLI, one process per step, on a real database and an injected
// clock: seed 000's sample dialogue on immigration-document-review from the problem statement to the
// feedback, and an interactive session that is killed and resumed.
#include "support/cli_json.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;
using rehearse::test::run_process;

namespace {

struct mock_fixture {
    rehearse::test::temp_dir dir;
    std::string db = dir.file("rehearse.db");

    mock_fixture() { REQUIRE(run_cli({"--db", db, "learner", "add", "ana"}).exit_code == 0); }

    rehearse::test::process_result cli(std::vector<std::string> args, const std::string& at,
                                       const std::string& input = "") {
        std::vector<std::string> all{"--db", db, "--learner", "ana", "--now", at};
        all.insert(all.end(), args.begin(), args.end());
        return run_cli(all, input);
    }
    json step(std::vector<std::string> args, const std::string& at) {
        args.push_back("--json");
        return ok_json(cli(args, at));
    }
    std::string write_file(const std::string& name, const std::string& text) {
        std::ofstream(dir.file(name)) << text;
        return dir.file(name);
    }
};

bool mock_text_has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

const char* schema_without_tenancy_or_history = R"(```sql
CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  uploaded_by BIGINT NOT NULL,
  s3_key VARCHAR(512) NOT NULL,
  status VARCHAR(16) NOT NULL
);
CREATE TABLE extracted_fields (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  name VARCHAR(100) NOT NULL,
  value TEXT
);
CREATE INDEX extracted_fields_document ON extracted_fields(document_id);
```
)";

}  // namespace

TEST_CASE("seed 000's mock on immigration-document-review runs from the problem to the feedback") {
    mock_fixture f;
    const json start = f.step(
        {"mock", "start", "--problem", "immigration-document-review", "--format", "60", "--level", "intermediate"},
        "2026-03-02T10:00:00Z");
    const std::string session = start.at("session");
    CHECK(start.at("problem") == "immigration-document-review");
    CHECK(mock_text_has(start.at("interviewer"), "lawyers review and correct the extracted data"));
    CHECK(start.at("phase").at("name") == "Present the problem");
    CHECK(start.at("phase").at("ends_at") == "2026-03-02T10:05:00.000Z");

    // The seed's questions, in the candidate's words: the answers carry the seed's facts.
    const json formats = f.step({"mock", "say", "--session", session, "--text",
                                 "Which document formats do we need to handle? And is the AI something we build, or "
                                 "do we call an outside provider?"},
                                "2026-03-02T10:01:00Z");
    CHECK(formats.at("kind") == "clarification");
    CHECK(mock_text_has(formats.at("interviewer"), "PDFs and images"));
    CHECK(mock_text_has(formats.at("interviewer"), "third-party API"));
    const json volume =
        f.step({"mock", "say", "--session", session, "--text", "Roughly what volume are we talking about?"},
               "2026-03-02T10:02:00Z");
    CHECK(mock_text_has(volume.at("interviewer"), "500 uploads per day"));
    const json async = f.step({"mock", "say", "--session", session, "--text",
                               "Can the extraction happen in the background, or must the user wait?"},
                              "2026-03-02T10:03:00Z");
    CHECK(mock_text_has(async.at("interviewer"), "Asynchronous is fine"));
    const json reviewers = f.step(
        {"mock", "say", "--session", session, "--text", "Can more than one reviewer work on a document at once?"},
        "2026-03-02T10:04:00Z");
    CHECK(mock_text_has(reviewers.at("interviewer"), "one reviewer per document"));

    // A design question during the requirements is redirected; one the problem cannot answer is turned back.
    const json early = f.step({"mock", "say", "--session", session, "--text", "Should I use Kafka or SQS for this?"},
                              "2026-03-02T10:05:00Z");
    CHECK(early.at("kind") == "redirect");
    const json unknown = f.step({"mock", "say", "--session", session, "--text", "Which cloud region do we deploy to?"},
                                "2026-03-02T10:05:30Z");
    CHECK(mock_text_has(unknown.at("interviewer"), "What would you assume?"));

    // Over the ten minutes of requirements, the interviewer nudges once.
    const json over = f.step({"mock", "say", "--session", session, "--text", "OK, I think I have what I need."},
                             "2026-03-02T10:12:00Z");
    CHECK(over.at("kind") == "nudge");
    CHECK(mock_text_has(over.at("interviewer"), "We're at 12 minutes on the requirements"));

    for (const char* at : {"2026-03-02T10:12:30Z", "2026-03-02T10:13:00Z", "2026-03-02T10:20:00Z"}) {
        const json moved = f.step({"mock", "phase", "--session", session, "next"}, at);
        CHECK(moved.at("phase").at("ends_at").get<std::string>() > std::string(at));
    }
    const json phase = f.step({"mock", "show", "--session", session}, "2026-03-02T10:20:00Z").at("phase");
    CHECK(phase.at("name") == "Database design deep dive");

    // A schema with neither tenancy nor history draws probes about both, without a correction.
    const std::string schema = f.write_file("schema.md", schema_without_tenancy_or_history);
    const json probed = f.step({"mock", "write", "--session", session, "--file", schema, "--section", "data-model"},
                               "2026-03-02T10:25:00Z");
    CHECK(probed.at("kind") == "probe");
    REQUIRE(probed.at("probes").size() == 2);
    CHECK(mock_text_has(probed.at("probes")[0], "company"));
    CHECK(mock_text_has(probed.at("probes")[1], "who changed what"));
    CHECK_FALSE(mock_text_has(probed.at("interviewer"), "company_id"));

    // Stuck once: encouragement; stuck twice: a hint from the problem, recorded.
    CHECK(
        f.step({"mock", "say", "--session", session, "--text", "Hmm, I'm stuck."}, "2026-03-02T10:27:00Z").at("kind") ==
        "other");
    const json hint =
        f.step({"mock", "say", "--session", session, "--text", "Still stuck, no idea."}, "2026-03-02T10:28:00Z");
    CHECK(hint.at("kind") == "hint");

    const json done = f.step({"mock", "finish", "--session", session, "--self-assessment",
                              "The requirements went well; I ran out of time before the API."},
                             "2026-03-02T10:40:00Z");
    CHECK(done.at("mock") == true);
    CHECK(done.at("session") == session);
    CHECK(done.at("attempt_id").get<int>() > 0);
    CHECK(done.at("overall").get<int>() >= 0);
    const json evidence = done.at("transcript_evidence");
    CHECK(evidence.at("questions_asked").get<int>() >= 6);
    CHECK(evidence.at("clarifications_covered").get<int>() == 5);
    CHECK(evidence.at("hints") == 1);
    bool tenancy_flagged = false;
    for (const auto& fi : done.at("findings")) tenancy_flagged = tenancy_flagged || fi.at("id") == "no-multi-tenancy";
    CHECK(tenancy_flagged);
    CHECK(done.at("next").contains("id"));

    const json shown = f.step({"mock", "show", "--session", session}, "2026-03-02T10:41:00Z");
    CHECK(shown.at("state") == "finished");
    CHECK(shown.at("evaluation").at("attempt_id") == done.at("attempt_id"));
    CHECK(shown.at("transcript").size() >= 20);
    CHECK(shown.at("transcript")[0].at("role") == "interviewer");

    const auto again = f.cli({"mock", "finish", "--session", session, "--json"}, "2026-03-02T10:42:00Z");
    CHECK(again.exit_code == 1);
    CHECK(mock_text_has(again.err, "finished"));
    const json progress = f.step({"progress"}, "2026-03-02T10:42:00Z");
    CHECK(progress.at("dimensions").at("data-model").at("attempts") == 1);
}

TEST_CASE("mock steps refuse unknown sessions, another learner's session and bad values") {
    mock_fixture f;
    REQUIRE(run_cli({"--db", f.db, "learner", "add", "ben"}).exit_code == 0);
    const json start = f.step({"mock", "start", "--problem", "url-shortener"}, "2026-03-02T10:00:00Z");
    const std::string session = start.at("session");
    CHECK(f.cli({"mock", "say", "--session", "nope", "--text", "hi"}, "2026-03-02T10:01:00Z").exit_code == 1);
    const auto other = run_cli({"--db", f.db, "--learner", "ben", "mock", "show", "--session", session});
    CHECK(other.exit_code == 1);
    CHECK(mock_text_has(other.err, "no mock session"));
    CHECK(f.cli({"mock", "start", "--problem", "url-shortener", "--format", "50"}, "2026-03-02T10:01:00Z").exit_code ==
          2);
    CHECK(f.cli({"mock", "start", "--problem", "url-shortener", "--level", "guru"}, "2026-03-02T10:01:00Z").exit_code ==
          2);
    CHECK(f.cli({"mock", "start", "--problem", "no-such-problem"}, "2026-03-02T10:01:00Z").exit_code == 1);
    CHECK(f.cli({"mock", "say", "--session", session, "--text", "   "}, "2026-03-02T10:01:00Z").exit_code == 1);
    const std::string answer = f.write_file("a.md", "## API\n\nGET /v1/links/{code}\n");
    CHECK(f.cli({"mock", "write", "--session", session, "--file", answer, "--section", "vibes"}, "2026-03-02T10:01:00Z")
              .exit_code == 2);
    CHECK(f.cli({"mock", "phase", "--session", session, "later"}, "2026-03-02T10:01:00Z").exit_code == 2);
    // Nothing was stored by the refused steps: the transcript is the opening alone.
    CHECK(f.step({"mock", "show", "--session", session}, "2026-03-02T10:02:00Z").at("transcript").size() == 1);
}

TEST_CASE("an interactive mock keeps every answered line when the process is killed, and resumes") {
    mock_fixture f;
    // The candidate types one question, then the terminal goes quiet and the process is killed.
    const auto killed = run_process(
        {"/bin/bash", "-c",
         "(printf 'How many links are created per day?\\n'; while sleep 0.5; do printf '\\n' || exit 0; done) | "
         "timeout -s KILL 6 \"$0\" --db \"$1\" --learner ana --now 2026-03-02T10:00:00Z mock --problem url-shortener",
         REHEARSE_CLI, f.db},
        "", {{"REHEARSE_LEARNER", ""}, {"REHEARSE_PLUGIN_PATH", ""}});
    CHECK(killed.exit_code == 128 + 9);
    CHECK(mock_text_has(killed.out, "interviewer:"));

    const json sessions = f.step({"mock", "list"}, "2026-03-02T10:03:00Z");
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].at("state") == "open");
    const std::string session = sessions[0].at("session");
    const json before = f.step({"mock", "show", "--session", session}, "2026-03-02T10:03:00Z");
    REQUIRE(before.at("transcript").size() == 3);  // the opening, the question and its answer
    CHECK(before.at("transcript")[1].at("text") == "How many links are created per day?");
    CHECK(before.at("transcript")[2].at("role") == "interviewer");

    // A new process goes on with the same session: writes the design and finishes with a self-assessment.
    const std::string design =
        f.write_file("design.md",
                     "## Architecture\n\nClient -> Load balancer -> App servers (3) -> PostgreSQL (primary + standby)\n"
                     "App servers -> Redis cache\n\n## API\n\n```http\nPOST /v1/links -> 201 | 400\nGET "
                     "/v1/links/{code} -> 301 | 404\n```\n");
    const auto resumed = f.cli({"mock", "resume", "--session", session}, "2026-03-02T10:20:00Z",
                               "/write " + design + "\n/finish\nI should have estimated the read traffic.\n");
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(mock_text_has(resumed.out, "How many links are created per day?"));  // the transcript so far
    CHECK(mock_text_has(resumed.out, "Overall:"));
    CHECK(mock_text_has(resumed.out, "recorded (mock)"));
    const json after = f.step({"mock", "show", "--session", session}, "2026-03-02T10:21:00Z");
    CHECK(after.at("state") == "finished");
}

TEST_CASE("when the interview's time is up the interviewer asks for a self-assessment and the answer is kept") {
    mock_fixture f;
    const std::string session =
        f.step({"mock", "start", "--problem", "url-shortener", "--format", "45"}, "2026-03-02T10:00:00Z").at("session");
    const std::string design = f.write_file("d.md", "## API\n\n```http\nPOST /v1/links -> 201 | 400\n```\n");
    f.step({"mock", "write", "--session", session, "--file", design}, "2026-03-02T10:30:00Z");
    const json late =
        f.step({"mock", "say", "--session", session, "--text", "And the redirects?"}, "2026-03-02T10:46:00Z");
    CHECK(late.at("time_up") == true);
    CHECK(late.at("kind") == "nudge");
    CHECK(mock_text_has(late.at("interviewer"), "what do you think went well"));
    const json kept = f.step({"mock", "say", "--session", session, "--text", "I never got to the redirect path."},
                             "2026-03-02T10:47:00Z");
    CHECK(kept.at("kind") == "other");
    const json done = f.step({"mock", "finish", "--session", session}, "2026-03-02T10:48:00Z");
    CHECK(done.at("self_assessment") == "I never got to the redirect path.");
    // Every phase but the first ran past its budget without a move: the evidence says so.
    CHECK(done.at("transcript_evidence").at("phases_over_time").get<int>() == 1);
}
