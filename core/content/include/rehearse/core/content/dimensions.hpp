/// @file
/// The rubric dimensions (docs/answers.md). Ids are stable. Defined once, in the SDK, so plugins and
/// the core agree on them; the core uses them under its own namespace.
#pragma once

#include <rehearse/sdk/dimensions.hpp>

#include <string>

namespace rehearse {

using sdk::all_difficulties;
using sdk::all_dimensions;
using sdk::is_dimension;

/// "requirements, estimation, ..., communication": every dimension in rubric order, for messages.
inline const std::string& dimension_list() {
    static const std::string list = [] {
        std::string s;
        for (auto d : all_dimensions) s += (s.empty() ? "" : ", ") + std::string(d);
        return s;
    }();
    return list;
}

}  // namespace rehearse
