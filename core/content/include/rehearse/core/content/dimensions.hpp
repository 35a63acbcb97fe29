/// @file
/// The rubric dimensions (CONTRACT §4). Ids are stable.
#pragma once

#include <array>
#include <string_view>

namespace rehearse {

inline constexpr std::array<std::string_view, 8> all_dimensions{
    "requirements", "estimation", "architecture", "data-model", "api", "scaling", "reliability", "communication"};

inline bool is_dimension(std::string_view id) noexcept {
    for (auto d : all_dimensions)
        if (d == id) return true;
    return false;
}

inline constexpr std::array<std::string_view, 3> all_difficulties{"easy", "medium", "hard"};

}  // namespace rehearse
