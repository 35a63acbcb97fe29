// The command-line front: a table of commands, each a small function that parses its options,
// calls one core use case and prints human text or JSON.
#pragma once

#include "rehearse/core/runtime/app_context.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::cli {

struct option_spec {
    std::string_view name;        // without the leading "--"
    std::string_view value_name;  // empty for a flag
    std::string_view help;
    bool repeatable = false;
};

/// Options every command accepts (docs/cli.md, Global options).
struct global_options {
    bool json = false;
    bool help = false;
    bool version = false;
    bool verbose = false;  ///< also show plugins' info and debug messages
    std::optional<std::string> db;
    std::optional<std::string> learner;
    std::optional<std::string> now;
    std::vector<std::string> plugin_dirs;
};

class invocation;

struct command {
    std::vector<std::string_view> words;  // {"learner", "add"}
    std::string_view args_usage;          // "NAME"
    std::string_view summary;
    std::vector<option_spec> options;
    std::size_t min_args = 0;
    std::size_t max_args = 0;
    int (*run)(invocation&) = nullptr;
    std::string name() const;
};

class invocation {
   public:
    invocation(const command& cmd, global_options global, std::map<std::string, std::vector<std::string>> options,
               std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err);
    ~invocation();

    const command& cmd;
    const global_options global;
    const std::vector<std::string> args;
    std::istream& in;
    std::ostream& out;
    std::ostream& err;

    bool has(std::string_view option) const;
    std::optional<std::string> value(std::string_view option) const;
    std::vector<std::string> values(std::string_view option) const;
    /// A numeric option; error(usage) naming the option when it is not a number in range.
    std::optional<long long> integer(std::string_view option, long long min, long long max) const;

    /// Builds the context on first use, from the global options; load problems go to stderr.
    app_context& context();
    /// A context that loads only the given plugin directories (no bundled content).
    std::unique_ptr<app_context> make_context(context_options options) const;
    /// Prints plugins' log messages on `err`, one line each: warnings and errors always, info and
    /// debug with --verbose.
    plugin_log_sink plugin_log() const;
    /// --learner, else REHEARSE_LEARNER, else error(usage).
    std::string learner_name() const;

    void print_json(const nlohmann::json& doc) const;

   private:
    std::map<std::string, std::vector<std::string>> options_;
    std::unique_ptr<app_context> context_;
};

/// A Markdown answer from a file, or stdin for "-"; a file over max_answer_bytes is refused.
std::string read_answer(invocation& inv, const std::string& path);

/// All commands; adding one is an entry in one of the `*_commands()` lists.
std::vector<command> content_commands();
std::vector<command> learner_commands();
std::vector<command> attempt_commands();
std::vector<command> review_commands();
std::vector<command> plan_commands();
std::vector<command> srs_commands();
std::vector<command> evaluation_commands();
std::vector<command> serve_commands();
std::vector<command> simulation_commands();
std::vector<command> mock_commands();
std::vector<command> teach_commands();
std::vector<command> access_commands();
std::vector<command> backup_commands();
std::vector<command> exchange_commands();

/// Parses argv, runs the command, maps errors to exit codes (0 ok, 1 failed, 2 usage).
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace rehearse::cli
