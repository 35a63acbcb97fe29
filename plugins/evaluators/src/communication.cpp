// Communication: is the written answer structured the way an interviewer can follow?
#include "common.hpp"

namespace rehearse::evaluators {

json evaluate_communication(const context& c) {
    json strengths = json::array();
    const auto sections = c.answer.value("sections", json::array()).size();
    const auto words = c.answer.value("words", 0);
    const bool diagram = !c.answer.value("architecture", json::object()).value("edges", json::array()).empty();
    double score = 0.2 + 0.6 * std::min(1.0, static_cast<double>(sections) / 6.0) + (diagram ? 0.1 : 0) +
                   (words >= 250 && words <= 4000 ? 0.1 : 0);
    if (sections >= 5) strengths.push_back("Your answer follows the interview's structure, section by section");
    return {{"score", score}, {"findings", json::array()}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
