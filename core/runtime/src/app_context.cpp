#include "rehearse/core/runtime/app_context.hpp"

#include "rehearse/core/base/paths.hpp"
#include "rehearse/core/content/content_sync.hpp"

#include <algorithm>

namespace rehearse {

namespace fs = std::filesystem;

app_context::app_context(context_options options)
    : options_(std::move(options)),
      clock_(options_.now ? std::unique_ptr<rehearse::clock>(std::make_unique<fixed_clock>(*options_.now))
                          : std::make_unique<system_clock_source>()),
      host_(registry_, options_.plugin_log) {
    if (options_.load_bundled) {
        for (const auto& dir : plugin_directories(options_.plugin_dirs)) host_.load_directory(dir);
    } else {
        for (const auto& dir : options_.plugin_dirs) host_.load_directory(dir, true);
    }
    for (const auto& d : host_.diagnostics()) diagnostics_.push_back({d.path, d.reason});

    if (options_.load_bundled) {
        std::error_code ec;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(curricula_directory(), ec))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            try {
                registry_.add_curriculum_file(f.string());
            } catch (const std::exception& e) {
                diagnostics_.push_back({f.string(), e.what()});
            }
        }
    }
    for (const auto& v : registry_.unresolved_references()) diagnostics_.push_back({v.path, v.message});
}

app_context::~app_context() { host_.shutdown(); }

store& app_context::db() {
    if (!store_) {
        store_ = std::make_unique<store>(options_.db_path ? *options_.db_path : default_database_path());
        // Record what the loaded packs ship, so updated packs keep history and removed items retire.
        std::map<std::string, std::string> versions;
        for (const auto& p : host_.plugins()) versions[p->manifest().id] = p->manifest().version;
        sync_content_items(*store_, registry_, versions, now());
    }
    return *store_;
}

}  // namespace rehearse
