// Write throughput of the two durability settings in the same run: attempts recorded through the
// real use case (one transaction each: the attempt, its scores, mastery and its history) on two
// database files side by side, one with synchronous=NORMAL (the default) and one with FULL
// (`rehearse serve --durable`). Rounds alternate between the two so that a change in the machine's
// load falls on both. Prints commits per second for each and the ratio NORMAL / FULL.
//
//   bench_durability [COMMITS_PER_ROUND [ROUNDS [DIR]]]   (default 200, 5, the system's temp folder)
//
// DIR must be on the disk being measured: on a tmpfs, fsync costs nothing and the ratio says
// nothing. Not a ctest: timings on shared machines flake.
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include <unistd.h>

using namespace rehearse;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
    const int per_round = argc > 1 ? std::atoi(argv[1]) : 200;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
    const std::filesystem::path base =
        argc > 3 ? std::filesystem::path(argv[3]) : std::filesystem::temp_directory_path();
    if (per_round < 1 || rounds < 1) {
        std::cerr << "usage: bench_durability [COMMITS_PER_ROUND [ROUNDS [DIR]]]\n";
        return 2;
    }
    const auto dir = base / ("rehearse-bench-durability-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);

    int status = 0;
    {
        const sys_ms t0 = parse_iso8601("2026-01-05T09:00:00Z");
        context_options o;
        o.db_path = (dir / "content.db").string();
        o.now = t0;
        app_context ctx(o);  // the bundled content, for the problems and their rubrics
        const auto problems = ctx.content().problems();
        if (problems.empty()) {
            std::cerr << "bench: the bundled content did not load (build the plugins first)\n";
            return 1;
        }
        store normal((dir / "normal.db").string());
        store full((dir / "full.db").string());
        full.set_durability(store::durability::full);
        struct side {
            const char* name;
            store& db;
            learner who;
            double seconds = 0;
            sys_ms now;
        };
        side sides[] = {{"normal", normal, add_learner(normal, "ana", t0), 0, t0},
                        {"full", full, add_learner(full, "ana", t0), 0, t0}};
        for (int round = 0; round < rounds; ++round) {
            for (auto& s : sides) {
                const auto start = std::chrono::steady_clock::now();
                for (int i = 0; i < per_round; ++i) {
                    const problem* p = problems[static_cast<std::size_t>(i * 7) % problems.size()];
                    std::map<std::string, double> scores;
                    for (const auto& [dim, w] : p->dimensions)
                        scores[dim] = 0.3 + 0.05 * static_cast<double>((i + dim.size()) % 12);
                    record_attempt(s.db, ctx.content(), s.who, *p, attempt_input(scores), s.now);
                    s.now += 1h;
                }
                s.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            }
        }
        const double commits = static_cast<double>(per_round) * rounds;
        for (const auto& s : sides)
            std::printf("%-6s synchronous=%s: %.0f commits in %.3f s, %.0f commits/s\n", s.name,
                        s.name == std::string("normal") ? "NORMAL" : "FULL", commits, s.seconds, commits / s.seconds);
        std::printf("durability_ratio_normal_over_full %.2f (in %s)\n", sides[1].seconds / sides[0].seconds,
                    dir.string().c_str());
        if (sides[1].db.current_durability() != store::durability::full) status = 1;  // the setting held
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}
