// API drills: the api evaluator on the answer (versioning, pagination, error codes, verbs, slow work
// in a request, idempotency) plus the drill's expected routes, verbs and status codes.
#include "drill_graders.hpp"

#include "rehearse/core/answer/answer_model.hpp"
#include "rehearse/core/grading/evaluation.hpp"

#include <rehearse/sdk/text.hpp>

#include <algorithm>

namespace rehearse::drill_graders {

using nlohmann::json;

namespace {

/// A route as compared: lowercase, no version prefix, no trailing slash, every parameter `{}`
/// (`{id}`, `:id`, `<id>`), no query string.
std::string api_route_shape(std::string path) {
    path = sdk::text::lower(path);
    if (const auto q = path.find('?'); q != std::string::npos) path.erase(q);
    for (std::string_view prefix : {"/api/v1", "/api/v2", "/api", "/v1", "/v2"})
        if (path.rfind(prefix, 0) == 0 && (path.size() == prefix.size() || path[prefix.size()] == '/')) {
            path.erase(0, prefix.size());
            break;
        }
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        const bool segment_start = i > 0 && path[i - 1] == '/';
        if (segment_start && (path[i] == '{' || path[i] == ':' || path[i] == '<')) {
            while (i < path.size() && path[i] != '/') ++i;
            out += "{}";
            continue;
        }
        out += path[i++];
    }
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out.empty() ? "/" : out;
}

bool api_has_status(const json& endpoint, int status) {
    for (const auto& s : endpoint.value("statuses", json::array()))
        if ((s.is_number_integer() && s.get<int>() == status) || (s.is_object() && s.value("code", 0) == status))
            return true;
    return false;
}

}  // namespace

kind_grade grade_api(const content_registry& content, const drill& d, std::string_view answer) {
    kind_grade g;
    const json& expected = d.doc.at("expected").at("endpoints");
    const json model = parse_answer(answer);
    const json endpoints = model.value("api", json::object()).value("endpoints", json::array());

    const problem p = evaluation_problem(content, d, json::array(), expected);
    const evaluation_result e = evaluate_model(content, p, model);
    const auto s = e.scores.find("api");
    const double evaluator_score = s == e.scores.end() ? 0.0 : s->second;

    std::size_t wanted = 0, met = 0, routes = 0;
    for (const auto& x : expected) {
        const std::string method = x.at("method").get<std::string>();
        const std::string path = x.at("path").get<std::string>();
        const int status = x.at("status").get<int>();
        const std::string shape = api_route_shape(path);
        wanted += 2;
        const json* same_route = nullptr;
        const json* exact = nullptr;
        for (const auto& ep : endpoints) {
            if (api_route_shape(ep.value("path", "")) != shape) continue;
            same_route = &ep;
            if (ep.value("method", "") == method) {
                exact = &ep;
                break;
            }
        }
        if (!exact) {
            const std::string what = method + " " + path;
            if (same_route)
                g.findings.push_back(
                    drill_finding("wrong-http-verb", "api", "major",
                                  "The route " + path + " is there with " +
                                      same_route->value("method", std::string("?")) + ", not " + method + ".",
                                  // A purpose is a verb ("send") or a thing ("history"): in brackets, it reads either way.
                                  "Use " + method + " " + path +
                                      (x.contains("purpose") ? " (" + x.value("purpose", "") + ")" : "") + "."));
            else
                g.findings.push_back(
                    drill_finding("missing-endpoint", "api", "major", "No endpoint " + what + ".",
                                  "Add " + what + " -> " + std::to_string(status) +
                                      (x.contains("purpose") ? " (" + x.value("purpose", "") + ")" : "") + "."));
            continue;
        }
        ++met;
        ++routes;
        if (api_has_status(*exact, status))
            ++met;
        else
            g.findings.push_back(
                drill_finding("wrong-status", "api", "minor",
                              method + " " + path + " does not say it answers " + std::to_string(status) + ".",
                              "Give the success code: " + method + " " + path + " -> " + std::to_string(status) + "."));
    }
    for (const auto& f : e.findings) {
        const bool known =
            std::any_of(g.findings.begin(), g.findings.end(), [&](const json& x) { return x.value("id", "") == f.id; });
        if (!known) g.findings.push_back(drill_finding(f.id, "api", f.severity, f.message, f.advice));
    }
    const double coverage = wanted == 0 ? 0.0 : static_cast<double>(met) / static_cast<double>(wanted);
    g.score = endpoints.empty() ? 0.0 : 0.7 * coverage + 0.3 * evaluator_score;
    g.correct = routes == expected.size() && g.score >= 0.7;
    if (endpoints.empty())
        g.notes.push_back("No endpoint could be read: write one a line, as `POST /v1/bookings -> 201 Created`.");
    else
        g.notes.push_back("Your API has " + std::to_string(routes) + " of the " + std::to_string(expected.size()) +
                          " expected endpoints.");
    return g;
}

}  // namespace rehearse::drill_graders
