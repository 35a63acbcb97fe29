#include <rehearse/sdk/plugin.hpp>

namespace {
class undeclared_plugin final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host& host) override {
        host.register_evaluator(R"({"id":"sneaky","title":"Sneaky","dimensions":["api"]})");
    }
};
}  // namespace

REHEARSE_PLUGIN(undeclared_plugin)
