/// @file
/// Copies of a whole database, taken and put back with SQLite's online backup API: a backup is a
/// consistent snapshot of a database another process may be writing to, a restore refuses a file
/// this build could not open and never leaves a half-written database behind.
#pragma once

#include "rehearse/core/storage/store.hpp"

#include <cstdint>
#include <string>

namespace rehearse {

struct database_copy {
    std::string path;          ///< the file written
    std::uintmax_t bytes = 0;  ///< its size
    int schema_version = 0;    ///< PRAGMA user_version of the copy
};

/// Writes a snapshot of `db` to `path`, as one self-contained file (no -wal beside it). The copy is
/// made in pages inside one read transaction, so writers of a WAL database keep going meanwhile and
/// the copy holds exactly what was committed when it began. It is written to a temporary file next
/// to `path` and renamed into place: an interrupted backup never leaves a partial file at `path`.
/// An existing `path` is refused (errc::conflict) unless `overwrite`; `path` naming the database
/// itself is errc::usage.
database_copy backup_database(store& db, const std::string& path, bool overwrite);

/// Replaces the database at `target_path` (created when missing) with the copy at `from_path`.
/// The copy must be a Rehearse database whose schema version is not newer than
/// store::latest_version() (older ones are migrated when the target is next opened). The target
/// must not be open in another process (a running server): its exclusive lock is taken first, and
/// refused with errc::unavailable otherwise. On every refusal the target is left untouched; the
/// copy lands in one transaction.
database_copy restore_database(const std::string& target_path, const std::string& from_path);

}  // namespace rehearse
