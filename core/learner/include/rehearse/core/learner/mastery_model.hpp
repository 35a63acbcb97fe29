/// @file
/// The learner model's arithmetic: one ability per (learner, dimension) on the same logit scale as
/// problem ratings, with an uncertainty that shrinks with evidence and grows with time away
/// (Elo/IRT-style with Pelánek's uncertainty-dependent step). Pure: no I/O, no clock; every
/// function takes the instant it works at. docs/learner-model.md explains the choices.
#pragma once

#include "rehearse/core/base/iso_time.hpp"

#include <cstdint>
#include <optional>

namespace rehearse::model {

/// Tunables of the model. The defaults are the product's; the simulator may vary them.
struct parameters {
    double prior_ability = 0.0;           ///< a newcomer is expected to meet a medium problem (rating 0) half-way
    double prior_uncertainty = 1.0;       ///< uncertainty with no evidence (logit units)
    double min_uncertainty = 0.2;         ///< floor: people keep changing, the model must keep listening
    double evidence_gain = 0.35;          ///< β in U(n) = U_min + (U_0 − U_min) / (1 + β·n)
    double step = 1.0;                    ///< K = step · U · strength: big steps while unsure
    double evidence_half_life_days = 30;  ///< effective evidence halves every 30 days without practice
    double confidence_penalty = 0.5;      ///< shown mastery = logistic(θ − λ·U − reference)
    double mastery_reference = 0.0;       ///< mastery is the chance of meeting a medium problem
    double min_ability = -4.0;
    double max_ability = 4.0;
};

/// The state of one skill.
struct skill {
    double ability = 0;
    double uncertainty = 1;
    std::int64_t evidence = 0;         ///< observations so far (attempts and checks)
    std::optional<sys_ms> updated_at;  ///< last observation; none for the prior
};

/// logistic(x) = 1 / (1 + e^−x)
double logistic(double x) noexcept;

/// The skill nobody has observed yet.
skill prior(const parameters& p = {}) noexcept;

/// The skill as seen at `now`: the uncertainty grown for the time since the last observation (its
/// effective evidence decays with a half-life). Ability is unchanged. `now` before the last update
/// counts as no time away.
skill at(const skill& s, sys_ms now, const parameters& p = {}) noexcept;

/// P(success) on an item of difficulty `difficulty`: logistic(ability − difficulty).
double predicted_success(const skill& s, double difficulty) noexcept;

/// Mastery shown to people, 0..1: logistic(ability − λ·uncertainty − reference). Conservative on
/// purpose, so a skill not exercised for long looks weaker again and comes back into selection.
/// Pass a skill already brought to `now` with at().
double mastery(const skill& s, const parameters& p = {}) noexcept;

/// One observation: `score` 0..1 on an item of `difficulty`, weighted by `strength` (0..1, how much
/// evidence the observation carries). `s` must already be at `now` (see at()).
/// θ' = θ + step·U·strength·(score − P), then effective evidence grows by `strength` and U shrinks.
skill observe(const skill& s, double score, double difficulty, double strength, sys_ms now,
              const parameters& p = {}) noexcept;

/// Uncertainty for an effective amount of evidence, and its inverse.
double uncertainty_for_evidence(double effective_evidence, const parameters& p = {}) noexcept;
double effective_evidence(double uncertainty, const parameters& p = {}) noexcept;

}  // namespace rehearse::model
