// Routes over one learner's record: the learner, grading and attempts, the next recommendation,
// progress, the study plan, flashcard reviews and lessons.
#include "http/request_fields.hpp"
#include "http/routes.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/drills/drill_practice.hpp"
#include "rehearse/core/exchange/learner_export.hpp"
#include "rehearse/core/grading/answer_attempts.hpp"
#include "rehearse/core/grading/evaluation.hpp"
#include "rehearse/core/learner/attempt_history.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/flashcards.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/lesson_progress.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/learner/progress.hpp"
#include "rehearse/core/learner/selection.hpp"

#include <cstdlib>
#include <limits>

namespace rehearse::http {

using nlohmann::json;

void add_learner_routes(router& rt, route_context rc) {
    auto& ctx = rc.ctx;
    const access_policy& access = rc.access;

    // Learners: a signed-in caller lists the learners they may reach and adds none but themselves
    // (on a shared server, people get in through `rehearse token create`).
    rt.add("GET", "/api/v1/learners", [&ctx, &access](const request& r) {
        json list = json::array();
        for (const auto& l : list_learners(ctx.db()))
            if (access.may_see_learner(r, l.name)) list.push_back(json(l));
        return page(r, std::move(list), "name");
    });
    rt.add("POST", "/api/v1/learners", [&ctx, &access](const request& r) {
        const std::string name = required_string(body_object(r), "name");
        if (access.required() && r.caller->who.name != name)
            throw error(errc::forbidden, "on a shared server learners are added with `rehearse token create`");
        // Idempotent: an existing name answers 200 with the learner as it is, a new one 201.
        const bool existed = find_learner(ctx.db(), name).has_value();
        const learner l = add_learner(ctx.db(), name, ctx.now());
        response out = response::json(existed ? 200 : 201, json(l));
        out.headers.emplace_back("Location", "/api/v1/learners/" + url_encode(l.name));
        return out;
    });
    rt.add("GET", "/api/v1/learners/{name}",
           [&ctx](const request& r) { return response::json(200, json(require_learner(ctx.db(), r.param("name")))); });

    // Grading and attempts.
    rt.add("POST", "/api/v1/evaluate", [&ctx](const request& r) {
        const json body = body_object(r);
        const std::string problem = required_string(body, "problem");
        const std::string answer = required_string(body, "answer");
        const rehearse::problem& p = find_problem(ctx, problem);
        return response::json(200, json(evaluate_answer(ctx, p, answer)));
    });
    rt.add("POST", "/api/v1/learners/{name}/attempts", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string problem = required_string(body, "problem");
        const auto answer = optional_string(body, "answer");
        const bool has_scores = body.contains("scores") && !body["scores"].is_null();
        if (answer.has_value() == has_scores)
            throw error(errc::invalid_input,
                        "an attempt needs exactly one of \"answer\" (Markdown) or \"scores\" ({dimension: 0..1})");
        if (answer) {
            const rehearse::problem& p = find_problem(ctx, problem);
            return created(json(submit_answer(ctx, who, p, *answer)));
        }
        const json& scores = body["scores"];
        if (!scores.is_object() || scores.empty())
            throw error(errc::invalid_input, "\"scores\" must be an object of dimension: score (0..1)");
        attempt_input input;
        for (const auto& [dim, s] : scores.items()) {
            if (!s.is_number())
                throw error(errc::invalid_input, "the score of \"" + dim + "\" must be a number from 0 to 1");
            input.scores[dim] = s.get<double>();
        }
        if (const auto mock = body.find("mock"); mock != body.end() && !mock->is_null()) {
            if (!mock->is_boolean()) throw error(errc::invalid_input, "\"mock\" must be true or false");
            if (mock->get<bool>()) input.source = "mock";
        }
        // An unknown problem here answers with the registry's message, as it always has.
        const rehearse::problem& p = ctx.content().require_problem(problem);
        return created(json(record_attempt(ctx, who, p, input)));
    });

    // Past attempts, newest first, paged by id: `cursor` is the last id served.
    rt.add("GET", "/api/v1/learners/{name}/attempts", [&ctx](const request& r) {
        const learner who = require_learner(ctx.db(), r.param("name"));
        const long limit = integer_query(r, "limit", 1, max_page_limit, default_page_limit);
        const long after = integer_query(r, "cursor", 1, std::numeric_limits<long>::max(), 0);
        json items = json::array();
        json next = nullptr;
        for (const auto& a : list_attempts(ctx.db(), who)) {
            if (after != 0 && a.id >= after) continue;
            if (static_cast<long>(items.size()) == limit) {
                next = std::to_string(items.back().at("id").get<std::int64_t>());
                break;
            }
            items.push_back(json(a));
        }
        response out = response::json(200, json{{"items", items}, {"next", next}});
        // The same next link as every other list, so a client walks them all one way.
        if (!next.is_null())
            out.headers.emplace_back("Link", "<" + r.path + "?limit=" + std::to_string(limit) +
                                                 "&cursor=" + next.get<std::string>() + ">; rel=\"next\"");
        return out;
    });
    rt.add("GET", "/api/v1/learners/{name}/attempts/{id}", [&ctx](const request& r) {
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string& id = r.param("id");
        char* end = nullptr;
        const long long n = std::strtoll(id.c_str(), &end, 10);
        if (*end != '\0' || n <= 0) throw error(errc::not_found, "no attempt \"" + id + "\" (ids are whole numbers)");
        return response::json(200, json(find_attempt(ctx.db(), who, n)));
    });

    // Drills: grade, record, schedule again (`rehearse drill`). Grading calls no plugin code.
    rt.add("POST", "/api/v1/learners/{name}/drill-attempts", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string drill = required_string(body, "drill");
        const std::string answer = required_string(body, "answer");
        ctx.content().require_drill(drill);
        return created(json(practise_drill(ctx, who, drill, answer)));
    });

    // The learner model.
    rt.add("GET", "/api/v1/learners/{name}/next", [&ctx](const request& r) {
        const learner who = require_learner(ctx.db(), r.param("name"));
        std::optional<activity_kind> only;
        if (const auto k = r.query_value("kind"); k && !k->empty()) only = parse_activity_kind(*k);
        std::optional<int> minutes;
        if (r.query_value("minutes")) minutes = static_cast<int>(integer_query(r, "minutes", 2, 600, 0));
        return response::json(200, json(recommend_next(ctx, who, only, minutes)));
    });
    rt.add("GET", "/api/v1/learners/{name}/progress", [&ctx](const request& r) {
        return response::json(200, json(learner_progress(ctx, require_learner(ctx.db(), r.param("name")))));
    });
    // The learner's whole history, the document `rehearse import` takes (docs/data.md).
    rt.add("GET", "/api/v1/learners/{name}/export", [&ctx](const request& r) {
        return response::json(200, export_learner(ctx.db(), require_learner(ctx.db(), r.param("name"))));
    });

    // Study plans.
    rt.add("POST", "/api/v1/learners/{name}/plan", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        plan_start_options o;
        o.curriculum = required_string(body, "curriculum");
        if (const auto d = optional_string(body, "start")) o.start = parse_date(*d, "start");
        if (const auto d = optional_string(body, "interview_date")) o.interview = parse_date(*d, "interview_date");
        if (const auto m = body.find("minutes_per_day"); m != body.end() && !m->is_null()) {
            if (!m->is_number_integer()) throw error(errc::invalid_input, "\"minutes_per_day\" must be a whole number");
            const auto v = m->get<long long>();
            check_minutes_per_day(v);
            o.minutes_per_day = static_cast<int>(v);
        }
        // The same shape as `plan start --json`.
        return created(json(start_plan(ctx, who, o)), "/api/v1/learners/" + url_encode(who.name) + "/plan");
    });
    rt.add("GET", "/api/v1/learners/{name}/plan", [&ctx](const request& r) {
        return response::json(200, json(plan_show(ctx, require_learner(ctx.db(), r.param("name")))));
    });
    rt.add("GET", "/api/v1/learners/{name}/plan/today", [&ctx](const request& r) {
        return response::json(200, json(plan_today(ctx, require_learner(ctx.db(), r.param("name")))));
    });

    // Flashcard reviews and lessons.
    rt.add("GET", "/api/v1/learners/{name}/reviews", [&ctx](const request& r) {
        const learner who = require_learner(ctx.db(), r.param("name"));
        const long limit = integer_query(r, "limit", 1, max_page_limit, default_page_limit);
        const auto counts = review_counts(ctx.db(), ctx.content(), who.id, ctx.now());
        json items = json::array();
        // A queue, not a collection: its order is the session's order, so it has no cursor.
        for (const auto& id : due_cards(ctx.db(), ctx.content(), who.id, ctx.now(), static_cast<std::size_t>(limit)))
            if (const auto card = find_card(ctx.content(), id))
                items.push_back({{"card", card->id},
                                 {"front", card->front},
                                 {"back", card->back},
                                 {"lesson_title", card->lesson_title}});
        return response::json(
            200,
            json{{"items", items}, {"next", nullptr}, {"due", counts.due}, {"new_available", counts.new_available}});
    });
    rt.add("POST", "/api/v1/learners/{name}/reviews", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string card = required_string(body, "card");
        const auto rating = body.find("rating");
        if (rating == body.end() || !rating->is_number_integer())
            throw error(errc::invalid_input, "\"rating\" must be 1 (again), 2 (hard), 3 (good) or 4 (easy)");
        const auto v = rating->get<long long>();
        if (v < 1 || v > 4)
            throw error(errc::invalid_input, "\"rating\" must be 1 (again), 2 (hard), 3 (good) or 4 (easy)");
        return created(json(review_card(ctx, who, card, static_cast<int>(v))));
    });
    rt.add("POST", "/api/v1/learners/{name}/lessons", [&ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string lesson_id = required_string(body, "lesson");
        return response::json(200, json(take_lesson(ctx, who, lesson_id, optional_string(body, "answer"))));
    });
}

}  // namespace rehearse::http
