/// @file
/// What one run of Rehearse works with: the loaded content and plugins, the store and the clock.
/// The CLI and the HTTP server both build one and call the same use cases on it.
#pragma once

#include "rehearse/core/base/clock.hpp"
#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/plugins/plugin_host.hpp"
#include "rehearse/core/storage/store.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rehearse {

struct context_options {
    std::optional<std::string> db_path;    ///< default: default_database_path()
    std::vector<std::string> plugin_dirs;  ///< `--plugins DIR`, after the bundled ones and REHEARSE_PLUGIN_PATH
    bool load_bundled = true;              ///< false: only `plugin_dirs` (tests, `plugins check`)
    std::optional<sys_ms> now;             ///< `--now`: a fixed clock
    plugin_log_sink plugin_log;            ///< where plugins' log messages go; dropped when empty
};

struct load_diagnostic {
    std::string path;
    std::string reason;
};

class app_context {
   public:
    explicit app_context(context_options options);
    /// Shuts the plugin host down (every plugin instance, then every library) while the registry
    /// that points at its plugins still exists.
    ~app_context();

    content_registry& content() noexcept { return registry_; }
    const plugin_host& plugins() const noexcept { return host_; }
    /// How long one plugin call may run (plugin_host::set_call_limit); set before calls begin.
    void set_plugin_call_limit(std::chrono::milliseconds limit) { host_.set_call_limit(limit); }
    /// Plugin, curriculum and reference problems found while loading.
    const std::vector<load_diagnostic>& diagnostics() const noexcept { return diagnostics_; }
    /// The store, opened (and migrated) on first use.
    store& db();
    const rehearse::clock& clock() const noexcept { return *clock_; }
    sys_ms now() const { return clock_->now(); }

   private:
    context_options options_;
    std::unique_ptr<rehearse::clock> clock_;
    content_registry registry_;
    plugin_host host_;  // owns every plugin library; the registry only points at its plugins
    std::vector<load_diagnostic> diagnostics_;
    std::unique_ptr<store> store_;
};

}  // namespace rehearse
