// Schema drills: the data-model evaluator on the answer (keys, indexes, files in the database, ...)
// plus the drill's expected tables, columns, references and indexes.
#include "drill_graders.hpp"

#include "rehearse/core/answer/answer_model.hpp"
#include "rehearse/core/grading/evaluation.hpp"

#include <rehearse/sdk/text.hpp>

#include <algorithm>

namespace rehearse::drill_graders {

using nlohmann::json;

namespace {

/// "Bookings" → "booking": table names compare without case or a plural s.
std::string schema_stem(std::string name) {
    name = sdk::text::lower(name);
    if (name.size() > 3 && name.compare(name.size() - 3, 3, "ies") == 0) return name.substr(0, name.size() - 3) + "y";
    if (name.size() > 1 && name.back() == 's') name.pop_back();
    return name;
}

const json* schema_find_table(const json& tables, const json& expected) {
    std::vector<std::string> names{schema_stem(expected.at("name").get<std::string>())};
    for (const auto& s : expected.value("synonyms", json::array())) names.push_back(schema_stem(s.get<std::string>()));
    for (const auto& t : tables)
        if (std::find(names.begin(), names.end(), schema_stem(t.value("name", ""))) != names.end()) return &t;
    return nullptr;
}

bool schema_has_column(const json& table, const std::string& column) {
    const std::string want = sdk::text::lower(column);
    for (const auto& c : table.value("columns", json::array()))
        if (sdk::text::lower(c.value("name", "")) == want) return true;
    return false;
}

/// The table references `target` (by name or a synonym of the expected table it names).
bool schema_references(const json& table, const std::string& target) {
    const std::string want = schema_stem(target);
    for (const auto& fk : table.value("foreign_keys", json::array()))
        if (schema_stem(fk.value("table", "")) == want) return true;
    for (const auto& c : table.value("columns", json::array()))
        if (c.contains("references") && c["references"].is_object() &&
            schema_stem(c["references"].value("table", "")) == want)
            return true;
    return false;
}

/// `columns` ("a" or "a,b") lead an index, the primary key or a unique constraint of the table.
bool schema_indexed(const json& table, const std::string& columns) {
    std::vector<std::string> want;
    std::string part;
    for (const char ch : sdk::text::lower(columns) + ",") {
        if (ch == ',' || ch == ' ') {
            if (!part.empty()) want.push_back(part);
            part.clear();
        } else {
            part += ch;
        }
    }
    const auto leads = [&](const json& cols) {
        if (!cols.is_array() || cols.size() < want.size()) return false;
        for (std::size_t i = 0; i < want.size(); ++i)
            if (!cols[i].is_string() || sdk::text::lower(cols[i].get<std::string>()) != want[i]) return false;
        return true;
    };
    for (const auto& i : table.value("indexes", json::array()))
        if (leads(i.value("columns", json::array()))) return true;
    if (leads(table.value("primary_key", json::array()))) return true;
    for (const auto& u : table.value("unique", json::array()))
        if (leads(u)) return true;
    if (want.size() == 1)
        for (const auto& c : table.value("columns", json::array()))
            if (sdk::text::lower(c.value("name", "")) == want[0] &&
                (c.value("unique", false) || c.value("primary_key", false)))
                return true;
    return false;
}

/// The answer as Markdown the answer model reads: bare DDL gets its ```sql fence.
std::string schema_as_markdown(std::string_view answer) {
    const std::string lowered = sdk::text::lower(answer);
    if (lowered.find("```") == std::string::npos && lowered.find("create table") != std::string::npos)
        return "## Data model\n\n```sql\n" + std::string(answer) + "\n```\n";
    return std::string(answer);
}

}  // namespace

kind_grade grade_schema(const content_registry& content, const drill& d, std::string_view answer) {
    kind_grade g;
    const json& expected_tables = d.doc.at("expected").at("tables");
    const json model = parse_answer(schema_as_markdown(answer));
    const json tables = model.value("schema", json::object()).value("tables", json::array());

    json entities = json::array();
    for (const auto& t : expected_tables)
        entities.push_back({{"name", t.at("name")},
                            {"columns", t.value("columns", json::array({"id"}))},
                            {"why", "expected by the drill"}});
    const problem p = evaluation_problem(content, d, entities, json::array());
    const evaluation_result e = evaluate_model(content, p, model);
    const auto s = e.scores.find("data-model");
    const double evaluator_score = s == e.scores.end() ? 0.0 : s->second;

    std::size_t wanted = 0, met = 0;
    bool all_tables = true;
    for (const auto& t : expected_tables) {
        const std::string name = t.at("name").get<std::string>();
        ++wanted;
        const json* found = schema_find_table(tables, t);
        if (!found) {
            all_tables = false;
            g.findings.push_back(drill_finding("missing-table", "data-model", "major", "No table for " + name + ".",
                                               "Add CREATE TABLE " + name + " with its primary key."));
            wanted += t.value("columns", json::array()).size() + t.value("references", json::array()).size() +
                      t.value("indexes", json::array()).size();
            continue;
        }
        ++met;
        for (const auto& c : t.value("columns", json::array())) {
            ++wanted;
            if (schema_has_column(*found, c.get<std::string>()))
                ++met;
            else
                g.findings.push_back(drill_finding("missing-column", "data-model", "minor",
                                                   name + " has no column " + c.get<std::string>() + ".",
                                                   "The spec needs " + c.get<std::string>() + " on " + name + "."));
        }
        for (const auto& r : t.value("references", json::array())) {
            ++wanted;
            if (schema_references(*found, r.get<std::string>()))
                ++met;
            else
                g.findings.push_back(drill_finding(
                    "missing-foreign-keys", "data-model", "major",
                    name + " does not reference " + r.get<std::string>() + ".",
                    "Declare the link: ... REFERENCES " + r.get<std::string>() + "(id), so no row points nowhere."));
        }
        for (const auto& i : t.value("indexes", json::array())) {
            ++wanted;
            if (schema_indexed(*found, i.get<std::string>()))
                ++met;
            else
                g.findings.push_back(drill_finding(
                    "missing-index", "data-model", "major",
                    "Nothing indexes " + name + "(" + i.get<std::string>() + "), which the queries filter by.",
                    "CREATE INDEX ON " + name + " (" + i.get<std::string>() + ");"));
        }
    }
    // The evaluator's own findings on what it saw (unbounded VARCHAR, files in the database, ...),
    // unless the expected elements already said the same.
    for (const auto& f : e.findings) {
        const bool known =
            std::any_of(g.findings.begin(), g.findings.end(), [&](const json& x) { return x.value("id", "") == f.id; });
        if (!known) g.findings.push_back(drill_finding(f.id, "data-model", f.severity, f.message, f.advice));
    }
    const double coverage = wanted == 0 ? 0.0 : static_cast<double>(met) / static_cast<double>(wanted);
    g.score = tables.empty() ? 0.0 : 0.7 * coverage + 0.3 * evaluator_score;
    g.correct = all_tables && g.score >= 0.7;
    if (tables.empty())
        g.notes.push_back("No CREATE TABLE statement could be read: write the schema as SQL DDL.");
    else
        g.notes.push_back("Your schema has " + std::to_string(met) + " of the " + std::to_string(wanted) +
                          " expected tables, columns, references and indexes.");
    return g;
}

}  // namespace rehearse::drill_graders
