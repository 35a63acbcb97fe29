#include "rehearse/core/plugins/plugin_host.hpp"

#include "call_runner.hpp"
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/content/dimensions.hpp"

#include <rehearse/sdk/plugin.hpp>

#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <optional>
#include <regex>

namespace rehearse {

namespace fs = std::filesystem;
using nlohmann::json;

// A named namespace rather than an anonymous one: loaded_plugin::impl holds these, and a class
// with external linkage may not hold a member of an internal-linkage type.
namespace detail {

/// What the host callbacks need while one plugin's `create` runs.
struct registration {
    content_registry::batch batch;
    const plugin_manifest* manifest;
    std::vector<std::pair<std::string, json>> evaluators;
    std::vector<std::pair<std::string, json>> dialogues;

    bool declares(std::string_view kind) const {
        return std::find(manifest->kinds.begin(), manifest->kinds.end(), kind) != manifest->kinds.end();
    }
};

/// The `context` of the host table a plugin instance was made with. It lives as long as the
/// instance, so `log` works from every hook; registrations are accepted only while `create` runs.
struct host_context {
    std::string plugin_id;
    plugin_log_sink log;
    registration* staging = nullptr;  // set only during `create`
};

}  // namespace detail

using detail::call_runner;
using detail::host_context;
using detail::registration;

struct loaded_plugin::impl {
    // Declared first so it is released last: the instance and the table live inside the library.
    // Shared with each call in flight, so a call left running past its limit keeps its code loaded.
    std::shared_ptr<boost::dll::shared_library> library = std::make_shared<boost::dll::shared_library>();
    fs::path path;
    plugin_manifest manifest;
    uint32_t api_major = 0;  // copied from the table, which goes away with the library
    uint32_t api_minor = 0;
    const rehearse_plugin_v1* table = nullptr;  // nullptr once the library is released
    void* instance = nullptr;
    std::atomic<bool> alive{false};  // `create` succeeded and `destroy` has not run
    host_context host;
    std::chrono::milliseconds call_limit = default_plugin_call_limit;
    // Every evaluate and dialogue_turn runs on this one thread, one at a time: the host never calls
    // one plugin concurrently (abi.h, "Threading"), though the HTTP server grades on several threads.
    call_runner calls;
    mutable std::mutex health_mutex;
    plugin_health health;

    void destroy_instance() noexcept {
        // After any call in progress; a stuck call still uses the instance, which is then left.
        const bool stuck = calls.stop();
        if (alive && !stuck) table->destroy(instance);
        alive = false;
        instance = nullptr;
    }
    void release_library() noexcept {
        table = nullptr;
        library.reset();  // unloads it, unless a stuck call still holds it
    }
    ~impl() { destroy_instance(); }
};

namespace {

// The SDK's own boundary helpers: the host speaks the ABI with the same pieces a plugin uses.
using sdk::detail::string_sink;
rehearse_text to_text(std::string_view s) noexcept { return sdk::detail::as_text(s); }
std::string_view to_view(rehearse_text t) noexcept { return sdk::detail::as_view(t); }

std::string status_name(rehearse_status s) {
    switch (s) {
        case REHEARSE_STATUS_INVALID_ARGUMENT:
            return "invalid argument";
        case REHEARSE_STATUS_NOT_SUPPORTED:
            return "not supported";
        case REHEARSE_STATUS_FAILED:
            return "failed";
        case REHEARSE_STATUS_REJECTED:
            return "rejected";
        default:
            return "status " + std::to_string(s);
    }
}

rehearse_status refuse(rehearse_sink* error, const std::string& why) {
    if (error && error->append) error->append(error->context, why.data(), why.size());
    return REHEARSE_STATUS_REJECTED;
}

template <class Body>
rehearse_status host_guard(rehearse_sink* err, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::exception& e) {
        return refuse(err, e.what());
    } catch (...) {
        return refuse(err, "unknown error in the host");
    }
}

/// The registration being staged for the plugin whose host context is `ctx`; nullptr once its
/// `create` has returned.
registration* staging(void* ctx) noexcept { return static_cast<host_context*>(ctx)->staging; }
constexpr const char* too_late = "registrations are accepted only while the plugin is created";

rehearse_status on_register_content(void* ctx, rehearse_text text, rehearse_sink* err) {
    return host_guard(err, [&]() -> rehearse_status {
        if (!staging(ctx)) return refuse(err, too_late);
        auto& reg = *staging(ctx);
        const json doc = parse_json(to_view(text), "content document");
        auto violations = reg.batch.add_content(doc);
        if (!violations.empty()) {
            std::string message = "invalid content:";
            for (const auto& v : violations) message += "\n  " + v.to_string();
            return refuse(err, message);
        }
        if (doc.contains("problems") && !reg.declares("problems"))
            return refuse(err, "content has problems but the manifest does not declare kind \"problems\"");
        if (doc.contains("lessons") && !reg.declares("lessons"))
            return refuse(err, "content has lessons but the manifest does not declare kind \"lessons\"");
        if (doc.contains("drills") && !reg.declares("drills"))
            return refuse(err, "content has drills but the manifest does not declare kind \"drills\"");
        return REHEARSE_STATUS_OK;
    });
}

/// Validates an evaluator or dialogue descriptor: {"id","title", <list_key>: [...]}.
json parse_descriptor(rehearse_text text, std::string_view list_key, std::string_view what) {
    const json d = parse_json(to_view(text), std::string(what) + " descriptor");
    std::vector<violation> v;
    json_check c(v);
    if (c.object(d, "", {"id", "title", list_key})) {
        c.id(d, "", "id");
        c.string(d, "", "title");
        c.strings(d, "", list_key, 1);
    }
    if (!v.empty()) {
        std::string message = "invalid " + std::string(what) + " descriptor:";
        for (const auto& x : v) message += "\n  " + x.to_string();
        throw error(errc::invalid_content, message);
    }
    return d;
}

rehearse_status on_register_evaluator(void* ctx, rehearse_text text, rehearse_sink* err) {
    return host_guard(err, [&]() -> rehearse_status {
        if (!staging(ctx)) return refuse(err, too_late);
        auto& reg = *staging(ctx);
        if (!reg.declares("evaluator"))
            return refuse(err, "registers an evaluator but the manifest does not declare kind \"evaluator\"");
        json d = parse_descriptor(text, "dimensions", "evaluator");
        for (const auto& dim : d.at("dimensions"))
            if (!is_dimension(dim.get<std::string>()))
                return refuse(err, "evaluator \"" + d.at("id").get<std::string>() + "\": unknown dimension \"" +
                                       dim.get<std::string>() + "\"");
        reg.evaluators.emplace_back(d.at("id").get<std::string>(), std::move(d));
        return REHEARSE_STATUS_OK;
    });
}

rehearse_status on_register_dialogue(void* ctx, rehearse_text text, rehearse_sink* err) {
    return host_guard(err, [&]() -> rehearse_status {
        if (!staging(ctx)) return refuse(err, too_late);
        auto& reg = *staging(ctx);
        if (!reg.declares("dialogue"))
            return refuse(err, "registers a dialogue but the manifest does not declare kind \"dialogue\"");
        json d = parse_descriptor(text, "modes", "dialogue");
        reg.dialogues.emplace_back(d.at("id").get<std::string>(), std::move(d));
        return REHEARSE_STATUS_OK;
    });
}

void on_log(void* ctx, int32_t level, rehearse_text message) noexcept {
    try {
        const auto* host = static_cast<const host_context*>(ctx);
        if (host && host->log) host->log(host->plugin_id, level, to_view(message));
    } catch (...) {  // a failing sink loses the message, never the plugin's call
    }
}

std::string describe_version(uint32_t major, uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

}  // namespace

plugin_manifest parse_manifest(std::string_view json_text) {
    const json m = parse_json(json_text, "manifest");
    std::vector<violation> v;
    json_check c(v);
    plugin_manifest out;
    if (c.object(m, "", {"id", "version", "name", "kinds"}, {"author", "description"})) {
        if (const auto* id = c.id(m, "", "id")) out.id = *id;
        if (const auto* version = c.string(m, "", "version")) {
            static const std::regex semver(R"(^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$)");
            if (!std::regex_match(*version, semver))
                c.fail("version", "\"" + *version + "\" is not a semantic version");
            out.version = *version;
        }
        if (const auto* name = c.string(m, "", "name")) out.name = *name;
        if (const auto* author = c.string(m, "", "author", false)) out.author = *author;
        if (const auto* description = c.string(m, "", "description", false)) out.description = *description;
        if (const json* kinds = c.strings(m, "", "kinds", 1)) {
            for (std::size_t i = 0; i < kinds->size(); ++i) {
                const auto& k = (*kinds)[i];
                if (!k.is_string()) continue;
                const auto kind = k.get<std::string>();
                if (kind != "problems" && kind != "lessons" && kind != "drills" && kind != "evaluator" &&
                    kind != "dialogue")
                    c.fail("kinds[" + std::to_string(i) + "]",
                           "expected problems|lessons|drills|evaluator|dialogue, got \"" + kind + "\"");
                else
                    out.kinds.push_back(kind);
            }
        }
    }
    if (!v.empty()) {
        std::string message = "invalid manifest:";
        for (const auto& x : v) message += "\n  " + x.to_string();
        throw error(errc::plugin, message);
    }
    return out;
}

loaded_plugin::loaded_plugin(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
loaded_plugin::~loaded_plugin() = default;
const plugin_manifest& loaded_plugin::manifest() const noexcept { return impl_->manifest; }
const fs::path& loaded_plugin::path() const noexcept { return impl_->path; }
uint32_t loaded_plugin::api_major() const noexcept { return impl_->api_major; }
uint32_t loaded_plugin::api_minor() const noexcept { return impl_->api_minor; }

namespace {
using call_fn = rehearse_status (*)(void*, rehearse_text, rehearse_text, rehearse_sink*, rehearse_sink*);

/// One call as it crosses to the plugin's call thread. It owns everything the plugin touches, so a
/// call that outlives its caller (past the limit) writes into memory that is still there.
struct plugin_call {
    std::shared_ptr<boost::dll::shared_library> library;  // the code being run stays loaded
    call_fn fn = nullptr;
    void* instance = nullptr;
    std::string id, request;
    string_sink response, err;
    rehearse_status status = REHEARSE_STATUS_FAILED;
};

/// "2 s", "1.5 s", "250 ms".
std::string describe_limit(std::chrono::milliseconds limit) {
    const auto ms = limit.count();
    if (ms < 1000) return std::to_string(ms) + " ms";
    std::string s = std::to_string(ms / 1000);
    if (ms % 1000 != 0) {
        std::string frac = std::to_string(1000 + ms % 1000).substr(1);
        while (frac.back() == '0') frac.pop_back();
        s += "." + frac;
    }
    return s + " s";
}

/// Records a call's outcome in the plugin's health, and tells the log when the health changes (not
/// on every failure: a plugin failing every call would drown the log).
void record(loaded_plugin::impl& p, const std::string* failure, bool timed_out = false) {
    std::string line;
    int32_t level = REHEARSE_LOG_WARNING;
    {
        const std::lock_guard lock(p.health_mutex);
        auto& h = p.health;
        ++h.calls;
        if (!failure) {
            if (h.status == plugin_health::state::failing)
                line = "answers again after failing (" + std::to_string(h.failures) + " failed calls so far)";
            if (h.status != plugin_health::state::timed_out) h.status = plugin_health::state::ok;
        } else {
            ++h.failures;
            h.last_error = *failure;
            if (timed_out) {
                h.status = plugin_health::state::timed_out;
                level = REHEARSE_LOG_ERROR;
                line = *failure;
            } else if (h.status == plugin_health::state::ok) {
                h.status = plugin_health::state::failing;
                line = "failing: " + *failure;
            }
        }
    }
    if (!line.empty() && p.host.log) {
        try {
            p.host.log(p.manifest.id, level, line);
        } catch (...) {  // a failing sink loses the line, never the call's answer
        }
    }
}

/// A call that ran past its limit came back: the plugin takes calls again, counted as failing until
/// one answers. Runs on the plugin's call thread.
void note_late_return(loaded_plugin::impl& p, std::chrono::milliseconds took) {
    {
        const std::lock_guard lock(p.health_mutex);
        if (p.health.status == plugin_health::state::timed_out) p.health.status = plugin_health::state::failing;
    }
    if (!p.host.log) return;
    try {
        p.host.log(p.manifest.id, REHEARSE_LOG_WARNING,
                   "a call returned after " + describe_limit(took) + ", past the " + describe_limit(p.call_limit) +
                       " limit; the plugin takes calls again");
    } catch (...) {  // a failing sink loses the line, never the plugin
    }
}

/// A response the plugin API does not allow, as a message; nullopt when it is fine. An evaluator
/// answers an object whose `score` is a number and whose `findings` and `strengths` are arrays
/// (sdk/schema/evaluate-v1.md); a dialogue answers an object.
std::optional<std::string> malformed(std::string_view text, bool evaluator) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception&) {
        return std::string("answered text that is not JSON");
    }
    if (!doc.is_object()) return std::string("answered JSON that is not an object");
    if (!evaluator) return std::nullopt;
    if (const auto score = doc.find("score"); score != doc.end() && !score->is_number())
        return std::string("answered a \"score\" that is not a number");
    for (const char* key : {"findings", "strengths"})
        if (const auto list = doc.find(key); list != doc.end() && !list->is_array())
            return "answered \"" + std::string(key) + "\" that is not an array";
    return std::nullopt;
}

std::string call_plugin(loaded_plugin::impl& p, call_fn rehearse_plugin_v1::*hook, std::string_view what,
                        std::string_view id, std::string_view request) {
    const std::string who = "plugin \"" + p.manifest.id + "\" (" + p.path.string() + ")";
    const std::string which = std::string(what) + " \"" + std::string(id) + "\"";
    if (!p.alive) throw error(errc::plugin, who + ": has been shut down");
    const call_fn fn = p.table->*hook;
    if (!fn) throw error(errc::plugin, who + ": has no " + std::string(what) + " hook");
    auto call = std::make_shared<plugin_call>();
    call->library = p.library;
    call->fn = fn;
    call->instance = p.instance;
    call->id = id;
    call->request = request;
    const auto outcome = p.calls.run(
        [call] {
            call->status = call->fn(call->instance, to_text(call->id), to_text(call->request), &call->response.raw,
                                    &call->err.raw);
        },
        p.call_limit);
    const auto fail = [&](const std::string& message, bool timed_out = false) {
        record(p, &message, timed_out);
        return error(errc::plugin, who + ": " + message);
    };
    switch (outcome) {
        case call_runner::outcome::stopped:
            throw error(errc::plugin, who + ": has been shut down");
        case call_runner::outcome::refused:
            throw fail("is disabled: an earlier call has run past the " + describe_limit(p.call_limit) +
                       " limit and not returned");
        case call_runner::outcome::timed_out:
            throw fail(which + " did not answer within " + describe_limit(p.call_limit) +
                           "; the plugin is disabled until that call returns",
                       true);
        case call_runner::outcome::done:
            break;
    }
    if (call->status != REHEARSE_STATUS_OK)
        throw fail(which + " " + status_name(call->status) + (call->err.text.empty() ? "" : ": " + call->err.text));
    if (const auto bad = malformed(call->response.text, hook == &rehearse_plugin_v1::evaluate))
        throw fail(which + " " + *bad);
    record(p, nullptr);
    return std::move(call->response.text);
}
}  // namespace

std::string loaded_plugin::evaluate(std::string_view evaluator_id, std::string_view request_json) const {
    return call_plugin(*impl_, &rehearse_plugin_v1::evaluate, "evaluator", evaluator_id, request_json);
}

std::string loaded_plugin::dialogue_turn(std::string_view dialogue_id, std::string_view request_json) const {
    return call_plugin(*impl_, &rehearse_plugin_v1::dialogue_turn, "dialogue", dialogue_id, request_json);
}

plugin_health loaded_plugin::health() const {
    const std::lock_guard lock(impl_->health_mutex);
    return impl_->health;
}

std::string_view state_name(plugin_health::state s) noexcept {
    switch (s) {
        case plugin_health::state::failing:
            return "failing";
        case plugin_health::state::timed_out:
            return "timed-out";
        case plugin_health::state::ok:
            break;
    }
    return "ok";
}

void plugin_host::set_call_limit(std::chrono::milliseconds limit) {
    call_limit_ = limit;
    for (auto& p : plugins_) p->impl_->call_limit = limit;
}

plugin_host::~plugin_host() { shutdown(); }

void plugin_host::shutdown() noexcept {
    // Every instance goes before any library: an instance may still use code or data of a library
    // loaded before it.
    for (auto p = plugins_.rbegin(); p != plugins_.rend(); ++p) (*p)->impl_->destroy_instance();
    for (auto p = plugins_.rbegin(); p != plugins_.rend(); ++p) (*p)->impl_->release_library();
}

void plugin_host::load_directory(const fs::path& dir, bool required) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        if (required) diagnostics_.push_back({dir.string(), "not a directory"});
        return;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".so" && !entry.is_directory()) files.push_back(entry.path());
    if (ec) diagnostics_.push_back({dir.string(), "cannot list: " + ec.message()});
    std::sort(files.begin(), files.end());
    for (const auto& f : files) try_load(f);
}

bool plugin_host::try_load(const fs::path& file) {
    try {
        load(file);
        return true;
    } catch (const std::exception& e) {
        diagnostics_.push_back({file.string(), e.what()});
        return false;
    }
}

const loaded_plugin& plugin_host::load(const fs::path& file) {
    auto p = std::make_unique<loaded_plugin::impl>();
    p->path = fs::absolute(file);
    try {
        // rtld_now: an unresolved symbol fails here, with dlerror's text, not at the first call.
        p->library->load(p->path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        throw error(errc::plugin, std::string("cannot load: ") + e.what());
    }
    if (!p->library->has(REHEARSE_ENTRY_SYMBOL)) {
        const bool other_major =
            p->library->has("rehearse_plugin_entry_v0") || p->library->has("rehearse_plugin_entry_v2");
        throw error(errc::plugin,
                    std::string("no entry point ") + REHEARSE_ENTRY_SYMBOL +
                        (other_major ? " (the plugin was built for another major API version)"
                                     : " (not a Rehearse plugin, or built for another major API version)"));
    }
    const auto entry = p->library->get<const rehearse_plugin_v1*()>(REHEARSE_ENTRY_SYMBOL);
    const rehearse_plugin_v1* table = entry();
    if (!table) throw error(errc::plugin, "entry point returned no plugin table");
    if (table->struct_size < REHEARSE_PLUGIN_V1_MIN_SIZE)
        throw error(errc::plugin, "plugin table is " + std::to_string(table->struct_size) +
                                      " bytes, a v1 table has at least " + std::to_string(REHEARSE_PLUGIN_V1_MIN_SIZE));
    if (table->api_major != REHEARSE_API_MAJOR)
        throw error(
            errc::plugin,
            "plugin API " + describe_version(table->api_major, table->api_minor) + " does not match host API " +
                describe_version(REHEARSE_API_MAJOR, REHEARSE_API_MINOR) +
                (table->api_major > REHEARSE_API_MAJOR ? " (the host is older: upgrade rehearse)"
                                                       : " (the plugin is older: rebuild it against this SDK)"));
    if (table->api_minor > REHEARSE_API_MINOR)
        throw error(errc::plugin, "plugin needs API " + describe_version(table->api_major, table->api_minor) +
                                      " but the host offers " +
                                      describe_version(REHEARSE_API_MAJOR, REHEARSE_API_MINOR) +
                                      " (the host is older: upgrade rehearse)");
    if (!table->create || !table->destroy)
        throw error(errc::plugin,
                    std::string("plugin table has no ") + (!table->create ? "create" : "destroy") + " hook");
    p->table = table;
    p->api_major = table->api_major;
    p->api_minor = table->api_minor;
    p->manifest = parse_manifest(to_view(table->manifest_json));
    const auto declares = [&](std::string_view k) {
        return std::find(p->manifest.kinds.begin(), p->manifest.kinds.end(), k) != p->manifest.kinds.end();
    };
    if (declares("evaluator") && !table->evaluate)
        throw error(errc::plugin, "declares kind \"evaluator\" but has no evaluate hook");
    if (declares("dialogue") && !table->dialogue_turn)
        throw error(errc::plugin, "declares kind \"dialogue\" but has no dialogue_turn hook");
    for (const auto& other : plugins_)
        if (other->manifest().id == p->manifest.id)
            throw error(errc::plugin,
                        "plugin id \"" + p->manifest.id + "\" is already loaded from " + other->path().string());

    registration reg{content_registry::batch(p->manifest.id), &p->manifest, {}, {}};
    p->host = {p->manifest.id, log_, &reg};
    rehearse_host_v1 host{sizeof(rehearse_host_v1), REHEARSE_API_MAJOR,     REHEARSE_API_MINOR,    &p->host,
                          &on_register_content,     &on_register_evaluator, &on_register_dialogue, &on_log};
    string_sink err;
    const rehearse_status status = table->create(&host, &p->instance, &err.raw);
    p->host.staging = nullptr;  // registrations end with `create`; `log` stays
    if (status != REHEARSE_STATUS_OK) {
        p->instance = nullptr;  // a failed create owns nothing we may destroy
        throw error(errc::plugin, "initialisation " + status_name(status) + (err.text.empty() ? "" : ": " + err.text));
    }
    p->alive = true;
    p->call_limit = call_limit_;
    // The runner is stopped before the instance goes (destroy_instance), so the pointer outlives it.
    p->calls.on_late_return([raw = p.get()](std::chrono::milliseconds took) { note_late_return(*raw, took); });
    const std::string plugin_id = p->manifest.id;
    auto loaded = std::make_unique<loaded_plugin>(std::move(p));
    for (auto& [id, d] : reg.evaluators)
        reg.batch.add_evaluator({id, plugin_id, d.at("title").get<std::string>(),
                                 d.at("dimensions").get<std::vector<std::string>>(), loaded.get()});
    for (auto& [id, d] : reg.dialogues)
        reg.batch.add_dialogue({id, plugin_id, d.at("title").get<std::string>(),
                                d.at("modes").get<std::vector<std::string>>(), loaded.get()});
    registry_.commit(std::move(reg.batch));  // throws on duplicate ids; `loaded` is then destroyed
    plugins_.push_back(std::move(loaded));
    return *plugins_.back();
}

}  // namespace rehearse
