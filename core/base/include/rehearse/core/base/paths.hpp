/// @file
/// Where Rehearse finds its plugins, curricula and database (docs/cli.md).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace rehearse {

/// The folder of the running executable (resolved through /proc/self/exe).
std::filesystem::path executable_dir();

/// Plugin folders in search order: the bundled `../lib/rehearse/plugins` beside the executable,
/// then each entry of REHEARSE_PLUGIN_PATH (colon-separated), then each `--plugins DIR`.
std::vector<std::filesystem::path> plugin_directories(const std::vector<std::string>& extra);

/// `../share/rehearse/curricula` beside the executable.
std::filesystem::path curricula_directory();

/// `$XDG_DATA_HOME/rehearse/rehearse.db`, else `~/.local/share/rehearse/rehearse.db`.
std::string default_database_path();

}  // namespace rehearse
