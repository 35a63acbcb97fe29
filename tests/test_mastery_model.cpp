// The learner model's arithmetic: direction and size of updates, uncertainty, decay with time away.
#include "rehearse/core/learner/mastery_model.hpp"

#include "support/times.hpp"

#include <doctest/doctest.h>

using namespace rehearse;
using namespace std::chrono_literals;
using rehearse::test::t0;

TEST_CASE("an observation moves ability toward the evidence, more so while uncertain") {
    const model::skill s = model::prior();
    const double p = model::predicted_success(s, 0.0);
    CHECK(p == doctest::Approx(0.5));

    const auto up = model::observe(s, 1.0, 0.0, 1.0, t0);
    const auto down = model::observe(s, 0.0, 0.0, 1.0, t0);
    const auto same = model::observe(s, 0.5, 0.0, 1.0, t0);
    CHECK(up.ability > s.ability);
    CHECK(down.ability < s.ability);
    CHECK(same.ability == doctest::Approx(s.ability));
    // Step = step·U·strength·(score − P): 1.0·1.0·1.0·0.5.
    CHECK(up.ability - s.ability == doctest::Approx(0.5));
    CHECK(up.ability - s.ability == doctest::Approx(s.ability - down.ability));

    // Weaker evidence moves less.
    const auto weak = model::observe(s, 1.0, 0.0, 0.4, t0);
    CHECK(weak.ability - s.ability == doctest::Approx(0.2));

    // Success on a hard item says more than success on an easy one.
    const auto hard = model::observe(s, 1.0, 1.0, 1.0, t0);
    const auto easy = model::observe(s, 1.0, -1.0, 1.0, t0);
    CHECK(hard.ability - s.ability > easy.ability - s.ability);

    // Once certain, the same surprise moves ability less (Pelánek's uncertainty-dependent step).
    model::skill seasoned = s;
    for (int i = 0; i < 20; ++i) seasoned = model::observe(seasoned, 0.5, seasoned.ability, 1.0, t0);
    const auto late = model::observe(seasoned, 1.0, seasoned.ability, 1.0, t0);
    CHECK(late.ability - seasoned.ability < 0.5 * (up.ability - s.ability));
    CHECK(up.evidence == 1);
    CHECK(up.updated_at == t0);
}

TEST_CASE("uncertainty shrinks with evidence down to a floor and grows with time away") {
    const model::parameters p;
    model::skill s = model::prior();
    double previous = s.uncertainty;
    for (int i = 0; i < 50; ++i) {
        s = model::observe(s, 0.7, 0.0, 1.0, t0);
        CHECK(s.uncertainty < previous);
        CHECK(s.uncertainty >= p.min_uncertainty);
        previous = s.uncertainty;
    }
    CHECK(s.uncertainty < 0.3);

    // No time away, or a clock before the last update: unchanged.
    CHECK(model::at(s, t0).uncertainty == doctest::Approx(s.uncertainty));
    CHECK(model::at(s, t0 - 24h).uncertainty == doctest::Approx(s.uncertainty));
    // Evidence halves every 30 days: uncertainty grows monotonically, never past the prior.
    const auto month = model::at(s, t0 + 24h * 30);
    const auto year = model::at(s, t0 + 24h * 365);
    CHECK(month.uncertainty > s.uncertainty);
    CHECK(year.uncertainty > month.uncertainty);
    CHECK(year.uncertainty <= p.prior_uncertainty + 1e-9);
    CHECK(model::effective_evidence(month.uncertainty) ==
          doctest::Approx(model::effective_evidence(s.uncertainty) / 2).epsilon(1e-6));
    // Ability itself is not erased by time.
    CHECK(year.ability == doctest::Approx(s.ability));
}

TEST_CASE("shown mastery is 0..1, rises with ability and decays with neglect") {
    model::skill s = model::prior();
    const double m0 = model::mastery(s);
    CHECK(m0 > 0);
    CHECK(m0 < 0.5);  // unknown skills are shown conservatively
    for (int i = 0; i < 10; ++i) s = model::observe(model::at(s, t0), 1.0, 0.0, 1.0, t0);
    const double fresh = model::mastery(s);
    CHECK(fresh > m0);
    CHECK(fresh <= 1.0);
    const double later = model::mastery(model::at(s, t0 + 24h * 90));
    CHECK(later < fresh);  // neglected areas look weaker again and come back into selection
    CHECK(later > m0);

    model::skill bad = model::prior();
    for (int i = 0; i < 200; ++i) bad = model::observe(bad, 0.0, -3.0, 1.0, t0);
    CHECK(bad.ability >= -4.0);
    CHECK(model::mastery(bad) >= 0.0);
}
