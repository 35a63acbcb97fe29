/// @file
/// The SQLite store: one file, WAL, foreign keys on, a busy timeout, numbered migrations applied at
/// open. A database written by a newer Rehearse is refused, never touched.
///
/// One connection per store object, used behind a mutex: SQLite connections are not shared between
/// threads unguarded. Repositories (learners, attempts, ...) take a `store&` and run their
/// statements through `with_db` / `transaction`.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace SQLite {
class Database;
}

namespace rehearse {

class store {
   public:
    /// The newest schema version this build understands.
    static int latest_version() noexcept;

    /// Opens (creating the file and its folder when missing) and migrates. Throws error(store).
    explicit store(const std::string& path);
    ~store();
    store(const store&) = delete;
    store& operator=(const store&) = delete;

    const std::string& path() const noexcept { return path_; }
    /// The schema version of the open database.
    int version() const;

    /// Runs `fn` inside one IMMEDIATE transaction (the write lock is taken up front, so two writers
    /// wait for each other instead of failing half-way). Commits when `fn` returns, rolls back when
    /// it throws, and rethrows.
    void transaction(const std::function<void(SQLite::Database&)>& fn);

    /// Runs `fn` with the connection, without a transaction (single statements, reads).
    void with_db(const std::function<void(SQLite::Database&)>& fn);

    /// How hard a commit holds on to its data (SQLite's `synchronous` in WAL mode):
    /// - normal (the default): a commit is in the write-ahead log before it returns, so a killed
    ///   process loses nothing committed; a power cut or OS crash may lose the last commits, never
    ///   the database's consistency (the log is synced at checkpoints only).
    /// - full: the log is synced to the disk on every commit, so a commit survives a power cut too;
    ///   each commit waits for the disk.
    enum class durability { normal, full };
    /// Per connection: applies to the commits that follow. Throws error(store).
    void set_durability(durability d);
    /// Read back from the connection.
    durability current_durability();

   private:
    std::string path_;
    std::recursive_mutex mutex_;
    std::unique_ptr<SQLite::Database> db_;
};

}  // namespace rehearse
