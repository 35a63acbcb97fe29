// The SQLite store on real files: migrations, reopening, refusing newer schemas, rollbacks.
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/storage/store.hpp"

#include "support/temp_dir.hpp"
#include "support/times.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <thread>

using namespace rehearse;
using rehearse::test::t0;

namespace {
long long count(store& s, const std::string& table) {
    long long n = 0;
    s.with_db([&](SQLite::Database& db) { n = db.execAndGet("SELECT count(*) FROM " + table).getInt64(); });
    return n;
}
}  // namespace

TEST_CASE("a new database is created with its folder and migrated to the latest version") {
    test::temp_dir dir;
    const std::string path = dir.file("nested/deeper/rehearse.db");
    store s(path);
    CHECK(std::filesystem::exists(path));
    CHECK(s.version() == store::latest_version());
    s.with_db([](SQLite::Database& db) {
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
        for (const char* table : {"learners", "attempts", "attempt_scores", "attempt_findings", "mastery",
                                  "mastery_history", "cards", "review_log", "plan_enrolments", "interview_sessions",
                                  "session_turns", "content_items", "lesson_progress"})
            CHECK_MESSAGE(db.tableExists(table), table);
    });
}

TEST_CASE("reopening keeps data and does not re-run migrations") {
    test::temp_dir dir;
    const std::string path = dir.file("r.db");
    {
        store s(path);
        add_learner(s, "ada", t0);
    }
    store s(path);
    CHECK(s.version() == store::latest_version());
    REQUIRE(find_learner(s, "ada").has_value());
    CHECK(find_learner(s, "ada")->created_at == "2026-01-05T09:00:00.000Z");
}

TEST_CASE("a database from a newer release is refused and left untouched") {
    test::temp_dir dir;
    const std::string path = dir.file("newer.db");
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE future_table (x INTEGER)");
        db.exec("PRAGMA user_version = " + std::to_string(store::latest_version() + 5));
    }
    const auto before = std::filesystem::file_size(path);
    try {
        store s(path);
        FAIL("expected the newer database to be refused");
    } catch (const error& e) {
        CHECK(e.code() == errc::store);
        CHECK(std::string(e.what()).find("upgrade rehearse") != std::string::npos);
    }
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == store::latest_version() + 5);
    CHECK(!db.tableExists("learners"));
    CHECK(std::filesystem::file_size(path) == before);
}

TEST_CASE("a transaction that fails leaves nothing behind") {
    test::temp_dir dir;
    store s(dir.file("tx.db"));
    CHECK_THROWS_AS(s.transaction([](SQLite::Database& db) {
        db.exec("INSERT INTO learners(name, created_at) VALUES ('grace', '2026-01-01T00:00:00.000Z')");
        throw error(errc::internal, "failure half-way");
    }),
                    error);
    CHECK(count(s, "learners") == 0);
    // A constraint violation in the second statement rolls back the first one too.
    CHECK_THROWS_AS(s.transaction([](SQLite::Database& db) {
        db.exec("INSERT INTO learners(name, created_at) VALUES ('grace', '2026-01-01T00:00:00.000Z')");
        db.exec("INSERT INTO attempts(learner_id, problem_id, source, created_at) VALUES (999, 'x', 'coach', 'now')");
    }),
                    error);
    CHECK(count(s, "learners") == 0);
}

TEST_CASE("learners: add is idempotent, names are validated, unknown names are not found") {
    test::temp_dir dir;
    store s(dir.file("l.db"));
    const auto a = add_learner(s, "ada", t0);
    const auto again = add_learner(s, "ada", t0 + std::chrono::hours(5));
    CHECK(a.id == again.id);
    CHECK(again.created_at == a.created_at);
    add_learner(s, "bob", t0);
    const auto all = list_learners(s);
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "ada");
    CHECK(all[1].name == "bob");
    CHECK_THROWS_AS(add_learner(s, "", t0), error);
    CHECK_THROWS_AS(add_learner(s, "bad\nname", t0), error);
    CHECK_THROWS_AS(add_learner(s, std::string(65, 'x'), t0), error);
    try {
        require_learner(s, "carol");
        FAIL("expected not_found");
    } catch (const error& e) {
        CHECK(e.code() == errc::not_found);
    }
}

TEST_CASE("two connections writing at once both succeed") {
    test::temp_dir dir;
    const std::string path = dir.file("concurrent.db");
    store a(path);
    store b(path);
    std::thread t1([&] {
        for (int i = 0; i < 50; ++i) add_learner(a, "a" + std::to_string(i), t0);
    });
    std::thread t2([&] {
        for (int i = 0; i < 50; ++i) add_learner(b, "b" + std::to_string(i), t0);
    });
    t1.join();
    t2.join();
    CHECK(count(a, "learners") == 100);
}
