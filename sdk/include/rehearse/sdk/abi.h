/*
 * Rehearse plugin ABI, version 1.
 *
 * This is the only thing that crosses between the `rehearse` host and a plugin library. It is plain
 * C on purpose: a C++ interface (std::string, shared_ptr, exceptions, vtables) would tie every
 * plugin to the host's exact compiler, standard library and JSON library. Only fixed-width integers,
 * borrowed text (pointer + size), plain structs and function pointers cross; structured data crosses
 * as UTF-8 JSON text that each side parses with its own JSON library.
 *
 * Evolution rules:
 *  - Every struct starts with `struct_size` and only ever grows at the end. A reader checks the
 *    size before touching a field added later.
 *  - A breaking change bumps REHEARSE_API_MAJOR and the entry symbol's name.
 *  - Adding fields or callbacks bumps REHEARSE_API_MINOR. A host accepts a plugin whose major is
 *    equal and whose minor is not newer than its own.
 *
 * Ownership: nothing allocated on one side is freed on the other. Text handed to a callee is
 * borrowed for the duration of the call only. Text going back is appended to a host-owned sink.
 *
 * Threading: the host may call a plugin from different threads (the HTTP server grades on several
 * request threads) but never concurrently. It serialises every call into one plugin instance
 * (create, evaluate, dialogue_turn, destroy): a call starts only after the previous one returned,
 * and everything the previous call wrote is visible to the next. A plugin needs no locks for its
 * own state. Different plugins may run at the same time on different threads, and the host's `log`
 * may be called from any thread, including threads a plugin starts itself.
 *
 * Time limit: every evaluate and dialogue_turn call must return within the host's limit (2 s unless
 * the user sets another, e.g. `rehearse serve --plugin-time-limit`). The host runs them on a thread
 * of its own per plugin; past the limit it stops waiting, reports the call as failed, leaves it
 * running (a thread cannot be stopped from outside) and calls the plugin no more until it returns.
 * An instance whose call never returns is never destroyed and its library never unloaded.
 */
#ifndef REHEARSE_SDK_ABI_H
#define REHEARSE_SDK_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one source of the API version: the build reads these two lines for the SDK's CMake package
 * version (find_package(RehearseSDK 1.0)). Keep them in this form. */
#define REHEARSE_API_MAJOR 1
#define REHEARSE_API_MINOR 0

/* The one symbol a plugin exports. Its name carries the major version, so a host never even finds
 * the entry point of a plugin built for another major. */
#define REHEARSE_ENTRY_SYMBOL "rehearse_plugin_entry_v1"

typedef int32_t rehearse_status;
#define REHEARSE_STATUS_OK 0
#define REHEARSE_STATUS_INVALID_ARGUMENT 1 /* the request or document was malformed */
#define REHEARSE_STATUS_NOT_SUPPORTED 2    /* the plugin does not offer this hook or id */
#define REHEARSE_STATUS_FAILED 3           /* the plugin failed; details in the error sink */
#define REHEARSE_STATUS_REJECTED 4         /* the host refused a registration */

/* Borrowed UTF-8 text, not NUL-terminated. Valid for the duration of the call it is passed to. */
typedef struct rehearse_text {
    const char* data;
    uint64_t size;
} rehearse_text;

/* A host-owned growable buffer. The plugin appends text; the host owns and frees the storage.
 * Valid only during the call it is passed to. */
typedef struct rehearse_sink {
    uint32_t struct_size;
    void* context;
    void (*append)(void* context, const char* data, uint64_t size);
} rehearse_sink;

#define REHEARSE_LOG_DEBUG 0
#define REHEARSE_LOG_INFO 1
#define REHEARSE_LOG_WARNING 2
#define REHEARSE_LOG_ERROR 3

/* What the host offers a plugin while it initialises. Owned by the host; the table itself is valid
 * only during `create`. Registrations are accepted only then: they are collected and committed
 * together when `create` returns OK, so a plugin that fails half-way registers nothing. `log` and
 * `context` stay valid longer: a plugin may keep them and log from any hook until `destroy`
 * returns. */
typedef struct rehearse_host_v1 {
    uint32_t struct_size;
    uint32_t api_major;
    uint32_t api_minor;
    void* context;
    /* A content document (`rehearse.content/1`: problems, lessons, flashcards). */
    rehearse_status (*register_content)(void* context, rehearse_text document_json, rehearse_sink* error);
    /* An evaluator: {"id": "...", "title": "...", "dimensions": ["data-model", ...]}. */
    rehearse_status (*register_evaluator)(void* context, rehearse_text descriptor_json, rehearse_sink* error);
    /* A dialogue provider: {"id": "...", "title": "...", "modes": ["teach", "interview"]}. */
    rehearse_status (*register_dialogue)(void* context, rehearse_text descriptor_json, rehearse_sink* error);
    /* A message for the user, one line on stderr naming the plugin: REHEARSE_LOG_WARNING and
     * REHEARSE_LOG_ERROR always, REHEARSE_LOG_DEBUG and REHEARSE_LOG_INFO when the user runs
     * `rehearse --verbose`. Never on stdout, so `--json` output stays clean. */
    void (*log)(void* context, int32_t level, rehearse_text message);
} rehearse_host_v1;

/* The table a plugin's entry point returns. Static storage inside the library: valid while the
 * library is loaded. */
typedef struct rehearse_plugin_v1 {
    uint32_t struct_size;
    uint32_t api_major;
    uint32_t api_minor;
    /* {"id","version","name","author","description","kinds":[...]}; static storage. */
    rehearse_text manifest_json;
    /* Makes an instance and registers what it offers through `host`. */
    rehearse_status (*create)(const rehearse_host_v1* host, void** instance, rehearse_sink* error);
    /* Destroys an instance made by `create`. Never fails. */
    void (*destroy)(void* instance);
    /* Grades an answer: request {"evaluator","problem":{...},"answer":{...}}, response
     * {"score":0..1,"findings":[...]}. NULL when the plugin has no evaluator. */
    rehearse_status (*evaluate)(void* instance, rehearse_text evaluator_id, rehearse_text request_json,
                                rehearse_sink* response, rehearse_sink* error);
    /* One dialogue turn: request {"dialogue","state":{...},"message":"..."}, response
     * {"reply":"...","state":{...},"done":bool}. NULL when the plugin has no dialogue. */
    rehearse_status (*dialogue_turn)(void* instance, rehearse_text dialogue_id, rehearse_text request_json,
                                     rehearse_sink* response, rehearse_sink* error);
} rehearse_plugin_v1;

/* The smallest table a v1 host accepts: everything up to and including `dialogue_turn`. */
#define REHEARSE_PLUGIN_V1_MIN_SIZE ((uint32_t)(offsetof(rehearse_plugin_v1, dialogue_turn) + sizeof(void*)))

typedef const rehearse_plugin_v1* (*rehearse_plugin_entry_v1_fn)(void);

#ifdef __cplusplus
}
#endif

#endif
