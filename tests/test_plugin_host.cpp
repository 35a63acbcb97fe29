// The plugin host against real .so files: a healthy plugin and one fixture per failure mode.
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/plugins/plugin_host.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace rehearse;

namespace {

std::string fixture(const std::string& name) {
    return (std::filesystem::path(REHEARSE_FIXTURE_PLUGIN_DIR) / ("fixture-" + name + ".so")).string();
}

/// Loads one fixture and returns the error text it was refused with ("" when it loaded).
std::string refusal(const std::string& name) {
    content_registry registry;
    plugin_host host(registry);
    try {
        host.load(fixture(name));
    } catch (const error& e) {
        CHECK(e.code() == errc::plugin);
        CHECK(host.plugins().empty());
        CHECK(registry.problems().empty());
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a healthy plugin registers its content, evaluator and dialogue") {
    content_registry registry;
    plugin_host host(registry);
    const auto& p = host.load(fixture("good"));
    CHECK(p.manifest().id == "fixture-good");
    CHECK(p.manifest().version == "1.2.3");
    CHECK(p.manifest().kinds.size() == 4);
    CHECK(p.api_major() == 1);
    REQUIRE(registry.find_problem("fixture-counter") != nullptr);
    CHECK(registry.find_problem("fixture-good/fixture-counter") == registry.find_problem("fixture-counter"));
    CHECK(registry.find_problem("other-pack/fixture-counter") == nullptr);
    CHECK(registry.find_problem("fixture-counter")->rating == doctest::Approx(-1.0));  // easy by default
    REQUIRE(registry.find_lesson("fixture-atomic-increments") != nullptr);
    CHECK(registry.find_lesson("fixture-atomic-increments")->card_ids.front() ==
          "fixture-good/fixture-atomic-increments/c1");

    const auto* evaluator = registry.find_evaluator("fixture-length");
    REQUIRE(evaluator != nullptr);
    CHECK(evaluator->dimensions == std::vector<std::string>{"communication"});
    const std::string big(200, 'x');
    CHECK(evaluator->plugin->evaluate("fixture-length", "{\"a\":\"" + big + "\"}") ==
          R"({"score":1.000000,"findings":[]})");
    CHECK(evaluator->plugin->evaluate("fixture-length", "{}") == R"({"score":0.500000,"findings":[]})");

    const auto* dialogue = registry.find_dialogue("fixture-echo");
    REQUIRE(dialogue != nullptr);
    CHECK(contains(dialogue->plugin->dialogue_turn("fixture-echo", "12345"), "you said 5 bytes"));
}

TEST_CASE("an exception inside a plugin call becomes an error attributed to that plugin") {
    content_registry registry;
    plugin_host host(registry);
    host.load(fixture("good"));
    const auto* evaluator = registry.find_evaluator("fixture-length");
    REQUIRE(evaluator != nullptr);
    try {
        evaluator->plugin->evaluate("fixture-length", R"({"explode":true})");
        FAIL("expected an error");
    } catch (const error& e) {
        CHECK(e.code() == errc::plugin);
        CHECK(contains(e.what(), "fixture-good"));
        CHECK(contains(e.what(), "evaluator exploded"));
    }
    CHECK_THROWS_AS(evaluator->plugin->evaluate("nope", "{}"), error);
    // The plugin keeps working after a failed call.
    CHECK(contains(evaluator->plugin->evaluate("fixture-length", "{}"), "0.5"));
}

TEST_CASE("a plugin's log messages reach the host's sink with its id, from init and from evaluate") {
    std::mutex mutex;
    std::vector<std::string> lines;
    content_registry registry;
    plugin_host host(registry, [&](const std::string& plugin, int32_t level, std::string_view message) {
        const std::lock_guard<std::mutex> lock(mutex);
        lines.push_back(plugin + " " + std::to_string(level) + " " + std::string(message));
    });
    host.load(fixture("good"));
    CHECK(lines == std::vector<std::string>{"fixture-good 1 ready"});
    registry.find_evaluator("fixture-length")->plugin->evaluate("fixture-length", R"({"log":true})");
    CHECK(lines == std::vector<std::string>{"fixture-good 1 ready", "fixture-good 0 a debug line",
                                            "fixture-good 1 an info line", "fixture-good 2 a warning line",
                                            "fixture-good 3 an error line"});
}

TEST_CASE("the host never calls into one plugin concurrently, though callers run on several threads") {
    content_registry registry;
    plugin_host host(registry);
    host.load(fixture("good"));
    const auto* evaluator = registry.find_evaluator("fixture-length");
    REQUIRE(evaluator != nullptr);
    std::mutex mutex;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                try {
                    evaluator->plugin->evaluate("fixture-length", R"({"overlap":true})");
                } catch (const std::exception& e) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    failures.push_back(e.what());
                }
            }
        });
    for (auto& t : threads) t.join();
    CHECK(failures.empty());
}

TEST_CASE("the host owns its plugins: shutdown destroys each instance in reverse load order") {
    std::vector<std::string> lines;
    content_registry registry;
    plugin_host host(registry, [&](const std::string& plugin, int32_t, std::string_view message) {
        lines.push_back(plugin + " " + std::string(message));
    });
    const std::string lifecycle = std::string(REHEARSE_FIXTURE_PLUGIN_DIR) + "-lifecycle/fixture-lifecycle-";
    host.load(lifecycle + "a.so");
    host.load(fixture("good"));
    host.load(lifecycle + "b.so");
    const auto* evaluator = registry.find_evaluator("fixture-length");
    REQUIRE(evaluator != nullptr);
    host.shutdown();
    CHECK(lines == std::vector<std::string>{"fixture-lifecycle-a created", "fixture-good ready",
                                            "fixture-lifecycle-b created", "fixture-lifecycle-b destroyed",
                                            "fixture-lifecycle-a destroyed"});
    // The registry's pointer stays valid while the host lives: a call is an error, not a crash.
    CHECK(evaluator->plugin->manifest().id == "fixture-good");
    CHECK_THROWS_WITH_AS(evaluator->plugin->evaluate("fixture-length", "{}"), doctest::Contains("has been shut down"),
                         error);
    CHECK(host.plugins().size() == 3);
    host.shutdown();  // once is enough
    CHECK(lines.size() == 5);
}

TEST_CASE("each broken plugin is refused with a reason that says what is wrong") {
    CHECK(contains(refusal("wrong-major"), "does not match host API"));
    CHECK(contains(refusal("wrong-major"), "the host is older"));
    CHECK(contains(refusal("newer-minor"), "needs API 1.1"));
    CHECK(contains(refusal("newer-minor"), "the host is older"));
    CHECK(contains(refusal("short-struct"), "plugin table is 8 bytes"));
    CHECK(contains(refusal("missing-create"), "no create hook"));
    CHECK(contains(refusal("missing-evaluate"), "no evaluate hook"));
    CHECK(contains(refusal("bad-manifest"), "invalid manifest"));
    CHECK(contains(refusal("bad-manifest"), "version: \"one\" is not a semantic version"));
    CHECK(contains(refusal("bad-manifest"), "kinds[0]"));
    CHECK(contains(refusal("throwing-init"), "fixture init failure"));
    CHECK(contains(refusal("undeclared-kind"), "does not declare kind \"evaluator\""));
    CHECK(contains(refusal("no-entry"), "no entry point rehearse_plugin_entry_v1"));
    CHECK(contains(refusal("unresolved"), "rehearse_fixture_function_that_does_not_exist"));
    CHECK(contains(refusal("not-elf"), "cannot load"));
}

TEST_CASE("invalid content is refused with every violation and its JSON path") {
    const std::string why = refusal("invalid-content");
    CHECK(contains(why, "problems[0].difficulty: expected easy|medium|hard, got \"impossible\""));
    CHECK(contains(why, "problems[0].dimensions.vibes: unknown dimension"));
    CHECK(contains(why, "problems[0].statement: missing required key"));
    CHECK(contains(why, "problems[0].colour: unknown key"));
}

TEST_CASE("a duplicate id across plugins is refused and the first plugin keeps its items") {
    content_registry registry;
    plugin_host host(registry);
    host.load(fixture("good"));
    try {
        host.load(fixture("duplicate"));
        FAIL("expected a duplicate-id error");
    } catch (const error& e) {
        CHECK(contains(e.what(), "problem \"fixture-counter\" is already provided by pack \"fixture-good\""));
        CHECK(contains(e.what(), "lesson \"fixture-atomic-increments\""));
    }
    CHECK(host.plugins().size() == 1);
    CHECK(registry.find_problem("fixture-counter")->pack == "fixture-good");
    CHECK_THROWS_WITH_AS(host.load(fixture("good")), doctest::Contains("already loaded"), error);
}

TEST_CASE("loading a folder loads the healthy plugins and reports each broken one") {
    content_registry registry;
    plugin_host host(registry);
    host.load_directory(REHEARSE_FIXTURE_PLUGIN_DIR, true);
    // The good one loads (sorted order puts "duplicate" before "good", so "duplicate" is the one
    // that wins the shared ids and "good" is refused as the duplicate: order is deterministic).
    std::vector<std::string> loaded;
    for (const auto& p : host.plugins()) loaded.push_back(p->manifest().id);
    CHECK(loaded == std::vector<std::string>{"fixture-duplicate"});
    CHECK(host.diagnostics().size() == 13);
    for (const auto& d : host.diagnostics()) {
        CHECK(!d.path.empty());
        CHECK(!d.reason.empty());
    }
}

TEST_CASE("a missing plugin folder is a diagnostic only when it was asked for") {
    content_registry registry;
    plugin_host host(registry);
    host.load_directory("/nonexistent/rehearse/plugins");
    CHECK(host.diagnostics().empty());
    host.load_directory("/nonexistent/rehearse/plugins", true);
    CHECK(host.diagnostics().size() == 1);
}
