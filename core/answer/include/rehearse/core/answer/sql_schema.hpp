/// @file
/// Reads the DDL of an answer's ```sql blocks into a schema model: tables, columns and types,
/// primary keys, foreign keys (inline REFERENCES and table constraints), indexes (CREATE INDEX,
/// UNIQUE, partial, composite, MySQL's inline INDEX), CHECK/ENUM value lists.
///
/// The parser is PostgreSQL's own grammar (libpg_query). A thin token-level pre-pass first rewrites
/// the MySQL and Cassandra spellings the seeds use (backticks, ENUM('a'), INT(11), AUTO_INCREMENT,
/// inline `INDEX name (col)`, `WITH CLUSTERING ORDER BY`, `PRIMARY KEY ((a, b), c)`, table options)
/// into PostgreSQL, keeping every character position so parser errors still point at the learner's
/// text. Statements are parsed one at a time: one bad statement becomes an error entry and the rest
/// of the schema is still read.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace rehearse {

/// Adds one SQL block to `schema` (created on first use):
/// {"tables":[{"name","columns":[{"name","type","length","primary_key","unique","not_null",
///   "references":{"table","column"}|null,"values":[...]}],"primary_key":[...],
///   "foreign_keys":[{"columns","table","ref_columns"}],"unique":[[...]],
///   "indexes":[{"name","columns","unique","partial","inline"}]}],
///  "enums":[{"name","values"}], "filters":[{"table","column"}],
///  "errors":[{"message","line","column","statement"}], "statements": n}
/// `first_line` is the answer line of the block's first line, so errors name answer lines.
void read_sql_block(std::string_view sql, int first_line, nlohmann::json& schema);

/// A fresh, empty schema model.
nlohmann::json empty_schema();

}  // namespace rehearse
