// Communication: what a written answer shows of how the candidate would run the interview. The
// interview's structure (requirements, then estimates, then the design, then deep dives), signposts
// that tell the reader where they are, a stated plan for the deep dives, trade-offs given with their
// reason, and a closing summary.
#include "common.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace rehearse::evaluators {

namespace {

/// Position of each interview phase in the answer (the order of first appearance of its sections):
/// requirements, estimation, design (architecture, data model, API), deep dives (scaling, reliability).
int phase_of(const std::string& section) {
    if (section == "requirements") return 0;
    if (section == "estimation") return 1;
    if (section == "architecture" || section == "data-model" || section == "api") return 2;
    if (section == "scaling" || section == "reliability") return 3;
    return -1;
}

bool any_phrase(const std::string& t, std::initializer_list<std::string_view> phrases) {
    for (auto p : phrases)
        if (t.find(p) != std::string::npos) return true;
    return false;
}

}  // namespace

json evaluate_communication(const context& c) {
    json strengths = json::array();
    json findings = json::array();
    const json& sections = c.answer.value("sections", json::array());
    const auto words = c.answer.value("words", 0);

    // Structure: how many of the interview's sections there are, and whether the phases come in the
    // interview's order (each phase's first section after the previous phase's).
    std::vector<int> phases;
    for (const auto& s : sections)
        if (s.is_string()) {
            const int p = phase_of(s.get<std::string>());
            if (p >= 0 && std::find(phases.begin(), phases.end(), p) == phases.end()) phases.push_back(p);
        }
    const bool ordered = phases.size() >= 3 && std::is_sorted(phases.begin(), phases.end());
    const double coverage = std::min(1.0, static_cast<double>(sections.size()) / 6.0);

    // Signposting: headings that name what follows, or sentences that say where the answer is going.
    std::size_t headings = 0;
    const sentence* signpost = nullptr;
    const sentence* plan = nullptr;
    const sentence* summary = nullptr;
    const sentence* reasoned = nullptr;
    for (const auto& s : c.sentences) {
        if (s.kind == "code") continue;
        if (s.kind == "heading") {
            ++headings;
            if (!summary && any_phrase(s.text, {"summary", "wrap-up", "wrap up", "conclusion", "recap", "tl;dr",
                                                "in short", "closing"}))
                summary = &s;
            if (!plan && any_phrase(s.text, {"deep dive", "deep-dive", "deep dives"})) plan = &s;
            continue;
        }
        if (!signpost &&
            any_phrase(s.text, {"first,",      "first i",         "i'll start", "i will start", "let me start",
                                "let's start", "next,",           "next i",     "then i",       "now that",
                                "moving on",   "with that",       "from here",  "i'll cover",   "i will cover",
                                "below i",     "in this section", "to recap",   "step 1",       "step one"}))
            signpost = &s;
        // A stated plan for the deep dives: "I'll go deep on fan-out and the hot key", "the two deep dives are".
        if (!plan && any_phrase(s.text, {"deep dive", "deep-dive", "dig into", "go deeper", "go deep", "focus on",
                                         "zoom in", "spend the rest", "the rest of the time"}))
            plan = &s;
        if (!summary && any_phrase(s.text, {"in summary", "to summarise", "to summarize", "in short,", "overall,",
                                            "to sum up", "tl;dr", "to recap", "the design in one"}))
            summary = &s;
        // A trade-off with its reason: an alternative named and why the choice was made.
        if (!reasoned &&
            any_phrase(s.text, {"instead of", "rather than", "trade-off", "tradeoff", " vs ", " vs.", "versus",
                                "at the cost of", "downside", "alternative"}) &&
            any_phrase(s.text, {"because", "since ", "so that", "which means", "at the cost", "the cost is",
                                "which costs", "in exchange", "so we", "so the", "given ", "as it ", "as they "}))
            reasoned = &s;
    }
    const bool signposted = signpost != nullptr || headings >= 5;

    // Structure 0.45 (sections 0.35, the interview's order 0.1), reasoning 0.2 (a trade-off with its
    // reason), signposting, a deep-dive plan and a summary 0.05 each, a readable length 0.1.
    double score = 0.1 + 0.35 * coverage + (ordered ? 0.1 : 0) + (reasoned ? 0.2 : 0) + (signposted ? 0.05 : 0) +
                   (plan ? 0.05 : 0) + (summary ? 0.05 : 0) + (words >= 250 && words <= 4000 ? 0.1 : 0);
    if (sections.size() >= 5 && ordered)
        strengths.push_back(
            "Your answer follows the interview's structure: requirements, estimates, design, deep dives");
    else if (sections.size() >= 5)
        strengths.push_back("Your answer follows the interview's structure, section by section");
    if (reasoned)
        strengths.push_back("You gave the reason behind a trade-off (\"" + excerpt(reasoned->raw, 80) + "\")");
    if (plan) strengths.push_back("You said where you would go deep before going there");
    if (summary) strengths.push_back("You closed with a summary of the design");
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
