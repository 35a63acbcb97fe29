#include "rehearse/core/learner/evaluation_result.hpp"

namespace rehearse {

using nlohmann::json;

void to_json(json& j, const finding& f) {
    j = f.extra.is_object() ? f.extra : json::object();
    j["id"] = f.id;
    j["dimension"] = f.dimension;
    j["severity"] = f.severity;
    j["message"] = f.message;
    j["evidence"] = f.evidence;
    j["advice"] = f.advice;
    if (f.why) j["why"] = *f.why;
}

void to_json(json& j, const coach_feedback& f) {
    j = json{{"strengths", f.strengths},
             {"improvements", f.improvements},
             {"takeaway", f.takeaway},
             {"assignment", f.assignment}};
}

void to_json(json& j, const evaluation_result& e) {
    j = json{{"problem", e.problem},
             {"overall", e.overall},
             {"scores", e.scores},
             {"findings", e.findings},
             {"feedback", e.feedback}};
    if (e.level) j["level"] = *e.level;
    if (!e.warnings.empty()) j["warnings"] = e.warnings;
}

void to_json(json& j, const level_assessment& l) { j = json{{"id", l.id}, {"reasons", l.reasons}, {"next", l.next}}; }

}  // namespace rehearse
