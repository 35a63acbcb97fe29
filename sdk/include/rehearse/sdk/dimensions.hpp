/// @file
/// The rubric's dimension ids and the problem difficulties (docs/answers.md). Ids are stable forever:
/// an evaluator registers the dimensions it grades by these ids, and a problem weights them.
/// Header-only, C++17, standard library only.
#pragma once

#include <array>
#include <string_view>

namespace rehearse::sdk {

/// In rubric order, the order a written answer usually follows.
inline constexpr std::array<std::string_view, 8> all_dimensions{
    "requirements", "estimation", "architecture", "data-model", "api", "scaling", "reliability", "communication"};

/// Easiest first.
inline constexpr std::array<std::string_view, 3> all_difficulties{"easy", "medium", "hard"};

/// True when `id` is one of `all_dimensions`.
constexpr bool is_dimension(std::string_view id) noexcept {
    for (auto d : all_dimensions)
        if (d == id) return true;
    return false;
}

}  // namespace rehearse::sdk
