/// @file
/// `rehearse packs lint`: validates content files, curricula and plugin files together, reporting
/// every problem with the file and its JSON path, including references that do not resolve among them.
#pragma once

#include "rehearse/core/content/json_check.hpp"

#include <string>
#include <vector>

namespace rehearse {

struct lint_report {
    std::vector<std::string> problems;  ///< "file: path: message", one per violation
    std::size_t files = 0;
    std::size_t problem_items = 0;
    std::size_t lesson_items = 0;
    std::size_t drill_items = 0;
    std::size_t curricula = 0;
    bool ok() const noexcept { return problems.empty(); }
};

/// Each path is a `.so` plugin, a `rehearse.content/1` (or `/1.1`) JSON file or a `rehearse.curriculum/1` file.
lint_report lint_paths(const std::vector<std::string>& paths);

}  // namespace rehearse
