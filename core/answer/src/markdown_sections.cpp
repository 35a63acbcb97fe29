#include "rehearse/core/answer/markdown_sections.hpp"
#include <rehearse/sdk/text.hpp>

#include <md4c.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace rehearse {

namespace {

using sdk::text::lower;

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// Walks md4c's callbacks. Text is gathered into the innermost "leaf" block; a nested block flushes
// what its parent gathered so far, so an item's text is not glued to its sub-list.
struct walker {
    std::string_view source;
    md_document doc;
    std::string section;
    std::string buffer;
    int buffer_line = 0;
    std::vector<MD_BLOCKTYPE> stack;
    std::string code_lang;
    int heading_level = 0;
    bool in_quote = false;

    int line_of(const MD_CHAR* p) const {
        if (p < source.data() || p > source.data() + source.size()) return 0;
        return 1 + static_cast<int>(std::count(source.data(), p, '\n'));
    }

    std::string kind_of(MD_BLOCKTYPE t) const {
        switch (t) {
            case MD_BLOCK_H:
                return "heading";
            case MD_BLOCK_LI:
                return "item";
            case MD_BLOCK_TR:
                return "row";
            case MD_BLOCK_CODE:
                return "code";
            default:
                return in_quote ? "quote" : "paragraph";
        }
    }

    void flush(MD_BLOCKTYPE t) {
        const bool is_code = t == MD_BLOCK_CODE;
        std::string text = std::move(buffer);
        buffer.clear();
        if (!is_code) {
            // Collapse whitespace so phrase matching sees "per second" even across soft breaks.
            std::string collapsed;
            bool space = false;
            for (char c : text) {
                if (std::isspace(static_cast<unsigned char>(c))) {
                    space = !collapsed.empty();
                } else {
                    if (space) collapsed += ' ';
                    space = false;
                    collapsed += c;
                }
            }
            text = std::move(collapsed);
        }
        if (text.empty() && !is_code) return;
        md_block b;
        b.kind = kind_of(t);
        b.text = std::move(text);
        b.line = buffer_line;
        if (t == MD_BLOCK_H) {
            b.level = heading_level;
            // A `##` heading (or deeper) that names a rubric section opens it; other headings
            // keep the current section so "### Tables" stays under "## Data model".
            std::string s = section_for_heading(b.text);
            // A `##` heading that names no rubric section still ends the previous one: "## Design"
            // after "## Estimation" is the architecture, "## Tables" the data model.
            if (s.empty() && heading_level == 2) s = general_section_for_heading(b.text);
            if (!s.empty() && heading_level >= 2)
                section = s;
            else if (heading_level == 1 && !s.empty())
                section = s;
            if (!section.empty() && std::find(doc.sections_present.begin(), doc.sections_present.end(), section) ==
                                        doc.sections_present.end())
                doc.sections_present.push_back(section);
        }
        if (is_code) b.lang = code_lang;
        b.section = section;
        doc.blocks.push_back(std::move(b));
        buffer_line = 0;
    }

    bool is_leaf(MD_BLOCKTYPE t) const {
        return t == MD_BLOCK_P || t == MD_BLOCK_H || t == MD_BLOCK_LI || t == MD_BLOCK_CODE || t == MD_BLOCK_TR;
    }

    MD_BLOCKTYPE innermost_leaf() const {
        for (auto it = stack.rbegin(); it != stack.rend(); ++it)
            if (is_leaf(*it)) return *it;
        return MD_BLOCK_P;
    }

    void enter(MD_BLOCKTYPE t, void* detail) {
        // The cells of a table row are one block, "cell | cell | ": a new cell does not end the row.
        if (!buffer.empty() && t != MD_BLOCK_TD && t != MD_BLOCK_TH) flush(innermost_leaf());
        if (t == MD_BLOCK_QUOTE) in_quote = true;
        if (t == MD_BLOCK_H) heading_level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        if (t == MD_BLOCK_CODE) {
            const auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
            code_lang.clear();
            if (d->lang.text)
                code_lang = lower(std::string_view(d->lang.text, d->lang.size));
            else if (d->info.text)
                code_lang = lower(std::string_view(d->info.text, d->info.size));
            if (const auto sp = code_lang.find_first_of(" \t{"); sp != std::string::npos) code_lang.resize(sp);
        }
        stack.push_back(t);
    }

    void leave(MD_BLOCKTYPE t) {
        if (t == MD_BLOCK_TD || t == MD_BLOCK_TH) buffer += " | ";
        if (is_leaf(t) && (!buffer.empty() || t == MD_BLOCK_CODE)) flush(t);
        if (t == MD_BLOCK_QUOTE) in_quote = false;
        if (!stack.empty()) stack.pop_back();
    }

    void text(MD_TEXTTYPE type, const MD_CHAR* p, MD_SIZE size) {
        if (buffer.empty() && buffer_line == 0) buffer_line = line_of(p);
        switch (type) {
            case MD_TEXT_NULLCHAR:
                buffer += ' ';
                break;
            case MD_TEXT_BR:
            case MD_TEXT_SOFTBR:
                buffer += '\n';
                break;
            case MD_TEXT_ENTITY: {
                const std::string_view e(p, size);
                if (e == "&amp;")
                    buffer += '&';
                else if (e == "&lt;")
                    buffer += '<';
                else if (e == "&gt;")
                    buffer += '>';
                else if (e == "&rarr;")
                    buffer += "->";
                else
                    buffer += ' ';
                break;
            }
            default:
                buffer.append(p, size);
        }
    }
};

}  // namespace

std::string section_for_heading(std::string_view heading) {
    const std::string h = lower(heading);
    // Order matters: "API design" must not fall into architecture through the word "design", and
    // "Data model" must win over "Database scaling"'s "scal".
    static const std::array<std::pair<std::string_view, std::string_view>, 30> table{{
        {"clarifying", "requirements"},
        {"requirement", "requirements"},
        {"scope", "requirements"},
        {"questions", "requirements"},
        {"assumption", "requirements"},
        {"back-of-the-envelope", "estimation"},
        {"back of the envelope", "estimation"},
        {"estimat", "estimation"},
        {"capacity", "estimation"},
        {"data model", "data-model"},
        {"data-model", "data-model"},
        {"schema", "data-model"},
        {"database", "data-model"},
        {"api", "api"},
        {"endpoint", "api"},
        {"interface", "api"},
        {"high-level design", "architecture"},
        {"high level design", "architecture"},
        {"architecture", "architecture"},
        {"bottleneck", "scaling"},
        {"trade-off", "scaling"},
        {"tradeoff", "scaling"},
        {"trade off", "scaling"},
        {"deep dive", "scaling"},
        {"deep-dive", "scaling"},
        {"scal", "scaling"},
        {"reliability", "reliability"},
        {"operab", "reliability"},
        {"operations", "reliability"},
        {"monitoring", "reliability"},
    }};
    for (const auto& [key, section] : table) {
        if (key == "api") {
            // "api" as a word: not "rapid" or "capital".
            for (std::size_t pos = h.find("api"); pos != std::string::npos; pos = h.find("api", pos + 1)) {
                const bool left = pos == 0 || !std::isalpha(static_cast<unsigned char>(h[pos - 1]));
                const bool right =
                    pos + 3 >= h.size() || !std::isalpha(static_cast<unsigned char>(h[pos + 3])) || h[pos + 3] == 's';
                if (left && right) return std::string(section);
            }
            continue;
        }
        if (contains(h, key)) return std::string(section);
    }
    if (contains(h, "observability") || contains(h, "failure") || contains(h, "availability")) return "reliability";
    return "";
}

std::string general_section_for_heading(std::string_view heading) {
    const std::string h = lower(heading);
    auto word = [&](std::string_view w) {
        for (std::size_t pos = h.find(w); pos != std::string::npos; pos = h.find(w, pos + 1)) {
            const bool left = pos == 0 || !std::isalpha(static_cast<unsigned char>(h[pos - 1]));
            const std::size_t end = pos + w.size();
            const bool right = end >= h.size() || !std::isalpha(static_cast<unsigned char>(h[end])) || h[end] == 's';
            if (left && right) return true;
        }
        return false;
    };
    if (word("flow") || word("request path")) return "architecture";
    // Not "storage": "## Storage and delivery" is usually S3 and a CDN, i.e. architecture.
    for (std::string_view w : {"tables", "table", "data", "persistence", "entities"})
        if (word(w)) return "data-model";
    for (std::string_view w : {"design", "solution", "overview", "approach", "component", "proposal", "system",
                               "how it works", "components", "diagram"})
        if (word(w)) return "architecture";
    return "";
}

md_document parse_markdown(std::string_view markdown) {
    walker w;
    w.source = markdown;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_TASKLISTS;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
        static_cast<walker*>(u)->enter(t, d);
        return 0;
    };
    parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) {
        static_cast<walker*>(u)->leave(t);
        return 0;
    };
    parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* p, MD_SIZE n, void* u) {
        static_cast<walker*>(u)->text(t, p, n);
        return 0;
    };
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &w);

    // md4c closes an unterminated fence at the end of the document, which is what we want for
    // grading; we only remember it so the report can say so.
    int open = 0;
    std::size_t pos = 0;
    while (pos < markdown.size()) {
        std::size_t end = markdown.find('\n', pos);
        if (end == std::string_view::npos) end = markdown.size();
        std::string_view line = markdown.substr(pos, end - pos);
        std::size_t i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '>' || line[i] == '\t')) ++i;
        if (line.substr(i, 3) == "```" || line.substr(i, 3) == "~~~") open ^= 1;
        pos = end + 1;
    }
    w.doc.unterminated_fence = open != 0;
    return std::move(w.doc);
}

}  // namespace rehearse
