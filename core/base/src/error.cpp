#include "rehearse/core/base/error.hpp"

#include <utility>

namespace rehearse {

std::string_view code_name(errc code) noexcept {
    switch (code) {
        case errc::usage:
            return "usage";
        case errc::not_found:
            return "not_found";
        case errc::invalid_input:
            return "invalid_input";
        case errc::invalid_content:
            return "invalid_content";
        case errc::plugin:
            return "plugin";
        case errc::store:
            return "store";
        case errc::conflict:
            return "conflict";
        case errc::too_large:
            return "too_large";
        case errc::unauthenticated:
            return "unauthenticated";
        case errc::forbidden:
            return "forbidden";
        case errc::unavailable:
            return "unavailable";
        case errc::io:
            return "io";
        case errc::internal:
            return "internal";
    }
    return "internal";
}

int exit_code(errc code) noexcept { return code == errc::usage ? 2 : 1; }

value_error::value_error(std::string field, std::string expected, std::string value, std::string hint)
    : error(errc::usage,
            field + " must be " + expected + ", not \"" + value + "\"" + (hint.empty() ? "" : " (" + hint + ")")),
      field_(std::move(field)),
      expected_(std::move(expected)),
      value_(std::move(value)),
      hint_(std::move(hint)) {}

}  // namespace rehearse
