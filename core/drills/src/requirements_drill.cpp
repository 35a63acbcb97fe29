// Requirements drills ("what would you ask?"): the learner's questions matched to the named problem's
// clarification intents, by the mock interviewer's clarification matcher and by the intents'
// keywords (graded as key points, the way a lesson's check question is).
#include "drill_graders.hpp"

#include "rehearse/core/learner/lesson_progress.hpp"
#include "rehearse/core/sessions/clarification_matcher.hpp"

#include <rehearse/sdk/text.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace rehearse::drill_graders {

using nlohmann::json;

kind_grade grade_requirements(const content_registry& content, const drill& d, std::string_view answer) {
    kind_grade g;
    const json& expected = d.doc.at("expected");
    const problem& p = content.require_problem(bare_id(expected.at("problem").get<std::string>()));
    const json& clarifications = p.doc.at("clarifications");
    std::vector<std::string> intents;
    for (const auto& i : expected.at("intents")) intents.push_back(i.get<std::string>());

    std::set<std::string> asked;
    // The matcher reads a message's questions; one line at a time keeps a list of questions apart.
    const clarification_matcher matcher(p);
    std::size_t start = 0;
    const std::string text(answer);
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (sdk::text::trim(line).empty()) continue;
        for (const auto& m : matcher.read(line).answered) asked.insert(clarifications.at(m.index).value("intent", ""));
    }
    // The intents' keywords, as key points.
    json points = json::array();
    for (const auto& intent : intents) {
        json keywords = json::array();
        for (const auto& c : clarifications)
            if (c.value("intent", "") == intent)
                for (const auto& k : c.value("keywords", json::array())) keywords.push_back(k);
        points.push_back({{"point", intent}, {"keywords", keywords}});
    }
    for (const auto& covered : rehearse::grade_key_points(points, answer).covered) asked.insert(covered);

    std::size_t met = 0;
    for (const auto& intent : intents) {
        if (asked.count(intent)) {
            ++met;
            continue;
        }
        const auto c = std::find_if(clarifications.begin(), clarifications.end(),
                                    [&](const json& x) { return x.value("intent", "") == intent; });
        g.findings.push_back(drill_finding("missed-clarification", "requirements", "minor",
                                           "Nothing asks about " + intent + ".",
                                           "For instance: \"" + c->value("question", std::string()) + "\""));
    }
    const std::size_t need = expected.contains("min_matched")
                                 ? expected.at("min_matched").get<std::size_t>()
                                 : static_cast<std::size_t>(std::ceil(0.6 * static_cast<double>(intents.size())));
    g.score = intents.empty() ? 0.0 : static_cast<double>(met) / static_cast<double>(intents.size());
    g.correct = met >= need;
    g.notes.push_back("You asked about " + std::to_string(met) + " of the " + std::to_string(intents.size()) +
                      " things that change this design (" + std::to_string(need) + " needed).");
    // What the interviewer would have answered: the facts the questions buy.
    std::string answers;
    for (const auto& intent : intents)
        if (asked.count(intent))
            for (const auto& c : clarifications)
                if (c.value("intent", "") == intent) {
                    answers += (answers.empty() ? "" : " ") + c.value("answer", std::string());
                    break;
                }
    if (!answers.empty()) g.notes.push_back("The interviewer would answer: " + answers);
    return g;
}

}  // namespace rehearse::drill_graders
