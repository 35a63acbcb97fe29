// Helpers every evaluator shares: the answer's sentences, mentions that are part of today's
// design, finding construction. The generic text primitives (word and phrase search, negation,
// hedging) come from the SDK, so the evaluators read text exactly as the core's answer readers do.
#pragma once

#include <nlohmann/json.hpp>
#include <rehearse/sdk/text.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::evaluators {

using nlohmann::json;

struct sentence {
    std::string text;  // lowercase
    std::string raw;   // as written, for evidence
    std::string section;
    std::string kind;  // block kind: paragraph, item, code, ...
    std::string lang;
    int line = 0;
};

/// What every evaluator reads: the problem, the answer model, and the answer as sentences.
struct context {
    const json& problem;
    const json& answer;
    std::vector<sentence> sentences;
    const json& flags() const { return problem.at("flags"); }
    std::string scale() const { return flags().value("scale", "medium"); }
    bool has_section(std::string_view s) const;
};

context make_context(const json& request);

// The SDK's text primitives, called unqualified throughout the evaluators.
using sdk::text::find_phrase;
using sdk::text::find_word;
using sdk::text::future_only;
using sdk::text::hedged;
using sdk::text::is_word_char;
using sdk::text::lower;
using sdk::text::negated;

/// The words that name a slow operation: its keywords plus the usual vendors and verbs for it.
std::vector<std::string> slow_vocabulary(const json& op);
/// The problem's slow operation done inside a synchronous request: the finding, or null.
json sync_slow_operation(const context& c);

/// First sentence (optionally only in `sections`) mentioning any phrase un-negated; nullptr if none.
const sentence* mention(const context& c, std::initializer_list<std::string_view> phrases,
                        std::initializer_list<std::string_view> sections = {}, bool allow_hedged = true,
                        bool skip_code = true);
/// First un-negated mention in a sentence that is part of today's design (not a question, not
/// "later" / "if we grow"); nullptr if none.
const sentence* stated(const context& c, std::initializer_list<std::string_view> phrases);
/// Any mention at all, negated or not.
const sentence* any_mention(const context& c, std::initializer_list<std::string_view> phrases);

/// Code in a programming language (not http, sql, mermaid or plain text).
bool is_program(std::string_view lang);

/// Shortens text for evidence.
std::string excerpt(std::string_view s, std::size_t max = 140);

json finding(std::string id, std::string dimension, std::string severity, std::string message, std::string advice,
             std::string evidence, std::string why);

/// Score penalty for a list of findings (critical 0.6, major 0.45, minor 0.15, info 0).
double penalty(const json& findings);

// The evaluators: each returns {"score", "findings", "strengths"}.
json evaluate_requirements(const context& c);
json evaluate_estimation(const context& c);
json evaluate_architecture(const context& c);
json evaluate_data_model(const context& c);
json evaluate_api(const context& c);
json evaluate_scaling(const context& c);
json evaluate_reliability(const context& c);
json evaluate_communication(const context& c);

}  // namespace rehearse::evaluators
