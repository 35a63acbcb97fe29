#include "rehearse/core/learner/progress.hpp"

#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/core/learner/prediction.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

namespace rehearse {

using nlohmann::json;

progress_report learner_progress(app_context& ctx, const learner& who) {
    return learner_progress(ctx.db(), who, ctx.now());
}

progress_report learner_progress(store& db, const learner& who, sys_ms now) {
    progress_report out;
    out.learner = who.name;
    std::vector<std::pair<double, std::string>> order;
    db.with_db([&](SQLite::Database& conn) {
        const learner_view v = view_at(load_skills(conn, who.id), now);
        std::map<std::string, std::int64_t> attempts;
        SQLite::Statement counts(
            conn,
            "SELECT s.dimension, COUNT(*) FROM attempt_scores s JOIN attempts a ON a.id = s.attempt_id "
            "WHERE a.learner_id = ? GROUP BY s.dimension");
        counts.bind(1, who.id);
        while (counts.executeStep()) attempts[counts.getColumn(0).getString()] = counts.getColumn(1).getInt64();

        SQLite::Statement trend(conn,
                                "SELECT at, mastery FROM mastery_history WHERE learner_id = ? AND dimension = ? "
                                "ORDER BY at, id");
        for (std::size_t i = 0; i < all_dimensions.size(); ++i) {
            const std::string dim(all_dimensions[i]);
            dimension_progress d;
            bind_all(trend, who.id, dim);
            while (trend.executeStep())
                d.trend.push_back({trend.getColumn(0).getString(), trend.getColumn(1).getDouble()});
            trend.reset();
            d.mastery = v.mastery.at(dim);
            if (const auto it = attempts.find(dim); it != attempts.end()) d.attempts = it->second;
            order.emplace_back(d.mastery, dim);
            out.dimensions.emplace(dim, std::move(d));
        }
    });
    // Weakest first; equal mastery keeps the rubric order of docs/answers.md (stable sort over it).
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first - 1e-12; });
    for (std::size_t i = 0; i < order.size() && i < weakest_listed; ++i) out.weakest.push_back(order[i].second);
    return out;
}

void to_json(json& j, const progress_report& p) {
    json dims = json::object();
    for (const auto& [dim, d] : p.dimensions) {
        json points = json::array();
        for (const auto& t : d.trend) points.push_back({{"at", t.at}, {"mastery", t.mastery}});
        dims[dim] = {{"mastery", d.mastery}, {"attempts", d.attempts}, {"trend", points}};
    }
    j = json{{"learner", p.learner}, {"dimensions", dims}, {"weakest", p.weakest}};
}

}  // namespace rehearse
