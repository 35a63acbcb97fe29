/// @file
/// A coaching session as the store keeps it: a header (who, what kind, about which problem or
/// lesson, open or finished) and an append-only log of events. A session's state is a pure function
/// of its log, and every step appends its events in one transaction, so a killed process loses at
/// most the step in flight and any process (the CLI or the HTTP server) can continue a session.
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/storage/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace rehearse {

struct session_event {
    sys_ms at{};
    std::string type;  ///< started | candidate | interviewer | section | phase | hint | finished | ...
    nlohmann::json data = nlohmann::json::object();
};

struct session_record {
    std::string id;
    std::int64_t learner_id = 0;
    std::string kind;     ///< mock | teach
    std::string subject;  ///< the problem or lesson id
    std::string state = "open";
    sys_ms created_at{};
    std::vector<session_event> events;  ///< in the order they happened
};

/// A fresh session id: the kind's first letter and 16 random hex digits ("m3f0c...").
std::string new_session_id(std::string_view kind);

/// Stores a new session (header and its events) inside the caller's transaction.
void insert_session(SQLite::Database& db, const session_record& s);

/// Appends events to a stored session inside the caller's transaction; `finished` closes it.
void append_session_events(SQLite::Database& db, const session_record& s, const std::vector<session_event>& events,
                           bool finished);

/// The learner's session of this kind with its whole log. error(not_found) for an unknown id, a
/// session of another learner or of another kind.
session_record load_session(SQLite::Database& db, const learner& who, std::string_view kind, std::string_view id);

/// The learner's sessions of a kind, newest first, without their events.
std::vector<session_record> list_sessions(store& s, const learner& who, std::string_view kind);

}  // namespace rehearse
