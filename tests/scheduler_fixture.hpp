// A temp-file store, the bundled plugins and curricula from the build tree, and a fixed clock:
// the setting the scheduler tests run in.
#pragma once

#include "support/temp_dir.hpp"

#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/runtime/app_context.hpp"

#include <memory>
#include <string>

namespace rehearse::test {

inline const sys_ms scheduler_t0 = parse_iso8601("2026-01-05T09:00:00Z");

struct scheduler_fixture {
    temp_dir dir;
    std::unique_ptr<app_context> ctx;
    learner ana;

    explicit scheduler_fixture(sys_ms now = scheduler_t0) {
        context_options o;
        o.db_path = dir.file("rehearse.db");
        o.now = now;
        ctx = std::make_unique<app_context>(o);
        ana = add_learner(ctx->db(), "ana", now);
    }
    store& db() { return ctx->db(); }
    const content_registry& content() { return ctx->content(); }
};

}  // namespace rehearse::test
