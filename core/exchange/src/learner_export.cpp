// Writing one learner's history as the export document (export_format.hpp says what it holds).
#include "rehearse/core/exchange/learner_export.hpp"

#include "export_format.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

using nlohmann::json;
namespace fmt = exchange_format;

namespace {

/// Rows of `spec.table` for the learner, in id order (the order they happened; an import keeps
/// it, so code that reads "the latest" by id sees the same row). Returns each row's database id too.
std::vector<std::pair<std::int64_t, json>> export_rows(SQLite::Database& db, const fmt::table_spec& spec,
                                                       const char* where_column, std::int64_t owner) {
    const std::string order = spec.is_log() ? "rowid" : fmt::key_order(spec);
    SQLite::Statement q(db, "SELECT rowid, " + fmt::column_list(spec.columns) + " FROM " + spec.table + " WHERE " +
                                where_column + " = ? ORDER BY " + order);
    q.bind(1, owner);
    std::vector<std::pair<std::int64_t, json>> out;
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getInt64(), fmt::read_row(q, spec.columns, 1));
    return out;
}

/// A database attempt id as the attempt's position in the document (1-based); ids are local to a
/// database, positions travel.
json attempt_position(const std::map<std::int64_t, std::int64_t>& positions, const json& id) {
    if (!id.is_number_integer()) return id;
    const auto it = positions.find(id.get<std::int64_t>());
    return it == positions.end() ? json(nullptr) : json(it->second);
}

}  // namespace

json export_learner(store& s, const learner& who) {
    json doc{{"format", learner_export_format},
             {"version", learner_export_version},
             {"learner", {{"name", who.name}, {"created_at", who.created_at}}}};
    s.transaction([&](SQLite::Database& db) {
        std::map<std::int64_t, std::int64_t> positions;
        json attempts = json::array();
        for (auto& [id, row] : export_rows(db, fmt::attempts_table(), "learner_id", who.id)) {
            positions[id] = static_cast<std::int64_t>(attempts.size()) + 1;
            row["scores"] = json::object();
            SQLite::Statement scores(db, "SELECT dimension, score FROM attempt_scores WHERE attempt_id = ?");
            scores.bind(1, id);
            while (scores.executeStep()) row["scores"][scores.getColumn(0).getString()] = scores.getColumn(1).getDouble();
            row["findings"] = json::array();
            SQLite::Statement findings(db, "SELECT " + fmt::column_list(fmt::finding_columns()) +
                                               " FROM attempt_findings WHERE attempt_id = ? ORDER BY id");
            findings.bind(1, id);
            while (findings.executeStep()) row["findings"].push_back(fmt::read_row(findings, fmt::finding_columns()));
            attempts.push_back(std::move(row));
        }
        doc["attempts"] = std::move(attempts);

        for (const auto& spec : fmt::plain_tables()) {
            json rows = json::array();
            for (auto& [id, row] : export_rows(db, spec, "learner_id", who.id)) {
                if (spec.attempt_ref) row["attempt_id"] = attempt_position(positions, row["attempt_id"]);
                rows.push_back(std::move(row));
            }
            doc[spec.section] = std::move(rows);
        }

        json plans = json::array();
        for (auto& [id, row] : export_rows(db, fmt::plans_table(), "learner_id", who.id)) {
            row["activities"] = json::array();
            SQLite::Statement q(db, "SELECT " + fmt::column_list(fmt::activity_columns()) +
                                        " FROM plan_activity_log WHERE enrolment_id = ? ORDER BY id");
            q.bind(1, id);
            while (q.executeStep()) row["activities"].push_back(fmt::read_row(q, fmt::activity_columns()));
            plans.push_back(std::move(row));
        }
        doc["plans"] = std::move(plans);

        json sessions = json::array();
        SQLite::Statement q(db,
                            "SELECT id, kind, subject, state, created_at, updated_at FROM sessions WHERE learner_id = ? "
                            "ORDER BY created_at, id");
        q.bind(1, who.id);
        while (q.executeStep()) {
            json row{{"id", q.getColumn(0).getString()},         {"kind", q.getColumn(1).getString()},
                     {"subject", q.getColumn(2).getString()},    {"state", q.getColumn(3).getString()},
                     {"created_at", q.getColumn(4).getString()}, {"updated_at", q.getColumn(5).getString()},
                     {"events", json::array()}};
            SQLite::Statement events(db, "SELECT seq, at, type, data FROM session_events WHERE session_id = ? ORDER BY seq");
            events.bind(1, row["id"].get<std::string>());
            while (events.executeStep()) {
                json data = json::parse(events.getColumn(3).getString());
                if (data.is_object() && data.contains("attempt_id"))
                    data["attempt_id"] = attempt_position(positions, data["attempt_id"]);
                row["events"].push_back({{"seq", events.getColumn(0).getInt64()},
                                         {"at", events.getColumn(1).getString()},
                                         {"type", events.getColumn(2).getString()},
                                         {"data", std::move(data)}});
            }
            sessions.push_back(std::move(row));
        }
        doc["sessions"] = std::move(sessions);
    });
    return doc;
}

}  // namespace rehearse
