// Speed of the scheduler: FSRS replay of 1M reviews, next-activity selection for a learner with
// 5,000 cards and 500 attempts, attempt recording and progress queries. Prints one line per
// operation and, with --reviews-out FILE, writes the replayed reviews so bench/fsrs_replay_node.mjs
// can time ts-fsrs on exactly the same input (bench/run.sh prints the ratio). Not a ctest: timings
// on shared machines flake.
#include "rehearse/core/learner/attempts.hpp"
#include "rehearse/core/learner/fsrs.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/learner/progress.hpp"
#include "rehearse/core/learner/selection.hpp"
#include "rehearse/core/runtime/app_context.hpp"
#include "rehearse/sim/random.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace rehearse;
using namespace std::chrono_literals;

namespace {

struct review_event {
    std::uint32_t card;
    std::uint8_t rating;
    std::int64_t at_ms;
};

/// 10,000 cards × 100 reviews, card after card, with a mix of same-day steps, on-time and late
/// reviews and the usual grade mix (mostly good, some again). From the project's own generator so
/// the file is the same everywhere.
std::vector<review_event> make_reviews(std::size_t cards, std::size_t per_card) {
    sim::rng r(20260105);
    std::vector<review_event> out;
    out.reserve(cards * per_card);
    const std::int64_t start = parse_iso8601("2026-01-05T09:00:00Z").time_since_epoch().count();
    for (std::size_t c = 0; c < cards; ++c) {
        std::int64_t t = start + static_cast<std::int64_t>(r.below(86400000));
        for (std::size_t i = 0; i < per_card; ++i) {
            const double u = r.uniform();
            const std::uint8_t rating = u < 0.1 ? 1 : u < 0.25 ? 2 : u < 0.85 ? 3 : 4;
            out.push_back({static_cast<std::uint32_t>(c), rating, t});
            const double g = r.uniform();
            // 20 % within the hour (learning steps), otherwise 1 to ~60 days later.
            t += g < 0.2 ? static_cast<std::int64_t>(60000 + r.below(3600000))
                         : static_cast<std::int64_t>((1 + r.below(60)) * 86400000LL + r.below(86400000));
        }
    }
    return out;
}

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void report(const char* op, double total_ms, std::size_t count, const char* unit) {
    std::printf("%-34s %10zu x  %12.4f ms total  %12.6f %s per op\n", op, count, total_ms,
                std::string(unit) == "us" ? 1000.0 * total_ms / static_cast<double>(count)
                                          : total_ms / static_cast<double>(count),
                unit);
}

}  // namespace

int main(int argc, char** argv) {
    std::string reviews_out;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--reviews-out" && i + 1 < argc) reviews_out = argv[++i];

    // ---- FSRS replay: 1,000,000 reviews.
    const auto events = make_reviews(10000, 100);
    if (!reviews_out.empty()) {
        std::ofstream f(reviews_out);
        for (const auto& e : events) f << e.card << ' ' << int(e.rating) << ' ' << e.at_ms << '\n';
    }
    const fsrs::scheduler sched;
    double checksum = 0;
    double best_replay = 1e300;
    for (int round = 0; round < 3; ++round) {  // best of three: the least disturbed by other load
        checksum = 0;
        const auto start = std::chrono::steady_clock::now();
        fsrs::card c;
        std::uint32_t current = ~0u;
        for (const auto& e : events) {
            if (e.card != current) {
                if (current != ~0u) checksum += c.stability;
                c = fsrs::card{};
                current = e.card;
            }
            c = sched
                    .review(c, static_cast<fsrs::rating>(e.rating),
                            fsrs::time_point(std::chrono::milliseconds(e.at_ms)))
                    .next;
        }
        checksum += c.stability;
        best_replay = std::min(best_replay, ms_since(start));
    }
    report("fsrs replay (best of 3)", best_replay, events.size(), "us");
    std::printf("fsrs_replay_ms %.3f\nfsrs_checksum %.6f\n", best_replay, checksum);

    // ---- Selection, recording and progress on a real store with the bundled content.
    const auto dir = std::filesystem::temp_directory_path() / ("rehearse-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        context_options o;
        o.db_path = (dir / "bench.db").string();
        const sys_ms t0 = parse_iso8601("2026-01-05T09:00:00Z");
        o.now = t0;
        app_context ctx(o);
        const auto problems = ctx.content().problems();
        const auto lessons = ctx.content().lessons();
        if (problems.empty() || lessons.empty()) {
            std::cerr << "bench: the bundled content did not load (build the plugins first)\n";
            return 1;
        }
        const learner ana = add_learner(ctx.db(), "ana", t0);
        sys_ms now = t0;
        auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 500; ++i) {
            const problem* p = problems[static_cast<std::size_t>(i * 7) % problems.size()];
            std::map<std::string, double> scores;
            for (const auto& [dim, w] : p->dimensions)
                scores[dim] = 0.3 + 0.05 * static_cast<double>((i + dim.size()) % 12);
            record_attempt(ctx.db(), ctx.content(), ana, *p, attempt_input(scores), now);
            now += 2h;
        }
        report("record_attempt (file store)", ms_since(start), 500, "ms");
        ctx.db().transaction([&](SQLite::Database& db) {
            SQLite::Statement lp(db,
                                 "INSERT INTO lesson_progress(learner_id, lesson_id, status, started_at, updated_at) "
                                 "VALUES (?, ?, 'started', ?, ?)");
            for (const lesson* l : lessons) {
                lp.bind(1, ana.id);
                lp.bind(2, l->id);
                lp.bind(3, format_iso8601(t0));
                lp.bind(4, format_iso8601(t0));
                lp.exec();
                lp.reset();
            }
            SQLite::Statement card(db,
                                   "INSERT INTO cards(learner_id, card_id, state, stability, difficulty, due, "
                                   "last_review, reps, scheduled_days, introduced_at) "
                                   "VALUES (?, ?, 'review', 10, 5, ?, ?, 3, 10, ?)");
            for (int i = 0; i < 5000; ++i) {
                const lesson* l = lessons[static_cast<std::size_t>(i) % lessons.size()];
                card.bind(1, ana.id);
                card.bind(2, l->pack + "/" + l->id + "/synthetic-" + std::to_string(i));
                card.bind(3, format_iso8601(now + std::chrono::minutes(37 * (i - 2500))));
                card.bind(4, format_iso8601(t0));
                card.bind(5, format_iso8601(t0));
                card.exec();
                card.reset();
            }
        });
        (void)recommend_next(ctx.db(), ctx.content(), ana, std::nullopt, now);  // warm the page cache
        constexpr int runs = 500;
        double best = 1e300;
        for (int round = 0; round < 3; ++round) {
            start = std::chrono::steady_clock::now();
            for (int i = 0; i < runs; ++i)
                (void)recommend_next(ctx.db(), ctx.content(), ana, std::nullopt, now + std::chrono::minutes(i));
            best = std::min(best, ms_since(start));
        }
        report("next (5,000 cards, 500 attempts)", best, runs, "ms");
        std::printf("selection_ms %.6f\n", best / runs);
        start = std::chrono::steady_clock::now();
        for (int i = 0; i < runs; ++i)
            (void)recommend_next(ctx.db(), ctx.content(), ana, activity_kind::problem, now + std::chrono::minutes(i));
        report("next --kind problem", ms_since(start), runs, "ms");
        constexpr int progress_runs = 100;
        start = std::chrono::steady_clock::now();
        std::size_t size = 0;
        for (int i = 0; i < progress_runs; ++i)
            size += nlohmann::json(learner_progress(ctx.db(), ana, now)).dump().size();
        report("progress --json (500 attempts)", ms_since(start), progress_runs, "ms");
        if (size == 0) return 1;
    }
    std::filesystem::remove_all(dir);
    return 0;
}
