// The real `rehearse` executable as a subprocess: the global conventions and the content commands
// of docs/cli.md.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using nlohmann::json;
using rehearse::test::run_cli;

namespace {
json parse_out(const rehearse::test::process_result& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}
}  // namespace

TEST_CASE("help, version and usage errors") {
    const auto help = run_cli({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("learner add") != std::string::npos);
    const auto version = run_cli({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.rfind("rehearse ", 0) == 0);
    const auto cmd_help = run_cli({"problems", "--help"});
    CHECK(cmd_help.exit_code == 0);
    CHECK(cmd_help.out.find("--difficulty") != std::string::npos);

    CHECK(run_cli({}).exit_code == 2);
    CHECK(run_cli({"frobnicate"}).exit_code == 2);
    CHECK(run_cli({"problems", "--bogus"}).exit_code == 2);
    CHECK(run_cli({"problems", "--difficulty"}).exit_code == 2);
    CHECK(run_cli({"problems", "--difficulty", "impossible"}).exit_code == 2);
    CHECK(run_cli({"show", "problem"}).exit_code == 2);
    CHECK(run_cli({"problems", "--now", "yesterday"}).exit_code == 2);
}

TEST_CASE("plugins --json lists the bundled plugins with their documented fields") {
    const json plugins = parse_out(run_cli({"plugins", "--json"}));
    REQUIRE(plugins.is_array());
    std::set<std::string> ids;
    for (const auto& p : plugins) {
        for (const char* key : {"id", "version", "api_version", "kinds", "path"}) CHECK_MESSAGE(p.contains(key), key);
        CHECK(p["api_version"] == "1.0");
        CHECK(std::filesystem::exists(p["path"].get<std::string>()));
        // `kinds` keeps to the listing's original set; later kinds (drills) appear in all_kinds.
        const std::set<std::string> listed{"problems", "lessons", "evaluator", "dialogue"};
        for (const auto& kind : p["kinds"]) CHECK_MESSAGE(listed.count(kind.get<std::string>()) == 1, kind);
        if (p["id"] == "drills") CHECK(p["all_kinds"] == json::array({"drills"}));
        ids.insert(p["id"].get<std::string>());
    }
    CHECK(ids.count("drills"));
    CHECK(ids.count("startup"));
    CHECK(ids.count("classics"));
    CHECK(ids.count("concepts"));
    CHECK(ids.count("ladder"));
}

TEST_CASE("problems --json with filters, and show problem") {
    const json all = parse_out(run_cli({"problems", "--json"}));
    REQUIRE(all.size() >= 2);
    bool saw_url_shortener = false;
    for (const auto& p : all) {
        for (const char* key : {"id", "title", "difficulty", "dimensions", "pack"}) CHECK(p.contains(key));
        double sum = 0;
        for (const auto& [dim, w] : p["dimensions"].items()) sum += w.get<double>();
        CHECK(sum == doctest::Approx(1.0).epsilon(0.011));
        saw_url_shortener |= p["id"] == "url-shortener";
    }
    CHECK(saw_url_shortener);
    const json easy = parse_out(run_cli({"problems", "--json", "--difficulty", "easy"}));
    CHECK(!easy.empty());
    for (const auto& p : easy) CHECK(p["difficulty"] == "easy");
    const json data = parse_out(run_cli({"problems", "--dimension", "data-model", "--json"}));
    for (const auto& p : data) CHECK(p["dimensions"].contains("data-model"));

    const json problem = parse_out(run_cli({"show", "problem", "url-shortener", "--json"}));
    CHECK(problem["id"] == "url-shortener");
    CHECK(problem["pack"] == "classics");
    CHECK(!problem["clarifications"].empty());
    const auto text = run_cli({"show", "problem", "classics/url-shortener"});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("Clarifying questions") != std::string::npos);

    const auto unknown = run_cli({"show", "problem", "no-such-problem"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err.find("unknown problem") != std::string::npos);
    CHECK(unknown.out.empty());
}

TEST_CASE("lessons --json") {
    const json lessons = parse_out(run_cli({"lessons", "--json"}));
    REQUIRE(!lessons.empty());
    for (const auto& l : lessons) {
        for (const char* key : {"id", "title", "dimensions", "prerequisites", "cards", "pack"}) CHECK(l.contains(key));
        CHECK(l["cards"].get<int>() >= 3);
    }
}

TEST_CASE("learners live in the database given by --db, created on first use") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("data/rehearse.db");
    CHECK(run_cli({"--db", db, "learner", "add", "ada"}).exit_code == 0);
    CHECK(run_cli({"learner", "add", "ada", "--db", db}).exit_code == 0);  // idempotent
    CHECK(run_cli({"learner", "add", "bob", "--db", db, "--now", "2026-02-01T10:00:00Z"}).exit_code == 0);
    const json list = parse_out(run_cli({"learner", "list", "--json", "--db", db}));
    REQUIRE(list.size() == 2);
    CHECK(list[0]["name"] == "ada");
    CHECK(list[1]["name"] == "bob");
    CHECK(list[1]["created_at"] == "2026-02-01T10:00:00.000Z");
    CHECK(run_cli({"learner", "add", "--db", db}).exit_code == 2);
}

TEST_CASE("the default database follows XDG_DATA_HOME") {
    rehearse::test::temp_dir dir;
    const auto r = run_cli({"learner", "add", "ada"}, "", {{"XDG_DATA_HOME", dir.path().string()}});
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::exists(dir.path() / "rehearse" / "rehearse.db"));
}

TEST_CASE("--plugins and REHEARSE_PLUGIN_PATH add plugin folders; broken plugins are reported, not fatal") {
    const auto with_fixtures = run_cli({"plugins", "--json", "--plugins", REHEARSE_FIXTURE_PLUGIN_DIR});
    const json plugins = parse_out(with_fixtures);
    std::set<std::string> ids;
    for (const auto& p : plugins) ids.insert(p["id"].get<std::string>());
    CHECK(ids.count("startup"));
    CHECK(ids.count("fixture-duplicate"));
    CHECK(with_fixtures.err.find("fixture-not-elf.so") != std::string::npos);
    CHECK(with_fixtures.err.find("fixture-wrong-major.so") != std::string::npos);

    const auto via_env =
        run_cli({"plugins", "--json"}, "",
                {{"REHEARSE_PLUGIN_PATH", std::string("/nonexistent:") + REHEARSE_FIXTURE_PLUGIN_DIR}});
    std::set<std::string> env_ids;
    for (const auto& p : parse_out(via_env)) env_ids.insert(p["id"].get<std::string>());
    CHECK(env_ids == ids);
}

TEST_CASE("plugins check validates one file") {
    const auto good = run_cli({"plugins", "check", std::string(REHEARSE_FIXTURE_PLUGIN_DIR) + "/fixture-good.so"});
    CHECK(good.exit_code == 0);
    CHECK(good.out.find("fixture-good 1.2.3") != std::string::npos);
    const auto bad =
        run_cli({"plugins", "check", std::string(REHEARSE_FIXTURE_PLUGIN_DIR) + "/fixture-newer-minor.so"});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("the host is older") != std::string::npos);
    const auto missing = run_cli({"plugins", "check", "/nonexistent.so"});
    CHECK(missing.exit_code == 1);
}

TEST_CASE("packs lint passes on the bundled content and reports violations with paths") {
    std::vector<std::string> args{"packs", "lint"};
    for (const char* dir : {"plugins/startup-pack/content", "plugins/classics-pack/content",
                            "plugins/concepts-pack/content", "plugins/ladder-pack/content", "curricula"})
        for (const auto& entry :
             std::filesystem::directory_iterator(std::filesystem::path(REHEARSE_PROJECT_SOURCE_DIR) / dir))
            if (entry.path().extension() == ".json") args.push_back(entry.path().string());
    const auto ok = run_cli(args);
    INFO(ok.err);
    CHECK(ok.exit_code == 0);

    const auto bad =
        run_cli({"packs", "lint", std::string(REHEARSE_TEST_SOURCE_DIR) + "/plugins/content/invalid.json"});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("problems[0].difficulty: expected easy|medium|hard") != std::string::npos);
}
