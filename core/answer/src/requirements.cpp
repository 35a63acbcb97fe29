#include "rehearse/core/answer/requirements.hpp"

#include <rehearse/sdk/text.hpp>

#include <array>
#include <cctype>
#include <string>

namespace rehearse {

using nlohmann::json;

namespace {

bool any_word(std::string_view s, std::initializer_list<std::string_view> words) {
    for (auto w : words)
        if (sdk::text::find_word(s, w) != std::string_view::npos) return true;
    return false;
}

/// A number as a word of its own ("10,000", "5k", "2 MB"), not a digit inside a name ("S3", "I-130").
bool has_digit(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (std::isdigit(static_cast<unsigned char>(s[i])) &&
            (i == 0 || !(std::isalpha(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '-' || s[i - 1] == '_')))
            return true;
    return false;
}

}  // namespace

std::vector<std::string> requirement_intents(std::string_view sentence) {
    const std::string s = sdk::text::lower(sentence);
    std::vector<std::string> out;
    // Scale is a quantity: words that are quantities themselves, or who/what is counted next to a
    // number or a "how many" ("users add their case number" is a feature, not scale).
    const bool counted = has_digit(s) || any_word(s, {"many", "much", "number of", "count", "lots of", "few", "several",
                                                      "hundreds", "thousands", "millions"});
    if (any_word(s, {"user base", "dau",       "mau",        "qps",        "rps",         "traffic", "how many",
                     "how much",  "volume",    "scale",      "load",       "throughput",  "per day", "per second",
                     "per month", "a day",     "concurrent", "peak",       "growth",      "grow",    "million",
                     "thousand",  "billion",   "read/write", "read-heavy", "write-heavy", "ratio",   "how big",
                     "how often", "frequency", "daily",      "monthly"}) ||
        (counted &&
         any_word(s, {"users",   "requests",  "size",      "storage",  "tenants", "customers", "companies", "latency",
                      "uploads", "documents", "files",     "messages", "k",       "m",         "per",       "day",
                      "tb",      "gb",        "mb",        "links",    "urls",    "videos",    "photos",    "posts",
                      "cases",   "tickets",   "petitions", "lawyers",  "agents",  "employees", "devices"})))
        out.push_back("scale");
    if (any_word(s,
                 {"feature",  "features", "should",  "can",          "support", "need to",  "must",         "flow",
                  "use case", "workflow", "allow",   "able to",      "core",    "mvp",      "out of scope", "in scope",
                  "scope",    "do we",    "does it", "what happens", "edit",    "upload",   "search",       "share",
                  "delete",   "create",   "view",    "notify",       "list",    "redirect", "expire",       "custom"}))
        out.push_back("functional");
    if (any_word(s, {"retention",      "retain",        "compliance",   "gdpr",      "hipaa",  "soc2",
                     "soc 2",          "encrypt",       "encryption",   "security",  "secure", "auth",
                     "authentication", "authorization", "privacy",      "pii",       "access", "permission",
                     "permissions",    "audit",         "backup",       "sensitive", "tenant", "isolation",
                     "consistency",    "durab",         "availability", "uptime",    "sla",    "delete data"}))
        out.push_back("data-security");
    if (any_word(s, {"third-party", "third party", "external",   "integrate",       "integration", "webhook",
                     "provider",    "vendor",      "government", "e-file",          "stripe",      "ocr",
                     "llm",         "openai",      "sso",        "existing system", "import",      "export",
                     "email",       "sms",         "slack",      "partner",         "api"}))
        out.push_back("integration");
    return out;
}

json empty_requirements() { return {{"questions", json::array()}, {"assumptions", json::array()}}; }

void read_requirements_block(std::string_view block, std::string_view kind, std::string_view section, int line,
                             json& out) {
    if (!out.is_object() || !out.contains("questions")) out = empty_requirements();
    if (kind == "code" || kind == "heading") return;
    for (const auto& split : sdk::text::split_sentences(block)) {
        const std::string& sentence = split.text;
        if (sentence.size() < 4) continue;
        const std::string l = sdk::text::lower(sentence);
        std::string trimmed = l;
        while (!trimmed.empty() && (std::isspace(static_cast<unsigned char>(trimmed.back())) || trimmed.back() == '*' ||
                                    trimmed.back() == '"' || trimmed.back() == ')'))
            trimmed.pop_back();
        const bool question = !trimmed.empty() && trimmed.back() == '?';
        const bool assumption =
            any_word(l, {"assume", "assuming", "assumption", "assumptions", "i'll take", "let's say", "suppose",
                         "we expect", "expected", "out of scope", "in scope", "given that", "i assume", "estimate"}) ||
            section == "requirements";
        if (!question && !assumption) continue;
        json item{{"text", sentence}, {"intents", requirement_intents(sentence)}, {"section", section}, {"line", line}};
        out[question ? "questions" : "assumptions"].push_back(std::move(item));
    }
}

}  // namespace rehearse
