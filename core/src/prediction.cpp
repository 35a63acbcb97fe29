#include "rehearse/prediction.hpp"

#include "rehearse/dimensions.hpp"

#include <algorithm>

namespace rehearse {

learner_view view_at(const skill_map& stored, sys_ms now) {
    learner_view v;
    for (const auto& [dim, s] : stored) {
        const auto here = model::at(s, now);
        v.skills.emplace(dim, here);
        v.mastery.emplace(dim, model::mastery(here));
    }
    return v;
}

namespace {
const model::skill& skill_of(const learner_view& v, const std::string& dim) {
    static const model::skill fallback = model::prior();
    const auto it = v.skills.find(dim);
    return it == v.skills.end() ? fallback : it->second;
}
double mastery_of(const learner_view& v, const std::string& dim) {
    const auto it = v.mastery.find(dim);
    return it == v.mastery.end() ? model::mastery(model::prior()) : it->second;
}
}  // namespace

double predicted_success(const learner_view& v, const problem& p) {
    double total = 0, weight = 0;
    for (const auto& [dim, w] : p.dimensions) {
        total += w * model::predicted_success(skill_of(v, dim), p.rating);
        weight += w;
    }
    return weight > 0 ? total / weight : model::predicted_success(model::prior(), p.rating);
}

std::string main_focus(const learner_view& v, const problem& p) {
    std::string best;
    double best_value = -1;
    for (auto d : all_dimensions) {  // fixed order: deterministic ties
        const auto it = p.dimensions.find(std::string(d));
        if (it == p.dimensions.end()) continue;
        const double value = it->second * (1.0 - mastery_of(v, it->first));
        if (value > best_value + 1e-12) {
            best_value = value;
            best = it->first;
        }
    }
    return best;
}

double evidence_strength(const problem& p, const std::string& dimension) {
    const auto it = p.dimensions.find(dimension);
    if (it == p.dimensions.end()) return 0.4;
    return std::clamp(0.4 + 3.0 * it->second, 0.4, 1.0);
}

}  // namespace rehearse
