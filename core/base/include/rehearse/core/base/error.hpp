/// @file
/// The one error type of Rehearse. Converted at three edges only: the plugin ABI, the HTTP base
/// handler (problem+json) and the CLI's main (message + exit code).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace rehearse {

/// Stable error codes; their names appear in JSON error bodies and must not change.
enum class errc {
    usage,            ///< the caller's words are off (CLI exit 2, HTTP 400)
    not_found,        ///< unknown id (HTTP 404)
    invalid_input,    ///< malformed input: a file, a JSON body, a value (HTTP 400/422)
    invalid_content,  ///< content that violates its schema
    plugin,           ///< a plugin could not be loaded or failed a call
    store,            ///< the database refused or failed
    conflict,         ///< a concurrent change or an existing object in the way (HTTP 409)
    too_large,        ///< input over a size limit (HTTP 413)
    unauthenticated,  ///< no credentials, or ones that sign no one in (HTTP 401)
    forbidden,        ///< signed in, but not allowed to reach this (HTTP 403)
    unavailable,      ///< a passing state, e.g. the database locked by another writer: retry (HTTP 503)
    io,               ///< a file could not be read or written
    internal,         ///< a bug: should never be seen
};

/// Stable name of a code, e.g. "not_found".
std::string_view code_name(errc code) noexcept;

/// CLI exit code for an error: 2 for usage errors, 1 for everything else (docs/cli.md).
int exit_code(errc code) noexcept;

class error : public std::runtime_error {
   public:
    error(errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
    errc code() const noexcept { return code_; }

   private:
    errc code_;
};

/// A field given a value it does not take, as core reports it: `FIELD must be EXPECTED, not "VALUE"`
/// (and ` (HINT)` when there is one), e.g. `kind must be problem, lesson or review, not "nap"`.
/// Core names the field; a front that read the value from an option of its own rewords the message
/// from the parts (the CLI: `--kind takes problem, lesson or review, not "nap"`). errc::usage.
class value_error : public error {
   public:
    value_error(std::string field, std::string expected, std::string value, std::string hint = {});
    const std::string& field() const noexcept { return field_; }
    const std::string& expected() const noexcept { return expected_; }
    const std::string& value() const noexcept { return value_; }
    const std::string& hint() const noexcept { return hint_; }

   private:
    std::string field_, expected_, value_, hint_;
};

}  // namespace rehearse
