/// @file
/// Small text helpers shared by the answer readers: lowercasing, word tests, sentence splitting
/// and negation ("no cache", "we don't need sharding", "files go to S3, never a BLOB").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rehearse::text {

std::string lower(std::string_view s);
bool is_word_char(char c) noexcept;
/// `needle` occurs in `hay` on word boundaries (both lowercase); returns its position or npos.
std::size_t find_word(std::string_view hay, std::string_view needle, std::size_t from = 0) noexcept;
/// Splits text into sentences on . ! ? ; and newlines (not inside numbers like 3.5 or paths).
std::vector<std::string> sentences(std::string_view text);
/// True when the mention at `pos` in the (lowercase) sentence is negated or contrasted away:
/// "no X", "not X", "without X", "instead of X", "never X", "don't need X", "X is not needed",
/// "rather than X", "avoid X", "X is overkill".
bool negated(std::string_view sentence, std::size_t pos, std::size_t len) noexcept;

}  // namespace rehearse::text
