// Evaluators that misbehave the ways third-party code can, built once per way
// (REHEARSE_FIXTURE_HANG, _GARBAGE, _THROW): the host must answer every request regardless, and
// report the plugin in its health.
#include <rehearse/sdk/plugin.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

#if defined(REHEARSE_FIXTURE_HANG)
constexpr const char* descriptor = R"({"id":"fixture-hang","title":"Never answers","dimensions":["communication"]})";
#elif defined(REHEARSE_FIXTURE_GARBAGE)
constexpr const char* descriptor =
    R"({"id":"fixture-garbage","title":"Answers garbage","dimensions":["communication"]})";
#elif defined(REHEARSE_FIXTURE_THROW)
constexpr const char* descriptor = R"({"id":"fixture-throw","title":"Always throws","dimensions":["communication"]})";
#else
#error "define one of REHEARSE_FIXTURE_HANG, REHEARSE_FIXTURE_GARBAGE, REHEARSE_FIXTURE_THROW"
#endif

class misbehaving_plugin final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host& host) override { host.register_evaluator(descriptor); }
    std::string evaluate(std::string_view, std::string_view request) override {
#if defined(REHEARSE_FIXTURE_HANG)
        // "fixture-quick" answers at once; "fixture-slow-once" after 5 s, as a plugin on a huge
        // answer might; anything else never, as a plugin stuck on a lock or a network call would.
        // The log line tells a test the call is under way.
        if (request.find("fixture-quick") != std::string_view::npos) return R"({"score":0.5,"findings":[]})";
        if (request.find("fixture-slow-once") != std::string_view::npos) {
            log(rehearse::sdk::log_level::warning, "evaluating slowly");
            std::this_thread::sleep_for(std::chrono::seconds(5));
            return R"({"score":0.5,"findings":[]})";
        }
        log(rehearse::sdk::log_level::warning, "evaluating; this call never returns");
        for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
#elif defined(REHEARSE_FIXTURE_GARBAGE)
        // JSON of the wrong shape when the answer asks for it, else not JSON at all.
        if (request.find("fixture-wrong-shape") != std::string_view::npos) return R"({"score":"high","findings":{}})";
        return "<html>500 Internal Server Error</html>";
#else
        (void)request;
        throw std::runtime_error("the grading service is unreachable");
#endif
    }
};

}  // namespace

REHEARSE_PLUGIN(misbehaving_plugin)
