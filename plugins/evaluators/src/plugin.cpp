// The evaluator plugin: registers one evaluator per rubric dimension and dispatches requests.
#include "common.hpp"

#include <rehearse/sdk/plugin.hpp>

#include <algorithm>

namespace rehearse::evaluators {

namespace {

struct entry {
    const char* id;
    const char* title;
    const char* dimension;
    json (*run)(const context&);
};

constexpr entry entries[] = {
    {"requirements", "Clarifying questions and assumptions", "requirements", &evaluate_requirements},
    {"estimation", "Capacity estimates against the problem's reference numbers", "estimation", &evaluate_estimation},
    {"architecture", "Components and data flow", "architecture", &evaluate_architecture},
    {"data-model", "Schema: keys, indexes, tenancy, audit, file storage", "data-model", &evaluate_data_model},
    {"api", "Endpoints: verbs, versioning, pagination, errors, async work", "api", &evaluate_api},
    {"scaling", "Bottlenecks, trade-offs and right-sizing", "scaling", &evaluate_scaling},
    {"reliability", "Redundancy and observability", "reliability", &evaluate_reliability},
    {"communication", "Structure and clarity of the written answer", "communication", &evaluate_communication},
};

class evaluator_plugin final : public sdk::plugin {
   public:
    void init(sdk::host& h) override {
        for (const auto& e : entries)
            h.register_evaluator(
                json{{"id", e.id}, {"title", e.title}, {"dimensions", json::array({e.dimension})}}.dump());
    }

    std::string evaluate(std::string_view evaluator_id, std::string_view request_json) override {
        const auto* e = std::find_if(std::begin(entries), std::end(entries),
                                     [&](const entry& x) { return evaluator_id == x.id; });
        if (e == std::end(entries)) throw sdk::not_supported("no evaluator '" + std::string(evaluator_id) + "'");
        const json request = json::parse(request_json, nullptr, false);
        if (request.is_discarded() || !request.is_object() || !request.contains("problem") ||
            !request.contains("answer") || !request["problem"].contains("flags"))
            throw sdk::invalid_request("expected {\"evaluator\", \"problem\": {...}, \"answer\": {...}}");
        const context c = make_context(request);
        json out = e->run(c);
        out["score"] = std::clamp(out.value("score", 0.0), 0.0, 1.0);
        return out.dump(-1, ' ', false, json::error_handler_t::replace);
    }
};

}  // namespace

}  // namespace rehearse::evaluators

REHEARSE_PLUGIN(rehearse::evaluators::evaluator_plugin)
