#include "rehearse/core/answer/sql_schema.hpp"
#include <rehearse/sdk/text.hpp>

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace rehearse {

using nlohmann::json;

namespace {

using sdk::text::lower;

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

struct token {
    enum kind_t { ident, quoted, number, string, punct } kind;
    std::size_t pos;
    std::size_t len;
    std::string word;  // lowercased identifier / unquoted name / the punctuation / string contents
};

/// Splits a statement into tokens, skipping comments. Unterminated strings and comments end at the
/// end of the text: the grammar reports them, the pre-pass only must not read past the end.
std::vector<token> tokenize(std::string_view s) {
    std::vector<token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const auto end = s.find("*/", i + 2);
            i = end == std::string_view::npos ? s.size() : end + 2;
        } else if (c == '\'' || c == '"' || c == '`') {
            std::size_t j = i + 1;
            std::string text;
            while (j < s.size()) {
                if (s[j] == c) {
                    if (j + 1 < s.size() && s[j + 1] == c) {  // doubled quote
                        text += c;
                        j += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\'' && s[j] == '\\' && j + 1 < s.size()) ++j;
                text += s[j++];
            }
            const std::size_t end = std::min(j + 1, s.size());
            out.push_back({c == '\'' ? token::string : token::quoted, i, end - i, c == '\'' ? text : lower(text)});
            i = end;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
            out.push_back({token::number, i, j - i, std::string(s.substr(i, j - i))});
            i = j;
        } else if (is_ident_char(c) || static_cast<unsigned char>(c) >= 0x80) {
            std::size_t j = i;
            while (j < s.size() && (is_ident_char(s[j]) || static_cast<unsigned char>(s[j]) >= 0x80)) ++j;
            out.push_back({token::ident, i, j - i, lower(s.substr(i, j - i))});
            i = j;
        } else {
            out.push_back({token::punct, i, 1, std::string(1, c)});
            ++i;
        }
    }
    return out;
}

bool is_name(const token& t) { return t.kind == token::ident || t.kind == token::quoted; }

/// Index of the token closing the parenthesis opened at `open`, or tokens.size().
std::size_t matching(const std::vector<token>& t, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < t.size(); ++i) {
        if (t[i].kind != token::punct) continue;
        if (t[i].word == "(")
            ++depth;
        else if (t[i].word == ")" && --depth == 0)
            return i;
    }
    return t.size();
}

struct inline_index {
    std::string table;
    std::string name;
    std::vector<std::string> columns;
    bool unique = false;
};

/// The pre-pass's result: PostgreSQL text of the same length plus what it took out.
struct rewritten {
    std::string text;
    std::size_t prefix = 0;  // characters inserted in front ("CREATE TABLE ")
    std::vector<inline_index> indexes;
    std::map<std::string, std::vector<std::string>> enum_values;  // column -> values
    std::set<std::string> auto_increment;
    bool cassandra = false;  // wide-row tables: no foreign keys or secondary indexes expected
};

const std::set<std::string> statement_keywords{"create", "alter", "drop",    "select", "insert", "update", "delete",
                                               "with",   "grant", "comment", "begin",  "commit", "set",    "truncate"};
const std::set<std::string> int_types{"tinyint", "smallint", "mediumint", "int", "integer", "bigint"};
// Cassandra's collection and wrapper types, whose element types follow in angle brackets.
const std::set<std::string> collection_types{"map", "list", "set", "frozen", "tuple", "vector"};
const std::set<std::string> element_keywords{"constraint", "primary", "foreign", "unique",   "check",  "exclude",
                                             "like",       "index",   "key",     "fulltext", "spatial"};

rewritten prepass(std::string_view stmt) {
    rewritten r;
    std::string s(stmt);
    auto blank = [&](std::size_t from, std::size_t to) {  // [from, to) in s, newlines kept
        for (std::size_t i = from; i < to && i < s.size(); ++i)
            if (s[i] != '\n') s[i] = ' ';
    };
    for (auto& c : s)
        if (c == '`') c = '"';
    const auto t = tokenize(stmt);
    if (t.empty()) {
        r.text = s;
        return r;
    }
    // Pseudo-DDL as coaches write it on a whiteboard: `documents ( id UUID PRIMARY KEY, ... )`.
    const bool bare_table = is_name(t[0]) && !statement_keywords.count(t[0].word) && t.size() > 1 &&
                            t[1].kind == token::punct && t[1].word == "(";
    std::size_t name_at = 0;
    bool create_table = false;
    if (bare_table) {
        create_table = true;
        name_at = 0;
    } else if (t.size() > 2 && t[0].word == "create") {
        std::size_t i = 1;
        while (i < t.size() && (t[i].word == "temporary" || t[i].word == "temp" || t[i].word == "unlogged" ||
                                t[i].word == "global" || t[i].word == "local"))
            ++i;
        if (i < t.size() && t[i].word == "table") {
            create_table = true;
            ++i;
            if (i + 2 < t.size() && t[i].word == "if" && t[i + 1].word == "not" && t[i + 2].word == "exists") i += 3;
            name_at = i;
        }
    }
    if (create_table) {
        std::size_t open = name_at;
        while (open < t.size() && !(t[open].kind == token::punct && t[open].word == "(")) ++open;
        std::string table;
        for (std::size_t i = name_at; i < open; ++i)
            if (is_name(t[i])) table = t[i].word;  // last part of schema.table
        const std::size_t close = matching(t, open);
        // Walk the elements between top-level commas.
        std::size_t start = open + 1;
        while (start < close) {
            std::size_t end = start;
            int depth = 0;
            int angle = 0;  // inside a collection type's brackets: map<text, int>
            while (end < close) {
                const auto& k = t[end];
                if (k.kind == token::punct && k.word == "(") ++depth;
                if (k.kind == token::punct && k.word == ")") --depth;
                if (k.kind == token::punct && k.word == "<" && end > start && t[end - 1].kind == token::ident &&
                    collection_types.count(t[end - 1].word))
                    ++angle;
                if (k.kind == token::punct && k.word == ">" && angle > 0) --angle;
                if (depth == 0 && angle == 0 && k.kind == token::punct && k.word == ",") break;
                ++end;
            }
            // [start, end) is one element; t[end] is "," or the closing ")".
            const std::string first = t[start].kind == token::ident ? t[start].word : "";
            std::size_t i = start;
            bool unique = false;
            if (first == "unique" && start + 1 < end && (t[start + 1].word == "index" || t[start + 1].word == "key")) {
                unique = true;
                ++i;
            }
            const std::string kw = t[i].kind == token::ident ? t[i].word : "";
            bool removed = false;
            if (kw == "index" || kw == "key" || kw == "fulltext" || kw == "spatial") {
                // MySQL's inline index: KEYWORD [name] (col, ...). PostgreSQL's grammar would read
                // it as a column called "index" of a type called name(col), so take it out here.
                std::size_t j = i + 1;
                if (j < end && (t[j].word == "index" || t[j].word == "key")) ++j;  // FULLTEXT INDEX
                inline_index idx{table, "", {}, unique};
                if (j < end && is_name(t[j]) && !(t[j].kind == token::punct)) idx.name = t[j++].word;
                if (j < end && t[j].kind == token::punct && t[j].word == "(") {
                    const std::size_t c = matching(t, j);
                    bool names_only = c < end;
                    for (std::size_t k = j + 1; k < c && names_only; ++k) {
                        if (is_name(t[k])) {
                            if (t[k].word != "asc" && t[k].word != "desc") idx.columns.push_back(t[k].word);
                        } else if (t[k].kind == token::punct && t[k].word == ",") {
                        } else if (t[k].kind == token::punct && t[k].word == "(") {  // prefix length col(10)
                            const std::size_t cc = matching(t, k);
                            k = cc;
                        } else {
                            names_only = false;
                        }
                    }
                    if (names_only && !idx.columns.empty()) {
                        r.indexes.push_back(idx);
                        // Blank the element and the comma that separates it from its neighbour.
                        const std::size_t from = start > open + 1 ? t[start - 1].pos : t[start].pos;
                        const std::size_t to =
                            (start > open + 1 || end >= close) ? t[end - 1].pos + t[end - 1].len : t[end].pos + 1;
                        blank(from, to);
                        removed = true;
                    }
                }
            }
            if (!removed && first == "primary") {
                // Cassandra's composite partition key PRIMARY KEY ((a, b), c): flatten.
                for (std::size_t k = start; k < end; ++k) {
                    if (t[k].kind == token::punct && t[k].word == "(") {
                        const std::size_t c = matching(t, k);
                        for (std::size_t m = k + 1; m < c && m < end; ++m)
                            if (t[m].kind == token::punct && (t[m].word == "(" || t[m].word == ")")) {
                                blank(t[m].pos, t[m].pos + 1);
                                r.cassandra = true;
                            }
                        break;
                    }
                }
            }
            if (!removed && is_name(t[start]) && !element_keywords.count(first)) {
                const std::string column = t[start].word;
                for (std::size_t k = start + 1; k < end; ++k) {
                    const auto& w = t[k];
                    if (w.kind == token::ident && (w.word == "enum" || w.word == "set") && k + 1 < end &&
                        t[k + 1].word == "(") {
                        const std::size_t c = matching(t, k + 1);
                        std::vector<std::string> values;
                        for (std::size_t m = k + 2; m < c && m < end; ++m)
                            if (t[m].kind == token::string) values.push_back(t[m].word);
                        r.enum_values[column] = values;
                        const std::size_t stop = c < end ? t[c].pos + 1 : t[end - 1].pos + t[end - 1].len;
                        blank(w.pos, stop);
                        s.replace(w.pos, 4, "enum");
                        k = c;
                    } else if (w.kind == token::ident && int_types.count(w.word) && k + 1 < end &&
                               t[k + 1].word == "(") {
                        const std::size_t c = matching(t, k + 1);
                        if (c < end) blank(t[k + 1].pos, t[c].pos + 1);
                        k = c;
                    } else if (w.kind == token::ident &&
                               (w.word == "unsigned" || w.word == "zerofill" || w.word == "signed")) {
                        blank(w.pos, w.pos + w.len);
                    } else if (w.kind == token::ident && (w.word == "auto_increment" || w.word == "autoincrement")) {
                        r.auto_increment.insert(column);
                        blank(w.pos, w.pos + w.len);
                    } else if (w.kind == token::ident && w.word == "comment" && k + 1 < end &&
                               t[k + 1].kind == token::string) {
                        blank(w.pos, t[k + 1].pos + t[k + 1].len);
                        ++k;
                    } else if (w.kind == token::ident && w.word == "on" && k + 2 < end && t[k + 1].word == "update") {
                        std::size_t stop = k + 2;
                        if (stop + 1 < end && t[stop + 1].word == "(") stop = matching(t, stop + 1);
                        blank(w.pos, t[std::min(stop, end - 1)].pos + t[std::min(stop, end - 1)].len);
                        k = stop;
                    } else if (w.kind == token::ident && (w.word == "character" || w.word == "charset")) {
                        std::size_t stop = k + 1;
                        if (w.word == "character" && stop < end && t[stop].word == "set") ++stop;
                        if (stop < end) blank(w.pos, t[stop].pos + t[stop].len);
                        k = stop;
                    } else if (w.kind == token::punct && w.word == "<" && t[k - 1].kind == token::ident &&
                               collection_types.count(t[k - 1].word)) {
                        // Cassandra collections: map<text, int>, frozen<list<text>>. A "<" anywhere
                        // else is a comparison: CHECK (size_bytes <= 1048576).
                        int depth = 0;
                        std::size_t m = k;
                        for (; m < end; ++m) {
                            if (t[m].word == "<") ++depth;
                            if (t[m].word == ">" && --depth == 0) break;
                        }
                        if (m < end) {
                            blank(w.pos, t[m].pos + 1);
                            k = m;
                        }
                    }
                }
            }
            start = end + 1;
        }
        // Table options: keep PostgreSQL's, drop MySQL's (ENGINE=, CHARSET=) and Cassandra's (WITH ...).
        if (close + 1 < t.size()) {
            const std::string& next = t[close + 1].word;
            if (next != "partition" && next != "inherits" && next != "tablespace" && next != "using") {
                if (next == "with") r.cassandra = true;  // WITH CLUSTERING ORDER BY / compaction options
                blank(t[close + 1].pos, s.size());
            }
        }
    }
    if (bare_table) {
        r.prefix = 13;
        r.text = "CREATE TABLE " + s;
    } else {
        r.text = std::move(s);
    }
    return r;
}

/// True when the text at `pos` begins a statement: CREATE/ALTER/... or `identifier (`.
bool starts_statement(std::string_view sql, std::size_t pos) {
    while (pos < sql.size() && (sql[pos] == ' ' || sql[pos] == '\t')) ++pos;
    std::size_t end = pos;
    while (end < sql.size() && is_ident_char(sql[end])) ++end;
    if (end == pos) return false;
    const std::string word = lower(sql.substr(pos, end - pos));
    if (word == "create" || word == "alter" || word == "drop" || word == "insert" || word == "select") return true;
    while (end < sql.size() && (sql[end] == ' ' || sql[end] == '\t')) ++end;
    return end < sql.size() && sql[end] == '(' && !statement_keywords.count(word) && !element_keywords.count(word);
}

/// The statement so far ends with a closing parenthesis (ignoring spaces and `--` comments).
bool closed_by_paren(std::string_view sql, std::size_t start, std::size_t end) {
    std::size_t i = end;
    while (i > start) {
        // Skip a trailing comment on the previous lines.
        const std::size_t line_start = [&] {
            const auto nl = sql.rfind('\n', i - 1);
            return nl == std::string_view::npos || nl < start ? start : nl + 1;
        }();
        std::string_view line = sql.substr(line_start, i - line_start);
        if (const auto dash = line.find("--"); dash != std::string_view::npos) line = line.substr(0, dash);
        const auto last = line.find_last_not_of(" \t\r");
        if (last != std::string_view::npos) return line[last] == ')';
        if (line_start == start) return false;
        i = line_start - 1;
    }
    return false;
}

/// Splits on top-level semicolons, outside quotes and comments; returns [offset, length) pairs.
std::vector<std::pair<std::size_t, std::size_t>> split_statements(std::string_view sql) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t start = 0, i = 0;
    int depth = 0;
    auto push = [&](std::size_t end) {
        std::size_t a = start, b = end;
        while (a < b && std::isspace(static_cast<unsigned char>(sql[a]))) ++a;
        if (a < b) out.emplace_back(a, b - a);
    };
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            while (i < sql.size() && sql[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            const auto end = sql.find("*/", i + 2);
            i = end == std::string_view::npos ? sql.size() : end + 2;
        } else if (c == '\'' || c == '"' || c == '`') {
            const auto end = sql.find(c, i + 1);
            i = end == std::string_view::npos ? sql.size() : end + 1;
        } else {
            if (c == '(') ++depth;
            if (c == ')' && depth > 0) --depth;
            if (c == ';' && depth == 0) {
                push(i);
                start = i + 1;
            } else if (c == '\n' && depth == 0 && starts_statement(sql, i + 1) && closed_by_paren(sql, start, i)) {
                // Whiteboard DDL often omits semicolons between tables: a new `name (` or CREATE
                // line after a closed parenthesis starts the next statement.
                push(i);
                start = i + 1;
            }
            ++i;
        }
    }
    push(sql.size());
    return out;
}

bool only_comments(std::string_view s) { return tokenize(s).empty(); }

std::string sval(const json& node) {
    if (node.is_object() && node.contains("String")) return lower(node["String"].value("sval", ""));
    return "";
}

std::vector<std::string> names(const json& list) {
    std::vector<std::string> out;
    if (!list.is_array()) return out;
    for (const auto& n : list) out.push_back(sval(n));
    return out;
}

std::string type_name(const json& tn, json& length) {
    length = nullptr;
    const auto parts = names(tn.value("names", json::array()));
    std::string name = parts.empty() ? "" : parts.back();
    static const std::map<std::string, std::string> canonical{
        {"int4", "int"},      {"int8", "bigint"}, {"int2", "smallint"}, {"bpchar", "char"},
        {"float8", "double"}, {"float4", "real"}, {"bool", "boolean"},  {"timestamptz", "timestamptz"}};
    if (const auto it = canonical.find(name); it != canonical.end()) name = it->second;
    if (tn.contains("typmods") && tn["typmods"].is_array() && !tn["typmods"].empty()) {
        const auto& m = tn["typmods"][0];
        if (m.contains("A_Const") && m["A_Const"].contains("ival")) length = m["A_Const"]["ival"].value("ival", 0);
    }
    if (tn.contains("arrayBounds")) name += "[]";
    return name;
}

/// Collects string constants of an IN (...) check, e.g. status IN ('open', 'closed').
void check_values(const json& expr, std::string& column, std::vector<std::string>& values) {
    if (!expr.is_object() || !expr.contains("A_Expr")) return;
    const auto& a = expr["A_Expr"];
    if (a.value("kind", "") != "AEXPR_IN") return;
    if (a.contains("lexpr") && a["lexpr"].contains("ColumnRef")) {
        const auto f = names(a["lexpr"]["ColumnRef"].value("fields", json::array()));
        if (!f.empty()) column = f.back();
    }
    if (a.contains("rexpr") && a["rexpr"].contains("List"))
        for (const auto& item : a["rexpr"]["List"].value("items", json::array()))
            if (item.contains("A_Const") && item["A_Const"].contains("sval"))
                values.push_back(item["A_Const"]["sval"].value("sval", ""));
}

json& table_named(json& schema, const std::string& name) {
    for (auto& t : schema["tables"])
        if (t["name"] == name) return t;
    schema["tables"].push_back({{"name", name},
                                {"columns", json::array()},
                                {"primary_key", json::array()},
                                {"foreign_keys", json::array()},
                                {"unique", json::array()},
                                {"indexes", json::array()}});
    return schema["tables"].back();
}

/// A table-level PRIMARY KEY, UNIQUE or FOREIGN KEY constraint, as written inside CREATE TABLE or
/// added by ALTER TABLE. Other constraint types are left to the caller.
void read_key_constraint(const json& k, json& table) {
    const std::string type = k.value("contype", "");
    if (type == "CONSTR_PRIMARY") {
        table["primary_key"] = names(k.value("keys", json::array()));
    } else if (type == "CONSTR_UNIQUE") {
        table["unique"].push_back(names(k.value("keys", json::array())));
    } else if (type == "CONSTR_FOREIGN") {
        table["foreign_keys"].push_back(
            {{"columns", names(k.value("fk_attrs", json::array()))},
             {"table", k.contains("pktable") ? lower(k["pktable"].value("relname", "")) : ""},
             {"ref_columns", names(k.value("pk_attrs", json::array()))}});
    }
}

/// Single-column foreign keys declared as table constraints also mark their column, unless the
/// column already names its own reference.
void mark_foreign_key_columns(json& table) {
    for (const auto& fk : table["foreign_keys"])
        if (fk["columns"].size() == 1)
            for (auto& c : table["columns"])
                if (c["name"] == fk["columns"][0] && c["references"].is_null())
                    c["references"] = {{"table", fk["table"]},
                                       {"column", fk["ref_columns"].empty() ? "" : fk["ref_columns"][0]}};
}

void read_create(const json& cs, const rewritten& rw, json& schema) {
    const std::string name = lower(cs["relation"].value("relname", ""));
    json& table = table_named(schema, name);
    for (const auto& elt : cs.value("tableElts", json::array())) {
        if (elt.contains("ColumnDef")) {
            const auto& cd = elt["ColumnDef"];
            json col{{"name", lower(cd.value("colname", ""))},
                     {"primary_key", false},
                     {"unique", false},
                     {"not_null", false},
                     {"references", nullptr}};
            json length;
            col["type"] = cd.contains("typeName") ? type_name(cd["typeName"], length) : "";
            col["length"] = length;
            const std::string cname = col["name"];
            if (const auto it = rw.enum_values.find(cname); it != rw.enum_values.end()) col["values"] = it->second;
            if (rw.auto_increment.count(cname)) col["auto_increment"] = true;
            for (const auto& c : cd.value("constraints", json::array())) {
                if (!c.contains("Constraint")) continue;
                const auto& k = c["Constraint"];
                const std::string type = k.value("contype", "");
                if (type == "CONSTR_PRIMARY") {
                    col["primary_key"] = true;
                    table["primary_key"] = json::array({cname});
                } else if (type == "CONSTR_UNIQUE") {
                    col["unique"] = true;
                    table["unique"].push_back(json::array({cname}));
                } else if (type == "CONSTR_NOTNULL") {
                    col["not_null"] = true;
                } else if (type == "CONSTR_FOREIGN") {
                    const auto ref_cols = names(k.value("pk_attrs", json::array()));
                    const std::string ref = lower(k["pktable"].value("relname", ""));
                    col["references"] = {{"table", ref}, {"column", ref_cols.empty() ? "" : ref_cols.front()}};
                    table["foreign_keys"].push_back(
                        {{"columns", json::array({cname})}, {"table", ref}, {"ref_columns", ref_cols}});
                } else if (type == "CONSTR_CHECK") {
                    std::string column;
                    std::vector<std::string> values;
                    check_values(k.value("raw_expr", json::object()), column, values);
                    if (!values.empty()) col["values"] = values;
                }
            }
            table["columns"].push_back(std::move(col));
        } else if (elt.contains("Constraint")) {
            const auto& k = elt["Constraint"];
            if (k.value("contype", "") == "CONSTR_CHECK") {
                std::string column;
                std::vector<std::string> values;
                check_values(k.value("raw_expr", json::object()), column, values);
                for (auto& c : table["columns"])
                    if (c["name"] == column && !values.empty()) c["values"] = values;
            } else {
                read_key_constraint(k, table);
            }
        }
    }
    mark_foreign_key_columns(table);
    if (rw.cassandra) table["nosql"] = true;
    for (const auto& idx : rw.indexes)
        table["indexes"].push_back({{"name", idx.name},
                                    {"columns", idx.columns},
                                    {"unique", idx.unique},
                                    {"partial", false},
                                    {"inline", true}});
}

/// ALTER TABLE ... ADD CONSTRAINT: keys and foreign keys added after the table.
void read_alter(const json& as, json& schema) {
    if (!as.contains("relation")) return;
    json& table = table_named(schema, lower(as["relation"].value("relname", "")));
    for (const auto& cmd : as.value("cmds", json::array())) {
        if (!cmd.contains("AlterTableCmd")) continue;
        const auto& c = cmd["AlterTableCmd"];
        if (c.value("subtype", "") != "AT_AddConstraint" || !c.contains("def") || !c["def"].contains("Constraint"))
            continue;
        read_key_constraint(c["def"]["Constraint"], table);
    }
    mark_foreign_key_columns(table);
}

void read_index(const json& is, json& schema) {
    const std::string name = lower(is["relation"].value("relname", ""));
    std::vector<std::string> cols;
    for (const auto& p : is.value("indexParams", json::array())) {
        if (!p.contains("IndexElem")) continue;
        const auto& e = p["IndexElem"];
        if (e.contains("name")) {
            cols.push_back(lower(e.value("name", "")));
        } else if (e.contains("expr")) {
            // MySQL prefix index col(10) reads as a function call named after the column.
            const auto& x = e["expr"];
            if (x.contains("FuncCall")) {
                const auto n = names(x["FuncCall"].value("funcname", json::array()));
                if (!n.empty()) cols.push_back(n.back());
            } else if (x.contains("ColumnRef")) {
                const auto n = names(x["ColumnRef"].value("fields", json::array()));
                if (!n.empty()) cols.push_back(n.back());
            }
        }
    }
    json& table = table_named(schema, name);
    table["indexes"].push_back({{"name", lower(is.value("idxname", ""))},
                                {"columns", cols},
                                {"unique", is.value("unique", false)},
                                {"partial", is.contains("whereClause")},
                                {"inline", false}});
}

/// Columns a query filters or joins by: `WHERE d.user_id = $1`, `JOIN x ON a.b = x.c`.
void collect_filters(const json& node, const std::string& table, json& schema, int depth = 0) {
    if (depth > 64) return;  // a hostile nesting must not blow the stack
    if (node.is_object()) {
        if (node.contains("ColumnRef")) {
            const auto f = names(node["ColumnRef"].value("fields", json::array()));
            if (!f.empty() && !f.back().empty()) schema["filters"].push_back({{"table", table}, {"column", f.back()}});
            return;
        }
        for (const auto& [k, v] : node.items()) collect_filters(v, table, schema, depth + 1);
    } else if (node.is_array()) {
        for (const auto& v : node) collect_filters(v, table, schema, depth + 1);
    }
}

void read_statement(const json& stmt, const rewritten& rw, json& schema) {
    if (stmt.contains("CreateStmt")) {
        read_create(stmt["CreateStmt"], rw, schema);
    } else if (stmt.contains("IndexStmt")) {
        read_index(stmt["IndexStmt"], schema);
    } else if (stmt.contains("AlterTableStmt")) {
        read_alter(stmt["AlterTableStmt"], schema);
    } else if (stmt.contains("CreateEnumStmt")) {
        schema["enums"].push_back({{"name", names(stmt["CreateEnumStmt"].value("typeName", json::array())).back()},
                                   {"values", names(stmt["CreateEnumStmt"].value("vals", json::array()))}});
    } else if (stmt.contains("SelectStmt") || stmt.contains("UpdateStmt") || stmt.contains("DeleteStmt")) {
        const auto& s = stmt.begin().value();
        std::string table;
        if (s.contains("fromClause") && !s["fromClause"].empty() && s["fromClause"][0].contains("RangeVar"))
            table = lower(s["fromClause"][0]["RangeVar"].value("relname", ""));
        if (s.contains("relation")) table = lower(s["relation"].value("relname", ""));
        if (s.contains("whereClause")) collect_filters(s["whereClause"], table, schema);
    }
}

}  // namespace

json empty_schema() {
    return {{"tables", json::array()},
            {"enums", json::array()},
            {"filters", json::array()},
            {"errors", json::array()},
            {"statements", 0}};
}

void read_sql_block(std::string_view sql, int first_line, json& schema) {
    if (!schema.is_object() || !schema.contains("tables")) schema = empty_schema();
    for (const auto& [offset, length] : split_statements(sql)) {
        const std::string_view stmt = sql.substr(offset, length);
        if (only_comments(stmt)) continue;
        schema["statements"] = schema["statements"].get<int>() + 1;
        const rewritten rw = prepass(stmt);
        PgQueryParseResult result = pg_query_parse(rw.text.c_str());
        // Owns the C result from here on, whatever happens below.
        std::unique_ptr<PgQueryParseResult, void (*)(PgQueryParseResult*)> guard(
            &result, [](PgQueryParseResult* r) { pg_query_free_parse_result(*r); });
        if (result.error) {
            // cursorpos is 1-based in the rewritten text; the pre-pass kept positions except for
            // an inserted prefix.
            std::size_t pos = result.error->cursorpos > 0 ? static_cast<std::size_t>(result.error->cursorpos - 1) : 0;
            pos = pos >= rw.prefix ? pos - rw.prefix : 0;
            pos = std::min(pos, stmt.size());
            const std::size_t absolute = offset + pos;
            const int line = first_line + static_cast<int>(std::count(
                                              sql.begin(), sql.begin() + static_cast<std::ptrdiff_t>(absolute), '\n'));
            const auto line_start = sql.rfind('\n', absolute == 0 ? 0 : absolute - 1);
            const int column =
                static_cast<int>(absolute -
                                 (line_start == std::string_view::npos || absolute == 0 ? 0 : line_start + 1)) +
                1;
            std::string excerpt(stmt.substr(0, std::min<std::size_t>(stmt.size(), 60)));
            std::replace(excerpt.begin(), excerpt.end(), '\n', ' ');
            schema["errors"].push_back({{"message", result.error->message ? result.error->message : "syntax error"},
                                        {"line", line},
                                        {"column", column},
                                        {"statement", excerpt}});
            continue;
        }
        json tree = json::parse(result.parse_tree ? result.parse_tree : "{}", nullptr, false);
        if (tree.is_discarded()) continue;
        for (const auto& s : tree.value("stmts", json::array()))
            if (s.contains("stmt")) read_statement(s["stmt"], rw, schema);
    }
}

}  // namespace rehearse
