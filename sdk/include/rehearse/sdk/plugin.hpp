/// @file
/// The C++ side of the Rehearse plugin SDK: write an ordinary class, add one macro.
///
/// @code
///   class my_evaluator final : public rehearse::sdk::plugin {
///    public:
///     void init(rehearse::sdk::host& host) override {
///       host.register_evaluator(R"({"id":"my-eval","title":"My checks","dimensions":["api"]})");
///     }
///     std::string evaluate(std::string_view evaluator, std::string_view request) override;
///   };
///   REHEARSE_PLUGIN(my_evaluator)
/// @endcode
///
/// The manifest (id, version, name, author, description, kinds) and any content JSON files are
/// embedded by the CMake helper `rehearse_add_plugin`, and the content is registered before `init`
/// runs. A content-only plugin needs no C++ at all. The SDK depends on the standard library only;
/// JSON crosses the boundary as text, so parse it with whatever JSON library you like.
///
/// The host calls one hook of a plugin at a time (abi.h, "Threading"), so members need no locks.
/// `log` sends a line to the user's stderr from `init`, `evaluate`, `dialogue_turn` or the
/// destructor: warnings and errors always, info and debug with `rehearse --verbose`.
#ifndef REHEARSE_SDK_PLUGIN_HPP
#define REHEARSE_SDK_PLUGIN_HPP

#include <rehearse/sdk/abi.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace rehearse::sdk {

/// Thrown by a plugin for a request it does not understand (maps to REHEARSE_STATUS_INVALID_ARGUMENT).
struct invalid_request : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Thrown for a hook or id the plugin does not offer (maps to REHEARSE_STATUS_NOT_SUPPORTED).
struct not_supported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Thrown by `host::register_*` when the host refuses a registration; the message says why.
struct registration_refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// How much a log message matters; the host shows debug and info only with `rehearse --verbose`.
enum class log_level : int32_t {
    debug = REHEARSE_LOG_DEBUG,
    info = REHEARSE_LOG_INFO,
    warning = REHEARSE_LOG_WARNING,
    error = REHEARSE_LOG_ERROR,
};

namespace detail {

inline rehearse_text as_text(std::string_view s) noexcept { return rehearse_text{s.data(), s.size()}; }
inline std::string_view as_view(rehearse_text t) noexcept {
    return t.data ? std::string_view(t.data, static_cast<std::size_t>(t.size)) : std::string_view();
}

inline void append(rehearse_sink* sink, std::string_view s) noexcept {
    if (sink && sink->append && !s.empty()) sink->append(sink->context, s.data(), s.size());
}

/// A sink that collects into a std::string, for the host's answers to registrations.
struct string_sink {
    std::string text;
    rehearse_sink raw{sizeof(rehearse_sink), this, &string_sink::append_cb};
    static void append_cb(void* self, const char* data, uint64_t size) {
        if (!data) return;  // the other side may be buggy; a null pointer is not text
        try {
            static_cast<string_sink*>(self)->text.append(data, static_cast<std::size_t>(size));
        } catch (...) {  // out of memory: the message is lost, not the process
        }
    }
};

}  // namespace detail

/// The host as a plugin sees it during `init`. Valid only inside `init`.
class host {
   public:
    explicit host(const rehearse_host_v1* raw) noexcept : raw_(raw) {}

    /// Registers a `rehearse.content/1` document. Throws registration_refused with the host's reason.
    void register_content(std::string_view document_json) const {
        call(raw_->register_content, document_json, "register_content");
    }
    /// Registers an evaluator: {"id","title","dimensions":[...]}.
    void register_evaluator(std::string_view descriptor_json) const {
        call(raw_->register_evaluator, descriptor_json, "register_evaluator");
    }
    /// Registers a dialogue provider: {"id","title","modes":[...]}.
    void register_dialogue(std::string_view descriptor_json) const {
        call(raw_->register_dialogue, descriptor_json, "register_dialogue");
    }
    void log(int32_t level, std::string_view message) const noexcept {
        if (raw_->log) raw_->log(raw_->context, level, detail::as_text(message));
    }
    void log(log_level level, std::string_view message) const noexcept { log(static_cast<int32_t>(level), message); }
    uint32_t api_minor() const noexcept { return raw_->api_minor; }

   private:
    using register_fn = rehearse_status (*)(void*, rehearse_text, rehearse_sink*);
    void call(register_fn fn, std::string_view json, const char* what) const {
        if (!fn) throw registration_refused(std::string("host does not offer ") + what);
        detail::string_sink error;
        if (fn(raw_->context, detail::as_text(json), &error.raw) != REHEARSE_STATUS_OK)
            throw registration_refused(error.text.empty() ? std::string(what) + " refused" : error.text);
    }
    const rehearse_host_v1* raw_;
};

namespace detail {
template <class Plugin>
struct trampolines;
}  // namespace detail

/// Base class of every plugin. Override what your plugin offers; the defaults say "not supported".
class plugin {
   public:
    virtual ~plugin() = default;
    /// Registers evaluators and dialogues. Embedded content is already registered when this runs.
    virtual void init(host& h) { (void)h; }
    /// Grades one answer; returns {"score":0..1,"findings":[...]} as JSON text.
    virtual std::string evaluate(std::string_view evaluator_id, std::string_view request_json) {
        (void)request_json;
        throw not_supported("no evaluator '" + std::string(evaluator_id) + "'");
    }
    /// Plays one dialogue turn; returns {"reply","state","done"} as JSON text.
    virtual std::string dialogue_turn(std::string_view dialogue_id, std::string_view request_json) {
        (void)request_json;
        throw not_supported("no dialogue '" + std::string(dialogue_id) + "'");
    }

   protected:
    /// A message for the user (one line on stderr, with the plugin's id). Works from `init` until
    /// the destructor returns, on any thread; not in the constructor.
    void log(log_level level, std::string_view message) const noexcept {
        if (log_) log_(log_context_, static_cast<int32_t>(level), detail::as_text(message));
    }

   private:
    template <class Plugin>
    friend struct detail::trampolines;
    void (*log_)(void* context, int32_t level, rehearse_text message) = nullptr;
    void* log_context_ = nullptr;
};

/// A plugin that is nothing but its embedded content files.
class content_plugin final : public plugin {};

namespace detail {

// Defined in the source file that `rehearse_add_plugin` generates for every plugin.
rehearse_text embedded_manifest() noexcept;
std::size_t embedded_content_count() noexcept;
rehearse_text embedded_content(std::size_t index) noexcept;

/// Runs `body`, turning every exception into a status and a message: nothing may unwind through
/// the C boundary.
template <class Body>
rehearse_status guarded(rehearse_sink* error, Body&& body) noexcept {
    try {
        body();
        return REHEARSE_STATUS_OK;
    } catch (const invalid_request& e) {
        append(error, e.what());
        return REHEARSE_STATUS_INVALID_ARGUMENT;
    } catch (const not_supported& e) {
        append(error, e.what());
        return REHEARSE_STATUS_NOT_SUPPORTED;
    } catch (const std::exception& e) {
        append(error, e.what());
        return REHEARSE_STATUS_FAILED;
    } catch (...) {
        append(error, "unknown exception");
        return REHEARSE_STATUS_FAILED;
    }
}

template <class Plugin>
struct trampolines {
    static rehearse_status create(const rehearse_host_v1* raw_host, void** instance, rehearse_sink* error) noexcept {
        if (!instance) return REHEARSE_STATUS_INVALID_ARGUMENT;
        *instance = nullptr;
        if (!raw_host || raw_host->struct_size < sizeof(rehearse_host_v1)) {
            append(error, "host table is smaller than this plugin's SDK expects");
            return REHEARSE_STATUS_INVALID_ARGUMENT;
        }
        Plugin* made = nullptr;
        const rehearse_status status = guarded(error, [&] {
            made = new Plugin();
            // The host keeps `log` and its context valid until `destroy` returns.
            static_cast<plugin*>(made)->log_ = raw_host->log;
            static_cast<plugin*>(made)->log_context_ = raw_host->context;
            host h(raw_host);
            for (std::size_t i = 0; i < embedded_content_count(); ++i) h.register_content(as_view(embedded_content(i)));
            made->init(h);
        });
        if (status != REHEARSE_STATUS_OK) {
            delete made;
            return status;
        }
        *instance = static_cast<plugin*>(made);
        return REHEARSE_STATUS_OK;
    }
    static void destroy(void* instance) noexcept {
        try {
            delete static_cast<plugin*>(instance);
        } catch (...) {  // a throwing destructor must not cross the boundary
        }
    }
    static rehearse_status evaluate(void* instance, rehearse_text id, rehearse_text request, rehearse_sink* response,
                                    rehearse_sink* error) noexcept {
        return guarded(
            error, [&] { append(response, static_cast<plugin*>(instance)->evaluate(as_view(id), as_view(request))); });
    }
    static rehearse_status dialogue_turn(void* instance, rehearse_text id, rehearse_text request,
                                         rehearse_sink* response, rehearse_sink* error) noexcept {
        return guarded(error, [&] {
            append(response, static_cast<plugin*>(instance)->dialogue_turn(as_view(id), as_view(request)));
        });
    }
    static const rehearse_plugin_v1* table() noexcept {
        static const rehearse_plugin_v1 t{sizeof(rehearse_plugin_v1),
                                          REHEARSE_API_MAJOR,
                                          REHEARSE_API_MINOR,
                                          embedded_manifest(),
                                          &create,
                                          &destroy,
                                          &evaluate,
                                          &dialogue_turn};
        return &t;
    }
};

}  // namespace detail
}  // namespace rehearse::sdk

#define REHEARSE_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

/// Declares CLASS as this library's plugin: generates the entry point and its function table.
#define REHEARSE_PLUGIN(CLASS)                                                                                        \
    static_assert(std::is_base_of_v<::rehearse::sdk::plugin, CLASS>,                                                  \
                  "REHEARSE_PLUGIN: " #CLASS " must derive from rehearse::sdk::plugin");                              \
    static_assert(std::is_default_constructible_v<CLASS>, "REHEARSE_PLUGIN: " #CLASS " needs a default constructor"); \
    static_assert(!std::is_abstract_v<CLASS>, "REHEARSE_PLUGIN: " #CLASS " must not be abstract");                    \
    REHEARSE_PLUGIN_EXPORT const rehearse_plugin_v1* rehearse_plugin_entry_v1(void) {                                 \
        return ::rehearse::sdk::detail::trampolines<CLASS>::table();                                                  \
    }

#endif
