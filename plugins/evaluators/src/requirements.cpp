// Requirements: did the learner ask before designing, and did they pin down scale?
#include "common.hpp"

namespace rehearse::evaluators {

namespace {

bool has_intent(const json& item, std::string_view intent) {
    for (const auto& i : item.value("intents", json::array()))
        if (i.is_string() && i.get<std::string>() == intent) return true;
    return false;
}

}  // namespace

json evaluate_requirements(const context& c) {
    const json& req = c.answer.value("requirements", json::object());
    const json questions = req.value("questions", json::array());
    const json assumptions = req.value("assumptions", json::array());
    json findings = json::array();
    json strengths = json::array();

    if (questions.empty() && assumptions.empty()) {
        findings.push_back(finding(
            "no-clarifying-questions", "requirements", "major",
            "You went straight into the design without asking a single clarifying question or stating an assumption.",
            "Open with 3-5 questions: who the users are, how many, the core features, and constraints such as "
            "retention or compliance; when you cannot ask, write your assumptions down.",
            "no questions (sentences ending in '?') and no 'Assume ...' statements were found",
            "Interviewers grade whether you scope the problem first; a design built on unstated assumptions "
            "often solves the wrong problem."));
    }

    // Scale: asked, assumed, or at least stated with numbers somewhere in the answer.
    const json* scale_item = nullptr;
    for (const auto* list : {&questions, &assumptions})
        for (const auto& q : *list)
            if (!scale_item && has_intent(q, "scale")) scale_item = &q;
    // A number counts as a statement of scale when it is a rate, or a large count of something
    // ("1080p" or "4K" are resolutions, not volumes).
    bool numbers = false;
    for (const auto& e : c.answer.value("estimates", json::array())) {
        const std::string per = e.value("per", "");
        const std::string noun = e.value("noun", "");
        if ((!per.empty() && per.rfind("item:", 0) != 0) ||
            (e.value("value", 0.0) >= 1000 && (!noun.empty() || e.value("unit", "") == "bytes")))
            numbers = true;
    }
    const sentence* scale_words =
        mention(c,
                {"traffic", "qps", "rps", "requests per", "per day", "per second", "dau", "mau", "scale", "volume",
                 "load", "throughput", "how many", "number of users", "concurrent"},
                {"requirements"});
    if (!scale_item && !numbers && !scale_words) {
        findings.push_back(finding(
            "requirements-missing-scale", "requirements", "major",
            "Nothing in the answer asks or states how big this system is: users, requests or data volume.",
            "Ask early: how many users, how many requests or uploads per day, how much data, and what the "
            "read/write ratio is; then let those numbers decide what infrastructure you need.",
            "no question or assumption about users, traffic or volume",
            "Scale decides everything downstream: whether one database is plenty or sharding is needed, whether "
            "a cache pays off."));
    } else if (scale_item) {
        strengths.push_back("You pinned down scale early (\"" + excerpt((*scale_item)["text"].get<std::string>(), 90) +
                            "\")");
    }

    // Coverage of the interviewer's intents for this problem (its clarification keywords).
    const json& clar = c.problem.value("clarifications", json::array());
    std::size_t covered = 0;
    for (const auto& cl : clar) {
        bool hit = false;
        for (const auto* list : {&questions, &assumptions}) {
            for (const auto& q : *list) {
                const std::string t = lower(q.value("text", ""));
                for (const auto& k : cl.value("keywords", json::array()))
                    if (k.is_string() && find_word(t, k.get<std::string>()) != std::string::npos) hit = true;
            }
        }
        if (hit) ++covered;
    }
    const double coverage = clar.empty() ? 0.5 : static_cast<double>(covered) / static_cast<double>(clar.size());
    if (questions.size() >= 3)
        strengths.push_back("You asked " + std::to_string(questions.size()) +
                            " clarifying questions before designing, e.g. \"" +
                            excerpt(questions[0]["text"].get<std::string>(), 80) + "\"");
    double score = 0;
    if (!questions.empty() || !assumptions.empty()) {
        score = 0.35 + (questions.empty() ? 0 : 0.15) + (scale_item || numbers ? 0.15 : 0) +
                0.35 * std::min(1.0, coverage * 1.6);
    } else {
        score = 0.05 + (numbers ? 0.1 : 0);
    }
    score -= 0.5 * penalty(findings) * (questions.empty() && assumptions.empty() ? 0 : 1);
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
