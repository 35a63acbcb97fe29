// Interviewer reply time: one step of a mock interview as the CLI and the HTTP server run it
// (load the session's log, replay it, decide, append in one transaction), on a real SQLite file with
// the real plugins. Two kinds of step: a message (clarification ranking) and a written section
// (grading the design so far, then choosing probes). The goal is 20 ms per reply; each figure is also
// given as a ratio against a baseline measured in the same run: one grading of the same design.
//   bench_interviewer [ROUNDS]
#include "rehearse/core/grading/evaluation.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/core/sessions/mock_sessions.hpp"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

double ms_since(clock_type::time_point t0) {
    return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

// A candidate's turn in the requirements, then the design section by section.
const std::vector<std::string> questions{
    "Which document formats do we need to handle?",
    "Is the AI extraction built in-house or a third-party API?",
    "Roughly how many uploads a day?",
    "Can extraction run in the background, or must users wait?",
    "Can several reviewers work on one document? And what does the audit history need to capture?",
    "Which cloud region do we deploy to?",
};

const std::vector<std::pair<std::string, std::string>> sections{
    {"architecture",
     "Client -> Load balancer -> API servers (3) -> PostgreSQL (primary + standby)\n"
     "API servers -> S3 (presigned uploads)\nAPI servers -> SQS -> extraction workers -> AI API\n"},
    {"data-model",
     "```sql\nCREATE TABLE documents (\n  id BIGSERIAL PRIMARY KEY,\n  company_id BIGINT NOT NULL,\n"
     "  s3_key VARCHAR(512) NOT NULL,\n  status VARCHAR(16) NOT NULL\n);\n"
     "CREATE INDEX documents_company_status ON documents (company_id, status);\n```\n"},
    {"api",
     "```http\nPOST /api/v1/documents -> 202 Accepted | 400 | 413\n"
     "GET /api/v1/documents?limit=50&cursor=... -> 200 | 404\n```\n"},
    {"scaling", "At 10x the AI provider's rate limit is the first bottleneck; workers scale on queue depth.\n"},
};

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    const fs::path dir = fs::temp_directory_path() / ("rehearse-bench-interviewer-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    rehearse::context_options o;
    o.load_bundled = false;
    o.plugin_dirs = {std::string(REHEARSE_BUILD_DIR) + "/lib/rehearse/plugins"};
    o.db_path = (dir / "bench.db").string();
    rehearse::app_context ctx(o);
    const rehearse::learner who = rehearse::add_learner(ctx.db(), "bench", ctx.now());
    const rehearse::problem& p = ctx.content().require_problem("immigration-document-review");

    std::vector<double> say_ms, write_ms, grade_ms;
    std::size_t sink = 0;
    for (int r = 0; r < rounds; ++r) {
        rehearse::mock_options mo;
        mo.format_minutes = 60;
        mo.level = rehearse::coaching_level::intermediate;
        const std::string session = rehearse::start_mock(ctx, who, p, mo).session;
        for (const auto& q : questions) {
            const auto t0 = clock_type::now();
            sink += rehearse::mock_say(ctx, who, session, q).interviewer.size();
            say_ms.push_back(ms_since(t0));
        }
        std::string design;
        for (const auto& [section, text] : sections) {
            const auto t0 = clock_type::now();
            sink += rehearse::mock_write(ctx, who, session, text, section).probes.size();
            write_ms.push_back(ms_since(t0));
            // Baseline: grading the same design once, outside any session.
            design += "## " + section + "\n\n" + text + "\n";
            const auto t1 = clock_type::now();
            sink += rehearse::evaluate_answer(ctx, p, design).findings.size();
            grade_ms.push_back(ms_since(t1));
        }
    }
    const double goal = 20.0;
    auto report = [&](const char* name, const std::vector<double>& v) {
        std::printf(
            "%-16s %5zu replies  mean %6.2f ms  p95 %6.2f ms  max %6.2f ms  p95 is %.1fx under the %.0f ms goal  "
            "(%.2fx one grading)\n",
            name, v.size(), mean(v), percentile(v, 0.95), percentile(v, 1.0), goal / percentile(v, 0.95), goal,
            mean(v) / mean(grade_ms));
    };
    std::printf("baseline: grading the design so far, mean %.2f ms\n", mean(grade_ms));
    report("mock say", say_ms);
    report("mock write", write_ms);
    std::fprintf(stderr, "(checksum %zu)\n", sink);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return percentile(say_ms, 0.95) < goal && percentile(write_ms, 0.95) < goal ? 0 : 1;
}
