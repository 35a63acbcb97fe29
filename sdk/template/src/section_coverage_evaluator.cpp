// The template's evaluator: grades `communication` by whether the answer gives the interviewer the
// four sections they look for, each with something in it. Copy it, rename the ids, grade what
// your pack cares about.
//
// The host calls `evaluate` once per answer with a JSON request (sdk/schema/evaluate-v1.md):
//   {"evaluator": "my-pack-sections",
//    "problem": {...},  // the problem as in content/problems.json, plus "pack"
//    "answer": {"sections": ["requirements", "architecture", ...],  // rubric sections, in order
//               "blocks": [{"kind": "paragraph", "section": "api", "text": "...", "line": 12}, ...],
//               "words": 412, ...}}
// The host has already read the Markdown: each block is filed under the rubric section of its
// heading ("## Back-of-the-envelope" is "estimation"). The reply is
//   {"score": 0..1, "findings": [...], "strengths": [...]}.
#include <rehearse/sdk/plugin.hpp>
#include <rehearse/sdk/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <string>

namespace {

using nlohmann::json;

// The sections an interviewer expects, and how many words make a section more than a heading.
constexpr std::array<const char*, 4> expected_sections{"requirements", "architecture", "data-model", "api"};
constexpr std::size_t substantive_words = 25;

// Words in a text: runs of letters, digits and underscores, as the host counts them.
std::size_t count_words(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (rehearse::sdk::text::is_word_char(text[i]) && (i == 0 || !rehearse::sdk::text::is_word_char(text[i - 1])))
            ++n;
    return n;
}

class section_coverage_evaluator final : public rehearse::sdk::plugin {
   public:
    void init(rehearse::sdk::host& host) override {
        // One evaluator grades one rubric dimension; rehearse/sdk/dimensions.hpp lists the ids.
        host.register_evaluator(
            R"({"id":"my-pack-sections","title":"Covers the main sections","dimensions":["communication"]})");
    }

    std::string evaluate(std::string_view evaluator, std::string_view request_text) override {
        if (evaluator != "my-pack-sections") throw rehearse::sdk::not_supported("unknown evaluator");
        // Exceptions are fine here: the SDK reports them to the host as this plugin's error.
        const json request = json::parse(request_text, nullptr, /*allow_exceptions=*/false);
        if (!request.is_object() || !request.contains("answer") || !request["answer"].is_object())
            throw rehearse::sdk::invalid_request(R"(expected {"evaluator", "problem", "answer"})");
        const json& answer = request["answer"];

        // Words written under each section; headings do not count.
        std::map<std::string, std::size_t> words;
        for (const json& block : answer.value("blocks", json::array()))
            if (block.value("kind", "") != "heading")
                words[block.value("section", "")] += count_words(block.value("text", ""));
        const json present = answer.value("sections", json::array());

        // A section with substance earns a full share of the score, a thin one half, a missing one
        // nothing. The shortfalls become the finding's evidence.
        double earned = 0;
        int substantive = 0;
        std::string shortfalls;
        for (const char* section : expected_sections) {
            const bool is_present = std::find(present.begin(), present.end(), section) != present.end();
            const std::size_t n = words[section];
            if (is_present && n >= substantive_words) {
                earned += 1;
                ++substantive;
                continue;
            }
            earned += is_present ? 0.5 : 0;
            shortfalls += std::string(shortfalls.empty() ? "" : "; ") + section +
                          (is_present ? " has " + std::to_string(n) + " words" : " is missing");
        }
        const double score = earned / expected_sections.size();
        // A line on stderr, with this plugin's id: info and debug show with `rehearse --verbose`,
        // warnings and errors always. Never on stdout, so `--json` stays clean.
        log(rehearse::sdk::log_level::info, std::to_string(substantive) + " of " +
                                                std::to_string(expected_sections.size()) +
                                                " expected sections have substance");

        json findings = json::array(), strengths = json::array();
        if (shortfalls.empty()) {
            strengths.push_back("Requirements, architecture, data model and API each get a section with substance");
        } else {
            // The shape every evaluator returns. The id is stable: learners' history refers to it.
            findings.push_back({{"id", "my-pack/thin-sections"},
                                {"dimension", "communication"},
                                {"severity", score < 0.5 ? "major" : "minor"},
                                {"message", "Some of the sections an interviewer looks for are missing or thin."},
                                {"evidence", shortfalls},
                                {"advice",
                                 "Give requirements, architecture, data model and API a ## section "
                                 "each, with a few sentences or a list in every one."},
                                {"why", "An interviewer follows the answer section by section."}});
        }
        return json{{"score", score}, {"findings", findings}, {"strengths", strengths}}.dump();
    }
};

}  // namespace

REHEARSE_PLUGIN(section_coverage_evaluator)
