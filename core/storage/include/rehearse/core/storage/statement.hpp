/// @file
/// Binding and running prepared statements in one call: `bind_all(q, a, b, c)` binds ?1, ?2, ?3 in
/// order, where a run of `q.bind(1, a); q.bind(2, b); ...` stood before. An empty std::optional
/// binds NULL. Used by every area that keeps rows in the store.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <utility>

namespace rehearse {

namespace detail {

template <class T>
void bind_one(SQLite::Statement& q, int index, const T& value) {
    q.bind(index, value);
}

template <class T>
void bind_one(SQLite::Statement& q, int index, const std::optional<T>& value) {
    if (value)
        q.bind(index, *value);
    else
        q.bind(index);
}

}  // namespace detail

/// Binds `args` to the statement's parameters 1..N, in order.
template <class... Args>
void bind_all(SQLite::Statement& q, const Args&... args) {
    int index = 0;
    (detail::bind_one(q, ++index, args), ...);
}

/// Prepares `sql`, binds `args` and runs it; returns the number of rows it changed.
template <class... Args>
int execute(SQLite::Database& db, const char* sql, const Args&... args) {
    SQLite::Statement q(db, sql);
    bind_all(q, args...);
    return q.exec();
}

}  // namespace rehearse
