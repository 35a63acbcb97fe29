// Routes over coaching sessions: mock interviews and teaching dialogues run the `rehearse mock ...`
// and `rehearse teach ...` steps on the same sessions, so a session started on one front goes on on
// the other; and `ask`.
#include "http/request_fields.hpp"
#include "http/routes.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/lesson_progress.hpp"
#include "rehearse/core/learner/selection.hpp"
#include "rehearse/core/sessions/mock_sessions.hpp"
#include "rehearse/core/sessions/teach_sessions.hpp"
#include "rehearse/sdk/text.hpp"


namespace rehearse::http {

using nlohmann::json;

namespace {

/// `{format?, level?}` of POST .../mock-sessions as the CLI's --format and --level.
mock_options mock_options_of(const json& body) {
    mock_options o;
    if (const auto f = body.find("format"); f != body.end() && !f->is_null()) {
        if (!f->is_number_integer() || (f->get<long long>() != 45 && f->get<long long>() != 60))
            throw error(errc::invalid_input, "\"format\" must be 45 or 60 (minutes), not " + f->dump());
        o.format_minutes = static_cast<int>(f->get<long long>());
    }
    if (const auto l = optional_string(body, "level")) o.level = parse_coaching_level(*l);
    return o;
}

/// The lesson a teaching session is on; 404 pointing at the lesson list otherwise (retired ones too).
const rehearse::lesson& find_teachable_lesson(app_context& ctx, const std::string& id) {
    const rehearse::lesson* l = ctx.content().find_lesson(id);
    if (!l || l->retired) throw error(errc::not_found, "unknown lesson \"" + id + "\" (see: GET /api/v1/lessons)");
    return *l;
}

/// `{level?}` of POST .../teach-sessions as the CLI's --level.
teach_options teach_options_of(const json& body) {
    teach_options o;
    if (const auto l = optional_string(body, "level")) o.level = parse_coaching_level(*l);
    return o;
}

}  // namespace

void add_session_routes(router& rt, route_context rc) {
    auto& ctx = rc.ctx;

    // Mock interviews: the `rehearse mock ...` steps on the same sessions, so a session started on
    // one front goes on on the other. Writing and finishing grade the design (plugin code).
    rt.add("GET", "/api/v1/learners/{name}/mock-sessions", [&ctx](const request& r) {
        json items = json::array();
        for (const auto& s : mock_list(ctx, require_learner(ctx.db(), r.param("name")))) items.push_back(json(s));
        return page(r, std::move(items), "session");
    });
    rt.add("POST", "/api/v1/learners/{name}/mock-sessions", [&ctx](const request& r) {
        const json body = optional_body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const mock_options o = mock_options_of(body);
        const auto problem = optional_string(body, "problem");
        const rehearse::problem& p =
            problem ? find_problem(ctx, *problem)
                    : ctx.content().require_problem(recommend_next(ctx, who, activity_kind::problem).id);
        const mock_reply reply = start_mock(ctx, who, p, o);
        return created(json(reply),
                       "/api/v1/learners/" + url_encode(who.name) + "/mock-sessions/" + url_encode(reply.session));
    });
    rt.add("GET", "/api/v1/learners/{name}/mock-sessions/{id}", [&ctx](const request& r) {
        return response::json(200, json(mock_show(ctx, require_learner(ctx.db(), r.param("name")), r.param("id"))));
    });
    rt.add("POST", "/api/v1/learners/{name}/mock-sessions/{id}/messages", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        return response::json(200, json(mock_say(ctx, who, r.param("id"), required_string(body, "text"))));
    });
    rt.add("POST", "/api/v1/learners/{name}/mock-sessions/{id}/sections", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string markdown = required_string(body, "markdown");
        const std::string section = optional_string(body, "section").value_or("");
        return response::json(200, json(mock_write(ctx, who, r.param("id"), markdown, section)));
    });
    rt.add("POST", "/api/v1/learners/{name}/mock-sessions/{id}/phase", [&ctx](const request& r) {
        const json body = optional_body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        if (const auto to = optional_string(body, "to"); to && *to != "next")
            throw error(errc::invalid_input,
                        "\"to\" takes \"next\" (the next phase), not " + sdk::text::in_quotes(*to));
        return response::json(200, json(mock_next_phase(ctx, who, r.param("id"))));
    });
    rt.add("POST", "/api/v1/learners/{name}/mock-sessions/{id}/finish", [&ctx](const request& r) {
        const json body = optional_body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const auto self_assessment = optional_string(body, "self_assessment");
        return response::json(200, json(mock_finish(ctx, who, r.param("id"), self_assessment)));
    });

    // Teaching dialogues: the `rehearse teach ...` steps on the same sessions. The last step records
    // the lesson as POST .../lessons does (no plugin code).
    rt.add("GET", "/api/v1/learners/{name}/teach-sessions", [&ctx](const request& r) {
        json items = json::array();
        for (const auto& s : teach_list(ctx, require_learner(ctx.db(), r.param("name")))) items.push_back(json(s));
        return page(r, std::move(items), "session");
    });
    rt.add("POST", "/api/v1/learners/{name}/teach-sessions", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string lesson_id = required_string(body, "lesson");
        const teach_options o = teach_options_of(body);
        const teach_reply reply = start_teach(ctx, who, find_teachable_lesson(ctx, lesson_id), o);
        return created(json(reply),
                       "/api/v1/learners/" + url_encode(who.name) + "/teach-sessions/" + url_encode(reply.session));
    });
    rt.add("GET", "/api/v1/learners/{name}/teach-sessions/{id}", [&ctx](const request& r) {
        return response::json(200, json(teach_show(ctx, require_learner(ctx.db(), r.param("name")), r.param("id"))));
    });
    rt.add("POST", "/api/v1/learners/{name}/teach-sessions/{id}/messages", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        return response::json(200, json(teach_say(ctx, who, r.param("id"), required_string(body, "text"))));
    });

    // A question out of the blue, answered from the lessons: read-only, so a GET with the question
    // in the query string, as the lists take their filters.
    rt.add("GET", "/api/v1/ask", [&ctx](const request& r) {
        const auto text = r.query_value("text");
        if (!text) throw error(errc::usage, "ask needs the question as ?text=... (URL-encoded)");
        return response::json(200, json(ask_coach(ctx, *text)));
    });
}

}  // namespace rehearse::http
