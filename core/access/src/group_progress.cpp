#include "rehearse/core/access/group_progress.hpp"

#include "rehearse/core/learner/progress.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

namespace rehearse {

using nlohmann::json;

namespace {

/// Mastery at the start of the window: the last update before it, else (a learner who started within
/// the window) the first update in it; a dimension never updated has no trend (0).
double group_window_start(const dimension_progress& d, const std::string& cutoff) {
    if (d.trend.empty()) return d.mastery;
    const mastery_point* before = nullptr;
    for (const auto& p : d.trend)
        if (p.at <= cutoff) before = &p;
    return before ? before->mastery : d.trend.front().mastery;
}

}  // namespace

group_progress_report group_progress(store& s, const learner_group& g, sys_ms now) {
    group_progress_report out;
    out.group = g.name;
    out.coach = g.coach;
    const std::string cutoff = format_iso8601(now - std::chrono::hours(24 * group_trend_days));
    std::map<std::string, double> sums;
    for (const auto& name : g.members) {
        const learner who = require_learner(s, name);
        const progress_report p = learner_progress(s, who, now);
        member_progress m;
        m.learner = name;
        m.weakest = p.weakest;
        s.with_db([&](SQLite::Database& db) {
            SQLite::Statement q(db, "SELECT COUNT(*) FROM attempts WHERE learner_id = ?");
            q.bind(1, who.id);
            q.executeStep();
            m.attempts = q.getColumn(0).getInt64();
        });
        for (const auto& [dim, d] : p.dimensions) {
            m.mastery[dim] = d.mastery;
            m.trend[dim] = d.mastery - group_window_start(d, cutoff);
            sums[dim] += d.mastery;
        }
        out.learners.push_back(std::move(m));
    }
    if (!out.learners.empty()) {
        for (const auto& [dim, sum] : sums)
            out.weakest.emplace_back(dim, sum / static_cast<double>(out.learners.size()));
        std::stable_sort(out.weakest.begin(), out.weakest.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second - 1e-12; });
    }
    return out;
}

void to_json(json& j, const group_progress_report& r) {
    json learners = json::array();
    for (const auto& m : r.learners)
        learners.push_back({{"learner", m.learner},
                            {"mastery", m.mastery},
                            {"trend", m.trend},
                            {"attempts", m.attempts},
                            {"weakest", m.weakest}});
    json weakest = json::array();
    for (const auto& [dim, mean] : r.weakest) weakest.push_back({{"dimension", dim}, {"mean", mean}});
    j = {{"group", r.group},
         {"coach", r.coach},
         {"trend_days", group_trend_days},
         {"learners", learners},
         {"weakest", weakest}};
}

}  // namespace rehearse
