#include "rehearse/core/grading/evaluation.hpp"

#include "rehearse/core/answer/answer_model.hpp"
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/rubric.hpp"
#include "rehearse/core/grading/feedback.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rehearse {

using nlohmann::json;

namespace {

/// Strict UTF-8 check; NUL bytes count as binary too.
bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return false;
        std::size_t n = 0;
        if (c < 0x80)
            n = 0;
        else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
            n = 1;
        else if ((c & 0xF0) == 0xE0)
            n = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
            n = 3;
        else
            return false;
        if (n > 0 && i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

/// The request as text; a stray invalid byte in the learner's text is replaced, never fatal.
std::string request_text(const json& request) { return request.dump(-1, ' ', false, json::error_handler_t::replace); }

int severity_rank(const std::string& s) {
    if (s == "critical") return 0;
    if (s == "major") return 1;
    if (s == "minor") return 2;
    return 3;
}

double weight_of(const problem& p, const std::string& dimension) {
    const auto it = p.dimensions.find(dimension);
    return it == p.dimensions.end() ? 0 : it->second;
}

/// One finding of an evaluator's response as the evaluation reports it (see evaluate_model); nullopt
/// for one without a string id.
std::optional<finding> read_finding(json f, const std::string& dimension) {
    if (!f.is_object()) return std::nullopt;
    if (const auto id = f.find("id"); id == f.end() || !id->is_string()) return std::nullopt;
    // Takes a known field out of `f` (what is left are the evaluator's own fields).
    const auto take = [&f](const char* key, std::string fallback) {
        const auto it = f.find(key);
        if (it == f.end()) return fallback;
        std::string value = it->is_string() ? it->get<std::string>() : std::move(fallback);
        f.erase(it);
        return value;
    };
    finding out;
    out.id = take("id", "");
    out.dimension = take("dimension", dimension);
    out.severity = take("severity", "minor");
    out.message = take("message", "");
    out.evidence = take("evidence", "");
    out.advice = take("advice", "");
    if (const auto why = f.find("why"); why != f.end() && why->is_string()) {
        out.why = why->get<std::string>();
        f.erase(why);
    }
    out.extra = std::move(f);
    return out;
}

/// The level an answer reads as, from its grade (seed 001's rubric): L3 understands the problem and
/// draws a basic architecture but lacks detail or numbers; L4 covers the basic requirements with a
/// reasonable architecture and some detail; L5 is structured end to end with accurate estimates,
/// detailed components and trade-offs; L6 adds operational foresight (no single point of failure,
/// monitoring) and keeps the design as simple as the numbers allow. `next` quotes the problem's
/// `levels.by_level` for the next level when it has one, with the gaps that held this answer back.
level_assessment assess_level(const problem& p, const evaluation_result& e) {
    auto score = [&](const char* d) -> std::optional<double> {
        const auto it = e.scores.find(d);
        if (it == e.scores.end()) return std::nullopt;
        return it->second;
    };
    auto has = [&](const char* id) {
        return std::any_of(e.findings.begin(), e.findings.end(), [&](const finding& f) { return f.id == id; });
    };
    auto ok = [&](const char* d, double at_least) {
        const auto s = score(d);
        return !s || *s >= at_least;
    };
    int majors = 0;
    for (const auto& f : e.findings) majors += f.severity == "major" || f.severity == "critical";
    const bool requirements = ok("requirements", 0.6) && !has("no-clarifying-questions");
    const bool numbers = ok("estimation", 0.6) && !has("no-capacity-estimate") && !has("estimate-off");
    const bool architecture = ok("architecture", 0.6);
    const bool detail = ok("data-model", 0.6) && ok("api", 0.6);
    const bool tradeoffs = !has("no-tradeoffs") && !has("vague-scaling");
    const bool operations = ok("reliability", 0.7) && !has("single-point-of-failure") && !has("no-monitoring");
    const bool simple = !has("over-engineering");
    struct gap {
        bool met;
        const char* met_reason;
        const char* missing;
    };
    const std::vector<gap> l4{
        {requirements, "requirements and scale are pinned down", "pin down requirements and scale"},
        {architecture, "the architecture has the pieces the problem needs",
         "an architecture with the components the problem needs"},
        {e.overall >= 55, "the grade is sound overall", "fewer major gaps overall"}};
    const std::vector<gap> l5{
        {numbers, "the estimates are right", "estimates that match the problem's numbers"},
        {detail, "the schema and the API are detailed", "a detailed schema and API"},
        {tradeoffs, "bottlenecks and trade-offs are named", "named bottlenecks and trade-offs with their reasons"},
        {e.overall >= 75 && majors <= 1, "at most one major gap", "at most one major gap"}};
    const std::vector<gap> l6{
        {operations, "redundancy and monitoring are planned", "redundancy per tier and monitoring with alerts"},
        {simple, "the design is sized to the numbers", "a design no bigger than the numbers need"},
        {e.overall >= 85 && majors == 0, "no major gap", "no major gap at all"}};
    level_assessment out;
    const std::vector<const std::vector<gap>*> ladder{&l4, &l5, &l6};
    int level = 3;
    for (const auto* rung : ladder) {
        const bool all = std::all_of(rung->begin(), rung->end(), [](const gap& g) { return g.met; });
        if (!all) break;
        ++level;
    }
    out.id = "L" + std::to_string(level);
    for (int r = 0; r < level - 3; ++r)
        for (const auto& g : *ladder[static_cast<std::size_t>(r)]) out.reasons.emplace_back(g.met_reason);
    if (level == 3) out.reasons.emplace_back("the basics of an L4 answer are not all there yet");
    if (level < 6) {
        std::string missing;
        for (const auto& g : *ladder[static_cast<std::size_t>(level - 3)])
            if (!g.met) {
                missing += (missing.empty() ? "" : ", ") + std::string(g.missing);
                out.reasons.push_back("short of L" + std::to_string(level + 1) + ": " + g.missing);
            }
        const std::string next_id = "L" + std::to_string(level + 1);
        out.next = next_id + " would have added " + missing + ".";
        if (const auto levels = p.doc.find("levels"); levels != p.doc.end() && levels->is_object())
            if (const auto by = levels->find("by_level"); by != levels->end() && by->is_object())
                if (const auto t = by->find(next_id); t != by->end() && t->is_string())
                    out.next += " For this problem an " + next_id + " answer: " + t->get<std::string>();
    }
    return out;
}
}  // namespace

void check_answer_text(std::string_view answer) {
    if (answer.size() > max_answer_bytes)
        throw error(errc::invalid_input, "the answer is " + std::to_string(answer.size() / 1024) +
                                             " KiB; answers are limited to " + std::to_string(max_answer_bytes / 1024) +
                                             " KiB of Markdown");
    if (answer.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
        throw error(errc::invalid_input, "the answer is empty: write your design as Markdown with ## sections");
    if (!valid_utf8(answer))
        throw error(errc::invalid_input,
                    "the answer is not text (binary data or invalid UTF-8); expected a Markdown file");
}

evaluation_result evaluate_model(const content_registry& content, const problem& p, const json& model) {
    json problem_doc = p.doc;
    problem_doc["pack"] = p.pack;
    // The request is the same for every evaluator but its id, so the two big parts are serialised
    // once and the text is assembled per call (keys in nlohmann's sorted order: answer, evaluator,
    // problem). That also lets the plugin recognise a repeat and parse it only once.
    const std::string answer_text = request_text(model);
    const std::string problem_text = request_text(problem_doc);
    evaluation_result out;
    out.problem = p.id;
    for (const auto& w : model.value("warnings", json::array())) out.warnings.push_back(w.get<std::string>());
    strengths_by_dimension strengths;
    std::map<std::string, double> scores;
    for (const evaluator_entry* e : content.evaluators()) {
        if (!e->plugin) continue;
        // Only dimensions this problem's rubric weights are graded.
        bool wanted = false;
        for (const auto& d : e->dimensions) wanted = wanted || p.dimensions.count(d) > 0;
        if (!wanted) continue;
        const std::string request = "{\"answer\":" + answer_text + ",\"evaluator\":" + json(e->id).dump() +
                                    ",\"problem\":" + problem_text + "}";
        json response;
        try {
            response = json::parse(e->plugin->evaluate(e->id, request));
        } catch (const std::exception& ex) {
            // One broken evaluator must not hide the others' grades.
            out.warnings.push_back("evaluator " + e->id + " failed: " + ex.what());
            continue;
        }
        const std::string dimension = e->dimensions.empty() ? "" : e->dimensions.front();
        if (response.contains("score") && response["score"].is_number())
            scores[dimension] = std::clamp(response["score"].get<double>(), 0.0, 1.0);
        for (auto& f : response.value("findings", json::array()))
            if (auto read = read_finding(std::move(f), dimension)) out.findings.push_back(std::move(*read));
        for (const auto& s : response.value("strengths", json::array()))
            if (s.is_string()) strengths[dimension].push_back(s.get<std::string>());
    }
    std::stable_sort(out.findings.begin(), out.findings.end(), [&](const finding& a, const finding& b) {
        const int ra = severity_rank(a.severity), rb = severity_rank(b.severity);
        if (ra != rb) return ra < rb;
        return weight_of(p, a.dimension) > weight_of(p, b.dimension);
    });
    // Scored rubric dimensions only: one with no evaluator is left out and the rubric renormalised.
    std::map<std::string, double> rubric_scores;
    for (const auto& [dim, weight] : p.dimensions) {
        const auto it = scores.find(dim);
        if (it == scores.end()) continue;
        out.scores[dim] = std::round(it->second * 1000) / 1000;
        rubric_scores.emplace(dim, it->second);
    }
    // docs/answers.md: the overall score is the rubric-weighted mean of the dimension scores; how much
    // a gap costs is the evaluators' call, made in the dimension it belongs to.
    out.overall = static_cast<int>(std::lround(rubric_weighted_mean(p, rubric_scores, 100)));
    out.feedback = compose_feedback(content, p, out.scores, out.findings, strengths);
    if (!out.scores.empty()) out.level = assess_level(p, out);
    return out;
}

evaluation_result evaluate_answer(app_context& ctx, const problem& p, std::string_view answer) {
    check_answer_text(answer);
    if (ctx.content().evaluators().empty())
        throw error(errc::plugin, "no evaluator plugins are loaded (expected lib/rehearse/plugins/evaluators.so)");
    return evaluate_model(ctx.content(), p, parse_answer(answer));
}

}  // namespace rehearse
