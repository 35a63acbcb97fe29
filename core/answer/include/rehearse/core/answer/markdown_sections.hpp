/// @file
/// Splits a Markdown answer into blocks (headings, paragraphs, list items, table rows, code blocks)
/// with md4c, and files each under the rubric section of the nearest `##` heading (the synonyms of
/// docs/answers.md). Evaluators then read blocks instead of raw text, so a `#` inside a code block
/// or a table is never mistaken for structure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct md_block {
    std::string kind;     ///< heading | paragraph | item | row | code | quote
    std::string text;     ///< plain text, inline markup removed
    std::string section;  ///< rubric section id, or "" before the first recognised heading
    std::string lang;     ///< code blocks: the info string's first word, lowercased
    int line = 0;         ///< 1-based line of the block's first text in the answer
    int level = 0;        ///< headings: 1..6
};

struct md_document {
    std::vector<md_block> blocks;
    std::vector<std::string> sections_present;  ///< section ids in order of first appearance
    bool unterminated_fence = false;            ///< a ``` block that runs to the end of the file
};

/// The rubric section a heading names ("Back-of-the-envelope" -> "estimation"), or "".
std::string section_for_heading(std::string_view heading);

/// For a `##` heading that names no rubric section, the section its usual content belongs to
/// ("Design" / "Solution" -> "architecture", "Tables" -> "data-model"), or "".
std::string general_section_for_heading(std::string_view heading);

/// Parses Markdown; never throws on malformed input (md4c accepts any text).
md_document parse_markdown(std::string_view markdown);

}  // namespace rehearse
