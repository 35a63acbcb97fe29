// Parsing argv against the command table, help and version, and the one place where errors become
// exit codes.
#include "cli/cli.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/iso_time.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace rehearse::cli {

namespace {

const std::vector<option_spec>& global_specs() {
    static const std::vector<option_spec> specs{
        {"db", "PATH", "database file (default: $XDG_DATA_HOME/rehearse/rehearse.db)"},
        {"json", "", "print one JSON document on stdout"},
        {"learner", "NAME", "the learner (default: $REHEARSE_LEARNER)"},
        {"now", "ISO-8601", "fix the clock for this command"},
        {"plugins", "DIR", "also load plugins from DIR (repeatable; also $REHEARSE_PLUGIN_PATH)", true},
        {"verbose", "", "also show plugins' info and debug messages on stderr"},
        {"help", "", "show help"},
        {"version", "", "show the version"},
    };
    return specs;
}

std::vector<command> all_commands() {
    std::vector<command> out;
    for (auto&& list :
         {content_commands(), learner_commands(), attempt_commands(), review_commands(), plan_commands(),
          srs_commands(), evaluation_commands(), simulation_commands(), serve_commands(), mock_commands(),
          teach_commands(), access_commands(), backup_commands(), exchange_commands()})
        for (auto& c : list) out.push_back(c);
    return out;
}

const option_spec* find_spec(const std::vector<option_spec>& specs, std::string_view name) {
    for (const auto& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

void print_options(std::ostream& out, const std::vector<option_spec>& specs) {
    for (const auto& s : specs) {
        std::string left = "  --" + std::string(s.name) + (s.value_name.empty() ? "" : " " + std::string(s.value_name));
        if (left.size() < 28) left.resize(28, ' ');
        out << left << ' ' << s.help << '\n';
    }
}

void print_global_help(std::ostream& out, const std::vector<command>& commands) {
    out << "rehearse — system-design interview practice as a spaced-repetition curriculum\n\n"
           "Usage: rehearse [OPTIONS] COMMAND [ARGS]\n\nCommands:\n";
    for (const auto& c : commands) {
        std::string left = "  " + c.name() + (c.args_usage.empty() ? "" : " " + std::string(c.args_usage));
        if (left.size() < 34) left.resize(34, ' ');
        out << left << ' ' << c.summary << '\n';
    }
    out << "\nOptions (accepted by every command):\n";
    print_options(out, global_specs());
    out << "\nRun 'rehearse COMMAND --help' for a command's options. Exit codes: 0 ok, 1 failed, 2 usage.\n";
}

void print_command_help(std::ostream& out, const command& c) {
    out << "Usage: rehearse " << c.name() << (c.args_usage.empty() ? "" : " " + std::string(c.args_usage))
        << (c.options.empty() ? "" : " [OPTIONS]") << "\n\n"
        << c.summary << "\n";
    if (!c.options.empty()) {
        out << "\nOptions:\n";
        print_options(out, c.options);
    }
    out << "\nGlobal options:\n";
    print_options(out, global_specs());
}

/// Longest run of leading positional words that names a command.
const command* match_command(const std::vector<command>& commands, const std::vector<std::string>& words,
                             std::size_t& used) {
    const command* best = nullptr;
    used = 0;
    for (const auto& c : commands) {
        if (c.words.size() > words.size() || c.words.size() <= used) continue;
        if (std::equal(c.words.begin(), c.words.end(), words.begin())) {
            best = &c;
            used = c.words.size();
        }
    }
    return best;
}

struct parsed {
    global_options global;
    std::vector<std::string> positionals;
    std::vector<std::pair<std::string, std::optional<std::string>>> options;  // unresolved command options
};

/// Splits argv into global options, positionals and other options. An option's value is taken from
/// `--name=value` or, for options known to take one, the next argument.
parsed split_arguments(int argc, const char* const* argv, const std::vector<command>& commands) {
    parsed p;
    // Values of command options must not be mistaken for positionals, so every option any command
    // declares with a value is known here.
    auto takes_value = [&](std::string_view name) {
        if (const auto* g = find_spec(global_specs(), name)) return !g->value_name.empty();
        for (const auto& c : commands)
            if (const auto* s = find_spec(c.options, name)) return !s->value_name.empty();
        return false;
    };
    bool only_positionals = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (only_positionals || a.size() < 2 || a[0] != '-') {
            p.positionals.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positionals = true;
            continue;
        }
        if (a == "-h") a = "--help";
        if (a == "-o") a = "--output";  // the usual short form of the commands that write a file
        if (a.rfind("--", 0) != 0) throw error(errc::usage, "unknown option " + a);
        std::string name = a.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        } else if (takes_value(name)) {
            if (i + 1 >= argc) throw error(errc::usage, "--" + name + " needs a value");
            value = argv[++i];
        }
        if (name == "json")
            p.global.json = true;
        else if (name == "help")
            p.global.help = true;
        else if (name == "version")
            p.global.version = true;
        else if (name == "verbose")
            p.global.verbose = true;
        else if (name == "db")
            p.global.db = value;
        else if (name == "learner")
            p.global.learner = value;
        else if (name == "now")
            p.global.now = value;
        else if (name == "plugins")
            p.global.plugin_dirs.push_back(*value);
        else
            p.options.emplace_back(name, value);
    }
    return p;
}

}  // namespace

std::string command::name() const {
    std::string out;
    for (auto w : words) out += (out.empty() ? "" : " ") + std::string(w);
    return out;
}

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
    const auto commands = all_commands();
    const command* cmd = nullptr;
    try {
        parsed p = split_arguments(argc, argv, commands);
        std::size_t used = 0;
        cmd = match_command(commands, p.positionals, used);
        if (p.global.version && !cmd) {
            out << "rehearse " << REHEARSE_VERSION << " (plugin API " << REHEARSE_API_MAJOR << "." << REHEARSE_API_MINOR
                << ")\n";
            return 0;
        }
        if (!cmd) {
            if (p.global.help || p.positionals.empty()) {
                print_global_help(p.global.help ? out : err, commands);
                return p.global.help ? 0 : 2;
            }
            throw error(errc::usage, "unknown command \"" + p.positionals.front() + "\" (see: rehearse --help)");
        }
        if (p.global.help) {
            print_command_help(out, *cmd);
            return 0;
        }
        std::map<std::string, std::vector<std::string>> options;
        for (auto& [name, value] : p.options) {
            const option_spec* spec = find_spec(cmd->options, name);
            if (!spec) throw error(errc::usage, "unknown option --" + name + " for '" + cmd->name() + "'");
            if (spec->value_name.empty() && value) throw error(errc::usage, "--" + name + " takes no value");
            if (!spec->value_name.empty() && !value) throw error(errc::usage, "--" + name + " needs a value");
            auto& slot = options[name];
            if (!slot.empty() && !spec->repeatable) throw error(errc::usage, "--" + name + " given twice");
            slot.push_back(value.value_or(""));
        }
        std::vector<std::string> args(p.positionals.begin() + static_cast<std::ptrdiff_t>(used), p.positionals.end());
        if (args.size() < cmd->min_args || args.size() > cmd->max_args)
            throw error(errc::usage, "usage: rehearse " + cmd->name() +
                                         (cmd->args_usage.empty() ? "" : " " + std::string(cmd->args_usage)) +
                                         " (see: rehearse " + cmd->name() + " --help)");
        // A bad clock is the caller's mistake (exit 2), rejected before anything runs.
        if (p.global.now && !try_parse_iso8601(*p.global.now))
            throw error(errc::usage, "--now: not an ISO-8601 date-time: \"" + *p.global.now + "\"");
        invocation inv(*cmd, std::move(p.global), std::move(options), std::move(args), in, out, err);
        return cmd->run(inv);
    } catch (const error& e) {
        err << "rehearse: " << e.what() << '\n';
        if (e.code() == errc::usage && !cmd) err << "Run 'rehearse --help' for usage.\n";
        return exit_code(e.code());
    } catch (const std::exception& e) {
        err << "rehearse: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace rehearse::cli
