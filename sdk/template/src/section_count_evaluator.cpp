// A tiny evaluator: scores `communication` by how many of the expected answer sections are present.
// The request and the response are JSON text; this example reads the request with plain string
// search so it needs nothing but the standard library. Real evaluators usually parse it with a JSON
// library of their choice, and read the answer's text with <rehearse/sdk/text.hpp>: the word and
// phrase search, negation ("no cache", "leave out Kafka, sharding and microservices") and hedging
// ("we could add a queue later") that the bundled evaluators and the answer model use.
#include <rehearse/sdk/plugin.hpp>

#include <array>
#include <string>

namespace {

class section_count_evaluator final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host& host) override {
        host.register_evaluator(
            R"({"id":"my-pack-sections","title":"Covers the main sections","dimensions":["communication"]})");
    }

    std::string evaluate(std::string_view evaluator, std::string_view request) override {
        if (evaluator != "my-pack-sections") throw rehearse::sdk::not_supported("unknown evaluator");
        // The answer model lists its sections by canonical name, e.g. "data-model".
        constexpr std::array<std::string_view, 4> expected{"\"requirements\"", "\"architecture\"", "\"data-model\"",
                                                           "\"api\""};
        int found = 0;
        for (auto name : expected)
            if (request.find(name) != std::string_view::npos) ++found;
        const double score = found / static_cast<double>(expected.size());
        std::string findings = "[]";
        if (found < 2)
            findings = R"([{"id":"my-pack/few-sections","dimension":"communication","severity":"minor",)"
                       R"("message":"The answer covers fewer than two of the main sections.",)"
                       R"("advice":"Structure the answer as requirements, architecture, data model and API.",)"
                       R"("evidence":")" + std::to_string(found) + R"( of 4 sections found"}])";
        return R"({"score":)" + std::to_string(score) + R"(,"findings":)" + findings + "}";
    }
};

}  // namespace

REHEARSE_PLUGIN(section_count_evaluator)
