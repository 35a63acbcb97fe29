#include "rehearse/core/drills/drill_practice.hpp"

#include "rehearse/core/base/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

using nlohmann::json;

drill_practice practise_drill(app_context& ctx, const learner& who, std::string_view drill_id,
                              std::string_view answer) {
    const drill& d = ctx.content().require_drill(drill_id);
    if (d.retired) throw error(errc::not_found, "drill \"" + d.id + "\" is retired (see: rehearse drills)");
    drill_practice out;
    out.grade = grade_drill(ctx.content(), d, answer);
    json printed;
    to_json(printed, out.grade);
    const sys_ms now = ctx.now();
    ctx.db().transaction([&](SQLite::Database& db) {
        out.recorded = record_drill_practice(db, ctx.content(), who.id, d, out.grade.score, out.grade.correct,
                                             std::string(answer), printed, now);
    });
    return out;
}

void to_json(json& j, const drill_practice& p) {
    to_json(j, p.grade);
    j["attempt_id"] = p.recorded.attempt_id;
    j["review"] = {{"rating", p.recorded.rating},
                   {"state", p.recorded.memory.state},
                   {"interval_days", p.recorded.memory.interval_days},
                   {"due", format_iso8601(p.recorded.memory.due)}};
    j["mastery"] = mastery_changes_json(p.recorded.mastery);
}

}  // namespace rehearse
