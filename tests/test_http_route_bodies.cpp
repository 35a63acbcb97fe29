// The inputs of the request-body fuzzer (tests/fuzz/fuzz_routes.cpp) replayed against the real
// server: every seed body is accepted by its route, and no input the fuzzer ever found (and no seed)
// is answered 500. An input's first byte picks the route among those taking a body, in the order
// of GET /api/v1's endpoint list, as the fuzzer does; the rest is the body.
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace rehearse::test::http;
using rehearse::test::server_process;
using rehearse::test::slurp;

/// The body routes with their parameters filled in, as the fuzzer fills them: learner "fuzz", who
/// has taken the first lesson, and one session of each kind, made here first.
std::vector<std::pair<std::string, std::string>> route_bodies_targets(std::uint16_t port) {
    post(port, "/api/v1/learners", json{{"name", "fuzz"}});
    const std::string empty = "{}";
    const std::string mock =
        call(port, "POST", "/api/v1/learners/fuzz/mock-sessions", &empty).doc().value("session", "");
    const std::string lesson = get(port, "/api/v1/lessons").doc()["items"][0].value("id", "");
    post(port, "/api/v1/learners/fuzz/lessons", json{{"lesson", lesson}});  // its cards can be reviewed
    const std::string teach =
        post(port, "/api/v1/learners/fuzz/teach-sessions", json{{"lesson", lesson}}).doc().value("session", "");
    std::vector<std::pair<std::string, std::string>> targets;
    const json index = get(port, "/api/v1").doc();  // kept: a range over a temporary's member would dangle
    for (const auto& e : index["endpoints"]) {
        const std::string endpoint = e.get<std::string>();
        const auto space = endpoint.find(' ');
        const std::string method = endpoint.substr(0, space);
        if (method != "POST" && method != "PUT" && method != "PATCH") continue;
        std::string target = endpoint.substr(space + 1);
        for (const auto& [from, to] : {std::pair<std::string, std::string>{"{name}", "fuzz"},
                                       {"{id}", target.find("/teach-sessions/") != std::string::npos ? teach : mock}})
            if (const auto at = target.find(from); at != std::string::npos) target.replace(at, from.size(), to);
        targets.emplace_back(method, target);
    }
    return targets;
}

std::vector<std::filesystem::path> route_bodies_inputs(const std::string& folder) {
    std::vector<std::filesystem::path> files;
    const std::filesystem::path dir =
        std::filesystem::path(REHEARSE_PROJECT_SOURCE_DIR) / "tests" / "fuzz" / folder / "routes";
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file() && e.path().filename() != "README") files.push_back(e.path());
    std::sort(files.begin(), files.end());  // the seeds are named in route order
    return files;
}

}  // namespace

TEST_CASE("http route bodies: every seed of the body fuzzer is accepted and no fuzzer input is answered 500") {
    server_process server({"--quiet"});
    const auto port = server.port();
    const auto targets = route_bodies_targets(port);
    REQUIRE(!targets.empty());
    std::vector<bool> seeded(targets.size(), false);
    for (const std::string folder : {"corpus", "regressions"})
        for (const auto& file : route_bodies_inputs(folder)) {
            const std::string input = slurp(file.string());
            if (input.empty()) continue;
            const auto index = static_cast<unsigned char>(input[0]) % targets.size();
            const auto& [method, target] = targets[index];
            const std::string body = input.substr(1);
            const reply r = call(port, method, target, &body);
            INFO(file.filename().string()
                 << ": " << method << " " << target << " answered " << r.status << " " << r.body);
            CHECK(r.status < 500);
            if (folder == std::string("corpus")) {
                CHECK(r.status / 100 == 2);  // a seed is a valid body, so the fuzzer starts from success
                seeded[index] = true;
            }
        }
    // One seed per route: a new body route needs its seed (tests/fuzz/corpus/routes/).
    for (std::size_t i = 0; i < targets.size(); ++i) {
        INFO("no seed for route " << i << ": " << targets[i].first << " " << targets[i].second);
        CHECK(seeded[i]);
    }
}
