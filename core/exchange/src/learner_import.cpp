// Putting an export document into a database: every row checked, rows already present recognised
// by their keys (export_format.hpp), all in one transaction.
#include "rehearse/core/exchange/learner_export.hpp"

#include "export_format.hpp"
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/learner/flashcards.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

namespace rehearse {

using nlohmann::json;
namespace fmt = exchange_format;

namespace {

const json& import_section(const json& doc, const char* name) {
    static const json empty = json::array();
    const auto it = doc.find(name);
    if (it == doc.end()) return empty;
    if (!it->is_array()) throw error(errc::invalid_input, std::string(name) + ": expected an array");
    return *it;
}

std::string import_where(const char* section, std::size_t index) {
    return std::string(section) + "[" + std::to_string(index) + "]";
}

void check_header(const json& doc) {
    if (!doc.is_object()) throw error(errc::invalid_input, "not a learner export: expected a JSON object");
    if (doc.value("format", json()) != learner_export_format)
        throw error(errc::invalid_input,
                    std::string("not a learner export: \"format\" must be \"") + learner_export_format + "\"");
    const json version = doc.value("version", json());
    if (!version.is_number_integer() || version.get<std::int64_t>() < 1)
        throw error(errc::invalid_input, "\"version\" must be a positive integer");
    if (version.get<std::int64_t>() > learner_export_version)
        throw error(errc::invalid_input, "the export has version " + version.dump() + " but this rehearse reads up to " +
                                             std::to_string(learner_export_version) +
                                             "; upgrade rehearse to import it (nothing was changed)");
    static const std::set<std::string> known{"format",  "version",    "learner", "attempts", "plans",
                                             "sessions", "learner_problem_stats", "mastery", "mastery_history",
                                             "cards",   "review_log", "lesson_progress", "drill_attempts",
                                             "drill_memory"};
    for (const auto& [key, value] : doc.items())
        if (!known.count(key))
            throw error(errc::invalid_input, "unknown section \"" + key + "\" (written by another version of rehearse?)");
    const json learner_doc = doc.value("learner", json());
    if (!learner_doc.is_object() || !learner_doc.value("name", json()).is_string() ||
        !learner_doc.value("created_at", json()).is_string())
        throw error(errc::invalid_input, "\"learner\" must be an object with \"name\" and \"created_at\"");
    if (!try_parse_iso8601(learner_doc["created_at"].get<std::string>()))
        throw error(errc::invalid_input, "learner.created_at is not an ISO-8601 time");
}

/// A document's attempt position (1-based) as this database's attempt id; null stays null.
json import_attempt_id(const json& ref, const std::vector<std::int64_t>& attempt_ids, const std::string& where) {
    if (ref.is_null()) return ref;
    if (!ref.is_number_integer() || ref.get<std::int64_t>() < 1 ||
        ref.get<std::int64_t>() > static_cast<std::int64_t>(attempt_ids.size()))
        throw error(errc::invalid_input,
                    where + ": attempt_id must be the position of an attempt in \"attempts\" (1 to " +
                        std::to_string(attempt_ids.size()) + ")");
    return attempt_ids[static_cast<std::size_t>(ref.get<std::int64_t>() - 1)];
}

/// key#occurrence → row id of a log's rows already in the database, counted in id order as the
/// export lists them.
std::map<std::string, std::int64_t> existing_log_rows(SQLite::Database& db, const fmt::table_spec& spec,
                                                      const char* owner_column, std::int64_t owner) {
    std::vector<fmt::column> key_columns;
    for (const char* k : spec.key)
        for (const auto& c : spec.columns)
            if (std::string_view(c.name) == k) key_columns.push_back(c);
    SQLite::Statement q(db, "SELECT rowid, " + fmt::column_list(key_columns) + " FROM " + spec.table + " WHERE " +
                                owner_column + " = ? ORDER BY rowid");
    q.bind(1, owner);
    std::map<std::string, std::int64_t> out;
    fmt::occurrences seen;
    while (q.executeStep()) out[seen.next(fmt::key_of(fmt::read_row(q, key_columns, 1), spec.key))] = q.getColumn(0).getInt64();
    return out;
}

std::int64_t insert_row(SQLite::Database& db, const char* table, const char* owner_column, std::int64_t owner,
                        const std::vector<fmt::column>& columns, const json& row) {
    std::string params = "?1";
    for (std::size_t i = 0; i < columns.size(); ++i) params += ", ?" + std::to_string(i + 2);
    SQLite::Statement q(db, std::string("INSERT INTO ") + table + "(" + owner_column + ", " +
                                fmt::column_list(columns) + ") VALUES (" + params + ")");
    q.bind(1, owner);
    fmt::bind_row(q, row, columns, 2);
    q.exec();
    return db.getLastInsertRowid();
}

class importer {
   public:
    importer(SQLite::Database& db, std::int64_t learner_id, import_summary& out)
        : db_(db), learner_(learner_id), out_(out) {}

    void attempts(const json& rows) {
        const auto& spec = fmt::attempts_table();
        auto existing = existing_log_rows(db_, spec, "learner_id", learner_);
        fmt::occurrences seen;
        auto& counts = out_.sections[spec.section];
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const json& row = rows[i];
            const std::string where = import_where(spec.section, i);
            fmt::check_row(row, spec.columns, where, {"scores", "findings"});
            if (!row.contains("scores") || !row["scores"].is_object())
                throw error(errc::invalid_input, where + ": \"scores\" must be an object of dimension: score");
            if (!row.contains("findings") || !row["findings"].is_array())
                throw error(errc::invalid_input, where + ": \"findings\" must be an array");
            const auto found = existing.find(seen.next(fmt::key_of(row, spec.key)));
            if (found != existing.end()) {
                attempt_ids_.push_back(found->second);
                ++counts.unchanged;
                continue;
            }
            const std::int64_t id = insert_row(db_, spec.table, "learner_id", learner_, spec.columns, row);
            attempt_ids_.push_back(id);
            for (const auto& [dimension, score] : row["scores"].items()) {
                if (!score.is_number()) throw error(errc::invalid_input, where + ".scores." + dimension + ": expected a number");
                execute(db_, "INSERT INTO attempt_scores(attempt_id, dimension, score) VALUES (?, ?, ?)", id, dimension,
                        score.get<double>());
            }
            for (std::size_t f = 0; f < row["findings"].size(); ++f) {
                fmt::check_row(row["findings"][f], fmt::finding_columns(), where + ".findings[" + std::to_string(f) + "]");
                insert_row(db_, "attempt_findings", "attempt_id", id, fmt::finding_columns(), row["findings"][f]);
            }
            ++counts.added;
        }
    }

    void plain(const fmt::table_spec& spec, const json& rows) {
        auto& counts = out_.sections[spec.section];
        if (spec.is_log()) {
            const auto existing = existing_log_rows(db_, spec, "learner_id", learner_);
            fmt::occurrences seen;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                json row = rows[i];
                const std::string where = import_where(spec.section, i);
                fmt::check_row(row, spec.columns, where);
                if (existing.count(seen.next(fmt::key_of(row, spec.key)))) {
                    ++counts.unchanged;
                    continue;
                }
                if (spec.attempt_ref) row["attempt_id"] = import_attempt_id(row["attempt_id"], attempt_ids_, where);
                insert_row(db_, spec.table, "learner_id", learner_, spec.columns, row);
                ++counts.added;
            }
            return;
        }
        // A state table: one row per key; the newer copy (by spec.fresher) wins, ties keep the database's.
        std::string match = "learner_id = ?1";
        for (std::size_t k = 0; k < spec.key.size(); ++k)
            match += std::string(" AND ") + spec.key[k] + " = ?" + std::to_string(k + 2);
        std::string assignments;
        for (std::size_t c = 0; c < spec.columns.size(); ++c)
            assignments += (c ? ", " : "") + std::string(spec.columns[c].name) + " = ?" +
                           std::to_string(spec.key.size() + 2 + c);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const json& row = rows[i];
            fmt::check_row(row, spec.columns, import_where(spec.section, i));
            SQLite::Statement find(db_, std::string("SELECT ") + spec.fresher + " FROM " + spec.table + " WHERE " + match);
            find.bind(1, learner_);
            for (std::size_t k = 0; k < spec.key.size(); ++k)
                find.bind(static_cast<int>(k + 2), row.at(spec.key[k]).get<std::string>());
            if (!find.executeStep()) {
                insert_row(db_, spec.table, "learner_id", learner_, spec.columns, row);
                ++counts.added;
                continue;
            }
            // ISO-8601 times in one format order as strings; a missing time (never reviewed) is oldest.
            const std::string have = find.getColumn(0).isNull() ? "" : find.getColumn(0).getString();
            const json& theirs = row.at(spec.fresher);
            if (!theirs.is_string() || theirs.get<std::string>() <= have) {
                ++counts.unchanged;
                continue;
            }
            SQLite::Statement update(db_, std::string("UPDATE ") + spec.table + " SET " + assignments + " WHERE " + match);
            update.bind(1, learner_);
            for (std::size_t k = 0; k < spec.key.size(); ++k)
                update.bind(static_cast<int>(k + 2), row.at(spec.key[k]).get<std::string>());
            fmt::bind_row(update, row, spec.columns, static_cast<int>(spec.key.size() + 2));
            update.exec();
            ++counts.updated;
        }
    }

    void plans(const json& rows) {
        const auto& spec = fmt::plans_table();
        const auto existing = existing_log_rows(db_, spec, "learner_id", learner_);
        fmt::occurrences seen;
        auto& counts = out_.sections[spec.section];
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const json& row = rows[i];
            const std::string where = import_where(spec.section, i);
            fmt::check_row(row, spec.columns, where, {"activities"});
            if (!row.contains("activities") || !row["activities"].is_array())
                throw error(errc::invalid_input, where + ": \"activities\" must be an array");
            const auto found = existing.find(seen.next(fmt::key_of(row, spec.key)));
            std::int64_t id = 0;
            if (found == existing.end()) {
                try {
                    id = insert_row(db_, spec.table, "learner_id", learner_, spec.columns, row);
                } catch (const SQLite::Exception&) {
                    // The one constraint a checked row can break: one active plan per learner.
                    throw error(errc::conflict, where + ": the learner already follows another active plan; finish or "
                                                        "abandon it first (nothing was imported)");
                }
                ++counts.added;
            } else {
                id = found->second;
                // A plan only moves on from active; a later export may have finished it.
                const int moved = execute(db_,
                                          "UPDATE plan_enrolments SET status = ? WHERE id = ? AND status = 'active' AND "
                                          "? <> 'active'",
                                          row["status"].get<std::string>(), id, row["status"].get<std::string>());
                ++(moved ? counts.updated : counts.unchanged);
            }
            const fmt::table_spec activities{"activities", "plan_activity_log", fmt::activity_columns(),
                                             {"plan_day", "kind", "ref", "done_at"}};
            const auto logged = existing_log_rows(db_, activities, "enrolment_id", id);
            fmt::occurrences seen_activity;
            for (std::size_t a = 0; a < row["activities"].size(); ++a) {
                const json& activity = row["activities"][a];
                fmt::check_row(activity, fmt::activity_columns(), where + ".activities[" + std::to_string(a) + "]");
                if (logged.count(seen_activity.next(fmt::key_of(activity, activities.key)))) continue;
                insert_row(db_, "plan_activity_log", "enrolment_id", id, fmt::activity_columns(), activity);
            }
        }
    }

    void sessions(const json& rows, const std::string& learner_name) {
        static const std::vector<fmt::column> columns{{"id", fmt::kind::text},         {"kind", fmt::kind::text},
                                                      {"subject", fmt::kind::text},    {"state", fmt::kind::text},
                                                      {"created_at", fmt::kind::text}, {"updated_at", fmt::kind::text}};
        static const std::vector<fmt::column> event_columns{
            {"seq", fmt::kind::integer}, {"at", fmt::kind::text}, {"type", fmt::kind::text}};
        auto& counts = out_.sections["sessions"];
        for (std::size_t i = 0; i < rows.size(); ++i) {
            json row = rows[i];
            const std::string where = import_where("sessions", i);
            fmt::check_row(row, columns, where, {"events"});
            if (!row.contains("events") || !row["events"].is_array())
                throw error(errc::invalid_input, where + ": \"events\" must be an array");
            row["id"] = session_id_here(row["id"].get<std::string>(), learner_name);
            const std::string id = row["id"].get<std::string>();
            SQLite::Statement find(db_, "SELECT updated_at FROM sessions WHERE id = ?");
            find.bind(1, id);
            if (!find.executeStep()) {
                execute(db_,
                        "INSERT INTO sessions(id, learner_id, kind, subject, state, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        id, learner_, row["kind"].get<std::string>(), row["subject"].get<std::string>(),
                        row["state"].get<std::string>(), row["created_at"].get<std::string>(),
                        row["updated_at"].get<std::string>());
                ++counts.added;
            } else if (row["updated_at"].get<std::string>() > find.getColumn(0).getString()) {
                execute(db_, "UPDATE sessions SET state = ?, updated_at = ? WHERE id = ?", row["state"].get<std::string>(),
                        row["updated_at"].get<std::string>(), id);
                ++counts.updated;
            } else {
                ++counts.unchanged;
            }
            for (std::size_t e = 0; e < row["events"].size(); ++e) {
                json event = row["events"][e];
                const std::string event_where = where + ".events[" + std::to_string(e) + "]";
                fmt::check_row(event, event_columns, event_where, {"data"});
                if (!event.contains("data") || !event["data"].is_object())
                    throw error(errc::invalid_input, event_where + ": \"data\" must be an object");
                if (event["data"].contains("attempt_id"))
                    event["data"]["attempt_id"] = import_attempt_id(event["data"]["attempt_id"], attempt_ids_, event_where);
                SQLite::Statement insert(db_,
                                         "INSERT INTO session_events(session_id, seq, at, type, data) VALUES (?, ?, ?, "
                                         "?, ?) ON CONFLICT(session_id, seq) DO NOTHING");
                bind_all(insert, id, event["seq"].get<std::int64_t>(), event["at"].get<std::string>(),
                         event["type"].get<std::string>(), event["data"].dump());
                insert.exec();
            }
        }
    }

   private:
    /// Session ids are random and unique, so a session keeps its id, unless the id already belongs to
    /// another learner (the same export imported under a second name): then it gets an id derived
    /// from both, the same on every import, so a second import still recognises it.
    std::string session_id_here(const std::string& id, const std::string& learner_name) {
        SQLite::Statement owner(db_, "SELECT learner_id FROM sessions WHERE id = ?");
        owner.bind(1, id);
        if (!owner.executeStep() || owner.getColumn(0).getInt64() == learner_) return id;
        std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bits
        for (unsigned char c : id + '\n' + learner_name) hash = (hash ^ c) * 1099511628211ull;
        static constexpr char hex[] = "0123456789abcdef";
        std::string out(1, id.empty() ? 's' : id.front());
        for (int i = 0; i < 16; ++i, hash >>= 4) out.push_back(hex[hash & 0xf]);
        return out;
    }

    SQLite::Database& db_;
    std::int64_t learner_;
    import_summary& out_;
    std::vector<std::int64_t> attempt_ids_;  ///< by the document's attempt position - 1
};

/// Ids the document names that the loaded content lacks.
std::vector<std::string> unknown_references(const content_registry& content, const json& doc) {
    std::set<std::string> out;
    auto note = [&](const char* what, const std::string& id) { out.insert("unknown " + std::string(what) + " \"" + id + "\""); };
    auto each = [&](const char* section, const char* field, auto&& check) {
        for (const auto& row : import_section(doc, section))
            if (row.is_object() && row.contains(field) && row[field].is_string()) check(row[field].get<std::string>());
    };
    auto problem = [&](const std::string& id) { if (!content.find_problem(id)) note("problem", id); };
    auto lesson = [&](const std::string& id) { if (!content.find_lesson(id)) note("lesson", id); };
    auto card = [&](const std::string& id) { if (!find_card(content, id)) note("card", id); };
    auto drill = [&](const std::string& id) { if (!content.find_drill(id)) note("drill", id); };
    each("attempts", "problem_id", problem);
    each("learner_problem_stats", "problem_id", problem);
    each("lesson_progress", "lesson_id", lesson);
    each("cards", "card_id", card);
    each("review_log", "card_id", card);
    each("drill_attempts", "drill_id", drill);
    each("drill_memory", "drill_id", drill);
    each("plans", "curriculum_id", [&](const std::string& id) { if (!content.find_curriculum(id)) note("curriculum", id); });
    for (const auto& row : import_section(doc, "sessions"))
        if (row.is_object() && row.value("subject", json()).is_string()) {
            if (row.value("kind", "") == "teach")
                lesson(row["subject"].get<std::string>());
            else
                problem(row["subject"].get<std::string>());
        }
    return {out.begin(), out.end()};
}

}  // namespace

std::int64_t import_summary::changed() const {
    std::int64_t n = 0;
    for (const auto& [section, counts] : sections) n += counts.added + counts.updated;
    return n;
}

import_summary import_learner(store& s, const content_registry* content, const json& doc,
                              const std::optional<std::string>& name) {
    check_header(doc);
    import_summary out;
    out.learner = name ? *name : doc["learner"]["name"].get<std::string>();
    validate_learner_name(out.learner);
    s.transaction([&](SQLite::Database& db) {
        out.learner_created = execute(db,
                                      "INSERT INTO learners(name, created_at) VALUES (?, ?) "
                                      "ON CONFLICT(name) DO NOTHING",
                                      out.learner, doc["learner"]["created_at"].get<std::string>()) > 0;
        SQLite::Statement q(db, "SELECT id FROM learners WHERE name = ?");
        q.bind(1, out.learner);
        q.executeStep();
        importer in(db, q.getColumn(0).getInt64(), out);
        try {
            in.attempts(import_section(doc, "attempts"));
            for (const auto& spec : fmt::plain_tables()) in.plain(spec, import_section(doc, spec.section));
            in.plans(import_section(doc, "plans"));
            in.sessions(import_section(doc, "sessions"), out.learner);
        } catch (const SQLite::Exception& e) {
            // The write lock is held, so a failed statement here is a row the schema refuses (a
            // state or a score out of range), not a busy database.
            throw error(errc::invalid_input, std::string("the export holds a value the database refuses: ") + e.what() +
                                                 " (nothing was imported)");
        }
    });
    if (content) out.warnings = unknown_references(*content, doc);
    return out;
}

void to_json(json& j, const import_summary& s) {
    j = json{{"learner", s.learner}, {"learner_created", s.learner_created}, {"warnings", s.warnings}};
    json sections = json::object();
    for (const auto& [name, c] : s.sections)
        sections[name] = {{"added", c.added}, {"updated", c.updated}, {"unchanged", c.unchanged}};
    j["sections"] = std::move(sections);
}

}  // namespace rehearse
