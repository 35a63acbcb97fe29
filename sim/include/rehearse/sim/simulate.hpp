/// @file
/// `rehearse simulate` (docs/simulation.md): simulated learners practise for K sessions under a
/// selection policy; the result says how fast they master every dimension. The `adaptive` policy is
/// the product's selector, called through the same use case as `rehearse next --kind problem`, with
/// a real store and record_attempt for every attempt.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/sim/learner.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::sim {

struct options {
    std::string policy = "adaptive";
    int learners = 100;
    int sessions = 60;
    std::uint64_t seed = 1;
    std::string variant = "default";
    /// Minutes of study a session (10-600): problems and drills that fit, chosen one after another.
    /// 0: a session is one problem and there are no drills (the first benchmark).
    int session_minutes = 0;
    /// Store for the adaptive policy; ":memory:" keeps nothing (the CLI passes a temp file only when
    /// asked to keep it).
    std::string store_path = ":memory:";
};

/// adaptive, random, round-robin, syllabus, staircase, oracle, drills-only (with session minutes only).
const std::vector<std::string>& policy_names();

struct result {
    std::string policy, variant;
    int learners = 0, sessions = 0;
    std::uint64_t seed = 0;
    double mastery_mean = 0;    ///< sessions to mastery, unfinished counted as K (censored)
    double mastery_median = 0;  ///< ... median, unfinished as K
    int unfinished = 0;
    double finished_share = 0;
    double final_mean = 0;          ///< mean over learners of the mean dimension mastery after K sessions
    double final_weakest = 0;       ///< mean over learners of the weakest dimension's mastery
    int checkpoint = 0;             ///< the session of the mid-run snapshot: min(40, K)
    double checkpoint_mean = 0;     ///< mean dimension mastery after `checkpoint` sessions, over learners
    double checkpoint_weakest = 0;  ///< weakest dimension's mastery after `checkpoint` sessions
    double auc = 0;                 ///< mean over sessions of the mean dimension mastery (0..1)
    double success_rate = 0;        ///< mean rubric-weighted score of all attempts
    /// ... of the attempts made before the learner had mastered every dimension: what the target
    /// success steers. After mastery every bundled problem is easy, so success_rate drifts up.
    double learning_success_rate = 0;
    std::map<std::string, double> final_by_dimension;  ///< mean final mastery per dimension
    int session_minutes = 0;          ///< the session's budget; 0: one problem a session
    int horizon_minutes = 0;          ///< K × the budget (× 60 when a session is one problem)
    double minutes_mean = 0;          ///< study minutes to mastery, unfinished counted as horizon_minutes
    double minutes_median = 0;        ///< ... median
    double study_minutes = 0;         ///< mean minutes studied over the K sessions
    double problems_per_learner = 0;  ///< mean problems done over the K sessions
    double drills_per_learner = 0;    ///< mean drills done over the K sessions
};

/// Runs the simulation. error(usage) for an unknown policy or variant or counts out of range;
/// error(not_found) when no problem is loaded.
result simulate(const content_registry& content, const options& o);

/// The `simulate --json` document (docs/simulation.md): policy, learners, sessions,
/// sessions_to_mastery {mean, median, unfinished}, final_mastery {mean, weakest}, plus variant, seed,
/// finished_share, mastery_after (the mean and weakest mastery after min(40, K) sessions), auc,
/// success_rate, success_rate_while_learning and final_mastery_by_dimension; session_minutes (null
/// when a session is one problem), minutes_to_mastery {mean, median, unfinished, horizon},
/// study_minutes and per_learner {problems, drills}.
nlohmann::json result_json(const result& r);

/// Mastery shown for a hidden skill: the chance of doing well on a medium problem (rating 0).
double shown_mastery(double skill) noexcept;

}  // namespace rehearse::sim
