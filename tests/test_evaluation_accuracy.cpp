// Measured accuracy of the evaluators on the labelled corpus in tests/answers/: every answer is
// graded through the real plugins loaded from the build tree, and precision and recall are computed
// per finding id and overall. The corpus says which findings each answer must and must not get.
//
// The sets, reported and enforced separately:
//   tests/answers/dev/       the development set, the answers the rules may be tuned on;
//   tests/answers/heldout/   answers written independently and labelled from the finding table only
//                            (docs/answers.md); a rule change is kept only if these figures do not fall;
//   tests/answers/heldout2/  a fresh batch measured once, then tuned on (a development set now);
//   tests/answers/heldout3/  the fresh held-out batch, measured once and never tuned on.
// After them, the rules on the sentences that once gave false findings, one test case per class.
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/grading/evaluation.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct counts {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
    double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

struct corpus_figures {
    std::map<std::string, counts> per_id;
    counts total;
    int answers = 0, labelled_overall = 0, in_range = 0;
    std::string report;  // the table and every miss, printed on each run
    bool in_band_floor_met() const { return in_range * 10 >= labelled_overall * 9; }
};

std::unique_ptr<rehearse::app_context> bundled_context() {
    rehearse::context_options o;
    o.load_bundled = false;
    o.plugin_dirs = {std::string(REHEARSE_BUILD_DIR) + "/lib/rehearse/plugins"};
    return std::make_unique<rehearse::app_context>(o);
}

/// Grades every labelled answer (NAME.json + NAME.md) in `dir` and counts the findings against
/// their labels.
corpus_figures measure_corpus(const std::string& set, const fs::path& dir) {
    corpus_figures out;
    if (!fs::is_directory(dir)) return out;
    auto ctx = bundled_context();
    if (ctx->content().evaluators().empty()) return out;
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
        ++out.answers;
        std::set<std::string> got;
        for (const auto& f : result.findings) got.insert(f.id);
        const std::string name = label_path.stem().string();
        for (const auto& id : label.value("must", json::array())) {
            auto& c = out.per_id[id.get<std::string>()];
            if (got.count(id))
                ++c.tp, ++out.total.tp;
            else
                ++c.fn, ++out.total.fn, misses << "  missed  " << id.get<std::string>() << " in " << name << '\n';
        }
        for (const auto& id : label.value("must_not", json::array())) {
            auto& c = out.per_id[id.get<std::string>()];
            if (got.count(id))
                ++c.fp, ++out.total.fp, misses << "  wrongly " << id.get<std::string>() << " in " << name << '\n';
            else
                ++c.tn, ++out.total.tn;
        }
        if (label.contains("overall")) {
            ++out.labelled_overall;
            const int overall = result.overall;
            if (overall >= label["overall"][0].get<int>() && overall <= label["overall"][1].get<int>())
                ++out.in_range;
            else
                misses << "  overall " << overall << " outside [" << label["overall"][0] << ", " << label["overall"][1]
                       << "] in " << name << '\n';
        }
    }

    std::ostringstream table;
    char row[200];
    table << "\n" << set << " set (" << dir.filename().string() << "/)\n";
    table << "| finding id | TP | FP | FN | TN | precision | recall |\n|---|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& [id, c] : out.per_id) {
        std::snprintf(row, sizeof row, "| %s | %d | %d | %d | %d | %.2f | %.2f |\n", id.c_str(), c.tp, c.fp, c.fn, c.tn,
                      c.precision(), c.recall());
        table << row;
    }
    std::snprintf(row, sizeof row, "| **overall** | %d | %d | %d | %d | **%.3f** | **%.3f** |\n", out.total.tp,
                  out.total.fp, out.total.fn, out.total.tn, out.total.precision(), out.total.recall());
    table << row;
    std::snprintf(row, sizeof row, "\n%s: %d answers, precision %.3f, recall %.3f, overall in band %d/%d (%.1f%%)\n",
                  set.c_str(), out.answers, out.total.precision(), out.total.recall(), out.in_range,
                  out.labelled_overall, out.labelled_overall ? 100.0 * out.in_range / out.labelled_overall : 100.0);
    table << row;
    out.report = table.str() + misses.str();
    return out;
}

fs::path corpus_dir(const char* set) { return fs::path(REHEARSE_PROJECT_SOURCE_DIR) / "tests" / "answers" / set; }

// The floors of issue 12, the same for both sets: precision and recall at least 0.95, and at least
// 90% of labelled overall scores inside their band.
void check_floors(const corpus_figures& f) {
    REQUIRE(f.answers >= 1);
    MESSAGE(f.report);
    CHECK(f.total.precision() >= 0.95);
    CHECK(f.total.recall() >= 0.95);
    CHECK(f.in_band_floor_met());
}

/// The finding ids the bundled evaluators report for `answer` to `problem`: the rules below on the
/// sentences that once gave false findings, each case a class of answer rather than one answer.
std::set<std::string> rules_findings(const std::string& problem, const std::string& answer) {
    static const auto ctx = bundled_context();
    REQUIRE_FALSE(ctx->content().evaluators().empty());
    const auto result = rehearse::evaluate_answer(*ctx, ctx->content().require_problem(problem), answer);
    std::set<std::string> ids;
    for (const auto& f : result.findings) ids.insert(f.id);
    return ids;
}

bool rules_has(const std::set<std::string>& ids, const std::string& id) { return ids.count(id) > 0; }

}  // namespace

TEST_CASE("evaluator accuracy on the development corpus") {
    check_floors(measure_corpus("development", corpus_dir("dev")));
}

TEST_CASE("held-out accuracy") { check_floors(measure_corpus("held-out", corpus_dir("heldout"))); }

// tests/answers/heldout2/: written after the rules were tuned on dev/ and checked against heldout/;
// measured once untouched (precision 0.918, recall 0.982, 15/16 in band: tests/answers/RESULTS.md),
// then used to find the classes of false finding it showed, so it is a development set now and
// held to the same floors as the others.
TEST_CASE("second held-out batch accuracy, now a development set") {
    const corpus_figures f = measure_corpus("heldout2 (development now)", corpus_dir("heldout2"));
    REQUIRE(f.answers >= 16);
    check_floors(f);
}

// tests/answers/heldout3/: 24 answers over 24 problems (all 8 of the ladder pack), written before the
// last rule change and labelled from the finding table and the problems' facts only; measured once
// after that change and never tuned on. Its figures are the ones to quote (tests/answers/RESULTS.md).
TEST_CASE("fresh held-out accuracy") {
    const corpus_figures f = measure_corpus("fresh held-out", corpus_dir("heldout3"));
    REQUIRE(f.answers >= 24);
    check_floors(f);
}

TEST_CASE("over-engineering: a negated list negates items of several words") {
    // case-status-monitor is a small-scale problem.
    const std::string base =
        "## Architecture\nTwo API servers, one PostgreSQL with a standby, a scheduler and "
        "scraper workers.\n\n## Scaling\n";
    CHECK_FALSE(rules_has(rules_findings("case-status-monitor",
                                         base + "We don't need Kafka, Flink, a microservice per site or a Kubernetes "
                                                "cluster: this is about three requests a second.\n"),
                          "over-engineering"));
    CHECK_FALSE(rules_has(
        rules_findings("case-status-monitor", base + "No Kafka, no sharding and no second region at this size.\n"),
        "over-engineering"));
    // The same items stated as the design are still over-engineering.
    CHECK(rules_has(rules_findings("case-status-monitor",
                                   base + "Each site gets a microservice per site on a Kubernetes cluster, fed by "
                                          "Kafka.\n"),
                    "over-engineering"));
    CHECK(rules_has(rules_findings("case-status-monitor", base + "No downtime: Kafka carries every check.\n"),
                    "over-engineering"));
}

TEST_CASE("files-in-database: a rejected option and a digest column are not file bytes") {
    const std::string schema =
        "## Data model\n```sql\nCREATE TABLE file_versions (\n  id BIGINT PRIMARY KEY,\n"
        "  content_hash BINARY(32) NOT NULL,\n  size_bytes BIGINT NOT NULL\n);\n```\n";
    CHECK_FALSE(rules_has(rules_findings("dropbox",
                                         "## Architecture\nFile bytes never go into MySQL; a BLOB column "
                                         "per file was the approach we rejected, because it would make "
                                         "the metadata shards hold every byte. Blocks live in S3.\n" +
                                             schema),
                          "files-in-database"));
    CHECK_FALSE(
        rules_has(rules_findings("dropbox", "## Architecture\nBlocks live in S3.\n" + schema), "files-in-database"));
    // Bytes of the file in the row are still reported.
    CHECK(rules_has(rules_findings("dropbox",
                                   "## Architecture\nWe keep each file in a BLOB column of the "
                                   "files table.\n"),
                    "files-in-database"));
}

TEST_CASE("sync-slow-operation: work handed to a stream before an immediate answer is asynchronous") {
    const std::string api = "## API\n```\nGET /{short_code} -> 302 | 404\nPOST /api/v1/urls -> 201 | 400\n```\n";
    CHECK_FALSE(rules_has(rules_findings("url-shortener",
                                         "## Architecture\nA redirect checks Redis, then DynamoDB, "
                                         "answers 302, and puts a click event on Kinesis and "
                                         "returns immediately; click analytics are aggregated "
                                         "afterwards by the workers.\n" +
                                             api),
                          "sync-slow-operation"));
    // Recording the click before answering is still synchronous.
    CHECK(rules_has(rules_findings("url-shortener",
                                   "## Architecture\nThe redirect writes the click event to "
                                   "PostgreSQL synchronously and then returns the 302.\n" +
                                       api),
                    "sync-slow-operation"));
}

TEST_CASE("estimate-off: a count made every minute is not a count per second") {
    const std::string wrong =
        "## Estimation\n| quantity | working | estimate |\n|---|---|---|\n"
        "| Database writes per second | 3,000 customers × 10 products, flushed every minute | "
        "≈ 30,000 |\n| Raw storage per day | 50M events × 1 KB, my assumption | ≈ 50 GB |\n";
    CHECK(rules_has(rules_findings("usage-metering", wrong), "estimate-off"));
    const std::string right =
        "## Estimation\n| quantity | working | estimate |\n|---|---|---|\n"
        "| Database writes per second | 3,000 customers × 10 products / 60 s | ≈ 500 |\n"
        "| Raw storage per day | 50M events × 1 KB, my assumption | ≈ 50 GB |\n";
    CHECK_FALSE(rules_has(rules_findings("usage-metering", right), "estimate-off"));
}
