#include <rehearse/sdk/plugin.hpp>

#include <stdexcept>

namespace {
class throwing_plugin final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host&) override { throw std::runtime_error("fixture init failure"); }
};
}  // namespace

REHEARSE_PLUGIN(throwing_plugin)
