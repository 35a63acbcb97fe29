// A pack update keeps every learner's history: two real releases of one plugin, one database.
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/catalog.hpp"
#include "rehearse/core/content/content_sync.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include "support/temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>

using namespace rehearse;

namespace {

std::unique_ptr<app_context> open_release(const std::string& version, const std::string& db, sys_ms now) {
    context_options o;
    o.load_bundled = false;
    o.plugin_dirs = {std::string(REHEARSE_FIXTURE_VERSIONS_DIR) + "/" + version};
    o.db_path = db;
    o.now = now;
    auto ctx = std::make_unique<app_context>(o);
    REQUIRE(ctx->diagnostics().empty());
    return ctx;
}

long long attempts_for(store& s, const std::string& problem) {
    long long n = 0;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db, "SELECT count(*) FROM attempts WHERE problem_id = ?");
        q.bind(1, problem);
        q.executeStep();
        n = q.getColumn(0).getInt64();
    });
    return n;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

/// A coach's scores on a problem of this release, looked up the way the fronts do.
attempt_result coach(app_context& release, const learner& who, const std::string& problem,
                     std::map<std::string, double> scores) {
    return record_attempt(release, who, release.content().require_problem(problem), attempt_input(std::move(scores)));
}

}  // namespace

TEST_CASE("updating a pack keeps history, adds new items and retires removed ones") {
    test::temp_dir dir;
    const std::string db = dir.file("history.db");
    const sys_ms t0 = parse_iso8601("2026-03-01T10:00:00Z");
    {
        auto v1 = open_release("v1", db, t0);
        const learner ada = add_learner(v1->db(), "ada", t0);
        coach(*v1, ada, "versioned-kept", {{"data-model", 0.4}, {"api", 0.6}});
        coach(*v1, ada, "versioned-removed", {{"data-model", 0.8}});
        CHECK(retired_items(v1->db()).empty());
    }
    {
        auto v2 = open_release("v2", db, t0 + std::chrono::hours(24));
        store& s = v2->db();
        const auto retired = retired_items(s);
        CHECK(has(retired, "fixture-versioned/versioned-removed"));
        CHECK(has(retired, "fixture-versioned/versioned-lesson/c4"));
        CHECK(!has(retired, "fixture-versioned/versioned-kept"));
        CHECK(!has(retired, "fixture-versioned/versioned-lesson/c1"));

        // The edited problem keeps its id and its history; the new one appears; the removed one is
        // not offered any more but its attempt is still on record.
        const auto problems = problems_json(v2->content(), {});
        std::vector<std::string> ids;
        for (const auto& p : problems) ids.push_back(p["id"].get<std::string>());
        CHECK(ids == std::vector<std::string>{"versioned-added", "versioned-kept"});
        CHECK(problems[1]["title"] == "Kept problem, edited title");
        CHECK(attempts_for(s, "versioned-kept") == 1);
        CHECK(attempts_for(s, "versioned-removed") == 1);
        const learner ada = require_learner(s, "ada");
        CHECK_NOTHROW(coach(*v2, ada, "versioned-kept", {{"data-model", 0.7}}));
        CHECK(attempts_for(s, "versioned-kept") == 2);
        CHECK_THROWS_AS(coach(*v2, ada, "versioned-removed", {{"data-model", 0.7}}), error);
    }
    {
        // Rolling back to v1 brings the removed items back and retires the one v2 added.
        auto again = open_release("v1", db, t0 + std::chrono::hours(48));
        CHECK(retired_items(again->db()) == std::vector<std::string>{"fixture-versioned/versioned-added"});
    }
}
