// Logs when it is made and when it is destroyed, so the tests can see the order the host shuts
// plugins down in.
#include <rehearse/sdk/plugin.hpp>

namespace {

class lifecycle_plugin final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host& host) override { host.log(rehearse::sdk::log_level::info, "created"); }
    ~lifecycle_plugin() override { log(rehearse::sdk::log_level::info, "destroyed"); }
};

}  // namespace

REHEARSE_PLUGIN(lifecycle_plugin)
