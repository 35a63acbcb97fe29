/// @file
/// Finds, loads and guards plugins. One broken plugin never takes the process down or hides the
/// others: each failure becomes one diagnostic (path + reason) and loading goes on. The host is the
/// one owner of every plugin library; the content registry refers to its plugins by plain pointer.
#pragma once

#include "rehearse/core/content/content_registry.hpp"

#include <rehearse/sdk/abi.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct plugin_manifest {
    std::string id;
    std::string version;  ///< the plugin's own semver
    std::string name;
    std::string author;
    std::string description;
    std::vector<std::string> kinds;  ///< subset of problems, lessons, evaluator, dialogue
};

/// Receives plugins' log messages: the plugin's id, a REHEARSE_LOG_* level and the text. Called on
/// whichever thread the plugin logs from, so it must be thread-safe.
using plugin_log_sink = std::function<void(const std::string& plugin_id, int32_t level, std::string_view message)>;

/// How a plugin's calls (evaluate, dialogue_turn) have gone since it was loaded.
struct plugin_health {
    enum class state {
        ok,         ///< no call yet, or the last call answered
        failing,    ///< the last call failed: an error status, or a response that is not what the API asks
        timed_out,  ///< a call is running past the time limit: the plugin takes no calls until it returns
    };
    state status = state::ok;
    std::uint64_t calls = 0;     ///< every call asked of the plugin, including those refused once disabled
    std::uint64_t failures = 0;  ///< calls that failed, timed out or were refused
    std::string last_error;      ///< the newest failure's message; empty when none failed
};

/// "ok", "failing" or "timed-out".
std::string_view state_name(plugin_health::state s) noexcept;

/// How long one plugin call may take unless the front sets another limit.
inline constexpr std::chrono::milliseconds default_plugin_call_limit{2000};

/// One loaded library and the plugin instance made from it, owned by the plugin_host that loaded
/// it. The library handle outlives the instance: the instance is destroyed first, explicitly, then
/// the handle is released.
class loaded_plugin {
   public:
    struct impl;
    explicit loaded_plugin(std::unique_ptr<impl> p);
    ~loaded_plugin();
    loaded_plugin(const loaded_plugin&) = delete;
    loaded_plugin& operator=(const loaded_plugin&) = delete;

    const plugin_manifest& manifest() const noexcept;
    const std::filesystem::path& path() const noexcept;
    uint32_t api_major() const noexcept;
    uint32_t api_minor() const noexcept;

    /// Calls the plugin's evaluator; throws error(plugin) naming the plugin when it fails, answers
    /// something that is not an evaluator response (sdk/schema/evaluate-v1.md), does not answer
    /// within the host's call limit, or the host has shut down. Safe to call from several threads:
    /// calls into one plugin are serialised (abi.h, "Threading") and run on the plugin's own call
    /// thread, so a caller waits for a stuck plugin no longer than the limit.
    std::string evaluate(std::string_view evaluator_id, std::string_view request_json) const;
    /// Calls the plugin's dialogue provider; throws error(plugin) naming the plugin when it fails or
    /// answers anything but a JSON object. Serialised and limited like evaluate.
    std::string dialogue_turn(std::string_view dialogue_id, std::string_view request_json) const;

    /// A snapshot of how its calls have gone.
    plugin_health health() const;

   private:
    friend class plugin_host;
    std::unique_ptr<impl> impl_;
};

struct plugin_diagnostic {
    std::string path;
    std::string reason;
};

class plugin_host {
   public:
    /// Plugins' log messages go to `log`; they are dropped when it is empty.
    explicit plugin_host(content_registry& registry, plugin_log_sink log = {})
        : registry_(registry), log_(std::move(log)) {}
    /// shutdown().
    ~plugin_host();
    plugin_host(const plugin_host&) = delete;
    plugin_host& operator=(const plugin_host&) = delete;

    /// Loads every `*.so` in each directory (directories in the given order, files sorted by name).
    /// A missing directory is skipped silently only when `required` is false.
    void load_directory(const std::filesystem::path& dir, bool required = false);

    /// Loads one plugin file. Throws error(plugin) with the reason; nothing is registered then.
    const loaded_plugin& load(const std::filesystem::path& file);

    /// load() that records a failure as a diagnostic instead of throwing.
    bool try_load(const std::filesystem::path& file);

    /// How long one call into a plugin may run (default_plugin_call_limit unless set). A call past
    /// it answers error(plugin) and is left running on its thread (a thread cannot be stopped from
    /// outside); its plugin's later calls fail at once until it returns, which for a hung plugin is
    /// never (until the process restarts). Set it before calls begin.
    void set_call_limit(std::chrono::milliseconds limit);
    std::chrono::milliseconds call_limit() const noexcept { return call_limit_; }

    /// Destroys every plugin instance, in reverse load order, then releases their libraries. The
    /// plugins stay listed and the registry's pointers to them stay valid while the host lives, but
    /// calling them throws error(plugin). Waits for calls in progress, but not for a call stuck past
    /// the limit: that plugin's instance is never destroyed and its library stays loaded, since its
    /// code may still be running. Idempotent.
    void shutdown() noexcept;

    /// In load order.
    const std::vector<std::unique_ptr<loaded_plugin>>& plugins() const noexcept { return plugins_; }
    const std::vector<plugin_diagnostic>& diagnostics() const noexcept { return diagnostics_; }

   private:
    content_registry& registry_;
    plugin_log_sink log_;
    std::vector<std::unique_ptr<loaded_plugin>> plugins_;
    std::vector<plugin_diagnostic> diagnostics_;
    std::chrono::milliseconds call_limit_ = default_plugin_call_limit;
};

/// Parses and validates a manifest; throws error(plugin) listing every violation.
plugin_manifest parse_manifest(std::string_view json_text);

}  // namespace rehearse
