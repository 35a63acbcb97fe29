// A healthy plugin with an evaluator and a dialogue, written as a coach would.
#include <rehearse/sdk/plugin.hpp>

#include <string>

namespace {

class good_plugin final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host& host) override {
        host.register_evaluator(R"({"id":"fixture-length","title":"Answer length","dimensions":["communication"]})");
        host.register_dialogue(R"({"id":"fixture-echo","title":"Echo","modes":["teach"]})");
    }
    std::string evaluate(std::string_view evaluator, std::string_view request) override {
        if (evaluator != "fixture-length") throw rehearse::sdk::not_supported("unknown evaluator");
        if (request.find("\"explode\"") != std::string_view::npos) throw std::runtime_error("evaluator exploded");
        // Score grows with the request size: enough to prove the request crossed the boundary.
        const double score = request.size() > 100 ? 1.0 : 0.5;
        return R"({"score":)" + std::to_string(score) + R"(,"findings":[]})";
    }
    std::string dialogue_turn(std::string_view, std::string_view request) override {
        return R"({"reply":"you said )" + std::to_string(request.size()) + R"( bytes","state":{},"done":false})";
    }
};

}  // namespace

REHEARSE_PLUGIN(good_plugin)
