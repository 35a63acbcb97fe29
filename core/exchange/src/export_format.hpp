// The learner export document, version 1: which tables it holds, their columns as the document
// spells them, and the keys that recognise a row already present (docs/data.md). Shared by the
// export and the import so the two cannot drift apart.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace SQLite {
class Statement;
}

namespace rehearse::exchange_format {

inline constexpr const char* format_name = "rehearse-learner-export";
inline constexpr int format_version = 1;

enum class kind { integer, real, text };

struct column {
    const char* name;
    kind type;
    bool nullable = false;
};

/// One table of a learner's rows, written as an array of objects (learner_id and row ids left out:
/// they mean nothing in another database).
struct table_spec {
    const char* section;  ///< its key in the document
    const char* table;
    std::vector<column> columns;
    /// State tables (one row per key, e.g. a card's memory): the primary key after learner_id.
    /// Logs (rows with a surrogate id): the columns that, with the row's occurrence among equal
    /// keys, recognise a row on a second import.
    std::vector<const char*> key;
    /// State tables: the timestamp that says which copy is newer (an import never goes back).
    const char* fresher = nullptr;
    /// Logs also carry attempt_id, written as the attempt's position in the document (1-based).
    bool attempt_ref = false;
    bool is_log() const noexcept { return fresher == nullptr; }
};

/// The tables that need no special treatment, in the order they are imported.
const std::vector<table_spec>& plain_tables();

/// attempts (with their scores and findings as "scores" and "findings"), plan enrolments (with
/// "activities") and coaching sessions (with "events"): logs with children.
const table_spec& attempts_table();
const table_spec& plans_table();
const std::vector<column>& finding_columns();
const std::vector<column>& activity_columns();

/// "a, b, c" for a SELECT or an INSERT.
std::string column_list(const std::vector<column>& columns);

/// "k1, k2": a state table's rows in key order.
std::string key_order(const table_spec& spec);

/// The row the statement stands on, columns from `first` on, as an object in the document's types.
nlohmann::json read_row(SQLite::Statement& q, const std::vector<column>& columns, int first = 0);

/// Throws error(invalid_input) naming `where` unless `row` is an object whose fields are exactly
/// `columns` (plus `extra`) with the declared types.
void check_row(const nlohmann::json& row, const std::vector<column>& columns, const std::string& where,
               const std::vector<std::string>& extra = {});

/// Binds the row's columns to parameters first, first+1, ...
void bind_row(SQLite::Statement& q, const nlohmann::json& row, const std::vector<column>& columns, int first);

/// The identity of a row by its key columns, unambiguous (a JSON array of the values).
std::string key_of(const nlohmann::json& row, const std::vector<const char*>& key);

/// Numbers equal keys in order: "K" becomes "K#0", the next equal one "K#1", ...
class occurrences {
   public:
    std::string next(const std::string& key) { return key + "#" + std::to_string(seen_[key]++); }

   private:
    std::map<std::string, std::int64_t> seen_;
};

}  // namespace rehearse::exchange_format
