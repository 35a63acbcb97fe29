// The API's description (GET /api/v1/openapi.json) kept true against the real `rehearse serve`: the
// document and the router list the same routes, and every documented operation, called with real
// values, answers with a status the document lists for it and a body of the documented shape.
#include "support/cli_json.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;
using rehearse::test::server_process;
using namespace rehearse::test::http;

namespace {

/// The routes served outside /api/v1 (the index at GET /api/v1 lists only the API's own).
const std::set<std::string> openapi_routes_outside_api{"GET /", "GET /static/{file}", "GET /healthz", "GET /metrics"};

/// Every "METHOD /path" the document describes.
std::set<std::string> openapi_documented_routes(const json& doc) {
    static const std::vector<std::string> methods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};
    std::set<std::string> out;
    for (const auto& [path, item] : doc.at("paths").items())
        for (const auto& m : methods)
            if (item.contains(m)) {
                std::string upper = m;
                std::transform(upper.begin(), upper.end(), upper.begin(),
                               [](unsigned char c) { return std::toupper(c); });
                out.insert(upper + " " + path);
            }
    return out;
}

std::string openapi_joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string openapi_url_encode(const std::string& s) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

/// The target of a local "#/components/..." reference.
const json& openapi_resolve(const json& doc, const json& node) {
    if (!node.is_object() || !node.contains("$ref")) return node;
    const std::string ref = node.at("$ref").get<std::string>();
    REQUIRE_MESSAGE(ref.rfind("#/", 0) == 0, "only local references: " << ref);
    return openapi_resolve(doc, doc.at(json::json_pointer(ref.substr(1))));
}

bool openapi_has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    return false;
}

/// Checks `value` against the subset of JSON Schema the document uses ($ref, allOf, oneOf, type,
/// enum, const, required, properties, additionalProperties, items); the first mismatch goes to `why`.
bool openapi_matches(const json& doc, const json& schema_node, const json& value, const std::string& at,
                     std::string& why) {
    const json& schema = openapi_resolve(doc, schema_node);
    if (schema.contains("allOf"))
        for (const auto& part : schema["allOf"])
            if (!openapi_matches(doc, part, value, at, why)) return false;
    if (schema.contains("oneOf")) {
        int matched = 0;
        std::string last;
        for (const auto& alt : schema["oneOf"]) {
            std::string w;
            if (openapi_matches(doc, alt, value, at, w))
                ++matched;
            else
                last = w;
        }
        if (matched != 1) {
            why = at + ": matches " + std::to_string(matched) + " of oneOf (" + last + ")";
            return false;
        }
    }
    if (const auto t = schema.find("type"); t != schema.end()) {
        const std::vector<std::string> types =
            t->is_array() ? t->get<std::vector<std::string>>() : std::vector<std::string>{t->get<std::string>()};
        if (std::none_of(types.begin(), types.end(),
                         [&](const std::string& ty) { return openapi_has_type(value, ty); })) {
            why = at + ": " + value.dump().substr(0, 80) + " is not of type " + t->dump();
            return false;
        }
    }
    if (const auto e = schema.find("enum"); e != schema.end() && std::find(e->begin(), e->end(), value) == e->end()) {
        why = at + ": " + value.dump() + " is not one of " + e->dump();
        return false;
    }
    if (const auto c = schema.find("const"); c != schema.end() && *c != value) {
        why = at + ": " + value.dump() + " is not " + c->dump();
        return false;
    }
    if (value.is_object()) {
        for (const auto& name : schema.value("required", json::array()))
            if (!value.contains(name.get<std::string>())) {
                why = at + ": no \"" + name.get<std::string>() + "\"";
                return false;
            }
        const json properties = schema.value("properties", json::object());
        for (const auto& [name, v] : value.items()) {
            if (properties.contains(name)) {
                if (!openapi_matches(doc, properties[name], v, at + "." + name, why)) return false;
            } else if (const auto extra = schema.find("additionalProperties");
                       extra != schema.end() && extra->is_object()) {
                if (!openapi_matches(doc, *extra, v, at + "." + name, why)) return false;
            }
        }
    }
    if (value.is_array() && schema.contains("items"))
        for (std::size_t i = 0; i < value.size(); ++i)
            if (!openapi_matches(doc, schema["items"], value[i], at + "[" + std::to_string(i) + "]", why)) return false;
    return true;
}

/// One documented operation: its method, path template and description.
struct openapi_operation {
    std::string method;  ///< upper case
    std::string path;
    json op;
};

std::vector<openapi_operation> openapi_operations(const json& doc) {
    std::vector<openapi_operation> out;
    for (const auto& route : openapi_documented_routes(doc)) {
        const auto space = route.find(' ');
        std::string method = route.substr(0, space), path = route.substr(space + 1);
        std::string lower = method;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        out.push_back({method, path, doc["paths"][path][lower]});
    }
    // Steps that create come before the reads of what they created; finishing a session comes last,
    // after the steps that need it open.
    auto rank = [](const openapi_operation& o) {
        const bool finishes = o.path.size() >= 7 && o.path.compare(o.path.size() - 7, 7, "/finish") == 0;
        return finishes ? 2 : o.method == "POST" ? 0 : 1;
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const openapi_operation& a, const openapi_operation& b) { return rank(a) < rank(b); });
    return out;
}

}  // namespace

TEST_CASE("http openapi: the description lists exactly the router's routes, and each answers as described") {
    server_process s;
    const std::uint16_t port = s.port();

    const json doc = ok(get(port, "/api/v1/openapi.json"));
    REQUIRE(doc["openapi"].is_string());
    CHECK(doc["openapi"].get<std::string>().rfind("3.1.", 0) == 0);
    REQUIRE(doc["paths"].is_object());
    CHECK(!doc["paths"].empty());
    const json index = ok(get(port, "/api/v1"));
    CHECK(doc["info"]["title"] == "Rehearse");
    CHECK(doc["info"]["version"] == index["version"]);

    SUBCASE("the same routes as the router, both ways") {
        std::set<std::string> served(openapi_routes_outside_api);
        for (const auto& e : index["endpoints"]) served.insert(e.get<std::string>());
        const std::set<std::string> documented = openapi_documented_routes(doc);
        std::vector<std::string> undocumented, missing;
        std::set_difference(served.begin(), served.end(), documented.begin(), documented.end(),
                            std::back_inserter(undocumented));
        std::set_difference(documented.begin(), documented.end(), served.begin(), served.end(),
                            std::back_inserter(missing));
        INFO("served: " << served.size() << ", documented: " << documented.size());
        CHECK_MESSAGE(undocumented.empty(), "served but not in openapi.json: " << openapi_joined(undocumented));
        CHECK_MESSAGE(missing.empty(), "in openapi.json but not served: " << openapi_joined(missing));
        // The index lists /api/v1 only; the routes named outside it must exist too.
        for (const auto& r : openapi_routes_outside_api)
            CHECK(get(port, r == "GET /static/{file}" ? "/static/app.js" : r.substr(4)).status == 200);
    }

    SUBCASE("every documented operation, called with real values, answers as documented") {
        // Real values for the path parameters: a learner with an attempt, a plan, a lesson taken, a
        // mock interview and a teaching dialogue under way, a group; content ids from the lists.
        const std::string learner = "openapi-ada";
        const json problems = ok(get(port, "/api/v1/problems?limit=1"));
        const json lessons = ok(get(port, "/api/v1/lessons?limit=1"));
        const json curricula = ok(get(port, "/api/v1/curricula?limit=1"));
        const std::string problem = problems["items"].at(0)["id"], lesson = lessons["items"].at(0)["id"];
        const std::string curriculum = curricula["items"].at(0)["id"];
        const std::string answer =
            "## Requirements\n- shorten a link and redirect\n\n## API\n- POST /v1/links -> 201 Created\n"
            "- GET /{code} -> 301\n\n## Data model\n```sql\nCREATE TABLE links (code TEXT PRIMARY KEY, url TEXT NOT "
            "NULL);\n```\n";
        const std::string base = "/api/v1/learners/" + learner;
        ok(post(port, "/api/v1/learners", json{{"name", learner}}), 201);
        const json attempt = ok(post(port, base + "/attempts", json{{"problem", problem}, {"answer", answer}}), 201);
        ok(post(port, base + "/lessons", json{{"lesson", lesson}}));
        const json due = ok(get(port, base + "/reviews"));
        REQUIRE(!due["items"].empty());
        const std::string card = due["items"][0]["card"];
        ok(post(port, base + "/plan", json{{"curriculum", curriculum}}), 201);
        const json mock = ok(post(port, base + "/mock-sessions", json{{"problem", problem}}), 201);
        const json teach = ok(post(port, base + "/teach-sessions", json{{"lesson", lesson}}), 201);
        ok_json(run_cli({"group", "create", "openapi-team", "--coach", learner, "--json", "--db", s.db()}));
        ok_json(run_cli({"group", "add", "openapi-team", "--learner", learner, "--json", "--db", s.db()}));

        // A path parameter's value by the segment before it; other {id}s come from the list at that path.
        const std::map<std::string, std::string> by_segment{
            {"learners", learner},
            {"groups", "openapi-team"},
            {"attempts", std::to_string(attempt["attempt_id"].get<std::int64_t>())},
            {"mock-sessions", mock["session"]},
            {"teach-sessions", teach["session"]},
            {"static", "app.js"}};
        std::map<std::string, json> bodies{
            {"POST /api/v1/learners", {{"name", learner}}},
            {"POST /api/v1/evaluate", {{"problem", problem}, {"answer", answer}}},
            {"POST /api/v1/learners/{name}/attempts", {{"problem", problem}, {"scores", {{"api", 0.6}}}}},
            {"POST /api/v1/learners/{name}/plan", {{"curriculum", curriculum}}},
            {"POST /api/v1/learners/{name}/reviews", {{"card", card}, {"rating", 3}}},
            {"POST /api/v1/learners/{name}/lessons", {{"lesson", lesson}, {"answer", "It depends on the traffic."}}},
            {"POST /api/v1/learners/{name}/mock-sessions", {{"problem", problem}, {"format", 45}}},
            {"POST /api/v1/learners/{name}/mock-sessions/{id}/messages", {{"text", "How many users do we expect?"}}},
            {"POST /api/v1/learners/{name}/mock-sessions/{id}/sections",
             {{"markdown", "## API\n- POST /v1/links -> 201 Created\n"}, {"section", "api"}}},
            {"POST /api/v1/learners/{name}/mock-sessions/{id}/phase", {{"to", "next"}}},
            {"POST /api/v1/learners/{name}/mock-sessions/{id}/finish", {{"self_assessment", "I ran out of time."}}},
            {"POST /api/v1/learners/{name}/teach-sessions", {{"lesson", lesson}}},
            {"POST /api/v1/learners/{name}/teach-sessions/{id}/messages",
             {{"text", "I would start from the requirements."}}},
        };
        // Drills, once the API serves them: the first of the list.
        if (doc["paths"].contains("/api/v1/drills")) {
            const json drills = ok(get(port, "/api/v1/drills?limit=1"));
            REQUIRE(!drills["items"].empty());
            bodies["POST /api/v1/learners/{name}/drill-attempts"] = {{"drill", drills["items"][0]["id"]},
                                                                     {"answer", "About 100 requests per second."}};
        }
        const std::map<std::string, std::string> required_queries{{"text", "how do I shard a database"}};

        int walked = 0;
        for (const auto& o : openapi_operations(doc)) {
            const std::string route = o.method + " " + o.path;
            CAPTURE(route);
            CHECK_MESSAGE(o.op["operationId"].is_string(), route << " has no operationId");
            CHECK_MESSAGE(o.op["summary"].is_string(), route << " has no summary");
            // The target: each {param} replaced with a real value.
            std::string target, previous;
            std::size_t start = 1;
            while (start <= o.path.size()) {
                auto end = o.path.find('/', start);
                if (end == std::string::npos) end = o.path.size();
                std::string seg = o.path.substr(start, end - start);
                if (seg.size() > 2 && seg.front() == '{') {
                    if (const auto v = by_segment.find(previous); v != by_segment.end()) {
                        seg = v->second;
                    } else {
                        const json list = ok(get(port, target + "?limit=1"));
                        REQUIRE_MESSAGE(!list["items"].empty(), "no item at " << target << " to call " << route);
                        seg = list["items"][0]["id"].get<std::string>();
                    }
                }
                target += "/" + seg;
                previous = seg;
                start = end + 1;
            }
            if (target.empty()) target = "/";
            std::string query;
            for (const auto& p : o.op.value("parameters", json::array())) {
                const json& param = openapi_resolve(doc, p);
                if (param["in"] != "query") continue;
                const std::string name = param["name"];
                std::string value;
                if (name == "limit")
                    value = "2";
                else if (param.value("required", false))
                    value = required_queries.at(name);
                else
                    continue;
                query += (query.empty() ? "?" : "&") + name + "=" + openapi_url_encode(value);
            }
            const auto body = bodies.find(route);
            const bool known = body != bodies.end() || !o.op.contains("requestBody");
            const std::string payload = body != bodies.end() ? body->second.dump() : "{}";
            const reply r = call(port, o.method, target + query, o.method == "POST" ? &payload : nullptr);
            INFO("target: " << target + query << "\nstatus: " << r.status << "\nbody: " << r.body.substr(0, 400));
            ++walked;

            CHECK(r.status != 405);
            CHECK(r.status < 500);
            if (r.status == 404) CHECK(r.body.find("no such resource") == std::string::npos);
            // With real values every known operation succeeds; a new POST without a body here still
            // has to answer with a status the document lists.
            if (known) CHECK_MESSAGE((r.status >= 200 && r.status < 300), route << " did not succeed");
            const json& responses = o.op["responses"];
            const std::string status = std::to_string(r.status);
            if (!responses.contains(status)) {
                FAIL_CHECK(route << " answered " << status << ", which is not documented");
                continue;
            }
            const json& described = openapi_resolve(doc, responses[status]);
            const std::string type = r.content_type.substr(0, r.content_type.find(';'));
            const json content = described.value("content", json::object());
            const std::string key = content.contains(type) ? type : "*/*";
            if (!content.contains(key)) {
                FAIL_CHECK(route << " answered " << type << ", documented: " << content.dump());
                continue;
            }
            if (type == "application/json" || type == "application/problem+json") {
                std::string why;
                CHECK_MESSAGE(openapi_matches(doc, content[key]["schema"], json::parse(r.body), "body", why),
                              route << " " << status << ": " << why);
            }
        }
        CHECK(walked == static_cast<int>(openapi_documented_routes(doc).size()));
    }
}

TEST_CASE("http openapi: with --auth every /api/v1 operation answers 401 without a token, as documented") {
    server_process s({"--auth"});
    const std::string token = ok_json(run_cli(
        {"token", "create", "--learner", "openapi-ben", "--role", "learner", "--json", "--db", s.db()}))["token"];
    const reply signed_in =
        call(s.port(), "GET", "/api/v1/openapi.json", nullptr, {{"Authorization", "Bearer " + token}});
    const json doc = ok(signed_in);
    REQUIRE(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");
    for (const auto& o : openapi_operations(doc)) {
        const std::string route = o.method + " " + o.path;
        CAPTURE(route);
        // Any value will do for the parameters: sign-in is checked before the route runs.
        std::string target = o.path;
        for (std::size_t open = target.find('{'); open != std::string::npos; open = target.find('{'))
            target.replace(open, target.find('}', open) - open + 1, o.path.rfind("/static/", 0) == 0 ? "app.js" : "x");
        const std::string empty = "{}";
        const reply r = call(s.port(), o.method, target, o.method == "POST" ? &empty : nullptr);
        INFO("status: " << r.status << ", body: " << r.body.substr(0, 200));
        if (o.path.rfind("/api/v1", 0) == 0) {
            check_problem(r, 401);
            CHECK_MESSAGE(o.op["responses"].contains("401"), route << " does not document its 401");
            CHECK_MESSAGE(!o.op.contains("security"), route << " claims to need no token");
        } else {
            CHECK(r.status == 200);
            CHECK_MESSAGE(o.op["security"] == json::array(), route << " does not say it needs no token");
        }
    }
}
