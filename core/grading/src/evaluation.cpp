#include "rehearse/core/grading/evaluation.hpp"

#include "rehearse/core/answer/answer_model.hpp"
#include "rehearse/core/base/error.hpp"
#include "rehearse/core/grading/feedback.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

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
        if (c < 0x80) n = 0;
        else if ((c & 0xE0) == 0xC0 && c >= 0xC2) n = 1;
        else if ((c & 0xF0) == 0xE0) n = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4) n = 3;
        else return false;
        if (n > 0 && i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

/// The request as text; a stray invalid byte in the learner's text is replaced, never fatal.
std::string request_text(const json& request) {
    return request.dump(-1, ' ', false, json::error_handler_t::replace);
}

int severity_rank(const std::string& s) {
    if (s == "critical") return 0;
    if (s == "major") return 1;
    if (s == "minor") return 2;
    return 3;
}

}  // namespace

void check_answer_text(std::string_view answer) {
    if (answer.size() > max_answer_bytes)
        throw error(errc::invalid_input, "the answer is " + std::to_string(answer.size() / 1024) +
                                             " KiB; answers are limited to " +
                                             std::to_string(max_answer_bytes / 1024) + " KiB of Markdown");
    if (answer.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
        throw error(errc::invalid_input, "the answer is empty: write your design as Markdown with ## sections");
    if (!valid_utf8(answer))
        throw error(errc::invalid_input, "the answer is not text (binary data or invalid UTF-8); expected a Markdown file");
}

json evaluate_model(const content_registry& content, const problem& p, const json& model) {
    json problem_doc = p.doc;
    problem_doc["pack"] = p.pack;
    // The request is the same for every evaluator but its id, so the two big parts are serialised
    // once and the text is assembled per call (keys in nlohmann's sorted order: answer, evaluator,
    // problem). That also lets the plugin recognise a repeat and parse it only once.
    const std::string answer_text = request_text(model);
    const std::string problem_text = request_text(problem_doc);
    json findings = json::array();
    json strengths = json::object();
    json warnings = model.value("warnings", json::array());
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
            warnings.push_back("evaluator " + e->id + " failed: " + ex.what());
            continue;
        }
        const std::string dimension = e->dimensions.empty() ? "" : e->dimensions.front();
        if (response.contains("score") && response["score"].is_number())
            scores[dimension] = std::clamp(response["score"].get<double>(), 0.0, 1.0);
        for (auto& f : response.value("findings", json::array())) {
            if (!f.is_object() || !f.contains("id")) continue;
            if (!f.contains("dimension")) f["dimension"] = dimension;
            if (!f.contains("severity")) f["severity"] = "minor";
            for (const char* k : {"message", "advice", "evidence"})
                if (!f.contains(k) || !f[k].is_string()) f[k] = "";
            findings.push_back(std::move(f));
        }
        for (const auto& s : response.value("strengths", json::array()))
            if (s.is_string()) strengths[dimension].push_back(s);
    }
    std::stable_sort(findings.begin(), findings.end(), [&](const json& a, const json& b) {
        const int ra = severity_rank(a["severity"]), rb = severity_rank(b["severity"]);
        if (ra != rb) return ra < rb;
        const double wa = p.dimensions.count(a["dimension"]) ? p.dimensions.at(a["dimension"]) : 0;
        const double wb = p.dimensions.count(b["dimension"]) ? p.dimensions.at(b["dimension"]) : 0;
        return wa > wb;
    });
    double weighted = 0, total = 0;
    json score_json = json::object();
    for (const auto& [dim, weight] : p.dimensions) {
        const auto it = scores.find(dim);
        if (it == scores.end()) continue;  // no evaluator for it: the rubric is renormalised
        score_json[dim] = std::round(it->second * 1000) / 1000;
        weighted += weight * it->second;
        total += weight;
    }
    // docs/answers.md: the overall score is the rubric-weighted mean of the dimension scores; how much
    // a gap costs is the evaluators' call, made in the dimension it belongs to.
    const int overall = total > 0 ? static_cast<int>(std::lround(100 * weighted / total)) : 0;
    json out{{"problem", p.id}, {"overall", overall}, {"scores", score_json}, {"findings", findings}};
    out["feedback"] = compose_feedback(content, p, score_json, findings, strengths);
    if (!warnings.empty()) out["warnings"] = warnings;
    return out;
}

json evaluate_answer(app_context& ctx, std::string_view problem_id, std::string_view answer) {
    const problem* p = &ctx.content().require_problem(problem_id);
    check_answer_text(answer);
    if (ctx.content().evaluators().empty())
        throw error(errc::plugin, "no evaluator plugins are loaded (expected lib/rehearse/plugins/evaluators.so)");
    return evaluate_model(ctx.content(), *p, parse_answer(answer));
}

}  // namespace rehearse
