// Teaching dialogues and `ask` end to end: the real executable, a temp database, a fixed clock, each
// step in a new process (docs/sessions.md, Teaching).
#include "support/cli_json.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;

namespace {

struct teach_cli {
    rehearse::test::temp_dir dir;
    std::string db = dir.file("r.db");

    teach_cli() { REQUIRE(run({"learner", "add", "ana"}).exit_code == 0); }

    rehearse::test::process_result run(std::vector<std::string> args, const std::string& input = "") {
        args.insert(args.end(), {"--db", db, "--learner", "ana", "--now", "2026-03-02T10:00:00Z"});
        return run_cli(args, input);
    }
    json say(const std::string& session, const std::string& text) {
        return ok_json(run({"teach", "say", "--session", session, "--text", text, "--json"}));
    }
};

bool has(const json& list, const std::string& item) { return std::find(list.begin(), list.end(), item) != list.end(); }

const std::string read_point = "On a read: check the cache, on a miss read the database and populate the cache";
const std::string write_point = "On a write: update the database, then invalidate (delete) the cached key";
const std::string ttl_point = "TTL bounds staleness as a safety net";
const std::string fit_point = "Cache suits read-heavy, rarely changing data";

}  // namespace

TEST_CASE("teach: a lesson taught to the end grades replies cumulatively and schedules its cards") {
    teach_cli cli;
    const json start =
        ok_json(cli.run({"teach", "start", "--lesson", "cache-aside", "--level", "intermediate", "--json"}));
    const std::string session = start["session"];
    CHECK(start["lesson"] == "cache-aside");
    CHECK(start["level"] == "intermediate");
    const std::string opening = start["coach"];
    CHECK(opening.find("librarian") != std::string::npos);             // the analogy
    CHECK(opening.find("Describe cache-aside") != std::string::npos);  // the check question
    CHECK(start["done"] == false);

    const json first =
        cli.say(session, "On a read I check the cache first; on a miss I read from the database and populate it.");
    CHECK(first["done"] == false);
    CHECK(first["covered"] == json::array({read_point}));
    CHECK(first["missed"].size() == 3);
    CHECK(has(first["missed"], write_point));
    CHECK(first["kind"] == "feedback");
    const std::string follow_up = first["coach"];
    CHECK(follow_up.find("Still missing") != std::string::npos);
    CHECK(follow_up.find("?") != std::string::npos);

    CHECK(cli.run({"next", "--kind", "review"}).exit_code == 1);  // no cards before the end

    const json last = cli.say(session,
                              "When the product is edited I update the database and then delete the key. The TTL "
                              "bounds how stale an entry gets. It suits read-heavy data with a high hit rate.");
    CHECK(last["done"] == true);
    CHECK(last["kind"] == "recap");
    CHECK(last["missed"].empty());
    CHECK(last["covered"].size() == 4);
    CHECK(has(last["covered"], ttl_point));
    CHECK(has(last["covered"], fit_point));
    CHECK(last["score"] == 1.0);
    CHECK(last["cards"] == 6);

    // The lesson's cards are due and its dimensions have evidence.
    const json due = ok_json(cli.run({"next", "--kind", "review", "--json"}));
    CHECK(due["kind"] == "review");
    CHECK(due["due_reviews"] == 6);
    const json progress = ok_json(cli.run({"progress", "--json"}));
    CHECK(progress["dimensions"]["scaling"]["trend"].size() == 1);
    CHECK(progress["dimensions"]["architecture"]["trend"].size() == 1);

    const json shown = ok_json(cli.run({"teach", "show", "--session", session, "--json"}));
    CHECK(shown["state"] == "finished");
    CHECK(shown["transcript"].size() == 5);  // opening, then two replies and two answers
    CHECK(shown["transcript"][1]["role"] == "learner");

    // A second dialogue, left open: the list holds both, newest first, with their states.
    const json second = ok_json(run_cli({"teach", "start", "--lesson", "cache-aside", "--json", "--db", cli.db,
                                         "--learner", "ana", "--now", "2026-03-03T10:00:00Z"}));
    const json listed = ok_json(cli.run({"teach", "list", "--json"}));
    REQUIRE(listed.size() == 2);
    CHECK(listed[0]["session"] == second["session"]);
    CHECK(listed[0]["state"] == "open");
    CHECK(listed[1]["session"] == session);
    CHECK(listed[1]["state"] == "finished");
    CHECK(listed[1]["lesson"] == "cache-aside");
    CHECK(cli.run({"teach", "say", "--session", session, "--text", "more"}).exit_code == 1);
    CHECK(cli.run({"teach", "say", "--session", "tnope", "--text", "hi"}).exit_code == 1);
    CHECK(cli.run({"teach", "say", "--session", session}).exit_code == 2);
    CHECK(cli.run({"teach", "start", "--lesson", "no-such-lesson"}).exit_code == 1);
    CHECK(cli.run({"teach", "start", "--lesson", "cache-aside", "--level", "expert"}).exit_code == 2);
}

TEST_CASE("teach: the common mistake is corrected at once, hints come from the lesson") {
    teach_cli cli;
    const json start = ok_json(cli.run({"teach", "start", "--lesson", "interview-framework", "--json"}));
    const std::string session = start["session"];
    CHECK(!start["level"].get<std::string>().empty());

    const json hint = cli.say(session, "Could I have a hint?");
    CHECK(hint["kind"] == "hint");
    CHECK(hint["coach"].get<std::string>().find("Which numbers would change your choice") != std::string::npos);
    CHECK(hint["done"] == false);

    const json wrong = cli.say(session, "I'd jump straight to the technology: Kafka and Cassandra from the start.");
    CHECK(wrong["kind"] == "correction");
    const std::string correction = wrong["coach"];
    CHECK(correction.find("five to ten minutes") != std::string::npos);
    CHECK(correction.find("The coach") == std::string::npos);  // said in the coach's own voice
    CHECK(wrong["done"] == false);
    CHECK(wrong["missed"].size() == 4);

    // A sound answer on the same lesson is not taken for the mistake.
    const json right =
        cli.say(session, "First I ask how many users and how much traffic per day, then sketch the architecture.");
    CHECK(right["kind"] == "feedback");
    CHECK(right["covered"].size() == 2);
}

TEST_CASE("teach: giving up shows the model answer and ends the lesson") {
    teach_cli cli;
    const json start = ok_json(cli.run({"teach", "start", "--lesson", "cache-aside", "--level", "beginner", "--json"}));
    const std::string opening = start["coach"];
    CHECK(opening.find("redis.GET") != std::string::npos);  // beginners see the worked example's start
    const json advanced =
        ok_json(cli.run({"teach", "start", "--lesson", "cache-aside", "--level", "advanced", "--json"}));
    CHECK(advanced["coach"].get<std::string>().find("edge case") != std::string::npos);
    CHECK(advanced["coach"].get<std::string>().size() < opening.size());

    const json gave_up = cli.say(start["session"], "I give up, show me the answer");
    CHECK(gave_up["done"] == true);
    CHECK(gave_up["kind"] == "answer");
    const std::string model = gave_up["coach"];
    for (const auto& p : {read_point, write_point, ttl_point, fit_point}) CHECK(model.find(p) != std::string::npos);
    CHECK(model.find("redis.DEL('case:123')") != std::string::npos);  // the worked example
    CHECK(gave_up["score"] == 0.0);
    CHECK(gave_up["cards"] == 6);
}

TEST_CASE("ask: answers from the lessons that fit, and says so when none does") {
    teach_cli cli;
    const json a = ok_json(cli.run({"ask", "--text", "Should I use Redis or Memcached?", "--json"}));
    REQUIRE(!a["lessons"].empty());
    CHECK(a["lessons"].size() <= 3);
    CHECK(a["lessons"][0].get<std::string>().rfind("cache", 0) == 0);
    const std::string answer = a["answer"];
    CHECK(answer.back() == '?');
    CHECK(answer.find("What's your use case here?") != std::string::npos);
    CHECK(answer.find("cache") != std::string::npos);

    const json q = ok_json(cli.run({"ask", "How do I page through a long list of results?", "--json"}));
    CHECK(has(q["lessons"], "pagination"));

    const json none = ok_json(cli.run({"ask", "--text", "What's a good recipe for banana bread?", "--json"}));
    CHECK(none["lessons"].empty());
    CHECK(none["answer"].get<std::string>().back() == '?');
    CHECK(cli.run({"ask"}).exit_code == 2);
}

TEST_CASE("teach: interactive on stdin, EOF leaves it open, resume goes on in a new process") {
    teach_cli cli;
    const auto first = cli.run({"teach", "--lesson", "cache-aside", "--level", "intermediate"},
                               "/hint\nOn a read I check the cache; on a miss I read from the database.\n");
    INFO("stdout: " << first.out << "\nstderr: " << first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("coach: Hint: What does the application do") != std::string::npos);
    CHECK(first.out.find("Still missing") != std::string::npos);
    const auto at = first.out.find("rehearse teach resume --session ");
    REQUIRE(at != std::string::npos);
    const std::string session = first.out.substr(at + 32, first.out.find('\n', at) - at - 32);
    CHECK(ok_json(cli.run({"teach", "show", "--session", session, "--json"}))["state"] == "open");

    const auto second = cli.run({"teach", "resume", "--session", session},
                                "I update the database then delete the key, with a TTL against staleness, for "
                                "read-heavy data.\n");
    INFO("stdout: " << second.out << "\nstderr: " << second.err);
    REQUIRE(second.exit_code == 0);
    CHECK(second.out.find("resuming lesson cache-aside") != std::string::npos);
    CHECK(second.out.find("4 of 4 key points") != std::string::npos);
    CHECK(second.out.find("6 flashcards scheduled") != std::string::npos);
    const json shown = ok_json(cli.run({"teach", "show", "--session", session, "--json"}));
    CHECK(shown["state"] == "finished");
    CHECK(shown["missed"].empty());
    CHECK(cli.run({"teach", "resume", "--session", session}).exit_code == 1);
}
