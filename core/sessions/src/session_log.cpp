#include "rehearse/core/sessions/session_log.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <random>

namespace rehearse {

std::string new_session_id(std::string_view kind) {
    static constexpr char hex[] = "0123456789abcdef";
    std::random_device rd;
    std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    std::string id(1, kind.empty() ? 's' : kind.front());
    std::uint64_t bits = gen();
    for (int i = 0; i < 16; ++i, bits >>= 4) id.push_back(hex[bits & 0xf]);
    return id;
}

namespace {

void insert_session_events(SQLite::Database& db, const std::string& id, const std::vector<session_event>& events) {
    SQLite::Statement next(db, "SELECT COALESCE(MAX(seq), 0) FROM session_events WHERE session_id = ?1");
    bind_all(next, id);
    next.executeStep();
    std::int64_t seq = next.getColumn(0).getInt64();
    SQLite::Statement insert(db,
                             "INSERT INTO session_events(session_id, seq, at, type, data) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& e : events) {
        bind_all(insert, id, ++seq, format_iso8601(e.at), e.type, e.data.dump());
        insert.exec();
        insert.reset();
    }
}

}  // namespace

void insert_session(SQLite::Database& db, const session_record& s) {
    const std::string at = format_iso8601(s.created_at);
    execute(db,
            "INSERT INTO sessions(id, learner_id, kind, subject, state, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            s.id, s.learner_id, s.kind, s.subject, s.state, at);
    insert_session_events(db, s.id, s.events);
}

void append_session_events(SQLite::Database& db, const session_record& s, const std::vector<session_event>& events,
                           bool finished) {
    insert_session_events(db, s.id, events);
    const std::string at = events.empty() ? format_iso8601(s.created_at) : format_iso8601(events.back().at);
    execute(db, "UPDATE sessions SET updated_at = ?2, state = ?3 WHERE id = ?1", s.id, at,
            std::string(finished ? "finished" : s.state));
}

session_record load_session(SQLite::Database& db, const learner& who, std::string_view kind, std::string_view id) {
    SQLite::Statement head(db,
                           "SELECT id, learner_id, kind, subject, state, created_at FROM sessions "
                           "WHERE id = ?1 AND learner_id = ?2 AND kind = ?3");
    bind_all(head, std::string(id), who.id, std::string(kind));
    if (!head.executeStep())
        throw error(errc::not_found, "no " + std::string(kind) + " session \"" + std::string(id) + "\" for learner \"" +
                                         who.name + "\"");
    session_record s;
    s.id = head.getColumn(0).getString();
    s.learner_id = head.getColumn(1).getInt64();
    s.kind = head.getColumn(2).getString();
    s.subject = head.getColumn(3).getString();
    s.state = head.getColumn(4).getString();
    s.created_at = parse_iso8601(head.getColumn(5).getString());
    SQLite::Statement q(db, "SELECT at, type, data FROM session_events WHERE session_id = ?1 ORDER BY seq");
    bind_all(q, s.id);
    while (q.executeStep()) {
        session_event e;
        e.at = parse_iso8601(q.getColumn(0).getString());
        e.type = q.getColumn(1).getString();
        e.data = nlohmann::json::parse(q.getColumn(2).getString());
        s.events.push_back(std::move(e));
    }
    return s;
}

std::vector<session_record> list_sessions(store& st, const learner& who, std::string_view kind) {
    std::vector<session_record> out;
    st.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db,
                            "SELECT id, subject, state, created_at FROM sessions WHERE learner_id = ?1 AND kind = ?2 "
                            "ORDER BY created_at DESC, id");
        bind_all(q, who.id, std::string(kind));
        while (q.executeStep()) {
            session_record s;
            s.id = q.getColumn(0).getString();
            s.learner_id = who.id;
            s.kind = std::string(kind);
            s.subject = q.getColumn(1).getString();
            s.state = q.getColumn(2).getString();
            s.created_at = parse_iso8601(q.getColumn(3).getString());
            out.push_back(std::move(s));
        }
    });
    return out;
}

}  // namespace rehearse
