#include "rehearse/core/content/content_schema.hpp"

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/content/dimensions.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace rehearse {

namespace {

using json = nlohmann::json;

const std::initializer_list<std::string_view> dims{"requirements", "estimation", "architecture", "data-model",
                                                   "api",          "scaling",    "reliability",  "communication"};
const std::initializer_list<std::string_view> difficulties{"easy", "medium", "hard"};
const std::initializer_list<std::string_view> drill_kinds{"estimate",  "schema",  "api",          "requirements",
                                                          "trade-off", "failure", "communication"};

/// The id part of `pack/id`.
std::string bare_id_of(const std::string& id) {
    const auto slash = id.find('/');
    return slash == std::string::npos ? id : id.substr(slash + 1);
}
const std::initializer_list<std::string_view> intents{
    "scale",       "users",      "read-write-ratio", "latency",           "availability", "formats",
    "retention",   "compliance", "tenancy",          "external-services", "sync-async",   "functional",
    "consistency", "security",   "budget",           "geography"};
const std::initializer_list<std::string_view> component_kinds{
    "client",    "load-balancer", "api-gateway",    "app-server",   "database",     "replica",           "cache",
    "queue",     "worker",        "object-storage", "cdn",          "search",       "websocket-gateway", "stream",
    "scheduler", "notification",  "external-api",   "rate-limiter", "id-generator", "analytics",         "monitoring"};

void check_schema_field(json_check& c, const json& doc, std::string_view expected) {
    if (const auto* s = c.string(doc, "", "schema")) {
        if (*s != expected) c.fail("schema", "expected \"" + std::string(expected) + "\", got \"" + *s + "\"");
    }
}

/// A content document's version: 1.0 or the minor 1.1 (which adds drills); nullopt after recording
/// why for anything else.
std::optional<int> check_content_version(json_check& c, const json& doc) {
    const auto* s = c.string(doc, "", "schema");
    if (!s) return std::nullopt;
    if (*s == content_schema_id) return 0;
    if (*s == content_schema_1_1_id) return 1;
    c.fail("schema", "expected \"" + std::string(content_schema_id) + "\" or \"" + std::string(content_schema_1_1_id) +
                         "\", got \"" + *s + "\"");
    return std::nullopt;
}

/// A weights object (dim → weight > 0) that sums to 1.
void check_weights(json_check& c, const json& obj, const std::string& path, std::string_view key) {
    const json* w = c.object_field(obj, path, key);
    if (!w) return;
    const std::string here = json_check::join(path, key);
    if (w->empty()) c.fail(here, "expected at least one dimension");
    double sum = 0;
    for (const auto& [dim, weight] : w->items()) {
        if (!is_dimension(dim))
            c.fail(json_check::join(here, dim), "unknown dimension (expected " + join_choices(dims) + ")");
        if (!weight.is_number() || weight.get<double>() <= 0) {
            c.fail(json_check::join(here, dim), "expected a weight > 0");
            continue;
        }
        sum += weight.get<double>();
    }
    if (!w->empty() && std::fabs(sum - 1.0) > 0.01)
        c.fail(here, "weights must sum to 1, they sum to " + json(sum).dump());
}

void check_dimension_list(json_check& c, const json& obj, const std::string& path, std::string_view key,
                          std::size_t min_items) {
    const json* a = c.strings(obj, path, key, min_items);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i)
        if ((*a)[i].is_string() && !is_dimension((*a)[i].get<std::string>()))
            c.fail(json_check::index(json_check::join(path, key), i),
                   "unknown dimension \"" + (*a)[i].get<std::string>() + "\" (expected " + join_choices(dims) + ")");
}

template <class Fn>
void each(json_check& c, const json& obj, const std::string& path, std::string_view key, std::size_t min_items, Fn&& fn,
          bool required = true) {
    const json* a = c.array(obj, path, key, min_items, SIZE_MAX, required);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) fn((*a)[i], json_check::index(json_check::join(path, key), i));
}

void check_format(json_check& c, const json& problem, const std::string& path) {
    const json* f = c.object_field(problem, path, "format");
    if (!f) return;
    const std::string here = json_check::join(path, "format");
    c.object(*f, here, {"minutes", "phases"});
    const json* minutes = c.integer(*f, here, "minutes", 10, 180);
    long long total = 0;
    each(c, *f, here, "phases", 1, [&](const json& phase, const std::string& p) {
        if (!c.object(phase, p, {"name", "minutes", "goal"})) return;
        c.string(phase, p, "name");
        c.string(phase, p, "goal");
        if (const json* m = c.integer(phase, p, "minutes", 1, 180)) total += m->get<long long>();
    });
    if (minutes && total != minutes->get<long long>())
        c.fail(json_check::join(here, "phases"), "phase minutes add up to " + std::to_string(total) + ", expected " +
                                                     std::to_string(minutes->get<long long>()));
}

void check_flags(json_check& c, const json& problem, const std::string& path) {
    const json* f = c.object_field(problem, path, "flags");
    if (!f) return;
    const std::string here = json_check::join(path, "flags");
    c.object(*f, here,
             {"multi_tenant", "stores_files", "read_heavy", "requires_audit", "needs_idempotency", "scale",
              "slow_operations"});
    for (auto key : {"multi_tenant", "stores_files", "read_heavy", "requires_audit", "needs_idempotency"})
        c.boolean(*f, here, key);
    c.one_of(*f, here, "scale", {"tiny", "small", "medium", "large", "massive"});
    each(c, *f, here, "slow_operations", 0, [&](const json& op, const std::string& p) {
        if (!c.object(op, p, {"name", "keywords"})) return;
        c.string(op, p, "name");
        c.strings(op, p, "keywords", 1);
    });
}

void check_problem(json_check& c, const json& p, const std::string& path, int minor) {
    if (!c.object(p, path,
                  {"id", "title", "difficulty", "statement", "dimensions", "format", "flags", "clarifications",
                   "estimates", "components", "entities", "endpoints", "probes", "deep_dives", "pitfalls", "hints",
                   "reference_solution", "levels"},
                  {"rating", "source", "retired"}))
        return;
    c.id(p, path, "id");
    c.string(p, path, "title");
    c.one_of(p, path, "difficulty", difficulties);
    c.number(p, path, "rating", -3, 3, false);
    c.string(p, path, "source", false);
    c.string(p, path, "statement");
    c.boolean(p, path, "retired", false);
    check_weights(c, p, path, "dimensions");
    check_format(c, p, path);
    check_flags(c, p, path);

    std::set<std::string> seen_intents;
    each(c, p, path, "clarifications", 2, [&](const json& q, const std::string& qp) {
        if (!c.object(q, qp, {"intent", "question", "answer", "keywords"}, {"asked_as"})) return;
        if (const auto* intent = c.one_of(q, qp, "intent", intents)) seen_intents.insert(*intent);
        c.string(q, qp, "question");
        c.string(q, qp, "answer");
        c.strings(q, qp, "keywords", 1);
        // Example wordings of the question (1.1): a 1.0 host refuses unknown keys, so a 1.0 document
        // cannot carry them.
        if (q.contains("asked_as") && minor < 1)
            c.fail(json_check::join(qp, "asked_as"),
                   "asked_as needs \"schema\": \"" + std::string(content_schema_1_1_id) + "\"");
        else
            c.strings(q, qp, "asked_as", 1, false);
    });
    if (p.contains("clarifications") && p["clarifications"].is_array())
        for (auto needed : {"scale", "functional"})
            if (!seen_intents.count(needed))
                c.fail(json_check::join(path, "clarifications"),
                       "no clarification with intent \"" + std::string(needed) + "\"");

    each(c, p, path, "estimates", 0, [&](const json& e, const std::string& ep) {
        if (!c.object(e, ep, {"quantity", "label", "value", "unit", "aliases", "derivation"})) return;
        c.string(e, ep, "quantity");
        c.string(e, ep, "label");
        c.number(e, ep, "value", 1e-12, 1e30);
        c.one_of(e, ep, "unit", {"per_second", "count", "bytes", "bytes_per_second"});
        c.strings(e, ep, "aliases", 1);
        c.string(e, ep, "derivation");
    });
    each(c, p, path, "components", 1, [&](const json& e, const std::string& ep) {
        if (!c.object(e, ep, {"kind", "name", "why", "required"})) return;
        c.one_of(e, ep, "kind", component_kinds);
        c.string(e, ep, "name");
        c.string(e, ep, "why");
        c.boolean(e, ep, "required");
    });
    each(c, p, path, "entities", 0, [&](const json& e, const std::string& ep) {
        if (!c.object(e, ep, {"name", "columns", "why"})) return;
        c.string(e, ep, "name");
        c.strings(e, ep, "columns", 1);
        c.string(e, ep, "why");
    });
    each(c, p, path, "endpoints", 0, [&](const json& e, const std::string& ep) {
        if (!c.object(e, ep, {"method", "path", "status", "purpose"}, {"async", "idempotent_key"})) return;
        c.one_of(e, ep, "method", {"GET", "POST", "PUT", "PATCH", "DELETE"});
        if (const auto* route = c.string(e, ep, "path"); route && route->front() != '/')
            c.fail(json_check::join(ep, "path"), "must start with '/'");
        c.integer(e, ep, "status", 100, 599);
        c.string(e, ep, "purpose");
        c.boolean(e, ep, "async", false);
        c.boolean(e, ep, "idempotent_key", false);
    });
    c.strings(p, path, "probes", 1);
    each(c, p, path, "deep_dives", 0, [&](const json& d, const std::string& dp) {
        if (!c.object(d, dp, {"question", "points"})) return;
        c.string(d, dp, "question");
        c.strings(d, dp, "points", 2);
    });
    each(c, p, path, "pitfalls", 1, [&](const json& d, const std::string& dp) {
        if (!c.object(d, dp, {"text", "advice"}, {"finding"})) return;
        c.string(d, dp, "text");
        c.string(d, dp, "advice");
        c.id(d, dp, "finding", false);
    });
    c.strings(p, path, "hints", 1);
    if (const json* s = c.object_field(p, path, "reference_solution")) {
        const std::string sp = json_check::join(path, "reference_solution");
        c.object(*s, sp, {"requirements", "architecture", "data_model", "api", "scaling"}, {"estimates", "tradeoffs"});
        for (auto key : {"requirements", "architecture", "api", "scaling"}) c.strings(*s, sp, key, 1);
        for (auto key : {"estimates", "tradeoffs"}) c.strings(*s, sp, key, 0, false);
        c.string(*s, sp, "data_model");
    }
    if (const json* l = c.object_field(p, path, "levels")) {
        const std::string lp = json_check::join(path, "levels");
        c.object(*l, lp, {"needs_improvement", "good", "excellent"}, {"by_level"});
        for (auto key : {"needs_improvement", "good", "excellent"}) c.string(*l, lp, key);
        if (const json* by = c.object_field(*l, lp, "by_level", false)) {
            const std::string bp = json_check::join(lp, "by_level");
            c.object(*by, bp, {}, {"L3", "L4", "L5", "L6", "L7"});
            for (const auto& [level, _] : by->items()) c.string(*by, bp, level);
        }
    }
}

void check_lesson(json_check& c, const json& l, const std::string& path) {
    if (!c.object(l, path,
                  {"id", "title", "dimensions", "prerequisites", "minutes", "summary", "analogy", "dialogue",
                   "worked_example", "check", "hints", "common_mistake", "cards"},
                  {"retired"}))
        return;
    c.id(l, path, "id");
    c.string(l, path, "title");
    check_dimension_list(c, l, path, "dimensions", 1);
    c.strings(l, path, "prerequisites", 0);
    c.integer(l, path, "minutes", 1, 240);
    for (auto key : {"summary", "analogy", "worked_example"}) c.string(l, path, key);
    c.boolean(l, path, "retired", false);
    each(c, l, path, "dialogue", 4, [&](const json& t, const std::string& tp) {
        if (!c.object(t, tp, {"speaker", "text"})) return;
        c.one_of(t, tp, "speaker", {"coach", "student"});
        c.string(t, tp, "text");
    });
    if (const json* q = c.object_field(l, path, "check")) {
        const std::string qp = json_check::join(path, "check");
        c.object(*q, qp, {"question", "key_points"});
        c.string(*q, qp, "question");
        each(c, *q, qp, "key_points", 2, [&](const json& k, const std::string& kp) {
            if (!c.object(k, kp, {"point", "keywords"})) return;
            c.string(k, kp, "point");
            c.strings(k, kp, "keywords", 1);
        });
    }
    c.strings(l, path, "hints", 1);
    if (const json* m = c.object_field(l, path, "common_mistake")) {
        const std::string mp = json_check::join(path, "common_mistake");
        c.object(*m, mp, {"mistake", "correction"});
        c.string(*m, mp, "mistake");
        c.string(*m, mp, "correction");
    }
    std::set<std::string> card_ids;
    const json* cards = c.array(l, path, "cards", 3, 8);
    if (!cards) return;
    for (std::size_t i = 0; i < cards->size(); ++i) {
        const std::string cp = json_check::index(json_check::join(path, "cards"), i);
        const json& card = (*cards)[i];
        if (!c.object(card, cp, {"id", "front", "back"})) continue;
        if (const auto* id = c.id(card, cp, "id"); id && !card_ids.insert(*id).second)
            c.fail(json_check::join(cp, "id"), "duplicate card id \"" + *id + "\"");
        c.string(card, cp, "front");
        c.string(card, cp, "back");
    }
}

void check_key_points(json_check& c, const json& obj, const std::string& path) {
    each(c, obj, path, "key_points", 2, [&](const json& k, const std::string& kp) {
        if (!c.object(k, kp, {"point", "keywords"})) return;
        c.string(k, kp, "point");
        c.strings(k, kp, "keywords", 1);
    });
}

/// The expected answer of a drill, by its kind (sdk/schema/content-v1.md, DRILL).
void check_drill_expected(json_check& c, const json& d, const std::string& path, const std::string& kind) {
    const json* e = c.object_field(d, path, "expected");
    if (!e) return;
    const std::string ep = json_check::join(path, "expected");
    if (kind == "estimate") {
        if (!c.object(*e, ep, {"value", "unit", "calculation"}, {"per", "peak"})) return;
        c.number(*e, ep, "value", 1e-12, 1e30);
        c.one_of(*e, ep, "unit", {"per_second", "count", "bytes", "bytes_per_second"});
        c.string(*e, ep, "calculation");
        c.one_of(*e, ep, "per", {"second", "minute", "hour", "day", "week", "month", "year"}, false);
        c.boolean(*e, ep, "peak", false);
    } else if (kind == "schema") {
        if (!c.object(*e, ep, {"tables"})) return;
        each(c, *e, ep, "tables", 1, [&](const json& t, const std::string& tp) {
            if (!c.object(t, tp, {"name"}, {"synonyms", "columns", "references", "indexes"})) return;
            c.string(t, tp, "name");
            for (auto key : {"synonyms", "columns", "references", "indexes"}) c.strings(t, tp, key, 1, false);
        });
    } else if (kind == "api") {
        if (!c.object(*e, ep, {"endpoints"})) return;
        each(c, *e, ep, "endpoints", 1, [&](const json& x, const std::string& xp) {
            if (!c.object(x, xp, {"method", "path", "status"}, {"purpose"})) return;
            c.one_of(x, xp, "method", {"GET", "POST", "PUT", "PATCH", "DELETE"});
            if (const auto* route = c.string(x, xp, "path"); route && route->front() != '/')
                c.fail(json_check::join(xp, "path"), "must start with '/'");
            c.integer(x, xp, "status", 100, 599);
            c.string(x, xp, "purpose", false);
        });
    } else if (kind == "requirements") {
        if (!c.object(*e, ep, {"problem", "intents"}, {"min_matched"})) return;
        c.id(*e, ep, "problem");
        if (const json* a = c.strings(*e, ep, "intents", 1))
            for (std::size_t i = 0; i < a->size(); ++i)
                if ((*a)[i].is_string() &&
                    std::find(intents.begin(), intents.end(), (*a)[i].get<std::string>()) == intents.end())
                    c.fail(json_check::index(json_check::join(ep, "intents"), i),
                           "unknown intent \"" + (*a)[i].get<std::string>() + "\" (expected " + join_choices(intents) +
                               ")");
        c.integer(*e, ep, "min_matched", 1, 16, false);
    } else {  // trade-off, failure, communication: graded like a lesson's check question
        if (!c.object(*e, ep, {"key_points"}, {"min_covered"})) return;
        check_key_points(c, *e, ep);
        c.integer(*e, ep, "min_covered", 1, 16, false);
    }
}

void check_drill(json_check& c, const json& d, const std::string& path) {
    if (!c.object(d, path,
                  {"id", "title", "dimension", "difficulty", "kind", "minutes", "prompt", "expected", "model_answer",
                   "feedback", "problems", "lessons"},
                  {"facts", "retired"}))
        return;
    c.id(d, path, "id");
    c.string(d, path, "title");
    c.one_of(d, path, "dimension", dims);
    c.one_of(d, path, "difficulty", difficulties);
    const auto* kind = c.one_of(d, path, "kind", drill_kinds);
    c.integer(d, path, "minutes", 2, 10);
    for (auto key : {"prompt", "model_answer", "feedback"}) c.string(d, path, key);
    c.strings(d, path, "facts", 0, false);
    c.boolean(d, path, "retired", false);
    for (auto key : {"problems", "lessons"})
        if (const json* ids = c.strings(d, path, key, 0))
            for (std::size_t i = 0; i < ids->size(); ++i)
                if ((*ids)[i].is_string() && !is_valid_id(bare_id_of((*ids)[i].get<std::string>())))
                    c.fail(json_check::index(json_check::join(path, key), i),
                           "\"" + (*ids)[i].get<std::string>() + "\" is not a valid id");
    const bool tied = (d.contains("problems") && d["problems"].is_array() && !d["problems"].empty()) ||
                      (d.contains("lessons") && d["lessons"].is_array() && !d["lessons"].empty());
    if (!tied) c.fail(path, "a drill names at least one problem or lesson it practises");
    if (kind) check_drill_expected(c, d, path, *kind);
}

/// Ids must be unique within the document; the registry checks across documents.
void check_unique_ids(json_check& c, const json& doc, std::string_view key) {
    if (!doc.contains(key) || !doc[key].is_array()) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < doc[key].size(); ++i) {
        const json& item = doc[key][i];
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) continue;
        if (!seen.insert(item["id"].get<std::string>()).second)
            c.fail(json_check::index(std::string(key), i) + ".id",
                   "duplicate id \"" + item["id"].get<std::string>() + "\"");
    }
}

}  // namespace

std::vector<violation> validate_content(const json& doc) {
    std::vector<violation> out;
    json_check c(out);
    if (!c.object(doc, "", {"schema"}, {"problems", "lessons", "drills"})) return out;
    const auto minor = check_content_version(c, doc);
    if (!doc.contains("problems") && !doc.contains("lessons") && !doc.contains("drills"))
        c.fail("", "a content document needs problems, lessons or drills");
    if (doc.contains("drills") && minor && *minor < 1)
        c.fail("drills", "drills need \"schema\": \"" + std::string(content_schema_1_1_id) +
                             "\" (this document says \"" + std::string(content_schema_id) + "\")");
    each(
        c, doc, "", "problems", 0,
        [&](const json& p, const std::string& path) { check_problem(c, p, path, minor.value_or(1)); }, false);
    each(
        c, doc, "", "lessons", 0, [&](const json& l, const std::string& path) { check_lesson(c, l, path); }, false);
    each(
        c, doc, "", "drills", 0, [&](const json& d, const std::string& path) { check_drill(c, d, path); }, false);
    check_unique_ids(c, doc, "problems");
    check_unique_ids(c, doc, "lessons");
    check_unique_ids(c, doc, "drills");
    return out;
}

std::vector<violation> validate_curriculum(const json& doc) {
    std::vector<violation> out;
    json_check c(out);
    if (!c.object(doc, "", {"schema", "id", "title", "description", "rubric", "weeks"}, {"source", "rules"}))
        return out;
    check_schema_field(c, doc, curriculum_schema_id);
    c.id(doc, "", "id");
    c.string(doc, "", "title");
    c.string(doc, "", "description");
    c.string(doc, "", "source", false);
    check_weights(c, doc, "", "rubric");
    each(
        c, doc, "", "rules", 0,
        [&](const json& r, const std::string& rp) {
            if (!c.object(r, rp, {"id", "text"})) return;
            c.id(r, rp, "id");
            c.string(r, rp, "text");
        },
        false);
    long long expected_week = 1;
    each(c, doc, "", "weeks", 1, [&](const json& w, const std::string& wp) {
        if (!c.object(w, wp, {"number", "title", "band", "days"}, {"goal", "focus"})) return;
        if (const json* n = c.integer(w, wp, "number", 1, 52); n && n->get<long long>() != expected_week)
            c.fail(json_check::join(wp, "number"), "expected week " + std::to_string(expected_week));
        ++expected_week;
        c.string(w, wp, "title");
        c.string(w, wp, "goal", false);
        if (w.contains("focus")) check_dimension_list(c, w, wp, "focus", 0);
        if (const json* b = c.object_field(w, wp, "band")) {
            const std::string bp = json_check::join(wp, "band");
            c.object(*b, bp, {"min", "max"});
            const auto* lo = c.one_of(*b, bp, "min", difficulties);
            const auto* hi = c.one_of(*b, bp, "max", difficulties);
            if (lo && hi && difficulty_rank(*lo) > difficulty_rank(*hi)) c.fail(bp, "min is harder than max");
        }
        std::set<long long> days_seen;
        each(c, w, wp, "days", 1, [&](const json& d, const std::string& dp) {
            if (!c.object(d, dp, {"day", "title", "activities"}, {"focus"})) return;
            if (const json* n = c.integer(d, dp, "day", 1, 7); n && !days_seen.insert(n->get<long long>()).second)
                c.fail(json_check::join(dp, "day"), "day " + n->dump() + " appears twice");
            c.string(d, dp, "title");
            if (d.contains("focus")) check_dimension_list(c, d, dp, "focus", 0);
            each(c, d, dp, "activities", 1, [&](const json& a, const std::string& ap) {
                if (!c.object(a, ap, {"kind", "minutes"}, {"ref", "note"})) return;
                c.one_of(a, ap, "kind", {"lesson", "problem", "review", "mock", "self-assessment", "rest"});
                c.integer(a, ap, "minutes", 0, 600);
                c.string(a, ap, "note", false);
                if (a.contains("ref")) {
                    const auto* ref = c.string(a, ap, "ref");
                    // A ref may be namespaced (pack/id); each part is an id.
                    if (ref) {
                        const auto slash = ref->find('/');
                        const bool ok = slash == std::string::npos
                                            ? is_valid_id(*ref)
                                            : is_valid_id(ref->substr(0, slash)) && is_valid_id(ref->substr(slash + 1));
                        if (!ok) c.fail(json_check::join(ap, "ref"), "\"" + *ref + "\" is not a valid id");
                    }
                }
            });
        });
    });
    return out;
}

}  // namespace rehearse
