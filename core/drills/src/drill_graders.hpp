// The graders of each drill kind, called by grade_drill (drill_grading.cpp). Each returns the score,
// whether it counts as right, its findings and the feedback lines specific to the answer.
#pragma once

#include "rehearse/core/content/content_registry.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace rehearse::drill_graders {

struct kind_grade {
    double score = 0;
    bool correct = false;
    nlohmann::json findings = nlohmann::json::array();
    std::vector<std::string> notes;  ///< feedback sentences, in order
};

kind_grade grade_estimate(const drill& d, std::string_view answer);
kind_grade grade_schema(const content_registry& content, const drill& d, std::string_view answer);
kind_grade grade_api(const content_registry& content, const drill& d, std::string_view answer);
kind_grade grade_requirements(const content_registry& content, const drill& d, std::string_view answer);
kind_grade grade_key_point_drill(const drill& d, std::string_view answer);

/// {id, dimension, severity, message, advice}
nlohmann::json drill_finding(const std::string& id, const std::string& dimension, const std::string& severity,
                             const std::string& message, const std::string& advice);

/// A problem document the evaluator plugins can grade a drill's answer against: the first related
/// problem's flags (or none), the drill's expected entities or endpoints, the drill's dimension only.
problem evaluation_problem(const content_registry& content, const drill& d, const nlohmann::json& entities,
                           const nlohmann::json& endpoints);

}  // namespace rehearse::drill_graders
