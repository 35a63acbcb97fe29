// `rehearse backup` and `rehearse restore` end to end: the real executable, the real server being
// written to over HTTP while the copy is taken, real SQLite files opened afterwards.
#include "support/cli_json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include "rehearse/core/storage/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;

namespace {

const std::string backup_test_now = "2026-01-05T09:00:00Z";

json backup_test_progress(const std::string& db) {
    return ok_json(run_cli({"progress", "--json", "--db", db, "--learner", "grace", "--now", backup_test_now}));
}

std::string backup_test_integrity(const std::string& path) {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    return db.execAndGet("PRAGMA integrity_check").getString();
}

std::size_t backup_test_files_in(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a backup taken while the server writes holds every acknowledged attempt, and restores") {
    namespace http = rehearse::test::http;
    rehearse::test::server_process server;
    REQUIRE(http::post(server.port(), "/api/v1/learners", json{{"name", "grace"}}).status == 201);

    // A writer posting attempts for the whole test; each id is recorded once the server answered 201.
    std::mutex acknowledged_mutex;
    std::vector<long long> acknowledged;
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::thread writer([&] {
        for (int i = 0; !stop; ++i) {
            try {
                const double score = 0.05 + 0.9 * ((i * 37) % 100) / 100.0;
                const auto r = http::post(server.port(), "/api/v1/learners/grace/attempts",
                                          json{{"problem", "url-shortener"}, {"scores", {{"api", score}}}});
                if (r.status != 201) {
                    ++failures;
                    continue;
                }
                const long long id = r.doc()["attempt_id"].get<long long>();
                const std::lock_guard lock(acknowledged_mutex);
                acknowledged.push_back(id);
            } catch (...) {
                ++failures;
            }
        }
    });
    auto acknowledged_count = [&] {
        const std::lock_guard lock(acknowledged_mutex);
        return acknowledged.size();
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acknowledged_count() < 30 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));

    rehearse::test::temp_dir dir;
    const std::string copy = dir.file("copy.db");
    std::vector<long long> before_backup;
    {
        const std::lock_guard lock(acknowledged_mutex);
        before_backup = acknowledged;
    }
    const auto backup = run_cli({"backup", copy, "--db", server.db(), "--json"});
    const std::size_t after_backup = acknowledged_count();
    // Let the writer carry on a little past the backup: the server kept serving through it.
    while (acknowledged_count() < after_backup + 10 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stop = true;
    writer.join();

    const json b = ok_json(backup);
    CHECK(failures == 0);
    REQUIRE(before_backup.size() >= 30);
    CHECK(acknowledged_count() >= after_backup + 10);
    CHECK(b["path"] == std::filesystem::absolute(copy).string());
    CHECK(b["bytes"].get<long long>() == static_cast<long long>(std::filesystem::file_size(copy)));
    CHECK(b["schema_version"] == rehearse::store::latest_version());
    CHECK(backup_test_files_in(dir.path()) == 1);  // no -wal, no leftover temporary file

    CHECK(backup_test_integrity(copy) == "ok");
    std::set<long long> in_copy;
    {
        SQLite::Database db(copy, SQLite::OPEN_READONLY);
        SQLite::Statement q(db, "SELECT id FROM attempts");
        while (q.executeStep()) in_copy.insert(q.getColumn(0).getInt64());
    }
    for (const long long id : before_backup) {
        INFO("attempt " << id << " was acknowledged before the backup began");
        CHECK(in_copy.count(id) == 1);
    }

    // Restored into a fresh path, the copy answers exactly as the copy itself does.
    const std::string restored = dir.file("fresh/restored.db");
    const json r = ok_json(run_cli({"restore", copy, "--db", restored, "--json"}));
    CHECK(r["path"] == std::filesystem::absolute(restored).string());
    CHECK(r["schema_version"] == rehearse::store::latest_version());
    const json progress = backup_test_progress(restored);
    CHECK(progress["learner"] == "grace");
    CHECK(progress == backup_test_progress(copy));

    // A restore onto the database the server has open is refused; the server carries on.
    const auto onto_live = run_cli({"restore", copy, "--db", server.db()});
    CHECK(onto_live.exit_code == 1);
    CHECK(onto_live.err.find("is open in another process") != std::string::npos);
    CHECK(http::get(server.port(), "/api/v1/learners/grace/progress").status == 200);
}

TEST_CASE("backup refuses to replace a file without --force, and restore refuses what it cannot use") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--db", db, "--learner", "grace", "--now", backup_test_now});
        return run_cli(args);
    };
    REQUIRE(cli({"learner", "add", "grace"}).exit_code == 0);
    REQUIRE(cli({"attempt", "--problem", "url-shortener", "--scores", "api=0.7"}).exit_code == 0);

    SUBCASE("an existing file is kept unless --force") {
        const std::string path = dir.file("existing.db");
        std::ofstream(path) << "keep me";
        const auto refused = cli({"backup", path});
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("already exists; pass --force") != std::string::npos);
        CHECK(rehearse::test::slurp(path) == "keep me");
        const json forced = ok_json(cli({"backup", path, "--force", "--json"}));
        CHECK(forced["bytes"].get<long long>() > 7);
        CHECK(backup_test_integrity(path) == "ok");
    }

    SUBCASE("usage and missing files") {
        CHECK(cli({"backup"}).exit_code == 2);
        CHECK(cli({"restore"}).exit_code == 2);
        CHECK(cli({"backup", db}).exit_code == 2);  // the database itself
        CHECK(cli({"restore", dir.file("missing.db")}).exit_code == 1);
        const std::string junk = dir.file("junk.db");
        std::ofstream(junk) << std::string(4096, 'x');
        const auto not_db = cli({"restore", junk});
        CHECK(not_db.exit_code == 1);
        CHECK(not_db.err.find("not a SQLite database") != std::string::npos);
        CHECK(run_cli({"backup", dir.file("b.db"), "--db", dir.file("nothing.db")}).exit_code == 1);
        CHECK(!std::filesystem::exists(dir.file("nothing.db")));
    }

    SUBCASE("a backup from a newer schema is refused and the target left as it was") {
        const std::string newer = dir.file("newer.db");
        REQUIRE(cli({"backup", newer}).exit_code == 0);
        const int future = rehearse::store::latest_version() + 1;
        {
            SQLite::Database copy(newer, SQLite::OPEN_READWRITE);
            copy.exec("PRAGMA user_version = " + std::to_string(future));
        }
        const json before = backup_test_progress(db);
        const std::string bytes_before = rehearse::test::slurp(db);
        const auto refused = cli({"restore", newer});
        CHECK(refused.exit_code == 1);
        INFO(refused.err);
        CHECK(refused.err.find("schema version " + std::to_string(future)) != std::string::npos);
        CHECK(refused.err.find("understands up to " + std::to_string(future - 1)) != std::string::npos);
        CHECK(rehearse::test::slurp(db) == bytes_before);
        CHECK(backup_test_progress(db) == before);
    }

    SUBCASE("a SQLite file that is not a Rehearse database is refused") {
        const std::string other = dir.file("other.db");
        {
            SQLite::Database copy(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            copy.exec("CREATE TABLE notes (body TEXT)");
        }
        const auto refused = cli({"restore", other});
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("not a Rehearse one") != std::string::npos);
    }
}
