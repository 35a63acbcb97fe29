// The answer readers against the seeds' own SQL, endpoints and estimates, the bad inputs the CLI
// must survive, and every crash input the fuzzers found (tests/fuzz/regressions/).
#include "rehearse/core/answer/answer_model.hpp"
#include "rehearse/core/answer/sql_schema.hpp"
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/grading/evaluation.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The seeds live beside the repository (../shared/seeds), where CI and a developer checkout keep them.
const fs::path seeds = [] {
    for (const fs::path& candidate :
         {fs::path(REHEARSE_PROJECT_SOURCE_DIR) / ".." / "shared" / "seeds", fs::path("/work/shared/seeds")})
        if (fs::exists(candidate)) return candidate;
    return fs::path();
}();

json seed_schema(const std::string& prefix) {
    for (const auto& e : fs::directory_iterator(seeds))
        if (e.path().filename().string().rfind(prefix, 0) == 0)
            return rehearse::parse_answer(rehearse::read_text_file(e.path().string()))["schema"];
    return json();
}

const json& table(const json& schema, const std::string& name) {
    for (const auto& t : schema["tables"])
        if (t["name"] == name) return t;
    FAIL("no table " << name << " in " << schema.dump());
    static json none;
    return none;
}

const json& column(const json& t, const std::string& name) {
    for (const auto& c : t["columns"])
        if (c["name"] == name) return c;
    FAIL("no column " << name << " in " << t.dump());
    static json none;
    return none;
}

bool has_index(const json& t, std::vector<std::string> cols) {
    for (const auto& i : t["indexes"])
        if (i["columns"].get<std::vector<std::string>>() == cols) return true;
    return false;
}

json sql(std::string_view text) {
    json s = rehearse::empty_schema();
    rehearse::read_sql_block(text, 1, s);
    return s;
}

}  // namespace

TEST_CASE("every SQL block in the seeds yields the right schema model") {
    if (seeds.empty()) {
        WARN_MESSAGE(false, "seeds not found beside the repository (../shared/seeds): seed SQL check skipped");
        return;
    }
    const json s0 = seed_schema("000_");
    CHECK(s0["errors"].empty());
    const auto& entity = table(s0, "entity_name");  // whiteboard DDL without CREATE TABLE
    CHECK(column(entity, "company_id")["references"]["table"] == "companies");
    CHECK(column(entity, "status")["values"] == json::array({"..."}));
    CHECK(has_index(entity, {"company_id"}));
    CHECK(has_index(entity, {"status"}));
    CHECK(table(s0, "entity_a_entity_b")["primary_key"] == json::array({"entity_a_id", "entity_b_id"}));
    CHECK(column(table(s0, "entity_change_history"), "changed_by")["references"]["table"] == "users");
    CHECK(column(table(s0, "documents"), "s3_path")["length"] == 500);

    const json s1 = seed_schema("001_");
    CHECK(s1["errors"].empty());
    CHECK(column(table(s1, "messages"), "message_status")["values"] == json::array({"sent", "delivered", "read"}));
    CHECK(has_index(table(s1, "messages"), {"chat_id", "timestamp"}));
    const auto& urls = table(s1, "urls");  // MySQL inline INDEX, which PostgreSQL reads as a column
    for (const auto& c : urls["columns"]) CHECK(c["name"] != "index");
    CHECK(has_index(urls, {"user_id"}));
    CHECK(has_index(urls, {"created_at"}));
    CHECK(column(urls, "short_url")["length"] == 7);
    CHECK(urls["primary_key"] == json::array({"short_url"}));
    CHECK(column(table(s1, "users"), "subscription_type")["values"].size() == 3);
    CHECK(column(table(s1, "video_files"), "video_id")["references"]["table"] == "videos");
    CHECK(table(s1, "watch_history")["primary_key"] == json::array({"user_id", "video_id", "watched_at"}));

    const json s3 = seed_schema("003_");
    CHECK(s3["errors"].empty());
    const auto& mappings = table(s3, "url_mappings");
    REQUIRE(mappings["indexes"].size() == 1);
    CHECK(mappings["indexes"][0]["partial"] == true);
    CHECK(table(s3, "follows")["foreign_keys"].size() == 2);
    CHECK(has_index(table(s3, "tweets"), {"user_id", "created_at"}));
    CHECK(column(table(s3, "tweets"), "media_urls")["type"] == "text[]");
    CHECK(table(s3, "user_timeline")["nosql"] == true);  // Cassandra WITH CLUSTERING ORDER BY
    CHECK(table(s3, "user_timeline")["primary_key"] == json::array({"user_id", "created_at", "tweet_id"}));
    CHECK(table(s3, "messages")["primary_key"] == json::array({"chat_id", "message_id"}));
}

TEST_CASE("MySQL and Cassandra flavours through the pre-pass") {
    const json s = sql(
        "CREATE TABLE `docs` (`id` INT(11) UNSIGNED NOT NULL AUTO_INCREMENT, `state` ENUM('a','b') NOT NULL,\n"
        "  owner_id INT, UNIQUE KEY uq_state (state, owner_id), KEY idx_owner (owner_id),\n"
        "  PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
        "CREATE TABLE ks.events (tenant text, day text, ts timeuuid, tags set<text>, PRIMARY KEY ((tenant, day), ts))\n"
        "  WITH CLUSTERING ORDER BY (ts DESC);");
    CHECK(s["errors"].empty());
    const auto& docs = table(s, "docs");
    CHECK(column(docs, "id")["auto_increment"] == true);
    CHECK(column(docs, "state")["values"] == json::array({"a", "b"}));
    CHECK(has_index(docs, {"owner_id"}));
    CHECK(has_index(docs, {"state", "owner_id"}));
    CHECK(table(s, "events")["primary_key"] == json::array({"tenant", "day", "ts"}));
}

TEST_CASE("comparisons in CHECK constraints and semicolons in comments are valid SQL") {
    // PostgreSQL a learner wrote: a "<=" is a comparison, not the start of a Cassandra collection
    // type, and a ';' inside a '--' or '/* */' comment ends nothing.
    const json s =
        sql("CREATE TABLE pastes (\n"
            "  id BIGSERIAL PRIMARY KEY,\n"
            "  size_bytes INTEGER NOT NULL CHECK (size_bytes <= 1048576),  -- 1 MB cap; larger bodies get 413\n"
            "  attempt SMALLINT NOT NULL CHECK (attempt >= 1 AND attempt < 40),\n"
            "  kind VARCHAR(8) NOT NULL /* 'a' | 'b'; more later */ CHECK (kind IN ('a', 'b'))\n"
            ");\n"
            "-- one row per view; partitioned later\n"
            "CREATE INDEX pastes_size ON pastes (size_bytes) WHERE size_bytes <> 0;\n"
            "CREATE TABLE ks.counters (k text PRIMARY KEY, hits map<text, int>, tags frozen<list<text>>);");
    CHECK_MESSAGE(s["errors"].empty(), s["errors"].dump());
    CHECK(column(table(s, "pastes"), "size_bytes")["type"] == "int");
    CHECK(has_index(table(s, "pastes"), {"size_bytes"}));
    CHECK(table(s, "counters")["columns"].size() == 3);
}

TEST_CASE("keys added by ALTER TABLE count") {
    const json s =
        sql("CREATE TABLE p (id INT, company_id INT);\nALTER TABLE p ADD CONSTRAINT pk PRIMARY KEY (id),\n"
            "  ADD CONSTRAINT fk FOREIGN KEY (company_id) REFERENCES companies(id);");
    CHECK(s["errors"].empty());
    CHECK(table(s, "p")["primary_key"] == json::array({"id"}));
    CHECK(column(table(s, "p"), "company_id")["references"]["table"] == "companies");
}

TEST_CASE("a statement that does not parse is an error with its position; the rest is still read") {
    const json s =
        sql("CREATE TABLE a (id INT PRIMARY KEY);\nCREATE TABLE b (id INT PRIMARY KEY,,);\nCREATE TABLE c (x TEXT);");
    REQUIRE(s["errors"].size() == 1);
    CHECK(s["errors"][0]["line"] == 2);
    CHECK(s["errors"][0]["column"].get<int>() > 1);
    CHECK(s["tables"].size() == 2);
    const json prose = sql("this is not SQL at all; neither is this");
    CHECK(prose["errors"].size() == 2);
    CHECK(prose["tables"].empty());
}

TEST_CASE("endpoints, estimates and negation in the answer model") {
    const json m = rehearse::parse_answer(
        "## API\n```http\nPOST /api/v1/documents -> 202 Accepted {job_id}\nGET /api/v1/documents?limit=20&cursor=x -> "
        "200, 404\n"
        "PATCH /api/v1/documents/{id} -> 200 | 409\n```\n"
        "## Estimation\n- Writes: ~40/s, reads ~3.5k reads per second; 1.25M updates/sec at peak.\n"
        "- Storage: 5 TB over 5 years, 0.5 TB/year.\n"
        "## Architecture\n- Files go to S3, never a BLOB column. No cache needed at this scale.\n");
    const auto& eps = m["api"]["endpoints"];
    REQUIRE(eps.size() == 3);
    CHECK(eps[0]["async"] == true);
    CHECK(eps[1]["query_params"] == json::array({"limit", "cursor"}));
    CHECK(eps[1]["statuses"] == json::array({200, 404}));
    CHECK(eps[2]["path_params"] == json::array({"id"}));
    std::set<double> values;
    for (const auto& e : m["estimates"]) values.insert(e["value"].get<double>());
    CHECK(values.count(40));
    CHECK(values.count(3500));
    CHECK(values.count(1250000));
    CHECK(values.count(5e12));
    CHECK(values.count(0.5e12));
    bool cache_negated = false, s3 = false;
    for (const auto& c : m["architecture"]["components"]) {
        if (c["kind"] == "cache") cache_negated = c["negated"].get<bool>();
        if (c["kind"] == "object-storage" && !c["negated"].get<bool>()) s3 = true;
    }
    CHECK(cache_negated);
    CHECK(s3);
}

TEST_CASE("numbers that are not estimates, table rows and CQL tables (issue 12)") {
    const json m = rehearse::parse_answer(
        "## Estimation\n"
        "| what | number |\n|---|---|\n| rides per second | 100 M / 2.6 M s ≈ 38 avg |\n\n"
        "- 200 files per user; alerts above 70% CPU.\n"
        "## Architecture\n"
        "The offer lock is `SET offer_lock:{driver_id} {ride_id} NX EX 15`; Redis 7.2 on port 6379, retry up to "
        "5 times, timeout 2 ms.\n"
        "## API\n| Method | Path | Result |\n|---|---|---|\n| POST | /v1/petitions/{id}/submit | 202, 409 |\n\n"
        "## Data model\n```cql\nCREATE TABLE follows_by_user (follower_id bigint, followee_id bigint, "
        "PRIMARY KEY (follower_id, followee_id));\n```\n");
    std::set<double> values;
    bool rides_labelled = false, per_user = false;
    for (const auto& e : m["estimates"]) {
        values.insert(e["value"].get<double>());
        if (e["value"] == 38 && e["before"].get<std::string>().find("rides per second") != std::string::npos)
            rides_labelled = true;
        if (e["value"] == 200 && e["per"] == "item:user") per_user = true;
    }
    CHECK(rides_labelled);
    CHECK(per_user);
    for (double not_an_estimate : {70.0, 15.0, 7.2, 6379.0, 5.0, 2.0})
        CHECK_MESSAGE(!values.count(not_an_estimate), not_an_estimate);
    // Bounds the design or the problem sets are not estimates; a preposition is not the counted noun.
    const json bounds = rehearse::parse_answer(
        "## Estimation\n- OCR concurrency: 0.8 uploads/s x ~10 s per call ~ 8 in flight.\n"
        "## Scaling\nThe bottleneck is the OCR provider's 20-request concurrency limit; workers make at most 12 "
        "concurrent calls and hold up to 3 connections.\n");
    std::set<double> bound_values;
    bool in_flight = false;
    for (const auto& e : bounds["estimates"]) {
        bound_values.insert(e["value"].get<double>());
        if (e["value"] == 8) in_flight = e["noun"] == "" && e["after"].get<std::string>().find("flight") == 3;
    }
    for (double not_an_estimate : {20.0, 12.0, 3.0})
        CHECK_MESSAGE(!bound_values.count(not_an_estimate), not_an_estimate);
    CHECK(in_flight);
    const auto& eps = m["api"]["endpoints"];
    REQUIRE(eps.size() == 1);
    CHECK(eps[0]["method"] == "POST");
    CHECK(eps[0]["async"] == true);
    REQUIRE(m["schema"]["tables"].size() == 1);
    CHECK(m["schema"]["tables"][0].value("nosql", false));
}

TEST_CASE("negation in the architecture graph: lists share it, clauses and dashes end it") {
    // Kind -> negated, for the components one sentence of architecture prose names.
    using kinds = std::map<std::string, bool>;
    auto components = [](const std::string& prose) {
        const json model = rehearse::parse_answer("## Architecture\n" + prose + "\n");
        kinds out;
        for (const auto& c : model["architecture"]["components"])
            out[c["kind"].get<std::string>()] = c["negated"].get<bool>();
        return out;
    };
    CHECK(components("We leave out sharding, Cassandra and Kafka.") == kinds{{"database", true}, {"stream", true}});
    CHECK(components("No Kafka, just Postgres and Redis.") ==
          kinds{{"stream", true}, {"database", false}, {"cache", false}});
    CHECK(components("Monitoring, alerting and logging are not covered.") == kinds{{"monitoring", true}});
    CHECK(components("Postgres instead of Kafka.") == kinds{{"database", false}, {"stream", true}});
    CHECK(components("We don't need sharding \u2014 one service and one database will carry us.") ==
          kinds{{"app-server", false}, {"database", false}});
    CHECK(components("A user might not see their message if we read from a replica.") ==
          kinds{{"client", false}, {"replica", false}});
    CHECK(components("The message service drops a job on a push queue (SQS).") ==
          kinds{{"app-server", false}, {"queue", false}});
    // Items of several words, and a last item after "or a": the whole list is negated.
    CHECK(components("We don't need Kafka, Flink, a microservice per site or a Kubernetes cluster.")["stream"] == true);
    CHECK(components("No Redis for sessions, Kafka for events or a second region.")["stream"] == true);
    // An option named to be turned down is not in the design.
    CHECK(components("A Kafka pipeline was the approach we rejected.")["stream"] == true);
}

TEST_CASE("unusable answers are refused with a clear error, never a crash") {
    CHECK_THROWS_AS(rehearse::check_answer_text(""), rehearse::error);
    CHECK_THROWS_AS(rehearse::check_answer_text(" \n\t\n"), rehearse::error);
    CHECK_THROWS_AS(rehearse::check_answer_text(std::string("abc\0def", 7)), rehearse::error);
    CHECK_THROWS_AS(rehearse::check_answer_text("\xff\xfe binary"), rehearse::error);
    CHECK_THROWS_AS(rehearse::check_answer_text(std::string(rehearse::max_answer_bytes + 1, 'a')), rehearse::error);
    CHECK_NOTHROW(rehearse::check_answer_text("## Requirements\nHow many users? — ok"));
    // An unterminated fence is graded to the end and noted.
    const json m = rehearse::parse_answer("## Data model\n```sql\nCREATE TABLE t (id INT PRIMARY KEY);\n");
    CHECK(m["schema"]["tables"].size() == 1);
    CHECK(!m["warnings"].empty());
}

TEST_CASE("evaluate on the CLI: readable text, JSON, and bad input") {
    rehearse::test::temp_dir dir;
    const std::string good = dir.file("answer.md");
    std::ofstream(good) << "## Clarifying questions\n- How many users per day?\n## API\nGET /api/v1/urls -> 200\n";
    const auto text = rehearse::test::run_cli({"evaluate", "--problem", "url-shortener", "--answer", good});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("Overall:") != std::string::npos);
    const auto js = rehearse::test::run_cli({"evaluate", "--problem", "url-shortener", "--answer", good, "--json"});
    REQUIRE(js.exit_code == 0);
    const json e = json::parse(js.out);
    for (const char* k : {"problem", "overall", "scores", "findings", "feedback"}) CHECK(e.contains(k));
    for (const char* k : {"strengths", "improvements", "takeaway", "assignment"}) CHECK(e["feedback"].contains(k));
    CHECK(e["feedback"]["improvements"].size() <= 3);
    // The level the answer reads as (docs/answers.md, Level): an id, its reasons, the next level.
    REQUIRE(e.contains("level"));
    CHECK(e["level"]["id"].get<std::string>().rfind("L", 0) == 0);
    CHECK(!e["level"]["reasons"].empty());
    CHECK(e["level"]["next"].get<std::string>().find("L") != std::string::npos);

    const std::string empty = dir.file("empty.md");
    std::ofstream(empty) << "";
    const std::string binary = dir.file("binary.md");
    std::ofstream(binary, std::ios::binary) << std::string(
        "\x7f"
        "ELF\0\0\x01\x02",
        8);
    const std::string big = dir.file("big.md");
    std::ofstream(big) << std::string(10 * 1024 * 1024, 'x');
    const std::string notsql = dir.file("notsql.md");
    std::ofstream(notsql) << "## Data model\n```sql\nlorem ipsum ((( dolor\n```\n## API\n```http\nPOST /x -> 2";
    for (const auto& bad : {empty, binary, big}) {
        const auto r = rehearse::test::run_cli({"evaluate", "--problem", "url-shortener", "--answer", bad});
        CHECK_MESSAGE(r.exit_code == 1, bad);
        CHECK(r.err.find("rehearse:") != std::string::npos);
    }
    CHECK(rehearse::test::run_cli({"evaluate", "--problem", "no-such-problem", "--answer", good}).exit_code == 1);
    CHECK(rehearse::test::run_cli({"evaluate", "--problem", "url-shortener", "--answer", dir.file("missing.md")})
              .exit_code == 1);
    CHECK(rehearse::test::run_cli({"evaluate", "--answer", good}).exit_code == 2);
    const auto ns = rehearse::test::run_cli({"evaluate", "--problem", "url-shortener", "--answer", notsql, "--json"});
    REQUIRE(ns.exit_code == 0);
    INFO(ns.out);
    bool parse_error = false;
    const json graded = json::parse(ns.out);
    for (const auto& f : graded["findings"]) parse_error = parse_error || f["id"] == "sql-parse-error";
    CHECK(parse_error);
}

TEST_CASE("fuzzer crash inputs stay fixed") {
    const fs::path dir = fs::path(REHEARSE_PROJECT_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
    if (!fs::exists(dir)) return;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;  // routes/: the request-body fuzzer's, replayed over HTTP
        const std::string input = rehearse::read_text_file(e.path().string());
        CHECK_NOTHROW((void)rehearse::parse_answer(input).dump(-1, ' ', false, json::error_handler_t::replace));
        json s = rehearse::empty_schema();
        CHECK_NOTHROW(rehearse::read_sql_block(input, 1, s));
    }
}
