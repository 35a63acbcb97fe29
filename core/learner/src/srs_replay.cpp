#include "rehearse/core/learner/srs_replay.hpp"

#include "rehearse/core/base/iso_time.hpp"

#include <nlohmann/json.hpp>
#include <rehearse/sdk/text.hpp>

#include <algorithm>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>

namespace rehearse {

using sdk::text::in_quotes;
using sdk::text::trim;

int srs_replay(std::istream& in, std::ostream& out, std::ostream& err, const fsrs::parameters& p) {
    using nlohmann::json;
    using nlohmann::ordered_json;

    std::optional<fsrs::scheduler> sched;
    try {
        sched.emplace(p);
    } catch (const fsrs::fsrs_error& e) {
        err << "srs replay: " << e.what() << '\n';
        return 1;
    }

    std::unordered_map<std::string, fsrs::card> cards;
    std::string line;
    std::int64_t line_no = 0;

    const auto fail = [&](const std::string& message) {
        out.flush();
        err << "srs replay: line " << line_no << ": " << message << '\n';
        return 1;
    };

    while (std::getline(in, line)) {
        ++line_no;
        if (trim(line).empty()) continue;

        json event;
        try {
            event = json::parse(line);
        } catch (const json::parse_error& e) {
            // nlohmann's text starts with "[json.exception.parse_error.101] parse error at
            // line 1, "; the line is ours to name, keep the column and the reason.
            std::string why = e.what();
            if (const auto at = why.find("column"); at != std::string::npos) why = why.substr(at);
            return fail("malformed JSON (" + why + ")");
        }
        if (!event.is_object()) return fail("malformed event: expected a JSON object");

        const auto card_it = event.find("card");
        if (card_it == event.end()) return fail("malformed event: missing \"card\"");
        if (!card_it->is_string() && !card_it->is_number_integer()) {
            return fail("malformed event: \"card\" must be a string or an integer");
        }
        const auto& card_id = *card_it;

        const auto rating_it = event.find("rating");
        if (rating_it == event.end()) return fail("malformed event: missing \"rating\"");
        std::optional<fsrs::rating> grade;
        if (rating_it->is_number_integer()) {
            grade = fsrs::rating_from_int(
                rating_it->is_number_unsigned()
                    ? static_cast<std::int64_t>(std::min<std::uint64_t>(rating_it->get<std::uint64_t>(), 1000))
                    : rating_it->get<std::int64_t>());
        }
        if (!grade) return fail("rating must be 1, 2, 3 or 4, got " + rating_it->dump());

        const auto at_it = event.find("review_at");
        if (at_it == event.end()) return fail("malformed event: missing \"review_at\"");
        if (!at_it->is_string()) return fail("malformed event: \"review_at\" must be a string");
        const auto& at_text = at_it->get_ref<const std::string&>();
        const auto at = try_parse_iso8601(at_text);
        if (!at) return fail("review_at is not an ISO-8601 date-time: " + in_quotes(at_text));

        auto& card = cards[card_id.dump()];
        if (card.last_review && *at < *card.last_review) {
            return fail("review at " + format_iso8601(*at) + " is earlier than card " + card_id.dump() +
                        "'s previous review at " + format_iso8601(*card.last_review));
        }

        fsrs::review_result result;
        try {
            result = sched->review(card, *grade, *at);
        } catch (const fsrs::fsrs_error& e) {
            return fail(e.what());
        }
        card = result.next;

        ordered_json row;
        row["card"] = card_id;
        row["state"] = std::string(fsrs::to_string(card.state));
        row["stability"] = card.stability;
        row["difficulty"] = card.difficulty;
        row["retrievability"] = result.retrievability ? ordered_json(*result.retrievability) : ordered_json(nullptr);
        row["interval_days"] = card.scheduled_days;
        row["due"] = format_iso8601(card.due);
        out << row.dump() << '\n';
    }
    if (in.bad()) {
        out.flush();
        err << "srs replay: error reading input after line " << line_no << '\n';
        return 1;
    }
    out.flush();
    return 0;
}

}  // namespace rehearse
