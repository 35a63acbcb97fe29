#include "rehearse/core/learner/progress.hpp"

#include "rehearse/core/storage/statement.hpp"
#include "rehearse/core/content/dimensions.hpp"
#include "rehearse/core/learner/prediction.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

namespace rehearse {

using nlohmann::json;

json progress_json(app_context& ctx, const learner& who) { return progress_json(ctx.db(), who, ctx.now()); }

json progress_json(store& db, const learner& who, sys_ms now) {
    json dims = json::object();
    std::vector<std::pair<double, std::string>> order;
    db.with_db([&](SQLite::Database& conn) {
        const learner_view v = view_at(load_skills(conn, who.id), now);
        std::map<std::string, std::int64_t> attempts;
        SQLite::Statement counts(conn,
                                 "SELECT s.dimension, COUNT(*) FROM attempt_scores s JOIN attempts a ON a.id = s.attempt_id "
                                 "WHERE a.learner_id = ? GROUP BY s.dimension");
        counts.bind(1, who.id);
        while (counts.executeStep()) attempts[counts.getColumn(0).getString()] = counts.getColumn(1).getInt64();

        SQLite::Statement trend(conn,
                                "SELECT at, mastery FROM mastery_history WHERE learner_id = ? AND dimension = ? "
                                "ORDER BY at, id");
        for (std::size_t i = 0; i < all_dimensions.size(); ++i) {
            const std::string dim(all_dimensions[i]);
            json points = json::array();
            bind_all(trend, who.id, dim);
            while (trend.executeStep())
                points.push_back({{"at", trend.getColumn(0).getString()}, {"mastery", trend.getColumn(1).getDouble()}});
            trend.reset();
            const double m = v.mastery.at(dim);
            dims[dim] = {{"mastery", m}, {"attempts", attempts.count(dim) ? attempts[dim] : 0}, {"trend", points}};
            order.emplace_back(m, dim);
        }
    });
    // Weakest first; equal mastery keeps the rubric order of docs/answers.md (stable sort over it).
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first - 1e-12; });
    json weakest = json::array();
    for (std::size_t i = 0; i < order.size() && i < weakest_listed; ++i) weakest.push_back(order[i].second);
    return {{"learner", who.name}, {"dimensions", dims}, {"weakest", weakest}};
}

}  // namespace rehearse
