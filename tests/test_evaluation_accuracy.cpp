// Measured accuracy of the evaluators on the labelled corpus in tests/answers/: every answer is
// graded through the real plugins loaded from the build tree, and precision and recall are computed
// per finding id and overall. The corpus says which findings each answer must and must not get.
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/grading/evaluation.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct counts {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
    double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

std::unique_ptr<rehearse::app_context> bundled_context() {
    rehearse::context_options o;
    o.load_bundled = false;
    o.plugin_dirs = {std::string(REHEARSE_BUILD_DIR) + "/lib/rehearse/plugins"};
    return std::make_unique<rehearse::app_context>(o);
}

}  // namespace

TEST_CASE("evaluator accuracy on the labelled answer corpus") {
    const fs::path dir = fs::path(REHEARSE_PROJECT_SOURCE_DIR) / "tests" / "answers";
    REQUIRE(fs::is_directory(dir));
    auto ctx = bundled_context();
    REQUIRE(!ctx->content().evaluators().empty());

    std::map<std::string, counts> per_id;
    counts total;
    int answers = 0, in_range = 0;
    std::ostringstream misses;
    std::vector<fs::path> labels;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") labels.push_back(e.path());
    std::sort(labels.begin(), labels.end());
    for (const auto& label_path : labels) {
        fs::path md = label_path;
        md.replace_extension(".md");
        if (!fs::exists(md)) continue;
        const json label = rehearse::read_json_file(label_path.string());
        const rehearse::problem& p = ctx->content().require_problem(label.at("problem").get<std::string>());
        const rehearse::evaluation_result result =
            rehearse::evaluate_answer(*ctx, p, rehearse::read_text_file(md.string()));
        ++answers;
        std::set<std::string> got;
        for (const auto& f : result.findings) got.insert(f.id);
        const std::string name = label_path.stem().string();
        for (const auto& id : label.value("must", json::array())) {
            auto& c = per_id[id.get<std::string>()];
            if (got.count(id))
                ++c.tp, ++total.tp;
            else
                ++c.fn, ++total.fn, misses << "  missed  " << id.get<std::string>() << " in " << name << '\n';
        }
        for (const auto& id : label.value("must_not", json::array())) {
            auto& c = per_id[id.get<std::string>()];
            if (got.count(id))
                ++c.fp, ++total.fp, misses << "  wrongly " << id.get<std::string>() << " in " << name << '\n';
            else
                ++c.tn, ++total.tn;
        }
        if (label.contains("overall")) {
            const int overall = result.overall;
            if (overall >= label["overall"][0].get<int>() && overall <= label["overall"][1].get<int>())
                ++in_range;
            else
                misses << "  overall " << overall << " outside [" << label["overall"][0] << ", " << label["overall"][1]
                       << "] in " << name << '\n';
        }
    }
    REQUIRE(answers >= 1);

    // The table is printed on every run so a regression shows which id moved.
    std::ostringstream table;
    char row[160];
    table << "\n| finding id | TP | FP | FN | TN | precision | recall |\n|---|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& [id, c] : per_id) {
        std::snprintf(row, sizeof row, "| %s | %d | %d | %d | %d | %.2f | %.2f |\n", id.c_str(), c.tp, c.fp, c.fn, c.tn,
                      c.precision(), c.recall());
        table << row;
    }
    std::snprintf(row, sizeof row, "| **overall** | %d | %d | %d | %d | **%.3f** | **%.3f** |\n", total.tp, total.fp,
                  total.fn, total.tn, total.precision(), total.recall());
    table << row;
    table << "\nanswers: " << answers << ", overall score within the labelled range: " << in_range << "/" << answers
          << "\n";
    MESSAGE(table.str() << misses.str());
    // Measured 0.996 / 1.000 on 69 answers; the floor leaves room for new, harder answers.
    CHECK(total.precision() >= 0.95);
    CHECK(total.recall() >= 0.95);
    // Measured 62 of 69 overall scores inside their labelled range (the overall is the rubric-weighted
    // mean, docs/answers.md; the misses are all above their band, in answers whose gaps sit in
    // low-weight dimensions).
    CHECK(in_range * 20 >= answers * 17);
}
