// Tests of the FSRS-6 scheduler (core/learner/src/fsrs.cpp), the `srs replay` reader
// (core/learner/src/srs_replay.cpp), its options (app/cli/srs_options.cpp) and the ISO-8601 helpers
// (core/base/src/iso_time.cpp).
//
// The expected values come from the reference, the npm package ts-fsrs 5.4.2
// (`fsrs({enable_fuzz: false, ...})`, `f.next(card, now, rating)` and
// `f.get_retrievability(card, now, false)`). tests/fsrs/compare.mjs checks many more
// generated sequences against it.

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/learner/fsrs.hpp"
#include "rehearse/core/learner/srs_replay.hpp"

#include "cli/srs_options.hpp"

#include "support/times.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fsrs = rehearse::fsrs;
using nlohmann::json;
using rehearse::test::at;

constexpr double no_r = -1;  // the event's card was new: retrievability is null

struct row {
    std::string card;
    int rating;
    std::string review_at;
    std::string state;
    double stability;
    double difficulty;
    double retrievability;  // no_r for null
    std::int64_t interval_days;
    std::string due;
};

// ts-fsrs 5.4.2, options {}
const std::vector<row> default_rows{
    {"c1", 3, "2026-01-05T09:00:00Z", "learning", 2.3065, 2.11810397, no_r, 0, "2026-01-05T09:10:00.000Z"},
    {"c1", 3, "2026-01-05T09:10:00Z", "review", 2.3065, 2.11121424, 1, 2, "2026-01-07T09:10:00.000Z"},
    {"c1", 3, "2026-01-05T09:20:00Z", "review", 2.3065, 2.1043314, 1, 3, "2026-01-08T09:20:00.000Z"},
    {"c1", 1, "2026-01-09T09:20:00Z", "relearning", 0.66168151, 7.38997579, 0.85798579, 0, "2026-01-09T09:30:00.000Z"},
    {"c1", 4, "2026-01-09T09:30:00Z", "review", 1.22897261, 6.5030557, 1, 1, "2026-01-10T09:30:00.000Z"},
    {"c1", 3, "2026-01-10T10:00:00Z", "review", 3.70319799, 6.49178101, 0.91352988, 4, "2026-01-14T10:00:00.000Z"},
    {"c1", 3, "2026-01-15T08:00:00Z", "review", 12.5984237, 6.4805176, 0.89461635, 13, "2026-01-28T08:00:00.000Z"},
    {"c1", 2, "2026-02-01T12:00:00Z", "review", 27.4708811, 7.64883194, 0.87813116, 27, "2026-02-28T12:00:00.000Z"},
    {"c1", 1, "2026-06-01T12:00:00Z", "relearning", 2.68461586, 9.21241542, 0.77364066, 0, "2026-06-01T12:10:00.000Z"},
    {"c1", 2, "2026-06-01T12:05:00Z", "relearning", 2.68461586, 9.46239303, 1, 0, "2026-06-01T12:20:00.000Z"},
    {"c1", 3, "2026-06-01T12:20:00Z", "review", 2.68461586, 9.44815901, 1, 3, "2026-06-04T12:20:00.000Z"},
    {"c1", 3, "2026-06-03T12:00:00Z", "review", 4.21659877, 9.43393922, 0.95313432, 5, "2026-06-08T12:00:00.000Z"},
};
// ts-fsrs 5.4.2, options {}
const std::vector<row> interleaved_rows{
    {"a", 1, "2026-03-01T10:00:00Z", "learning", 0.212, 6.4133, no_r, 0, "2026-03-01T10:01:00.000Z"},
    {"b", 4, "2026-03-01T10:00:30Z", "review", 8.2956, 1, no_r, 8, "2026-03-09T10:00:30.000Z"},
    {"a", 2, "2026-03-01T10:01:00Z", "learning", 0.212, 7.60420977, 1, 0, "2026-03-01T10:07:00.000Z"},
    {"b", 3, "2026-03-20T07:00:00Z", "review", 61.86274746, 1, 0.83877875, 62, "2026-05-21T07:00:00.000Z"},
    {"a", 3, "2026-03-01T10:07:00Z", "learning", 0.24668919, 7.59183393, 1, 0, "2026-03-01T10:17:00.000Z"},
    {"a", 3, "2026-03-01T10:17:00Z", "review", 0.28420636, 7.57947047, 1, 1, "2026-03-02T10:17:00.000Z"},
    {"b", 1, "2026-05-30T23:00:00Z", "relearning", 3.50246048, 7.02698957, 0.89025959, 0, "2026-05-30T23:10:00.000Z"},
    {"a", 4, "2026-03-02T09:00:00Z", "review", 2.88043409, 6.75587067, 1, 3, "2026-03-05T09:00:00.000Z"},
    {"b", 3, "2026-05-30T23:10:00Z", "review", 3.50246048, 7.01519095, 1, 4, "2026-06-03T23:10:00.000Z"},
};
// ts-fsrs 5.4.2, options {}
const std::vector<row> midnight_rows{
    {"m", 3, "2026-01-05T23:50:00Z", "learning", 2.3065, 2.11810397, no_r, 0, "2026-01-06T00:00:00.000Z"},
    {"m", 4, "2026-01-06T00:10:00Z", "review", 11.6874828, 1, 1, 12, "2026-01-18T00:10:00.000Z"},
    {"m", 3, "2026-01-08T23:59:00Z", "review", 21.26840376, 1, 0.9763692, 21, "2026-01-29T23:59:00.000Z"},
    {"m", 3, "2026-01-09T00:01:00Z", "review", 25.86175879, 1, 1, 26, "2026-02-04T00:01:00.000Z"},
};
// ts-fsrs 5.4.2, options {"enable_short_term":false}
const std::vector<row> short_term_off_rows{
    {"s", 3, "2026-01-05T09:00:00Z", "review", 2.3065, 2.11810397, no_r, 3, "2026-01-08T09:00:00.000Z"},
    {"s", 3, "2026-01-05T09:10:00Z", "review", 2.3065, 2.11121424, 1, 3, "2026-01-08T09:10:00.000Z"},
    {"s", 1, "2026-01-09T09:00:00Z", "review", 0.66154885, 7.39223814, 0.88094796, 1, "2026-01-10T09:00:00.000Z"},
    {"s", 2, "2026-01-11T09:00:00Z", "review", 2.30641604, 8.25407453, 0.80866996, 2, "2026-01-13T09:00:00.000Z"},
    {"s", 4, "2026-01-20T09:00:00Z", "review", 14.86331618, 7.65589596, 0.78450955, 15, "2026-02-04T09:00:00.000Z"},
};
// ts-fsrs 5.4.2, options {"request_retention":0.8,"learning_steps":["5m","30m","1d"],"relearning_steps":["10m","1h"]}
const std::vector<row> retention_steps_rows{
    {"r", 3, "2026-01-05T09:00:00Z", "learning", 2.3065, 2.11810397, no_r, 0, "2026-01-05T09:30:00.000Z"},
    {"r", 2, "2026-01-05T09:05:00Z", "learning", 2.3065, 4.75285849, 1, 0, "2026-01-05T09:23:00.000Z"},
    {"r", 3, "2026-01-05T09:40:00Z", "review", 2.3065, 4.743334, 1, 1, "2026-01-06T09:40:00.000Z"},
    {"r", 3, "2026-01-05T10:10:00Z", "review", 2.3065, 4.73381904, 1, 9, "2026-01-14T10:10:00.000Z"},
    {"r", 3, "2026-01-06T10:10:00Z", "review", 5.84021075, 4.72431359, 0.9468475, 19, "2026-01-25T10:10:00.000Z"},
    {"r", 1, "2026-01-20T10:00:00Z", "relearning", 1.17421259, 8.25114612, 0.83652599, 0, "2026-01-20T10:10:00.000Z"},
    {"r", 3, "2026-01-20T10:10:00Z", "relearning", 1.22080009, 8.23812334, 1, 0, "2026-01-20T11:10:00.000Z"},
    {"r", 3, "2026-01-20T11:10:00Z", "review", 1.26599064, 8.22511359, 1, 4, "2026-01-24T11:10:00.000Z"},
};
// ts-fsrs 5.4.2, options {"maximum_interval":5}
const std::vector<row> max_interval_rows{
    {"x", 4, "2026-01-05T09:00:00Z", "review", 8.2956, 1, no_r, 5, "2026-01-10T09:00:00.000Z"},
    {"x", 4, "2026-01-10T09:00:00Z", "review", 48.44677004, 1, 0.93090929, 7, "2026-01-17T09:00:00.000Z"},
    {"x", 3, "2026-01-15T09:00:00Z", "review", 67.94074473, 1, 0.98524806, 6, "2026-01-21T09:00:00.000Z"},
    {"x", 2, "2026-01-20T09:00:00Z", "review", 79.17815965, 4.01060897, 0.9893154, 5, "2026-01-25T09:00:00.000Z"},
};
// ts-fsrs 5.4.2, options {"w":[0.5,1.5,3.1,10.2,6,0.7,2.5,0.01,1.6,0.2,0.9,1.6,0.07,0.3,1.5,0.5,2.1,0.6,0.1,0.05,0.2]}
const std::vector<row> custom_params_rows{
    {"p", 2, "2026-01-05T09:00:00Z", "learning", 1.5, 4.98624729, no_r, 0, "2026-01-05T09:06:00.000Z"},
    {"p", 3, "2026-01-05T09:06:00Z", "learning", 1.56078961, 4.92472312, 1, 0, "2026-01-05T09:16:00.000Z"},
    {"p", 3, "2026-01-08T09:00:00Z", "review", 8.03058042, 4.86381419, 0.88058049, 8, "2026-01-16T09:00:00.000Z"},
    {"p", 1, "2026-02-08T09:00:00Z", "relearning", 1.88917977, 7.62841654, 0.7707235, 0, "2026-02-08T09:10:00.000Z"},
    {"p", 3, "2026-02-08T09:10:00Z", "review", 1.94319906, 7.54047068, 1, 2, "2026-02-10T09:10:00.000Z"},
};

struct replay_output {
    int rc = 0;
    std::vector<json> lines;
    std::string raw;
    std::string err;
};

replay_output replay(const std::string& input, const fsrs::parameters& p = {}) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    replay_output r;
    r.rc = rehearse::srs_replay(in, out, err, p);
    r.raw = out.str();
    std::istringstream lines(r.raw);
    for (std::string l; std::getline(lines, l);) r.lines.push_back(json::parse(l));
    r.err = err.str();
    return r;
}

std::string event(const std::string& card, int rating, const std::string& at) {
    return json{{"card", card}, {"rating", rating}, {"review_at", at}}.dump() + "\n";
}

void check_rows(const std::vector<row>& rows, const fsrs::parameters& p) {
    std::string input;
    for (const auto& r : rows) input += event(r.card, r.rating, r.review_at);
    const auto out = replay(input, p);
    REQUIRE(out.rc == 0);
    REQUIRE(out.err.empty());
    REQUIRE(out.lines.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& e = rows[i];
        const auto& g = out.lines[i];
        CAPTURE(i);
        CAPTURE(e.review_at);
        CHECK(g.at("card") == e.card);
        CHECK(g.at("state") == e.state);
        CHECK(g.at("stability").get<double>() == doctest::Approx(e.stability).epsilon(1e-9));
        CHECK(g.at("difficulty").get<double>() == doctest::Approx(e.difficulty).epsilon(1e-9));
        if (e.retrievability == no_r) {
            CHECK(g.at("retrievability").is_null());
        } else {
            CHECK(g.at("retrievability").get<double>() == doctest::Approx(e.retrievability).epsilon(1e-9));
        }
        CHECK(g.at("interval_days") == e.interval_days);
        CHECK(g.at("due") == e.due);
    }
}

}  // namespace

TEST_CASE("fsrs: replay matches ts-fsrs with the default options") { check_rows(default_rows, {}); }

TEST_CASE("fsrs: interleaved cards are independent") { check_rows(interleaved_rows, {}); }

TEST_CASE("fsrs: elapsed days are UTC calendar days, retrievability counts 24-hour periods") {
    // 23:50 -> 00:10: one calendar day for the scheduler (no short-term formula), but a
    // retrievability of 1 because less than 24 hours passed.
    check_rows(midnight_rows, {});
}

TEST_CASE("fsrs: short-term scheduling off") {
    fsrs::parameters p;
    p.enable_short_term = false;
    check_rows(short_term_off_rows, p);
}

TEST_CASE("fsrs: custom retention, learning steps (with a 1-day step) and relearning steps") {
    fsrs::parameters p;
    p.request_retention = 0.8;
    p.learning_steps = {5, 30, 1440};
    p.relearning_steps = {10, 60};
    check_rows(retention_steps_rows, p);
}

TEST_CASE("fsrs: maximum interval clamps, hard < good < easy may pass it") {
    fsrs::parameters p;
    p.maximum_interval = 5;
    check_rows(max_interval_rows, p);
}

TEST_CASE("fsrs: custom weights") {
    fsrs::parameters p;
    p.w = {0.5, 1.5, 3.1, 10.2, 6, 0.7, 2.5, 0.01, 1.6, 0.2, 0.9, 1.6, 0.07, 0.3, 1.5, 0.5, 2.1, 0.6, 0.1, 0.05, 0.2};
    check_rows(custom_params_rows, p);
}

TEST_CASE("fsrs: scheduler API") {
    const fsrs::scheduler s;
    CHECK(s.decay() == -0.1542);
    CHECK(s.factor() == doctest::Approx(0.98034649).epsilon(1e-12));  // 0.9^(1/-0.1542) - 1
    CHECK(s.interval_modifier() == doctest::Approx(1.0).epsilon(1e-8));

    fsrs::card c;
    CHECK_FALSE(s.retrievability(c, at("2026-01-05T09:00:00Z")).has_value());
    auto r = s.review(c, fsrs::rating::easy, at("2026-01-05T09:00:00Z"));
    CHECK_FALSE(r.retrievability.has_value());
    c = r.next;
    CHECK(c.state == fsrs::card_state::review);
    CHECK(c.stability == doctest::Approx(8.2956));
    CHECK(c.difficulty == doctest::Approx(1.0));
    CHECK(c.scheduled_days == 8);
    CHECK(c.reps == 1);
    CHECK(rehearse::format_iso8601(c.due) == "2026-01-13T09:00:00.000Z");
    // Eight whole days at 09:00, only seven a second earlier.
    CHECK(*s.retrievability(c, at("2026-01-13T09:00:00Z")) == doctest::Approx(0.9024733).epsilon(1e-9));
    CHECK(*s.retrievability(c, at("2026-01-13T08:59:59Z")) == doctest::Approx(0.91123677).epsilon(1e-9));

    // Again on a review card: a lapse, then the relearning step.
    r = s.review(c, fsrs::rating::again, at("2026-01-20T09:00:00Z"));
    REQUIRE(r.retrievability.has_value());
    CHECK(*r.retrievability == doctest::Approx(0.85448723).epsilon(1e-9));
    CHECK(r.next.state == fsrs::card_state::relearning);
    CHECK(r.next.stability == doctest::Approx(1.50292748).epsilon(1e-9));
    CHECK(r.next.difficulty == doctest::Approx(7.02698957).epsilon(1e-9));
    CHECK(r.next.elapsed_days == 15);
    CHECK(r.next.reps == 2);
    CHECK(r.next.lapses == 1);
    CHECK(r.next.scheduled_days == 0);
    CHECK(rehearse::format_iso8601(r.next.due) == "2026-01-20T09:10:00.000Z");

    CHECK_THROWS_AS((void)s.review(c, fsrs::rating::good, at("2026-01-05T08:59:59Z")), fsrs::fsrs_error);
}

TEST_CASE("fsrs: parameter validation and clipping") {
    fsrs::parameters p;
    p.request_retention = 0;
    CHECK_THROWS_AS(fsrs::scheduler{p}, fsrs::fsrs_error);
    p.request_retention = 1.01;
    CHECK_THROWS_AS(fsrs::scheduler{p}, fsrs::fsrs_error);

    auto w = fsrs::default_weights;
    w[0] = -1;     // below S_MIN
    w[4] = 20;     // above 10
    w[20] = 0.05;  // below 0.1
    const auto clipped = fsrs::clip_weights(w, 1, true);
    CHECK(clipped[0] == 0.001);
    CHECK(clipped[4] == 10);
    CHECK(clipped[20] == 0.1);
    CHECK(clipped[1] == fsrs::default_weights[1]);

    // Several relearning steps cap w17 and w18 (ts-fsrs clipParameters).
    w = fsrs::default_weights;
    w[17] = 1.5;
    w[18] = 1.5;
    const auto capped = fsrs::clip_weights(w, 2, true);
    CHECK(capped[17] == doctest::Approx(0.60045935).epsilon(1e-9));
    CHECK(capped[18] == capped[17]);
    // w19's floor is 0.01 only with short-term scheduling on.
    w[19] = 0;
    CHECK(fsrs::clip_weights(w, 1, true)[19] == 0.01);
    CHECK(fsrs::clip_weights(w, 1, false)[19] == 0);
}

TEST_CASE("fsrs: JavaScript rounding helpers") {
    CHECK(fsrs::js_round(2.5) == 3);
    CHECK(fsrs::js_round(-2.5) == -2);
    CHECK(fsrs::js_round(0.49999999999999994) == 0);
    CHECK(fsrs::round_to(1.234567895, 8) == 1.2345679);
    CHECK(fsrs::to_fixed_8(0.001953125) == 0.00195313);  // an exact tie rounds up
    CHECK(fsrs::to_fixed_8(2.3065) == 2.3065);
    CHECK(fsrs::to_fixed_8(0.123456784999) == 0.12345678);
}

TEST_CASE("fsrs: day counting") {
    CHECK(fsrs::utc_day_difference(at("2026-01-05T23:59:59Z"), at("2026-01-06T00:00:00Z")) == 1);
    CHECK(fsrs::whole_days_between(at("2026-01-05T23:59:59Z"), at("2026-01-06T00:00:00Z")) == 0);
    CHECK(fsrs::utc_day_difference(at("2026-01-05T00:00:00Z"), at("2026-01-07T23:59:59Z")) == 2);
    CHECK(fsrs::whole_days_between(at("2026-01-05T12:00:00Z"), at("2026-01-07T11:59:59Z")) == 1);
    // An offset moves the instant, and so the UTC day.
    CHECK(fsrs::utc_day_difference(at("2026-01-05T12:00:00Z"), at("2026-01-06T01:00:00+02:00")) == 0);
    CHECK(fsrs::utc_day_difference(at("1969-12-31T23:00:00Z"), at("1970-01-01T01:00:00Z")) == 1);
}

TEST_CASE("iso_time: parse and format like JavaScript Date") {
    using rehearse::format_iso8601;
    using rehearse::parse_iso8601;
    using rehearse::try_parse_iso8601;
    CHECK(format_iso8601(parse_iso8601("2026-01-05T09:00:00Z")) == "2026-01-05T09:00:00.000Z");
    CHECK(parse_iso8601("2026-01-05T09:00:00Z").time_since_epoch().count() == 1767603600000);
    CHECK(format_iso8601(parse_iso8601("2026-01-05T09:00:00.5Z")) == "2026-01-05T09:00:00.500Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05T09:00:00.1239Z")) == "2026-01-05T09:00:00.123Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05T09:00:00+05:30")) == "2026-01-05T03:30:00.000Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05T09:00:00.250-0100")) == "2026-01-05T10:00:00.250Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05")) == "2026-01-05T00:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05T09:00Z")) == "2026-01-05T09:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05t09:00:00z")) == "2026-01-05T09:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05 09:00:00")) == "2026-01-05T09:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("2026-01-05T24:00:00Z")) == "2026-01-06T00:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("2024-02-29T00:00:00Z")) == "2024-02-29T00:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("1969-12-31T23:59:59.999Z")) == "1969-12-31T23:59:59.999Z");
    CHECK(format_iso8601(parse_iso8601("+012026-01-05T09:00:00Z")) == "+012026-01-05T09:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("+099999-12-31T00:00:00Z")) == "+099999-12-31T00:00:00.000Z");
    CHECK(format_iso8601(parse_iso8601("-000005-01-01T00:00:00Z")) == "-000005-01-01T00:00:00.000Z");

    for (const char* bad :
         {"", "yesterday", "2026-1-5", "2026-13-05T09:00:00Z", "2026-02-30T09:00:00Z", "2025-02-29",
          "2026-01-05T09:60:00Z", "2026-01-05T09:00:60Z", "2026-01-05T24:00:01Z", "2026-01-05T09:00:00.Z",
          "2026-01-05T09:00:00+2:00", "2026-01-05T09:00:00Zjunk", "-000000-01-01T00:00:00Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(try_parse_iso8601(bad).has_value());
    }
    CHECK_THROWS_AS((void)parse_iso8601("nope"), rehearse::iso_time_error);
}

TEST_CASE("srs replay: output shape") {
    std::string input = "\n";  // blank lines are skipped
    input += event("c1", 3, "2026-01-05T09:00:00Z");
    input += "  \n";
    const auto out = replay(input);
    REQUIRE(out.rc == 0);
    REQUIRE(out.lines.size() == 1);
    const auto& l = out.lines[0];
    CHECK(out.raw == R"({"card":"c1","state":"learning","stability":2.3065,"difficulty":2.11810397,)"
                     R"("retrievability":null,"interval_days":0,"due":"2026-01-05T09:10:00.000Z"})"
                     "\n");
    CHECK(l.at("retrievability").is_null());
    CHECK(l.at("interval_days").is_number_integer());

    // Integer card ids are echoed as integers and are distinct from their string form.
    const auto ids = replay(R"({"card": 7, "rating": 3, "review_at": "2026-01-05T09:00:00Z"})"
                            "\n" +
                            event("7", 3, "2026-01-05T08:00:00Z"));
    REQUIRE(ids.rc == 0);
    REQUIRE(ids.lines.size() == 2);
    CHECK(ids.lines[0].at("card") == 7);
    CHECK(ids.lines[1].at("card") == "7");
}

TEST_CASE("srs replay: errors name the line") {
    const std::string ok1 = event("a", 3, "2026-01-05T09:00:00Z");
    const std::string ok2 = event("b", 3, "2026-01-05T09:00:00Z");
    struct bad_case {
        std::string input;
        std::string line;
        std::string says;
        std::size_t lines_before;
    };
    const std::vector<bad_case> cases{
        {ok1 + "{\"card\": \"a\", \"rating\": 3,\n", "line 2:", "malformed JSON", 1},
        {ok1 + ok2 + "\n" + "not json\n", "line 4:", "malformed JSON", 2},
        {"[1, 2]\n", "line 1:", "JSON object", 0},
        {R"({"rating": 3, "review_at": "2026-01-05T09:00:00Z"})"
         "\n",
         "line 1:", "\"card\"", 0},
        {R"({"card": true, "rating": 3, "review_at": "2026-01-05T09:00:00Z"})"
         "\n",
         "line 1:", "\"card\"", 0},
        {R"({"card": "a", "review_at": "2026-01-05T09:00:00Z"})"
         "\n",
         "line 1:", "\"rating\"", 0},
        {ok1 + ok2 + event("a", 5, "2026-01-06T09:00:00Z"), "line 3:", "rating", 2},
        {event("a", 0, "2026-01-06T09:00:00Z"), "line 1:", "rating", 0},
        {R"({"card": "a", "rating": 2.5, "review_at": "2026-01-05T09:00:00Z"})"
         "\n",
         "line 1:", "rating", 0},
        {R"({"card": "a", "rating": "3", "review_at": "2026-01-05T09:00:00Z"})"
         "\n",
         "line 1:", "rating", 0},
        {R"({"card": "a", "rating": 3})"
         "\n",
         "line 1:", "review_at", 0},
        {event("a", 3, "2026-02-30T09:00:00Z"), "line 1:", "ISO-8601", 0},
        {ok1 + ok2 + event("a", 3, "2026-01-05T08:59:59Z"), "line 3:", "earlier", 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.input);
        const auto out = replay(c.input);
        CHECK(out.rc == 1);
        CHECK(out.err.find(c.line) != std::string::npos);
        CHECK(out.err.find(c.says) != std::string::npos);
        CHECK(out.lines.size() == c.lines_before);
    }
    // A review at the same instant as the previous one is fine, and other cards' times do
    // not matter.
    const auto same = replay(ok1 + ok1 + event("b", 3, "2020-01-01T00:00:00Z"));
    CHECK(same.rc == 0);
    CHECK(same.lines.size() == 3);
}

TEST_CASE("srs options: parsing") {
    using rehearse::cli::parse_srs_options;
    using rehearse::cli::srs_option_error;
    using args = std::vector<std::string>;

    const auto d = parse_srs_options(args{});
    CHECK(d.request_retention == 0.9);
    CHECK(d.w == fsrs::default_weights);
    CHECK(d.enable_short_term);
    CHECK(d.learning_steps == std::vector<std::int64_t>{1, 10});
    CHECK(d.relearning_steps == std::vector<std::int64_t>{10});
    CHECK(d.maximum_interval == 36500);

    const auto p = parse_srs_options(
        args{"--retention", "0.85", "--short-term=off", "--learning-steps", "30m, 2h,1d", "--relearning-steps", "",
             "--maximum-interval", "365", "--params",
             "0.5,1.5,3.1,10.2,6,0.7,2.5,0.01,1.6,0.2,0.9,1.6,0.07,0.3,1.5,0.5,2.1,0.6,0.1,0.05,0.2"});
    CHECK(p.request_retention == 0.85);
    CHECK_FALSE(p.enable_short_term);
    CHECK(p.learning_steps == std::vector<std::int64_t>{30, 120, 1440});
    CHECK(p.relearning_steps.empty());
    CHECK(p.maximum_interval == 365);
    CHECK(p.w[0] == 0.5);
    CHECK(p.w[20] == 0.2);

    const auto fails = [](const args& a, const std::string& says) {
        CAPTURE(says);
        try {
            (void)parse_srs_options(a);
            FAIL("accepted a bad option");
        } catch (const srs_option_error& e) {
            CHECK(std::string(e.what()).find(says) != std::string::npos);
        }
    };
    fails({"--params", "0.1,0.2,0.3"}, "expected 21");
    fails({"--params",
           "0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,"
           "1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542,0.5"},
          "got 22");
    fails({"--params",
           "0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,"
           "1.4835,0.0614,0.2629,x,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542"},
          "w14");
    fails({"--params",
           "0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,"
           "1.4835,0.0614,0.2629,nan,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542"},
          "w14");
    fails({"--retention", "0"}, "--retention");
    fails({"--retention", "1.5"}, "--retention");
    fails({"--retention", "abc"}, "--retention");
    fails({"--short-term", "maybe"}, "--short-term");
    fails({"--learning-steps", "10x"}, "--learning-steps");
    fails({"--learning-steps", "1m,,10m"}, "--learning-steps");
    fails({"--relearning-steps", "-5m"}, "--relearning-steps");
    fails({"--learning-steps", "1.5m"}, "--learning-steps");
    fails({"--maximum-interval", "0"}, "--maximum-interval");
    fails({"--retention"}, "missing value");
    fails({"--fuzz", "on"}, "unknown option");

    CHECK(rehearse::cli::is_srs_option("--params"));
    CHECK_FALSE(rehearse::cli::is_srs_option("--json"));
}
