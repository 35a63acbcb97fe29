// Human-readable rendering: tables, numbers, lists, and the content documents (a problem, a lesson)
// that the catalog returns as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace rehearse {
struct evaluation_result;
}

namespace rehearse::cli {

/// Prints rows as aligned columns under a header.
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

/// "data-model 0.25, api 0.20"
std::string format_weights(const nlohmann::json& weights);
/// A number with `digits` decimals: "0.38".
std::string fixed(double v, int digits = 2);
/// "a, b, c"
std::string join(const nlohmann::json& strings, const std::string& sep = ", ");
std::string join(const std::vector<std::string>& strings, const std::string& sep = ", ");

void render_problem(std::ostream& out, const nlohmann::json& problem);
void render_lesson(std::ostream& out, const nlohmann::json& lesson);

/// `text` re-flowed to `width` columns, continuation lines indented by `indent`.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 100);
/// An evaluation as a coach's report: scores, findings with evidence and advice, the feedback.
void render_evaluation(std::ostream& out, const evaluation_result& e);

}  // namespace rehearse::cli
