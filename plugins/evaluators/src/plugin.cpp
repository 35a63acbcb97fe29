// The evaluator plugin: registers one evaluator per rubric dimension and dispatches requests.
#include "common.hpp"

#include <rehearse/sdk/plugin.hpp>

#include <algorithm>
#include <memory>
#include <mutex>

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
        const auto* e =
            std::find_if(std::begin(entries), std::end(entries), [&](const entry& x) { return evaluator_id == x.id; });
        if (e == std::end(entries)) throw sdk::not_supported("no evaluator '" + std::string(evaluator_id) + "'");
        // The host asks every evaluator about the same answer in a row; the request differs only in
        // "evaluator", so the parsed request and its sentences are kept for the next call.
        std::string key(request_json);
        if (const auto at = key.find(",\"evaluator\":\""); at != std::string::npos) {
            const auto end = key.find('"', at + 14);
            if (end != std::string::npos) key.erase(at, end + 1 - at);
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (key != last_key_ || !last_context_) {
            last_context_.reset();
            last_request_ = json::parse(request_json, nullptr, false);
            last_key_.clear();
            if (last_request_.is_discarded() || !last_request_.is_object() || !last_request_.contains("problem") ||
                !last_request_.contains("answer") || !last_request_["problem"].is_object() ||
                !last_request_["problem"].contains("flags") || !last_request_["answer"].is_object())
                throw sdk::invalid_request("expected {\"evaluator\", \"problem\": {...}, \"answer\": {...}}");
            last_context_ = std::make_unique<context>(make_context(last_request_));
            last_key_ = std::move(key);
        }
        json out = e->run(*last_context_);
        out["score"] = std::clamp(out.value("score", 0.0), 0.0, 1.0);
        return out.dump(-1, ' ', false, json::error_handler_t::replace);
    }

   private:
    std::mutex mutex_;  // the HTTP server may grade from several threads
    std::string last_key_;
    json last_request_;
    std::unique_ptr<context> last_context_;
};

}  // namespace

}  // namespace rehearse::evaluators

REHEARSE_PLUGIN(rehearse::evaluators::evaluator_plugin)
