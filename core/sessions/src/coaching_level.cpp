#include "rehearse/core/sessions/coaching_level.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/mastery.hpp"
#include "rehearse/core/learner/mastery_model.hpp"
#include "rehearse/sdk/text.hpp"

namespace rehearse {

std::string_view to_string(coaching_level l) noexcept {
    switch (l) {
        case coaching_level::beginner:
            return "beginner";
        case coaching_level::advanced:
            return "advanced";
        case coaching_level::intermediate:
            break;
    }
    return "intermediate";
}

coaching_level parse_coaching_level(std::string_view text) {
    if (text == "beginner") return coaching_level::beginner;
    if (text == "intermediate") return coaching_level::intermediate;
    if (text == "advanced") return coaching_level::advanced;
    throw error(errc::invalid_input,
                "level must be beginner, intermediate or advanced, not " + sdk::text::in_quotes(text));
}

coaching_level level_from_mastery(SQLite::Database& db, const learner& who,
                                  const std::map<std::string, double>& dimension_weights, sys_ms now) {
    const skill_map skills = load_skills(db, who.id);
    double total = 0, weight = 0;
    for (const auto& [dim, w] : dimension_weights) {
        const auto it = skills.find(dim);
        total += w * (it == skills.end() ? model::mastery(model::prior()) : model::mastery(model::at(it->second, now)));
        weight += w;
    }
    const double mean = weight > 0 ? total / weight : 0;
    if (mean < 0.4) return coaching_level::beginner;
    if (mean < 0.7) return coaching_level::intermediate;
    return coaching_level::advanced;
}

}  // namespace rehearse
