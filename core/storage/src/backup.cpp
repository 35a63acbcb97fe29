#include "rehearse/core/storage/backup.hpp"

#include "rehearse/core/base/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;

namespace rehearse {

namespace {

/// Pages copied per backup step (256 KiB at SQLite's default 4 KiB page): each step is short, and a
/// database of 100 MB is a few hundred steps.
constexpr int backup_pages_per_step = 64;

/// Copies `source` into `dest` with the online backup API, in steps. Both are whole-database copies
/// ("main" onto "main"); a step that finds a lock it cannot take yet is retried after a pause,
/// within the same bound as the store's busy timeout.
void backup_copy_pages(sqlite3* dest, sqlite3* source, const std::string& what) {
    sqlite3_backup* copy = sqlite3_backup_init(dest, "main", source, "main");
    if (!copy) throw error(errc::store, what + ": " + sqlite3_errmsg(dest));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_backup_step(copy, backup_pages_per_step);
        if (rc == SQLITE_DONE) break;
        if (rc == SQLITE_OK) continue;
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        break;
    }
    sqlite3_backup_finish(copy);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        throw error(errc::unavailable, what + ": the database stayed locked; try again shortly");
    if (rc != SQLITE_DONE) throw error(errc::store, what + ": " + sqlite3_errstr(rc));
}

/// A temporary name beside `path` (same folder, so the final rename is atomic), made unique by
/// mkstemp; the file exists, empty, which SQLite opens as an empty database.
std::string backup_temp_beside(const fs::path& path) {
    std::string pattern = (path.parent_path() / ("." + path.filename().string() + ".partial-XXXXXX")).string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw error(errc::io, path.string() + ": cannot create a file in its folder");
    close(fd);
    return pattern;
}

void backup_remove_quietly(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
    for (const char* suffix : {"-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
}

/// Whether `a` and `b` name the same existing file.
bool backup_same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

database_copy backup_database(store& db, const std::string& path, bool overwrite) {
    const fs::path target = fs::absolute(path);
    std::error_code ec;
    if (fs::is_directory(target, ec)) throw error(errc::usage, path + ": is a folder; give the backup's file name");
    if (backup_same_file(target.string(), db.path()))
        throw error(errc::usage, path + ": is the database itself; back it up to another file");
    if (fs::exists(target, ec) && !overwrite)
        throw error(errc::conflict, path + ": already exists; pass --force to replace it");
    if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);

    const std::string temp = backup_temp_beside(target);
    database_copy result;
    try {
        {
            SQLite::Database copy(temp, SQLite::OPEN_READWRITE);
            db.with_db([&](SQLite::Database& source) {
                // One read transaction around every step: the copy is the snapshot taken at its
                // start, and in WAL mode other writers carry on instead of restarting the copy.
                source.exec("BEGIN");
                try {
                    result.schema_version = source.execAndGet("PRAGMA user_version").getInt();
                    backup_copy_pages(copy.getHandle(), source.getHandle(), path);
                    source.exec("COMMIT");
                } catch (...) {
                    try {
                        source.exec("ROLLBACK");
                    } catch (...) {  // the copy's error is the one worth reporting
                    }
                    throw;
                }
            });
            // The copy's first page came from the source, marked as a WAL database when the source
            // is one: reading it opens it so, and switching back makes the file a single one that
            // needs no -wal beside it (written through to disk before the rename).
            const std::string check = copy.execAndGet("PRAGMA quick_check").getString();
            if (check != "ok") throw error(errc::store, path + ": the copy fails its check: " + check);
            const std::string mode = copy.execAndGet("PRAGMA journal_mode = DELETE").getString();
            if (mode != "delete") throw error(errc::store, path + ": the copy stayed in journal mode " + mode);
        }
        fs::rename(temp, target);
    } catch (const error&) {
        backup_remove_quietly(temp);
        throw;
    } catch (const std::exception& e) {
        backup_remove_quietly(temp);
        throw error(errc::io, path + ": " + e.what());
    }
    result.path = target.string();
    result.bytes = fs::file_size(target, ec);
    return result;
}

database_copy restore_database(const std::string& target_path, const std::string& from_path) {
    std::error_code ec;
    if (!fs::exists(from_path, ec)) throw error(errc::io, from_path + ": no such file");
    if (fs::is_directory(from_path, ec)) throw error(errc::io, from_path + ": is a folder, expected a backup file");
    if (backup_same_file(target_path, from_path))
        throw error(errc::usage, from_path + ": is the database itself; restore from another file");

    database_copy result;
    try {
        SQLite::Database source(from_path, SQLite::OPEN_READONLY);
        int version = 0;
        try {
            version = source.execAndGet("PRAGMA user_version").getInt();
            source.execAndGet("SELECT count(*) FROM sqlite_master");
        } catch (const SQLite::Exception&) {
            throw error(errc::invalid_input, from_path + ": is not a SQLite database");
        }
        const bool has_learners =
            source.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'learners'")
                .getInt() == 1;
        if (version < 1 || !has_learners)
            throw error(errc::invalid_input, from_path + ": is a SQLite database but not a Rehearse one");
        if (version > store::latest_version())
            throw error(errc::store, from_path + ": the backup has schema version " + std::to_string(version) +
                                         " but this rehearse understands up to " +
                                         std::to_string(store::latest_version()) +
                                         "; upgrade rehearse to restore it (" + target_path + " was left untouched)");
        const std::string check = source.execAndGet("PRAGMA quick_check").getString();
        if (check != "ok")
            throw error(errc::invalid_input, from_path + ": the backup fails its check (" + check + "); " +
                                                 target_path + " was left untouched");
        result.schema_version = version;

        const fs::path target = fs::absolute(target_path);
        if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
        SQLite::Database dest(target.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        // The target's exclusive lock, held until this connection closes: any other process with it
        // open (a server, another command) holds a shared lock, and the restore is refused at once
        // instead of changing a database under someone's feet.
        dest.exec("PRAGMA locking_mode = EXCLUSIVE");
        try {
            dest.exec("BEGIN EXCLUSIVE");
            dest.exec("COMMIT");
        } catch (const SQLite::Exception& e) {
            const int code = e.getErrorCode() & 0xff;
            if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
                throw error(errc::unavailable, target_path +
                                                   ": is open in another process (a running `rehearse serve`?); "
                                                   "stop it and restore again (the database was left untouched)");
            throw;
        }
        backup_copy_pages(dest.getHandle(), source.getHandle(), target_path);
        result.path = target.string();
    } catch (const error&) {
        throw;
    } catch (const std::exception& e) {
        throw error(errc::store, target_path + ": " + e.what());
    }
    result.bytes = fs::file_size(result.path, ec);
    return result;
}

}  // namespace rehearse
