#include "rehearse/core/base/paths.hpp"

#include "rehearse/core/base/error.hpp"

#include <cstdlib>

namespace rehearse {

namespace fs = std::filesystem;

fs::path executable_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw error(errc::io, "cannot find the executable's location: " + ec.message());
    return exe.parent_path();
}

std::vector<fs::path> plugin_directories(const std::vector<std::string>& extra) {
    std::vector<fs::path> dirs{executable_dir() / ".." / "lib" / "rehearse" / "plugins"};
    if (const char* env = std::getenv("REHEARSE_PLUGIN_PATH")) {
        std::string list = env;
        std::size_t start = 0;
        while (start <= list.size()) {
            const auto colon = list.find(':', start);
            const auto part = list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
            if (!part.empty()) dirs.emplace_back(part);
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
    }
    for (const auto& d : extra) dirs.emplace_back(d);
    for (auto& d : dirs) d = d.lexically_normal();
    return dirs;
}

fs::path curricula_directory() {
    return (executable_dir() / ".." / "share" / "rehearse" / "curricula").lexically_normal();
}

std::string default_database_path() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "rehearse" / "rehearse.db").string();
    const char* home = std::getenv("HOME");
    if (!home || !*home) throw error(errc::usage, "neither XDG_DATA_HOME nor HOME is set: pass --db PATH");
    return (fs::path(home) / ".local" / "share" / "rehearse" / "rehearse.db").string();
}

}  // namespace rehearse
