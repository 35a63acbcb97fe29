// Real properties of the bundled content, loaded the way the executable loads it.
#include "rehearse/core/content/catalog.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace rehearse;

namespace {

app_context& bundled() {
    static app_context ctx = [] {
        context_options o;
        o.load_bundled = true;  // build/bin/../lib/rehearse/plugins, as for build/bin/rehearse
        return app_context(o);
    }();
    return ctx;
}

}  // namespace

TEST_CASE("the bundled packs load without a single diagnostic") {
    for (const auto& d : bundled().diagnostics()) FAIL_CHECK(d.path << ": " << d.reason);
    std::set<std::string> packs;
    for (const problem* p : bundled().content().problems()) packs.insert(p->pack);
    CHECK(packs.size() >= 2);  // the multi-plugin path is exercised for real
}

TEST_CASE("every problem the curriculum names is bundled with structured content") {
    const auto& content = bundled().content();
    for (const char* id : {"url-shortener",
                           "url-shortener-startup",
                           "immigration-document-review",
                           "document-management",
                           "case-tracking",
                           "petition-workflow",
                           "case-status-monitor",
                           "news-feed",
                           "chat-system",
                           "ride-sharing",
                           "chat-app",
                           "video-streaming",
                           "facebook-feed",
                           "rate-limiter",
                           "news-feed-fanout",
                           "chat-typing-receipts",
                           "instagram",
                           "dropbox",
                           "youtube",
                           "whatsapp",
                           "pastebin",
                           "clinic-booking",
                           "leaderboard",
                           "app-notifications",
                           "feature-flags",
                           "webhook-delivery",
                           "usage-metering",
                           "expense-reports"}) {
        const problem* p = content.find_problem(id);
        REQUIRE_MESSAGE(p != nullptr, id);
        const auto& d = p->doc;
        std::set<std::string> intents;
        for (const auto& c : d["clarifications"]) intents.insert(c["intent"].get<std::string>());
        CHECK_MESSAGE(intents.count("scale"), id);
        CHECK_MESSAGE(intents.count("functional"), id);
        CHECK_MESSAGE(d["probes"].size() >= 2, id);
        CHECK_MESSAGE(d["pitfalls"].size() >= 2, id);
        CHECK_MESSAGE(d["deep_dives"].size() >= 1, id);
        CHECK_MESSAGE(d["hints"].size() >= 2, id);
        CHECK_MESSAGE(d["components"].size() >= 3, id);
    }
}

TEST_CASE("the seeds' numbers are carried into reference estimates") {
    const auto& content = bundled().content();
    auto estimate = [&](const std::string& problem, const std::string& alias) -> double {
        for (const auto& e : content.find_problem(problem)->doc["estimates"])
            for (const auto& a : e["aliases"])
                if (a == alias) return e["value"].get<double>();
        FAIL("no estimate for " << alias << " in " << problem);
        return 0;
    };
    // Seed 003: 100M new URLs a month, 10B redirects a month.
    CHECK(estimate("url-shortener", "write qps") == doctest::Approx(100e6 / (30 * 86400.0)).epsilon(0.1));
    CHECK(estimate("url-shortener", "read qps") == doctest::Approx(10e9 / (30 * 86400.0)).epsilon(0.1));
    // Seed 001: 5 billion chat messages a day, about 58,000 a second.
    CHECK(estimate("chat-app", "messages per second") == doctest::Approx(5e9 / 86400).epsilon(0.05));
    for (const char* id : {"url-shortener", "url-shortener-startup", "immigration-document-review", "chat-app",
                           "news-feed", "ride-sharing", "video-streaming"})
        CHECK_MESSAGE(!content.find_problem(id)->doc["estimates"].empty(), id);
}

TEST_CASE("the difficulty ladder: every dimension has an easy problem weighting it >= 0.15 and a medium one >= 0.2") {
    // Issue 13: something right-sized to practise for every weakness.
    std::map<std::string, double> best_easy, best_medium;
    std::size_t problems = 0;
    for (const problem* p : bundled().content().problems()) {
        ++problems;
        const auto& d = p->doc;
        const auto difficulty = d["difficulty"].get<std::string>();
        for (const auto& [dim, w] : d["dimensions"].items()) {
            auto& best = difficulty == "easy" ? best_easy[dim] : best_medium[dim];
            if (difficulty != "hard") best = std::max(best, w.get<double>());
        }
    }
    CHECK(problems >= 28);  // 20 before the ladder, 8 ladder problems
    for (const char* dim :
         {"requirements", "estimation", "architecture", "data-model", "api", "scaling", "reliability", "communication"}) {
        CHECK_MESSAGE(best_easy[dim] >= 0.15 - 1e-9, dim);
        CHECK_MESSAGE(best_medium[dim] >= 0.2 - 1e-9, dim);
    }
    for (const char* id : {"pastebin", "clinic-booking", "leaderboard", "app-notifications", "feature-flags",
                           "webhook-delivery", "usage-metering", "expense-reports"}) {
        const problem* p = bundled().content().find_problem(id);
        REQUIRE_MESSAGE(p != nullptr, id);
        CHECK_MESSAGE(p->pack == "ladder", id);
        CHECK_MESSAGE(p->doc["difficulty"] != "hard", id);
        CHECK_MESSAGE(p->doc["clarifications"].size() >= 8, id);
        CHECK_MESSAGE(!p->doc["estimates"].empty(), id);
        CHECK_MESSAGE(p->doc["levels"]["by_level"].size() == 4, id);
    }
}

TEST_CASE("problem flags drive the evaluators and must match the seeds") {
    const auto& flags = [&](const char* id) -> const nlohmann::json& {
        return bundled().content().find_problem(id)->doc["flags"];
    };
    CHECK(flags("immigration-document-review")["multi_tenant"] == true);
    CHECK(flags("immigration-document-review")["stores_files"] == true);
    CHECK(flags("immigration-document-review")["requires_audit"] == true);
    CHECK(!flags("immigration-document-review")["slow_operations"].empty());
    CHECK(flags("url-shortener")["read_heavy"] == true);
    CHECK(flags("url-shortener-startup")["multi_tenant"] == false);
    CHECK(flags("url-shortener-startup")["stores_files"] == false);
    CHECK(flags("expense-reports")["multi_tenant"] == true);
    CHECK(flags("expense-reports")["stores_files"] == true);
    CHECK(flags("expense-reports")["requires_audit"] == true);
    CHECK(flags("webhook-delivery")["needs_idempotency"] == true);
    CHECK(flags("feature-flags")["requires_audit"] == true);
    CHECK(flags("pastebin")["read_heavy"] == true);
}

TEST_CASE("lessons cover the seeds' concepts, each with a check question and 3-8 cards") {
    const auto lessons = bundled().content().lessons();
    CHECK(lessons.size() >= 30);
    for (const lesson* l : lessons) {
        CHECK_MESSAGE(l->doc["check"]["key_points"].size() >= 2, l->id);
        CHECK_MESSAGE(l->card_ids.size() >= 3, l->id);
        CHECK_MESSAGE(l->card_ids.size() <= 8, l->id);
        for (const auto& pre : l->prerequisites) CHECK_MESSAGE(bundled().content().find_lesson(pre) != nullptr, pre);
    }
    for (const char* id : {"back-of-envelope-estimation", "cache-aside", "message-queues", "idempotency-keys",
                           "sharding-consistent-hashing", "rate-limiting", "observability", "schema-evolution"})
        CHECK_MESSAGE(bundled().content().find_lesson(id) != nullptr, id);
}

TEST_CASE("prerequisites form no cycle") {
    const auto& content = bundled().content();
    std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
    std::function<bool(const std::string&)> acyclic = [&](const std::string& id) {
        if (state[id] == 1) return false;
        if (state[id] == 2) return true;
        state[id] = 1;
        for (const auto& pre : content.find_lesson(id)->prerequisites)
            if (!acyclic(pre)) return false;
        state[id] = 2;
        return true;
    };
    for (const lesson* l : content.lessons()) CHECK_MESSAGE(acyclic(l->id), l->id);
}

TEST_CASE("both curricula load, with the seeds' rubrics and resolvable references") {
    const auto& content = bundled().content();
    CHECK(content.unresolved_references().empty());
    const curriculum* startup = content.find_curriculum("startup-four-week");
    REQUIRE(startup != nullptr);
    const auto& rubric = startup->doc["rubric"];
    CHECK(rubric["requirements"] == doctest::Approx(0.20));
    CHECK(rubric["architecture"] == doctest::Approx(0.20));
    CHECK(rubric["data-model"] == doctest::Approx(0.25));
    CHECK(rubric["api"] == doctest::Approx(0.20));
    CHECK(rubric["scaling"] == doctest::Approx(0.15));
    const curriculum* classic = content.find_curriculum("three-week-classic");
    REQUIRE(classic != nullptr);
    CHECK(classic->doc["weeks"].size() == 3);
}
