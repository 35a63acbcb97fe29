// libFuzzer harness for request bodies, route by route: the real router and handlers of the API in
// process, over the bundled plugins and a temporary SQLite file. The first byte picks one of the
// routes that take a body (POST, PUT, PATCH under /api/v1, in the router's order, which is also
// the order of GET /api/v1's endpoint list); the rest is the body, sent as application/json. Any
// answer of 500 or above is a finding: a body is the client's, so the client's fault is all it may
// cause. Set FUZZ_ROUTES_LIST=1 to print the routes with their first bytes.
#include "http/api.hpp"

#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
namespace http = rehearse::http;

struct fixture {
    std::filesystem::path dir;
    rehearse::app_context ctx;
    http::api api;
    std::vector<std::string> targets;  ///< the body routes, parameters filled in

    fixture() : dir(make_dir()), ctx(options(dir)), api(ctx, http::api_options{}) {
        // One learner, who has taken the first lesson, and one session of each kind for the routes
        // that name them (as tests/test_http_route_bodies.cpp does before replaying).
        call("POST", "/api/v1/learners", R"({"name":"fuzz"})");
        const std::string mock = session_of(call("POST", "/api/v1/learners/fuzz/mock-sessions", "{}"));
        std::string lesson;
        const http::response lessons = call("GET", "/api/v1/lessons", "");
        if (const json list = json::parse(lessons.body, nullptr, false); list.is_object() && !list["items"].empty())
            lesson = list["items"][0].value("id", "");
        call("POST", "/api/v1/learners/fuzz/lessons", json{{"lesson", lesson}}.dump());  // its cards can be reviewed
        const std::string teach =
            session_of(call("POST", "/api/v1/learners/fuzz/teach-sessions", json{{"lesson", lesson}}.dump()));
        const bool list_routes = std::getenv("FUZZ_ROUTES_LIST") != nullptr;
        for (const auto& [method, pattern] : api.routes().patterns()) {
            if (method != "POST" && method != "PUT" && method != "PATCH") continue;
            if (pattern.rfind("/api/v1/", 0) != 0) continue;
            std::string target = pattern;
            replace(target, "{name}", "fuzz");
            replace(target, "{id}", target.find("/teach-sessions/") != std::string::npos ? teach : mock);
            if (list_routes) std::fprintf(stderr, "%zu %s %s\n", targets.size(), method.c_str(), target.c_str());
            targets.push_back(method + " " + target);
        }
    }
    ~fixture() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    http::response call(const std::string& method, const std::string& target, const std::string& body) {
        http::request r;
        r.method = method;
        r.target = target;
        r.body = body;
        if (!body.empty()) r.headers["content-type"] = "application/json";
        return api.routes().handle(r);
    }

    static std::filesystem::path make_dir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "rehearse-fuzz-routes-XXXXXX").string();
        if (!mkdtemp(pattern.data())) std::abort();
        return pattern;
    }
    static rehearse::context_options options(const std::filesystem::path& dir) {
        rehearse::context_options o;
        o.db_path = (dir / "fuzz.db").string();
        o.load_bundled = true;  // bin/../lib/rehearse/plugins, as for the rehearse executable
        return o;
    }
    static std::string session_of(const http::response& started) {
        const json doc = json::parse(started.body, nullptr, false);
        return doc.is_object() && doc["session"].is_string() ? doc["session"].get<std::string>() : "none";
    }
    static void replace(std::string& text, const std::string& from, const std::string& to) {
        if (const auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static fixture f;
    if (size == 0 || f.targets.empty()) return 0;
    const std::string& route = f.targets[data[0] % f.targets.size()];
    const auto space = route.find(' ');
    const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    const http::response out = f.call(route.substr(0, space), route.substr(space + 1), body);
    if (out.status >= 500) {
        std::fprintf(stderr, "%s answered %d: %s\n", route.c_str(), out.status, out.body.c_str());
        std::abort();
    }
    return 0;
}
