#include "rehearse/core/learner/mastery_model.hpp"

#include <algorithm>
#include <cmath>

namespace rehearse::model {

double logistic(double x) noexcept { return 1.0 / (1.0 + std::exp(-x)); }

skill prior(const parameters& p) noexcept { return skill{p.prior_ability, p.prior_uncertainty, 0, std::nullopt}; }

double uncertainty_for_evidence(double n, const parameters& p) noexcept {
    n = std::max(0.0, n);
    return p.min_uncertainty + (p.prior_uncertainty - p.min_uncertainty) / (1.0 + p.evidence_gain * n);
}

double effective_evidence(double u, const parameters& p) noexcept {
    // Inverse of uncertainty_for_evidence, clamped into its range so stored values from other
    // parameter sets still map to something sensible.
    const double span = p.prior_uncertainty - p.min_uncertainty;
    const double above_floor = std::clamp(u - p.min_uncertainty, 1e-9, span);
    return std::max(0.0, (span / above_floor - 1.0) / p.evidence_gain);
}

skill at(const skill& s, sys_ms now, const parameters& p) noexcept {
    if (!s.updated_at || now <= *s.updated_at) return s;
    const double days = std::chrono::duration<double>(now - *s.updated_at).count() / 86400.0;
    // Time away does not erase ability (people do not unlearn at a known rate) but it does erode how
    // sure we are: the evidence behind the estimate counts less and less.
    const double n = effective_evidence(s.uncertainty, p) * std::exp2(-days / p.evidence_half_life_days);
    skill out = s;
    out.uncertainty = std::max(s.uncertainty, uncertainty_for_evidence(n, p));
    return out;
}

double predicted_success(const skill& s, double difficulty) noexcept { return logistic(s.ability - difficulty); }

double mastery(const skill& s, const parameters& p) noexcept {
    return logistic(s.ability - p.confidence_penalty * s.uncertainty - p.mastery_reference);
}

skill observe(const skill& s, double score, double difficulty, double strength, sys_ms now,
              const parameters& p) noexcept {
    score = std::clamp(score, 0.0, 1.0);
    strength = std::clamp(strength, 0.0, 1.0);
    const double expected = predicted_success(s, difficulty);
    skill out = s;
    // Pelánek's uncertainty-dependent step: the less we know, the more one observation moves us.
    out.ability =
        std::clamp(s.ability + p.step * s.uncertainty * strength * (score - expected), p.min_ability, p.max_ability);
    out.uncertainty = uncertainty_for_evidence(effective_evidence(s.uncertainty, p) + strength, p);
    out.evidence = s.evidence + 1;
    out.updated_at = now;
    return out;
}

}  // namespace rehearse::model
