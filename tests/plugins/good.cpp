// A healthy plugin with an evaluator and a dialogue, written as a coach would.
#include <rehearse/sdk/plugin.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

class good_plugin final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host& host) override {
        host.register_evaluator(R"({"id":"fixture-length","title":"Answer length","dimensions":["communication"]})");
        host.register_dialogue(R"({"id":"fixture-echo","title":"Echo","modes":["teach"]})");
        host.log(rehearse::sdk::log_level::info, "ready");
    }
    std::string evaluate(std::string_view evaluator, std::string_view request) override {
        if (evaluator != "fixture-length") throw rehearse::sdk::not_supported("unknown evaluator");
        if (request.find("\"explode\"") != std::string_view::npos) throw std::runtime_error("evaluator exploded");
        if (request.find("\"log\"") != std::string_view::npos) {
            log(rehearse::sdk::log_level::debug, "a debug line");
            log(rehearse::sdk::log_level::info, "an info line");
            log(rehearse::sdk::log_level::warning, "a warning line");
            log(rehearse::sdk::log_level::error, "an error line");
        }
        if (request.find("\"overlap\"") != std::string_view::npos) {
            // Stays inside the call for a moment; a second call arriving meanwhile was concurrent.
            const bool alone = ++inside_ == 1;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            --inside_;
            if (!alone) throw std::runtime_error("called concurrently");
        }
        // Score grows with the request size: enough to prove the request crossed the boundary.
        const double score = request.size() > 100 ? 1.0 : 0.5;
        return R"({"score":)" + std::to_string(score) + R"(,"findings":[]})";
    }
    std::string dialogue_turn(std::string_view, std::string_view request) override {
        return R"({"reply":"you said )" + std::to_string(request.size()) + R"( bytes","state":{},"done":false})";
    }

   private:
    std::atomic<int> inside_{0};
};

}  // namespace

REHEARSE_PLUGIN(good_plugin)
