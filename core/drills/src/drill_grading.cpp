#include "rehearse/core/drills/drill_grading.hpp"

#include "drill_graders.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/grading/evaluation.hpp"

#include <algorithm>
#include <cmath>

namespace rehearse {

using nlohmann::json;

namespace drill_graders {

json drill_finding(const std::string& id, const std::string& dimension, const std::string& severity,
                   const std::string& message, const std::string& advice) {
    return {{"id", id}, {"dimension", dimension}, {"severity", severity}, {"message", message}, {"advice", advice}};
}

problem evaluation_problem(const content_registry& content, const drill& d, const json& entities,
                           const json& endpoints) {
    problem p;
    p.id = d.id;
    p.pack = d.pack;
    p.title = d.title;
    p.difficulty = d.difficulty;
    // The related problem's facts (multi-tenant, stores files, slow operations) are the drill's too.
    const problem* related = d.problems.empty() ? nullptr : content.find_problem(d.problems.front());
    if (related) {
        p.doc = related->doc;
    } else {
        p.doc = {{"flags",
                  {{"multi_tenant", false},
                   {"stores_files", false},
                   {"read_heavy", false},
                   {"requires_audit", false},
                   {"needs_idempotency", false},
                   {"scale", "small"},
                   {"slow_operations", json::array()}}}};
    }
    p.doc["id"] = d.id;
    p.doc["entities"] = entities;
    p.doc["endpoints"] = endpoints;
    p.dimensions = {{d.kind == "schema" ? "data-model" : "api", 1.0}};
    p.doc["dimensions"] = p.dimensions;
    return p;
}

}  // namespace drill_graders

drill_grade grade_drill(const content_registry& content, const drill& d, std::string_view answer) {
    using namespace drill_graders;
    drill_grade out;
    out.drill = d.id;
    out.model_answer = d.doc.at("model_answer").get<std::string>();
    const std::string advice = d.doc.at("feedback").get<std::string>();
    kind_grade g;
    if (answer.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) {
        g.findings.push_back(drill_finding("empty-answer", d.dimension, "major", "The answer is empty.",
                                           "Try it before reading the model answer: a rough attempt teaches more."));
    } else {
        check_answer_text(answer);
        if ((d.kind == "schema" || d.kind == "api") && content.evaluators().empty())
            throw error(errc::plugin, "no evaluator plugins are loaded (expected lib/rehearse/plugins/evaluators.so)");
        if (d.kind == "estimate")
            g = grade_estimate(d, answer);
        else if (d.kind == "schema")
            g = grade_schema(content, d, answer);
        else if (d.kind == "api")
            g = grade_api(content, d, answer);
        else if (d.kind == "requirements")
            g = grade_requirements(content, d, answer);
        else
            g = grade_key_point_drill(d, answer);
    }
    out.score = std::round(std::clamp(g.score, 0.0, 1.0) * 1000) / 1000;
    out.correct = g.correct;
    out.findings = std::move(g.findings);
    std::string feedback = g.correct ? "Right. " : "Not yet. ";
    for (const auto& n : g.notes) feedback += n + " ";
    if (d.kind == "estimate")
        feedback += "Worked calculation: " + d.doc.at("expected").at("calculation").get<std::string>() + " ";
    feedback += advice;
    out.feedback = std::move(feedback);
    return out;
}

void to_json(json& j, const drill_grade& g) {
    j = {{"drill", g.drill},       {"score", g.score},       {"correct", g.correct},
         {"findings", g.findings}, {"feedback", g.feedback}, {"model_answer", g.model_answer}};
}

}  // namespace rehearse
