#include "rehearse/core/answer/answer_model.hpp"

#include <rehearse/sdk/text.hpp>
#include "rehearse/core/answer/architecture_graph.hpp"
#include "rehearse/core/answer/endpoints.hpp"
#include "rehearse/core/answer/estimates.hpp"
#include "rehearse/core/answer/markdown_sections.hpp"
#include "rehearse/core/answer/requirements.hpp"
#include "rehearse/core/answer/sql_schema.hpp"

#include <set>

namespace rehearse {

using nlohmann::json;

namespace {

bool is_sql_lang(const std::string& lang) {
    static const std::set<std::string> langs{"sql", "postgresql", "postgres", "psql",   "pgsql", "mysql",
                                             "cql", "ddl",        "plpgsql",  "sqlite", "tsql"};
    return langs.count(lang) > 0;
}

bool looks_like_ddl(const std::string& code) {
    const std::string l = sdk::text::lower(code.substr(0, 4000));
    return l.find("create table") != std::string::npos || l.find("create index") != std::string::npos;
}

/// Code blocks in general-purpose languages hold code, not prose about the design.
bool is_program(const std::string& lang) {
    static const std::set<std::string> langs{
        "python", "py",   "javascript", "js",  "typescript", "ts",  "java",  "go",        "rust",   "cpp",
        "c",      "json", "yaml",       "yml", "bash",       "sh",  "shell", "ruby",      "kotlin", "swift",
        "csharp", "cs",   "php",        "xml", "html",       "css", "toml",  "dockerfile"};
    return langs.count(lang) > 0;
}

}  // namespace

json parse_answer(std::string_view markdown) {
    const md_document doc = parse_markdown(markdown);
    json model{
        {"sections", doc.sections_present}, {"blocks", json::array()},       {"requirements", empty_requirements()},
        {"estimates", json::array()},       {"architecture", empty_graph()}, {"schema", empty_schema()},
        {"api", empty_endpoints()},         {"warnings", json::array()},     {"words", 0}};
    std::size_t words = 0;
    for (const auto& b : doc.blocks) {
        model["blocks"].push_back(
            {{"kind", b.kind}, {"text", b.text}, {"section", b.section}, {"lang", b.lang}, {"line", b.line}});
        bool in_word = false;
        for (char c : b.text) {
            const bool w = sdk::text::is_word_char(c);
            if (w && !in_word) ++words;
            in_word = w;
        }
        const bool code = b.kind == "code";
        if (code && (is_sql_lang(b.lang) || (b.lang.empty() && looks_like_ddl(b.text)))) {
            const std::size_t tables_before =
                model["schema"].contains("tables") ? model["schema"]["tables"].size() : std::size_t{0};
            read_sql_block(b.text, b.line, model["schema"]);
            // A ```cql block is Cassandra whatever its tables look like.
            if (b.lang == "cql" && model["schema"].contains("tables"))
                for (std::size_t t = tables_before; t < model["schema"]["tables"].size(); ++t)
                    model["schema"]["tables"][t]["nosql"] = true;
            continue;
        }
        if (code && b.lang == "mermaid") {
            read_architecture_block(b.text, b.lang, b.section.empty() ? "architecture" : b.section, b.line,
                                    model["architecture"]);
            continue;
        }
        if (code && is_program(b.lang)) continue;
        if (b.kind == "heading") continue;
        read_endpoints_block(b.text, b.section, b.line, model["api"]);
        if (b.section != "api" && b.section != "data-model") {
            std::size_t pos = 0;
            int line = b.line;
            while (pos <= b.text.size()) {
                auto end = b.text.find('\n', pos);
                if (end == std::string::npos) end = b.text.size();
                read_estimates_line(std::string_view(b.text).substr(pos, end - pos), b.section, line,
                                    model["estimates"]);
                pos = end + 1;
                ++line;
            }
        }
        if (b.section != "requirements" && b.section != "estimation" && b.section != "api" && b.section != "data-model")
            read_architecture_block(b.text, b.lang, b.section, b.line, model["architecture"]);
        read_requirements_block(b.text, b.kind, b.section, b.line, model["requirements"]);
    }
    model["words"] = words;
    if (doc.unterminated_fence)
        model["warnings"].push_back("a ``` code block is never closed; it was read to the end of the answer");
    return model;
}

}  // namespace rehearse
