// Evaluation speed: per-answer time of the full pipeline (parse + every evaluator plugin + rubric +
// feedback) over the labelled corpus, reported as absolute time and as a ratio against parsing
// alone, measured in the same process so the ratio holds on any machine.
//   bench_evaluate [ANSWERS_DIR] [ITERATIONS]   (ANSWERS_DIR is searched recursively)
#include "rehearse/core/answer/answer_model.hpp"
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/grading/evaluation.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path(REHEARSE_PROJECT_SOURCE_DIR) / "tests" / "answers";
    const int iterations = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    rehearse::context_options o;
    o.load_bundled = false;
    o.plugin_dirs = {std::string(REHEARSE_BUILD_DIR) + "/lib/rehearse/plugins"};
    rehearse::app_context ctx(o);
    struct item {
        std::string name, problem, text;
    };
    std::vector<item> answers;
    // The corpus is split into tests/answers/dev/ and tests/answers/heldout/: both are timed.
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().extension() != ".json") continue;
        fs::path md = e.path();
        md.replace_extension(".md");
        if (!fs::exists(md)) continue;
        const auto label = rehearse::read_json_file(e.path().string());
        answers.push_back(
            {e.path().stem().string(), label.at("problem").get<std::string>(), rehearse::read_text_file(md.string())});
    }
    if (answers.empty()) {
        std::fprintf(stderr, "bench_evaluate: no answers in %s\n", dir.c_str());
        return 1;
    }
    std::vector<double> parse_ms, full_ms;
    std::size_t sink = 0;
    for (int it = 0; it < iterations; ++it) {
        for (const auto& a : answers) {
            auto t0 = clock_type::now();
            sink += rehearse::parse_answer(a.text).size();
            auto t1 = clock_type::now();
            sink += rehearse::evaluate_answer(ctx, ctx.content().require_problem(a.problem), a.text).findings.size();
            auto t2 = clock_type::now();
            parse_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            full_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        }
    }
    auto pct = [](std::vector<double> v, double p) {
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    };
    double parse_mean = 0, full_mean = 0;
    for (double x : parse_ms) parse_mean += x;
    for (double x : full_ms) full_mean += x;
    parse_mean /= static_cast<double>(parse_ms.size());
    full_mean /= static_cast<double>(full_ms.size());
    std::printf("answers: %zu, iterations: %d (checksum %zu)\n", answers.size(), iterations, sink % 10);
    std::printf("parse only (baseline):  mean %.3f ms  p50 %.3f ms  p99 %.3f ms\n", parse_mean, pct(parse_ms, 0.5),
                pct(parse_ms, 0.99));
    std::printf("full evaluation:        mean %.3f ms  p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", full_mean,
                pct(full_ms, 0.5), pct(full_ms, 0.99), pct(full_ms, 1.0));
    std::printf("ratio full/parse: %.2fx; budget 20 ms per answer: %s\n", full_mean / parse_mean,
                pct(full_ms, 0.99) < 20.0 ? "met (p99)" : "MISSED (p99)");
    return pct(full_ms, 0.99) < 20.0 ? 0 : 2;
}
