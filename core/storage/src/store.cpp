#include "rehearse/core/storage/store.hpp"

#include "rehearse/core/base/error.hpp"
#include "store_migrations.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <filesystem>

namespace rehearse {

namespace {

int read_user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void run_in_transaction(SQLite::Database& db, const std::function<void(SQLite::Database&)>& fn) {
    db.exec("BEGIN IMMEDIATE");
    try {
        fn(db);
        db.exec("COMMIT");
    } catch (...) {
        try {
            db.exec("ROLLBACK");
        } catch (...) {  // the original error is the one worth reporting
        }
        throw;
    }
}

/// The error for a failed statement. A database still locked by another process after the busy
/// timeout is a passing state, not a fault: callers may retry (HTTP answers 503 with Retry-After).
error store_failure(const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xff;  // the primary result code, without its extended bits
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return error(errc::unavailable, "the database is busy with another writer; try again shortly");
    return error(errc::store, std::string("database: ") + e.what());
}

}  // namespace

int store::latest_version() noexcept { return static_cast<int>(detail::migrations.size()); }

store::store(const std::string& path) : path_(path) {
    try {
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
        db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db_->setBusyTimeout(5000);
        db_->exec("PRAGMA foreign_keys = ON");
        const int found = read_user_version(*db_);
        if (found > latest_version())
            throw error(errc::store, path + ": the database has schema version " + std::to_string(found) +
                                         " but this rehearse understands up to " + std::to_string(latest_version()) +
                                         "; upgrade rehearse (the database was left untouched)");
        db_->exec("PRAGMA journal_mode = WAL");
        db_->exec("PRAGMA synchronous = NORMAL");
        for (int v = found; v < latest_version(); ++v) {
            run_in_transaction(*db_, [&](SQLite::Database& db) {
                // Re-check inside the write lock: another process may have migrated meanwhile.
                if (read_user_version(db) != v) return;
                db.exec(std::string(detail::migrations[static_cast<std::size_t>(v)]));
                db.exec("PRAGMA user_version = " + std::to_string(v + 1));
            });
        }
    } catch (const error&) {
        throw;
    } catch (const std::exception& e) {
        throw error(errc::store, path + ": " + e.what());
    }
}

store::~store() = default;

int store::version() const { return read_user_version(*db_); }

void store::transaction(const std::function<void(SQLite::Database&)>& fn) {
    std::lock_guard lock(mutex_);
    try {
        run_in_transaction(*db_, fn);
    } catch (const error&) {
        throw;
    } catch (const SQLite::Exception& e) {
        throw store_failure(e);
    }
}

void store::with_db(const std::function<void(SQLite::Database&)>& fn) {
    std::lock_guard lock(mutex_);
    try {
        fn(*db_);
    } catch (const error&) {
        throw;
    } catch (const SQLite::Exception& e) {
        throw store_failure(e);
    }
}

void store::set_durability(durability d) {
    with_db([d](SQLite::Database& db) {
        db.exec(d == durability::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    });
}

store::durability store::current_durability() {
    int level = 0;
    with_db([&level](SQLite::Database& db) { level = db.execAndGet("PRAGMA synchronous").getInt(); });
    // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA: this store sets only the middle two.
    return level >= 2 ? durability::full : durability::normal;
}

}  // namespace rehearse
