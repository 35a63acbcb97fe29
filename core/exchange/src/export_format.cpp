#include "export_format.hpp"

#include "rehearse/core/base/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

namespace rehearse::exchange_format {

using nlohmann::json;

namespace {
constexpr kind I = kind::integer;
constexpr kind R = kind::real;
constexpr kind T = kind::text;
}  // namespace

const std::vector<table_spec>& plain_tables() {
    static const std::vector<table_spec> tables{
        {"learner_problem_stats",
         "learner_problem_stats",
         {{"problem_id", T}, {"attempts", I}, {"last_at", T}, {"last_success", R}, {"best_success", R}},
         {"problem_id"},
         "last_at"},
        {"mastery",
         "mastery",
         {{"dimension", T}, {"ability", R}, {"uncertainty", R}, {"evidence", I}, {"updated_at", T}},
         {"dimension"},
         "updated_at"},
        {"mastery_history",
         "mastery_history",
         {{"dimension", T},
          {"at", T},
          {"ability", R},
          {"uncertainty", R},
          {"mastery", R},
          {"source", T},
          {"attempt_id", I, true}},
         {"dimension", "at", "source", "mastery"},
         nullptr,
         true},
        {"cards",
         "cards",
         {{"card_id", T},
          {"state", T},
          {"stability", R},
          {"difficulty", R},
          {"due", T},
          {"last_review", T, true},
          {"step", I},
          {"reps", I},
          {"lapses", I},
          {"scheduled_days", I},
          {"introduced_at", T}},
         {"card_id"},
         "last_review"},
        {"review_log",
         "review_log",
         {{"card_id", T},
          {"rating", I},
          {"reviewed_at", T},
          {"state_before", T},
          {"stability", R},
          {"difficulty", R},
          {"retrievability", R, true},
          {"interval_days", I},
          {"due", T}},
         {"card_id", "reviewed_at", "rating"}},
        {"lesson_progress",
         "lesson_progress",
         {{"lesson_id", T},
          {"status", T},
          {"check_score", R, true},
          {"cards_introduced", I},
          {"started_at", T},
          {"updated_at", T}},
         {"lesson_id"},
         "updated_at"},
        {"drill_attempts",
         "drill_attempts",
         {{"drill_id", T},
          {"dimension", T},
          {"score", R},
          {"correct", I},
          {"answer_text", T},
          {"result_json", T},
          {"created_at", T}},
         {"drill_id", "created_at", "score"}},
        {"drill_memory",
         "drill_memory",
         {{"drill_id", T},
          {"state", T},
          {"stability", R},
          {"difficulty", R},
          {"due", T},
          {"last_review", T, true},
          {"reps", I},
          {"lapses", I},
          {"scheduled_days", I},
          {"last_score", R}},
         {"drill_id"},
         "last_review"},
    };
    return tables;
}

const table_spec& attempts_table() {
    static const table_spec spec{"attempts",
                                 "attempts",
                                 {{"problem_id", T},
                                  {"source", T},
                                  {"overall", R, true},
                                  {"answer_text", T, true},
                                  {"evaluation_json", T, true},
                                  {"focus", T, true},
                                  {"predicted", R, true},
                                  {"created_at", T}},
                                 {"created_at", "problem_id", "source", "overall"}};
    return spec;
}

const table_spec& plans_table() {
    static const table_spec spec{"plans",
                                 "plan_enrolments",
                                 {{"curriculum_id", T},
                                  {"start_date", T},
                                  {"interview_date", T, true},
                                  {"minutes_per_day", I, true},
                                  {"status", T},
                                  {"created_at", T}},
                                 {"curriculum_id", "created_at"}};
    return spec;
}

const std::vector<column>& finding_columns() {
    static const std::vector<column> columns{
        {"finding_id", T}, {"dimension", T}, {"severity", T}, {"message", T}};
    return columns;
}

const std::vector<column>& activity_columns() {
    static const std::vector<column> columns{{"plan_day", I}, {"kind", T}, {"ref", T, true}, {"done_at", T}};
    return columns;
}

std::string column_list(const std::vector<column>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

std::string key_order(const table_spec& spec) {
    std::string out;
    for (const char* k : spec.key) out += (out.empty() ? "" : ", ") + std::string(k);
    return out;
}

json read_row(SQLite::Statement& q, const std::vector<column>& columns, int first) {
    json row = json::object();
    int i = first;
    for (const auto& c : columns) {
        const SQLite::Column v = q.getColumn(i++);
        if (v.isNull())
            row[c.name] = nullptr;
        else if (c.type == kind::integer)
            row[c.name] = v.getInt64();
        else if (c.type == kind::real)
            row[c.name] = v.getDouble();
        else
            row[c.name] = v.getString();
    }
    return row;
}

void check_row(const json& row, const std::vector<column>& columns, const std::string& where,
               const std::vector<std::string>& extra) {
    if (!row.is_object()) throw error(errc::invalid_input, where + ": expected an object");
    for (const auto& c : columns) {
        const auto it = row.find(c.name);
        if (it == row.end()) throw error(errc::invalid_input, where + ": missing field \"" + c.name + "\"");
        if (it->is_null() && c.nullable) continue;
        const bool ok = c.type == kind::integer ? it->is_number_integer()
                        : c.type == kind::real  ? it->is_number()
                                                : it->is_string();
        if (!ok)
            throw error(errc::invalid_input, where + ": field \"" + c.name + "\" must be " +
                                                 (c.type == kind::integer ? "an integer"
                                                  : c.type == kind::real  ? "a number"
                                                                          : "a string") +
                                                 (c.nullable ? " or null" : ""));
    }
    for (const auto& item : row.items()) {
        // Not a structured binding: C++17 lets no lambda capture one (clang refuses, the fuzz build).
        const std::string& name = item.key();
        const bool known = std::any_of(columns.begin(), columns.end(), [&](const column& c) { return name == c.name; }) ||
                           std::find(extra.begin(), extra.end(), name) != extra.end();
        if (!known) throw error(errc::invalid_input, where + ": unknown field \"" + name + "\"");
    }
}

void bind_row(SQLite::Statement& q, const json& row, const std::vector<column>& columns, int first) {
    int i = first;
    for (const auto& c : columns) {
        const json& v = row.at(c.name);
        if (v.is_null())
            q.bind(i);
        else if (c.type == kind::integer)
            q.bind(i, v.get<std::int64_t>());
        else if (c.type == kind::real)
            q.bind(i, v.get<double>());
        else
            q.bind(i, v.get<std::string>());
        ++i;
    }
}

std::string key_of(const json& row, const std::vector<const char*>& key) {
    json parts = json::array();
    // A number is compared as a double: 1 and 1.0 are the same score whichever way it was written.
    for (const char* k : key) {
        const json& v = row.at(k);
        parts.push_back(v.is_number() ? json(v.get<double>()) : v);
    }
    return parts.dump();
}

}  // namespace rehearse::exchange_format
