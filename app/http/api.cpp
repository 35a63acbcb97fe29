#include "http/api.hpp"

#include "http/web_page.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/catalog.hpp"
#include "rehearse/core/grading/answer_attempts.hpp"
#include "rehearse/core/grading/evaluation.hpp"
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/flashcards.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/lesson_progress.hpp"
#include "rehearse/core/learner/plans.hpp"
#include "rehearse/core/learner/progress.hpp"
#include "rehearse/core/learner/selection.hpp"
#include "rehearse/core/plugins/plugin_catalog.hpp"
#include "rehearse/core/sessions/mock_sessions.hpp"
#include "rehearse/core/sessions/teach_sessions.hpp"
#include "rehearse/sdk/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace rehearse::http {

namespace {

using nlohmann::json;

// Deeper documents are no request of ours; refusing them early keeps a hostile body cheap.
constexpr int max_json_depth = 64;

std::string hex_encode(std::string_view s) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() * 2);
    for (unsigned char c : s) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

std::optional<std::string> hex_decode(std::string_view s) {
    if (s.size() % 2 != 0) return std::nullopt;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); i += 2) {
        const int hi = value(s[i]), lo = value(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

std::string url_encode(std::string_view s) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
    return out;
}

long integer_query(const request& r, const std::string& name, long min, long max, long fallback) {
    const auto v = r.query_value(name);
    if (!v) return fallback;
    char* end = nullptr;
    errno = 0;
    const long n = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno == ERANGE || n < min || n > max)
        throw error(errc::usage, name + " takes a whole number from " + std::to_string(min) + " to " +
                                     std::to_string(max) + ", not \"" + *v + "\"");
    return n;
}

/// The request body as a JSON object; malformed JSON is error(invalid_input) (400).
json body_object(const request& r) {
    if (r.body.empty()) throw error(errc::invalid_input, "expected a JSON object in the request body");
    json doc;
    try {
        doc = json::parse(r.body, [](int depth, json::parse_event_t, json&) {
            if (depth > max_json_depth)
                throw error(errc::invalid_input,
                            "the JSON body nests deeper than " + std::to_string(max_json_depth) + " levels");
            return true;
        });
    } catch (const json::parse_error& e) {
        throw error(errc::invalid_input, std::string("malformed JSON: ") + e.what());
    }
    if (!doc.is_object()) throw error(errc::invalid_input, "the request body must be a JSON object");
    return doc;
}

std::optional<std::string> optional_string(const json& body, const char* field) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw error(errc::invalid_input, std::string("\"") + field + "\" must be a string");
    return it->get<std::string>();
}

std::string required_string(const json& body, const char* field) {
    auto v = optional_string(body, field);
    if (!v) throw error(errc::invalid_input, std::string("the request body needs \"") + field + "\"");
    return *v;
}

/// The problem a request names; 404 pointing at the problem list otherwise.
const rehearse::problem& find_problem(app_context& ctx, const std::string& id) {
    const rehearse::problem* p = ctx.content().find_problem(id);
    if (!p) throw error(errc::not_found, "unknown problem \"" + id + "\" (see: GET /api/v1/problems)");
    return *p;
}

/// A body whose fields are all optional: an empty body reads as {}.
json optional_body_object(const request& r) { return r.body.empty() ? json::object() : body_object(r); }

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

response created(const json& doc, const std::string& location = {}) {
    response out = response::json(201, doc);
    if (!location.empty()) out.headers.emplace_back("Location", location);
    return out;
}

}  // namespace

response page(const request& r, json items, const char* key) {
    const long limit = integer_query(r, "limit", 1, max_page_limit, default_page_limit);
    std::optional<std::string> after;
    if (const auto c = r.query_value("cursor"); c && !c->empty()) {
        after = hex_decode(*c);
        if (!after) throw error(errc::usage, "cursor \"" + *c + "\" is not one this API gave out");
    }
    std::vector<json> sorted(items.begin(), items.end());
    std::stable_sort(sorted.begin(), sorted.end(), [key](const json& a, const json& b) {
        return a.at(key).get_ref<const std::string&>() < b.at(key).get_ref<const std::string&>();
    });
    auto it = sorted.begin();
    if (after)
        it = std::upper_bound(sorted.begin(), sorted.end(), *after, [key](const std::string& k, const json& item) {
            return k < item.at(key).get_ref<const std::string&>();
        });
    json page_items = json::array();
    for (; it != sorted.end() && static_cast<long>(page_items.size()) < limit; ++it) page_items.push_back(*it);
    json next = nullptr;
    std::string link;
    if (it != sorted.end() && !page_items.empty()) {
        const std::string cursor = hex_encode(page_items.back().at(key).get<std::string>());
        next = cursor;
        std::string query;
        for (const auto& [k, v] : r.query)
            if (k != "cursor") query += (query.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
        link = r.path + "?" + query + (query.empty() ? "" : "&") + "cursor=" + cursor;
    }
    response out = response::json(200, json{{"items", std::move(page_items)}, {"next", next}});
    if (!link.empty()) out.headers.emplace_back("Link", "<" + link + ">; rel=\"next\"");
    return out;
}

api::api(app_context& ctx) : ctx_(ctx) {
    // The store opens (and syncs the loaded packs' items) on first use; doing that here, before any
    // request thread exists, keeps that lazy initialisation single-threaded.
    (void)ctx_.db();
    add_routes();
}

void api::add_routes() {
    auto& rt = router_;
    auto& ctx = ctx_;

    rt.add("GET", "/", [](const request&) {
        response out;
        out.content_type = "text/html; charset=utf-8";
        out.body = std::string(index_html());
        // The page is self-contained: inline script and style, requests to this origin only.
        out.headers.emplace_back("Content-Security-Policy",
                                 "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                 "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'");
        return out;
    });

    rt.add("GET", "/api/v1", [](const request&) {
        return response::json(200, json{{"name", "rehearse"},
                                        {"version", REHEARSE_VERSION},
                                        {"endpoints",
                                         {"GET /api/v1/plugins",
                                          "GET /api/v1/problems",
                                          "GET /api/v1/problems/{id}",
                                          "GET /api/v1/lessons",
                                          "GET /api/v1/lessons/{id}",
                                          "GET /api/v1/curricula",
                                          "GET /api/v1/curricula/{id}",
                                          "GET /api/v1/learners",
                                          "POST /api/v1/learners",
                                          "GET /api/v1/learners/{name}",
                                          "POST /api/v1/evaluate",
                                          "POST /api/v1/learners/{name}/attempts",
                                          "GET /api/v1/learners/{name}/next",
                                          "GET /api/v1/learners/{name}/progress",
                                          "GET /api/v1/learners/{name}/plan",
                                          "POST /api/v1/learners/{name}/plan",
                                          "GET /api/v1/learners/{name}/plan/today",
                                          "GET /api/v1/learners/{name}/reviews",
                                          "POST /api/v1/learners/{name}/reviews",
                                          "POST /api/v1/learners/{name}/lessons",
                                          "GET /api/v1/learners/{name}/mock-sessions",
                                          "POST /api/v1/learners/{name}/mock-sessions",
                                          "GET /api/v1/learners/{name}/mock-sessions/{id}",
                                          "POST /api/v1/learners/{name}/mock-sessions/{id}/messages",
                                          "POST /api/v1/learners/{name}/mock-sessions/{id}/sections",
                                          "POST /api/v1/learners/{name}/mock-sessions/{id}/phase",
                                          "POST /api/v1/learners/{name}/mock-sessions/{id}/finish",
                                          "GET /api/v1/learners/{name}/teach-sessions",
                                          "POST /api/v1/learners/{name}/teach-sessions",
                                          "GET /api/v1/learners/{name}/teach-sessions/{id}",
                                          "POST /api/v1/learners/{name}/teach-sessions/{id}/messages",
                                          "GET /api/v1/ask"}}});
    });

    // Content: the registry is read-only while serving, so these need no lock.
    rt.add("GET", "/api/v1/plugins", [&ctx](const request& r) { return page(r, plugins_json(ctx.plugins()), "id"); });
    rt.add("GET", "/api/v1/problems", [&ctx](const request& r) {
        problem_filter filter{r.query_value("difficulty"), r.query_value("dimension"), r.query_value("all") == "true"};
        return page(r, problems_json(ctx.content(), filter), "id");
    });
    rt.add("GET", "/api/v1/problems/{id}",
           [&ctx](const request& r) { return response::json(200, problem_json(ctx.content(), r.param("id"))); });
    rt.add("GET", "/api/v1/lessons", [&ctx](const request& r) {
        return page(r, lessons_json(ctx.content(), r.query_value("all") == "true"), "id");
    });
    rt.add("GET", "/api/v1/lessons/{id}",
           [&ctx](const request& r) { return response::json(200, lesson_json(ctx.content(), r.param("id"))); });
    rt.add("GET", "/api/v1/curricula",
           [&ctx](const request& r) { return page(r, curricula_json(ctx.content()), "id"); });
    rt.add("GET", "/api/v1/curricula/{id}", [&ctx](const request& r) {
        const curriculum* c = ctx.content().find_curriculum(r.param("id"));
        if (!c) throw error(errc::not_found, "unknown curriculum \"" + r.param("id") + "\"");
        return response::json(200, c->doc);
    });

    // Learners.
    rt.add("GET", "/api/v1/learners", [&ctx](const request& r) {
        json list = json::array();
        for (const auto& l : list_learners(ctx.db())) list.push_back(json(l));
        return page(r, std::move(list), "name");
    });
    rt.add("POST", "/api/v1/learners", [&ctx](const request& r) {
        const std::string name = required_string(body_object(r), "name");
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
    rt.add("POST", "/api/v1/evaluate", [this, &ctx](const request& r) {
        const json body = body_object(r);
        const std::string problem = required_string(body, "problem");
        const std::string answer = required_string(body, "answer");
        const rehearse::problem& p = find_problem(ctx, problem);
        std::lock_guard lock(plugin_calls_);
        return response::json(200, json(evaluate_answer(ctx, p, answer)));
    });
    rt.add("POST", "/api/v1/learners/{name}/attempts", [this, &ctx](const request& r) {
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
            std::lock_guard lock(plugin_calls_);
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

    // The learner model.
    rt.add("GET", "/api/v1/learners/{name}/next", [&ctx](const request& r) {
        const learner who = require_learner(ctx.db(), r.param("name"));
        std::optional<activity_kind> only;
        if (const auto k = r.query_value("kind"); k && !k->empty()) only = parse_activity_kind(*k);
        return response::json(200, json(recommend_next(ctx, who, only)));
    });
    rt.add("GET", "/api/v1/learners/{name}/progress", [&ctx](const request& r) {
        return response::json(200, json(learner_progress(ctx, require_learner(ctx.db(), r.param("name")))));
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
    rt.add("POST", "/api/v1/learners/{name}/mock-sessions/{id}/sections", [this, &ctx](const request& r) {
        const json body = body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const std::string markdown = required_string(body, "markdown");
        const std::string section = optional_string(body, "section").value_or("");
        std::lock_guard lock(plugin_calls_);
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
    rt.add("POST", "/api/v1/learners/{name}/mock-sessions/{id}/finish", [this, &ctx](const request& r) {
        const json body = optional_body_object(r);
        const learner who = require_learner(ctx.db(), r.param("name"));
        const auto self_assessment = optional_string(body, "self_assessment");
        std::lock_guard lock(plugin_calls_);
        return response::json(200, json(mock_finish(ctx, who, r.param("id"), self_assessment)));
    });

    // Teaching dialogues: the `rehearse teach ...` steps on the same sessions. The last step records
    // the lesson as POST .../lessons does (no plugin code), so none of these takes the plugin lock.
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
