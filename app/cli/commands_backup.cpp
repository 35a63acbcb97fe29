// `rehearse backup` and `rehearse restore`: a whole database copied out of and back into --db.
#include "cli/cli.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/paths.hpp"
#include "rehearse/core/storage/backup.hpp"

#include <filesystem>

namespace rehearse::cli {

namespace {

std::string backup_db_path(const invocation& inv) { return inv.global.db ? *inv.global.db : default_database_path(); }

void print_copy(invocation& inv, const database_copy& copy, const char* verb) {
    if (inv.global.json) {
        inv.print_json({{"path", copy.path}, {"bytes", copy.bytes}, {"schema_version", copy.schema_version}});
        return;
    }
    inv.out << verb << ' ' << copy.path << " (" << copy.bytes << " bytes, schema version " << copy.schema_version
            << ")\n";
}

int cmd_backup(invocation& inv) {
    const std::string db_path = backup_db_path(inv);
    // Opening a store creates a missing file; a backup of nothing is a mistake, not an empty copy.
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec)) throw error(errc::not_found, db_path + ": no database to back up");
    // The store alone, without content or plugins: a backup copies what is in the file.
    store db(db_path);
    print_copy(inv, backup_database(db, inv.args.at(0), inv.has("force")), "backed up to");
    return 0;
}

int cmd_restore(invocation& inv) {
    print_copy(inv, restore_database(backup_db_path(inv), inv.args.at(0)), "restored");
    return 0;
}

}  // namespace

std::vector<command> backup_commands() {
    return {
        {{"backup"},
         "PATH",
         "copy the database to PATH, consistent even while a server writes to it",
         {{"force", "", "replace PATH when it exists"}},
         1,
         1,
         &cmd_backup},
        {{"restore"},
         "PATH",
         "replace the database with the backup at PATH (stop the server first)",
         {},
         1,
         1,
         &cmd_restore},
    };
}

}  // namespace rehearse::cli
