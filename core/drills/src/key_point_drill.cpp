// Trade-off, failure and communication drills: graded by key points with their keywords, exactly as
// a lesson's check question is (grade_key_points in the learner area).
#include "drill_graders.hpp"

#include "rehearse/core/learner/lesson_progress.hpp"

#include <cmath>

namespace rehearse::drill_graders {

using nlohmann::json;

kind_grade grade_key_point_drill(const drill& d, std::string_view answer) {
    kind_grade g;
    const json& expected = d.doc.at("expected");
    const json& points = expected.at("key_points");
    const check_grade c = rehearse::grade_key_points(points, answer);
    const std::size_t need = expected.contains("min_covered")
                                 ? expected.at("min_covered").get<std::size_t>()
                                 : static_cast<std::size_t>(std::ceil(0.6 * static_cast<double>(points.size())));
    g.score = c.score;
    g.correct = c.covered.size() >= need;
    for (const auto& missed : c.missed)
        g.findings.push_back(drill_finding("missed-key-point", d.dimension, "minor", "Not covered: " + missed + ".",
                                           "A strong answer says it in a sentence."));
    std::string covered;
    for (const auto& point : c.covered) covered += (covered.empty() ? "" : "; ") + point;
    g.notes.push_back("You covered " + std::to_string(c.covered.size()) + " of " + std::to_string(points.size()) +
                      " key points (" + std::to_string(need) + " needed)" +
                      (covered.empty() ? "." : ": " + covered + "."));
    return g;
}

}  // namespace rehearse::drill_graders
