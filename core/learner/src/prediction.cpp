#include "rehearse/core/learner/prediction.hpp"

#include "rehearse/core/content/dimensions.hpp"

#include <algorithm>
#include <cmath>

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

share_map best_shares(const content_registry& content) {
    share_map best;
    for (const problem* p : content.problems()) {
        if (p->retired) continue;
        for (const auto& [dim, w] : p->dimensions) best[dim] = std::max(best[dim], w);
    }
    return best;
}

double relative_share(const problem& p, const std::string& dimension, const share_map& best) {
    const auto it = p.dimensions.find(dimension);
    if (it == p.dimensions.end() || it->second <= 0) return 0;
    const auto b = best.find(dimension);
    // A problem outside the available set (e.g. retired) still compares against its own weight.
    const double top = b == best.end() ? it->second : std::max(b->second, it->second);
    return it->second / top;
}

double need(double mastery) noexcept {
    const double weakness = std::clamp(1.0 - mastery, 0.0, 1.0);
    return weakness * weakness;
}

std::optional<std::string> resting_dimension(const std::vector<std::string>& latest_focuses) {
    if (latest_focuses.size() < focus_history) return std::nullopt;  // first exposures: no rule yet
    const std::string& f = latest_focuses[0];
    if (f.empty() || latest_focuses[1] != f) return std::nullopt;
    return f;
}

std::string main_focus(const learner_view& v, const problem& p, const share_map& best,
                       const std::optional<std::string>& resting) {
    std::string out;
    double best_value = -1;
    for (auto d : all_dimensions) {  // fixed order: deterministic ties
        const std::string dim(d);
        if (!p.dimensions.count(dim)) continue;
        if (resting && dim == *resting && p.dimensions.size() > 1) continue;
        const double value = need(mastery_of(v, dim)) * relative_share(p, dim, best);
        if (value > best_value + 1e-12) {
            best_value = value;
            out = dim;
        }
    }
    return out;
}

double evidence_strength(const problem& p, const std::string& dimension) {
    const auto it = p.dimensions.find(dimension);
    if (it == p.dimensions.end()) return 0.4;
    return std::clamp(0.4 + 3.0 * it->second, 0.4, 1.0);
}

}  // namespace rehearse
