// Data model: keys, indexes, tenancy, audit trail, where file bytes live, bounded strings.
#include "common.hpp"

#include <map>
#include <set>

namespace rehearse::evaluators {

namespace {

const std::set<std::string>& tenant_keys() {
    static const std::set<std::string> s{"company_id",      "tenant_id",  "org_id",       "organization_id",
                                         "organisation_id", "account_id", "workspace_id", "firm_id",
                                         "customer_id",     "team_id",    "law_firm_id",  "client_company_id"};
    return s;
}

bool tenant_table(const std::string& name) {
    for (const char* t : {"compan", "tenant", "organi", "account", "workspace", "firm"})
        if (name.find(t) != std::string::npos) return true;
    return false;
}

bool history_table(const std::string& name) {
    for (const char* t : {"history", "audit", "event", "log", "change", "version", "activit", "transition", "revision"})
        if (name.find(t) != std::string::npos) return true;
    return false;
}

bool binary_type(const std::string& t) {
    return t == "bytea" || t == "blob" || t == "longblob" || t == "mediumblob" || t == "tinyblob" || t == "binary" ||
           t == "varbinary" || t == "image" || t == "oid" || t == "bfile";
}

/// Small binary values are fine in a row: hashes, keys, salts, tokens, ids.
bool small_binary_name(const std::string& n) {
    for (const char* t : {"hash", "checksum", "digest", "salt", "token", "key", "iv", "nonce", "signature", "uuid",
                          "fingerprint", "sha", "md5", "etag", "id"})
        if (n.find(t) != std::string::npos) return true;
    return false;
}

/// Table a column named like `user_id` / `created_by` points at, if such a table exists.
std::string referenced_table(const std::string& col, const std::set<std::string>& tables, const std::string& self) {
    // People named by their role in the row: author_id, owner, follower, sender_id, assignee_id.
    static const std::set<std::string> roles{"author",    "owner",    "follower", "followee", "following", "sender",
                                             "recipient", "receiver", "creator",  "assignee", "reviewer",  "uploader",
                                             "requester", "reporter", "approver", "actor",    "viewer",    "liker",
                                             "blocker",   "blocked",  "inviter",  "invitee",  "editor",    "commenter"};
    std::string base;
    if (col.size() > 3 && col.compare(col.size() - 3, 3, "_id") == 0)
        base = col.substr(0, col.size() - 3);
    else if (col == "created_by" || col == "updated_by" || col == "changed_by" || col == "uploaded_by" ||
             col == "deleted_by" || col == "approved_by" || col == "reviewed_by" || col == "assigned_to" ||
             roles.count(col))
        base = "user";
    else
        return "";
    if (base.empty()) return "";
    if (roles.count(base)) {
        const bool own_table = tables.count(base) || tables.count(base + "s");
        if (!own_table) base = "user";
    }
    // "parent_document_id" -> "document"
    std::vector<std::string> candidates{base};
    if (const auto us = base.rfind('_'); us != std::string::npos) candidates.push_back(base.substr(us + 1));
    for (const auto& b : candidates)
        for (const std::string& t : {b, b + "s", b + "es", b.substr(0, b.size() - (b.back() == 'y' ? 1 : 0)) + "ies"})
            if (tables.count(t) && t != self) return t;
    return "";
}

/// referenced_table for a column definition: a bare role name ("follower") must also be typed like a key.
std::string reference_of(const json& col, const std::set<std::string>& tables, const std::string& self) {
    const std::string n = col.value("name", "");
    const std::string ref = referenced_table(n, tables, self);
    if (ref.empty()) return ref;
    const bool named_as_key = (n.size() > 3 && n.compare(n.size() - 3, 3, "_id") == 0) ||
                              (n.size() > 3 && n.compare(n.size() - 3, 3, "_by") == 0) || n == "assigned_to";
    if (named_as_key) return ref;
    const std::string type = col.value("type", "");
    for (const char* t : {"int", "bigint", "integer", "smallint", "serial", "bigserial", "uuid", "int4", "int8"})
        if (type == t) return ref;
    return "";
}

bool indexed(const json& table, const std::string& col, bool anywhere) {
    auto leads = [&](const json& cols) {
        if (!cols.is_array() || cols.empty()) return false;
        if (cols[0] == col) return true;
        if (anywhere)
            for (const auto& c : cols)
                if (c == col) return true;
        return false;
    };
    if (leads(table.value("primary_key", json::array()))) return true;
    for (const auto& u : table.value("unique", json::array()))
        if (leads(u)) return true;
    for (const auto& i : table.value("indexes", json::array()))
        if (leads(i.value("columns", json::array()))) return true;
    return false;
}

}  // namespace

json evaluate_data_model(const context& c) {
    json findings = json::array();
    json strengths = json::array();
    const json& schema = c.answer.value("schema", json::object());
    const json& tables = schema.value("tables", json::array());
    const json& flags = c.flags();
    std::set<std::string> names;
    for (const auto& t : tables) names.insert(t.value("name", ""));

    for (const auto& e : schema.value("errors", json::array()))
        findings.push_back(finding(
            "sql-parse-error", "data-model", "info",
            "One SQL statement could not be read: " + e.value("message", std::string("syntax error")) + " (line " +
                std::to_string(e.value("line", 0)) + ", column " + std::to_string(e.value("column", 0)) + ").",
            "Write DDL that runs: CREATE TABLE name (column TYPE constraints, ...); the rest of your schema was still "
            "graded.",
            excerpt(e.value("statement", ""), 100), "A schema that parses is unambiguous to the interviewer."));

    // files-in-database: binary columns for documents/media, or prose that puts file bytes in the DB.
    {
        std::string evidence;
        for (const auto& t : tables)
            for (const auto& col : t.value("columns", json::array())) {
                const std::string type = col.value("type", "");
                const std::string name = col.value("name", "");
                // Only file-like bytes count: an encrypted message envelope in BYTEA is a message.
                const std::string tname = t.value("name", "");
                bool file_like = false;
                for (const char* w :
                     {"file", "document",  "attachment", "media",   "photo",   "image", "video", "upload",
                      "blob", "asset",     "pdf",        "scan",    "content", "data",  "bytes", "binary",
                      "raw",  "thumbnail", "avatar",     "picture", "audio",   "body"})
                    if (name.find(w) != std::string::npos || tname.find(w) != std::string::npos) file_like = true;
                if (binary_type(type) && !small_binary_name(name) && file_like && evidence.empty())
                    evidence = t.value("name", "") + "." + name + " " + type;
            }
        if (evidence.empty()) {
            // "store the PDF in the database", "save files as BLOBs in Postgres".
            for (const auto& s : c.sentences) {
                if (s.kind == "code" && s.lang != "") continue;
                const auto& t = s.text;
                const bool file_word =
                    find_word(t, "file") != std::string::npos || find_word(t, "pdf") != std::string::npos ||
                    find_word(t, "image") != std::string::npos || find_word(t, "video") != std::string::npos ||
                    find_word(t, "document") != std::string::npos || find_word(t, "attachment") != std::string::npos ||
                    find_word(t, "binary") != std::string::npos || find_word(t, "content") != std::string::npos;
                if (!file_word) continue;
                // "The BYTEA columns are a SHA-256 of the file and a key id": small values, not file bytes.
                bool small_values = false;
                for (std::string_view w : {"sha-256", "sha256", "hash", "checksum", "digest", "key id", "fingerprint"})
                    if (t.find(w) != std::string::npos) small_values = true;
                if (small_values) continue;
                for (std::string_view p :
                     {"blob", "bytea", "in the database", "in the db", "in postgres", "in postgresql", "in mysql",
                      "in a column", "in the table", "inside the database"}) {
                    const auto pos = find_word(t, p);
                    if (pos == std::string::npos || negated(t, pos, p.size())) continue;
                    // Only when file bytes are the thing stored: "store ... file ... in the database".
                    const bool storing =
                        find_word(t, "store") != std::string::npos || find_word(t, "save") != std::string::npos ||
                        find_word(t, "stored") != std::string::npos || find_word(t, "keep") != std::string::npos ||
                        find_word(t, "put") != std::string::npos || find_word(t, "as a blob") != std::string::npos ||
                        p == "blob" || p == "bytea";
                    const bool metadata =
                        find_word(t, "metadata") != std::string::npos || find_word(t, "key") != std::string::npos ||
                        find_word(t, "path") != std::string::npos || find_word(t, "url") != std::string::npos ||
                        find_word(t, "reference") != std::string::npos;
                    const bool elsewhere = find_word(t, "s3") != std::string::npos ||
                                           find_word(t, "object storage") != std::string::npos ||
                                           find_word(t, "blob storage") != std::string::npos;
                    if (storing && !(metadata && p != "blob" && p != "bytea") &&
                        !(elsewhere && p != "blob" && p != "bytea")) {
                        evidence = excerpt(s.raw, 120);
                        break;
                    }
                    if ((p == "blob" || p == "bytea") && !elsewhere) {
                        evidence = excerpt(s.raw, 120);
                        break;
                    }
                }
                if (!evidence.empty()) break;
            }
        }
        if (!evidence.empty())
            findings.push_back(finding(
                "files-in-database", "data-model", "major",
                "File contents are stored in the database (" + evidence + ").",
                "Store the bytes in object storage (S3) and keep only the object key, size, content type and checksum "
                "in the table.",
                evidence,
                "Large binary columns bloat the database, slow backups and replication, and cost far more than "
                "object storage."));
    }

    // unbounded-varchar
    {
        std::string cols;
        for (const auto& t : tables)
            for (const auto& col : t.value("columns", json::array()))
                if ((col.value("type", "") == "varchar" || col.value("type", "") == "nvarchar") &&
                    col["length"].is_null())
                    cols += (cols.empty() ? "" : ", ") + t.value("name", "") + "." + col.value("name", "");
        if (!cols.empty())
            findings.push_back(finding("unbounded-varchar", "data-model", "minor",
                                       "VARCHAR columns without a length: " + cols + ".",
                                       "Give every VARCHAR a length that matches the data (VARCHAR(320) for email, "
                                       "VARCHAR(2048) for URLs) or use TEXT with a CHECK on length.",
                                       cols, "An explicit bound documents the data and rejects garbage early."));
    }

    // missing-foreign-keys: columns that point at another table with no REFERENCES.
    {
        std::string missing;
        bool any_fk = false;
        for (const auto& t : tables) {
            if (!t.value("foreign_keys", json::array()).empty()) any_fk = true;
            if (t.value("nosql", false)) continue;
            std::set<std::string> fk_cols;
            for (const auto& fk : t.value("foreign_keys", json::array()))
                for (const auto& col : fk.value("columns", json::array())) fk_cols.insert(col.get<std::string>());
            for (const auto& col : t.value("columns", json::array())) {
                const std::string n = col.value("name", "");
                if (fk_cols.count(n)) continue;
                const std::string ref = reference_of(col, names, t.value("name", ""));
                if (!ref.empty() && missing.size() < 200)
                    missing += (missing.empty() ? "" : ", ") + t.value("name", "") + "." + n + " -> " + ref;
            }
        }
        const bool nosql_answer = mention(c, {"cassandra", "dynamodb", "mongodb", "nosql"}, {"data-model"}) != nullptr;
        if (!missing.empty() && !(nosql_answer && !any_fk))
            findings.push_back(finding(
                "missing-foreign-keys", "data-model", "major",
                "Related tables are not linked with REFERENCES: " + missing + ".",
                "Declare the relationship: user_id UUID NOT NULL REFERENCES users(id); the database then refuses "
                "orphans and the join path is explicit.",
                missing, "Foreign keys keep data consistent and tell the reader how the tables relate."));
    }

    // missing-index: foreign keys, tenant keys and status columns that nothing indexes.
    {
        std::string missing;
        std::set<std::string> filters;
        for (const auto& f : schema.value("filters", json::array()))
            filters.insert(f.value("table", "") + "." + f.value("column", ""));
        // A list endpoint filters its table by its query parameters: GET /links?owner=me reads
        // links by owner_id, GET /documents?folder_id=&status= by folder_id and status.
        for (const auto& e : c.answer.value("api", json::object()).value("endpoints", json::array())) {
            if (e.value("method", "") != "GET") continue;
            std::string table;
            const std::string path = lower(e.value("path", ""));
            std::size_t pos = 0;
            while (pos < path.size()) {
                auto next = path.find('/', pos + 1);
                if (next == std::string::npos) next = path.size();
                const std::string seg = path.substr(pos + 1, next - pos - 1);
                for (const std::string& cand : {seg, seg + "s", seg.empty() ? seg : seg.substr(0, seg.size() - 1)})
                    if (!seg.empty() && names.count(cand)) table = cand;
                pos = next;
            }
            if (table.empty()) continue;
            for (const auto& q : e.value("query_params", json::array())) {
                if (!q.is_string()) continue;
                const std::string p = lower(q.get<std::string>());
                for (const std::string& col : {p, p + "_id"}) {
                    const bool key_like = (col.size() > 3 && col.compare(col.size() - 3, 3, "_id") == 0) ||
                                          col == "status" || col == "state";
                    if (key_like) filters.insert(table + "." + col);
                }
            }
        }
        for (const auto& t : tables) {
            if (t.value("nosql", false)) continue;
            const std::string tn = t.value("name", "");
            for (const auto& col : t.value("columns", json::array())) {
                const std::string n = col.value("name", "");
                const bool fk = !col["references"].is_null() || !reference_of(col, names, tn).empty();
                const bool tenant = tenant_keys().count(n) > 0;
                const bool status = (n == "status" || n == "state") && !history_table(tn);
                const bool filtered = filters.count(tn + "." + n) > 0;
                if (!fk && !tenant && !status && !filtered) continue;
                if (indexed(t, n, status)) continue;
                // An index mentioned in prose: "index on documents(company_id)".
                bool prose = false;
                for (const auto& s : c.sentences)
                    if (find_word(s.text, "index") != std::string::npos && find_word(s.text, n) != std::string::npos &&
                        !negated(s.text, find_word(s.text, "index"), 5))
                        prose = true;
                if (prose) continue;
                if (missing.size() < 200) missing += (missing.empty() ? "" : ", ") + tn + "." + n;
            }
        }
        if (!missing.empty())
            findings.push_back(finding(
                "missing-index", "data-model", "major", "Columns you filter or join by have no index: " + missing + ".",
                "For every query you expect, index the columns in its WHERE and JOIN, leading with the most "
                "selective one, e.g. CREATE INDEX ON documents(company_id, created_at).",
                missing,
                "Without an index each lookup scans the whole table; at scale queries go from milliseconds to "
                "seconds."));
    }

    // no-multi-tenancy
    if (flags.value("multi_tenant", false)) {
        bool keyed = false;
        for (const auto& t : tables) {
            if (tenant_table(t.value("name", ""))) continue;
            for (const auto& col : t.value("columns", json::array()))
                if (tenant_keys().count(col.value("name", ""))) keyed = true;
        }
        const sentence* prose = mention(c, {"tenant_id", "company_id", "org_id", "organization_id", "account_id",
                                            "row-level security", "row level security", "schema per tenant",
                                            "database per tenant", "tenant isolation", "per-tenant", "per tenant"});
        if (!keyed && !prose) {
            findings.push_back(finding(
                "no-multi-tenancy", "data-model", "critical",
                "Many companies share this system, but the tables carry no tenant key.",
                "Add company_id (NOT NULL, REFERENCES companies) to every tenant-owned table, index it first in "
                "composite indexes and filter every query by it.",
                tables.empty() ? "no tenant key mentioned" : "no company_id/tenant_id column in any table",
                "Without a tenant key one customer's query can return another customer's documents: a data leak."));
        }
    }

    // missing-audit-trail
    if (flags.value("requires_audit", false)) {
        bool table = false;
        for (const auto& n : names)
            if (history_table(n)) table = true;
        const sentence* prose = mention(
            c, {"audit log", "audit trail", "audit table", "history table", "event log", "change log", "changelog",
                "event sourcing", "status history", "version history", "append-only log", "audit"});
        if (!table && !prose)
            findings.push_back(finding(
                "missing-audit-trail", "data-model", "major",
                "The problem requires tracking changes, but nothing records who changed what and when.",
                "Add an append-only history table (entity_id, changed_by, old_value, new_value, reason, changed_at) "
                "written in the same transaction as the change.",
                "no history/audit table and no audit log mentioned",
                "Audits, disputes and debugging all need the trail; it cannot be reconstructed after the fact."));
    }

    // Score: coverage of the problem's expected entities plus basic hygiene.
    std::size_t expected = 0, matched = 0;
    for (const auto& e : c.problem.value("entities", json::array())) {
        ++expected;
        const std::string want = lower(e.value("name", ""));
        std::string stemmed = want;
        if (!stemmed.empty() && stemmed.back() == 's') stemmed.pop_back();
        bool hit = false;
        for (const auto& n : names)
            if (n.find(stemmed) != std::string::npos || stemmed.find(n) != std::string::npos) hit = true;
        if (!hit && tables.empty() && any_mention(c, {stemmed})) hit = true;
        if (hit) ++matched;
    }
    const double coverage = expected == 0 ? 0.6 : static_cast<double>(matched) / static_cast<double>(expected);
    double score = 0;
    if (!tables.empty()) {
        bool all_pk = true;
        for (const auto& t : tables)
            if (t.value("primary_key", json::array()).empty()) all_pk = false;
        score = 0.45 + 0.35 * coverage + (all_pk ? 0.2 : 0.05);
        if (all_pk && tables.size() >= 2) strengths.push_back("Your schema gives every table a primary key");
        std::size_t fks = 0, idx = 0;
        for (const auto& t : tables)
            fks += t.value("foreign_keys", json::array()).size(), idx += t.value("indexes", json::array()).size();
        if (fks >= 2)
            strengths.push_back("You linked the tables with foreign keys (" + std::to_string(fks) + " REFERENCES)");
        if (idx >= 1 && findings.empty()) strengths.push_back("You indexed the columns your queries filter by");
        bool tenant_gap = false;
        for (const auto& f : findings) tenant_gap = tenant_gap || f["id"] == "no-multi-tenancy";
        if (flags.value("multi_tenant", false) && !tenant_gap)
            strengths.push_back("You caught the multi-tenancy requirement and keyed tenant-owned tables");
    } else {
        score = 0.1 + 0.3 * coverage;
    }
    score -= penalty(findings);
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
