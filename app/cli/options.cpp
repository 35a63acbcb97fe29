#include "cli/options.hpp"

#include "rehearse/core/content/dimensions.hpp"

#include <rehearse/sdk/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace rehearse::cli {

using sdk::text::trim;

void throw_for_option(const value_error& e, std::string_view option) {
    throw error(e.code(), "--" + std::string(option) + " takes " + e.expected() + ", not \"" + e.value() + "\"");
}

std::map<std::string, double> parse_scores(std::string_view text) {
    std::map<std::string, double> out;
    const auto bad = [&](const std::string& why) {
        return error(errc::usage,
                     "--scores: " + why + " (expected DIM=S,... with S from 0 to 1, e.g. data-model=0.6,api=0.8)");
    };
    if (trim(text).empty()) throw bad("no scores");
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view item = trim(text.substr(start, comma - start));
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) throw bad("\"" + std::string(item) + "\" has no '='");
        const std::string dim(trim(item.substr(0, eq)));
        const std::string_view number = trim(item.substr(eq + 1));
        if (!is_dimension(dim)) throw bad("unknown dimension \"" + dim + "\" (" + dimension_list() + ")");
        double value = 0;
        const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(value) ||
            value < 0 || value > 1)
            throw bad("the score for " + dim + " is \"" + std::string(number) + "\"");
        if (!out.emplace(dim, value).second) throw bad(dim + " given twice");
        start = comma + 1;
    }
    return out;
}

}  // namespace rehearse::cli
