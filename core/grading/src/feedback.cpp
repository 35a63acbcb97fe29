#include "rehearse/core/grading/feedback.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace rehearse {

namespace {

std::string dimension_name(const std::string& d) {
    static const std::map<std::string, std::string> names{{"requirements", "requirements gathering"},
                                                          {"estimation", "capacity estimation"},
                                                          {"architecture", "architecture"},
                                                          {"data-model", "data modelling"},
                                                          {"api", "API design"},
                                                          {"scaling", "scaling and trade-offs"},
                                                          {"reliability", "reliability and operations"},
                                                          {"communication", "communication"}};
    const auto it = names.find(d);
    return it == names.end() ? d : it->second;
}

std::string sentence(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
    if (!s.empty() && s.back() != '.' && s.back() != '?' && s.back() != '!') s += '.';
    return s;
}

/// A problem that weights `dimension` heavily, near this problem's difficulty, not this one.
const problem* practice_problem(const content_registry& content, const problem& current, const std::string& dimension) {
    const problem* best = nullptr;
    double best_score = -1e9;
    for (const problem* q : content.problems()) {
        if (q->retired || q->id == current.id) continue;
        const auto it = q->dimensions.find(dimension);
        if (it == q->dimensions.end()) continue;
        // Weight of the dimension first, then closeness in difficulty, then the same pack.
        const double score =
            it->second * 10 - std::abs(q->rating - current.rating) + (q->pack == current.pack ? 0.5 : 0);
        if (score > best_score) best_score = score, best = q;
    }
    return best;
}

/// A drill that practises `dimension`: one written for this problem first, then the difficulty
/// nearest the problem's, then the shorter, then by id.
const drill* practice_drill(const content_registry& content, const problem& current, const std::string& dimension) {
    const drill* best = nullptr;
    int best_score = 0;
    for (const drill* d : content.drills()) {
        if (d->retired || d->dimension != dimension) continue;
        const bool for_this = std::find(d->problems.begin(), d->problems.end(), current.id) != d->problems.end();
        const int score = (for_this ? 0 : 1000) +
                          100 * std::abs(difficulty_rank(d->difficulty) - difficulty_rank(current.difficulty)) +
                          d->minutes;
        if (!best || score < best_score) best_score = score, best = d;
    }
    return best;
}

}  // namespace

coach_feedback compose_feedback(const content_registry& content, const problem& p,
                                const std::map<std::string, double>& scores, const std::vector<finding>& findings,
                                const strengths_by_dimension& strengths) {
    coach_feedback out;
    // Strengths: the evaluators' specific observations, best-scoring dimensions first.
    std::vector<std::pair<double, std::string>> dims;
    for (const auto& [d, s] : scores) dims.emplace_back(s, d);
    std::sort(dims.begin(), dims.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [score, d] : dims) {
        const auto said = strengths.find(d);
        if (score < 0.6 || said == strengths.end()) continue;
        for (const auto& s : said->second) {
            if (out.strengths.size() >= 4) break;
            out.strengths.push_back(sentence(s));
        }
    }
    if (out.strengths.empty() && !dims.empty()) {
        const auto& [score, d] = dims.front();
        if (const auto said = strengths.find(d); said != strengths.end() && !said->second.empty())
            out.strengths.push_back(sentence(said->second.front()));
        else
            out.strengths.push_back("Your strongest area was " + dimension_name(d) + ".");
    }
    // Improvements: the three most important findings, one per dimension where possible, so the
    // learner is not handed twenty things at once.
    std::vector<const finding*> picked;
    std::vector<std::string> used_dims;
    for (int pass = 0; pass < 2 && picked.size() < 3; ++pass)
        for (const auto& f : findings) {
            if (picked.size() >= 3) break;
            if (f.severity == "info") continue;
            if (std::find(picked.begin(), picked.end(), &f) != picked.end()) continue;
            if (pass == 0 && std::find(used_dims.begin(), used_dims.end(), f.dimension) != used_dims.end()) continue;
            picked.push_back(&f);
            used_dims.push_back(f.dimension);
        }
    for (const finding* f : picked) {
        std::string text = sentence(f->message);
        const std::string why = f->why.value_or("");
        if (!why.empty()) text += " Why it matters: " + sentence(why);
        if (!f->advice.empty()) text += " Next time: " + sentence(f->advice);
        out.improvements.push_back(text);
    }
    // Takeaway and assignment: the weakest dimension, weighted by how much the rubric cares.
    std::string weakest;
    double worst = 2;
    for (const auto& [d, s] : scores) {
        const double w = p.dimensions.count(d) ? p.dimensions.at(d) : 0;
        const double gap = s - w * 0.5;  // a heavily weighted gap matters more
        if (gap < worst) worst = gap, weakest = d;
    }
    if (!picked.empty()) weakest = picked.front()->dimension;
    if (weakest.empty()) {
        out.takeaway = "Keep practising under time pressure.";
        return out;
    }
    const std::string focus = dimension_name(weakest);
    if (!picked.empty()) {
        out.takeaway =
            "If you focus on " + focus + " — " + picked.front()->advice + " — your answers will be in great shape.";
    } else {
        out.takeaway = "Solid answer across the rubric; keep " + focus +
                       " as sharp as the rest and practise explaining your trade-offs out loud.";
    }
    // A finding that failed on a dimension a drill practises assigns that drill first: a few minutes
    // of practice on exactly what went wrong, before the next whole problem.
    std::string drill_first;
    if (!picked.empty())
        if (const drill* d = practice_drill(content, p, weakest))
            drill_first = "drill " + focus + " with \"" + d->title + "\" (rehearse drill --drill " + d->id + ", " +
                          std::to_string(d->minutes) + " minutes), then ";
    if (const problem* q = practice_problem(content, p, weakest))
        out.assignment = "Before the next session, " + drill_first + "design \"" + q->title +
                         "\" (rehearse evaluate --problem " + q->id + ") and focus specifically on " + focus + ".";
    else if (!drill_first.empty())
        out.assignment = "Before the next session, " + drill_first + "redo \"" + p.title +
                         "\" focusing specifically on " + focus + ".";
    else
        out.assignment = "Redo \"" + p.title + "\" focusing specifically on " + focus + ".";
    return out;
}

}  // namespace rehearse
