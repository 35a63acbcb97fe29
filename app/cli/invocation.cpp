#include "cli/cli.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/grading/evaluation.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>

namespace rehearse::cli {

invocation::invocation(const command& c, global_options g, std::map<std::string, std::vector<std::string>> options,
                       std::vector<std::string> a, std::istream& i, std::ostream& o, std::ostream& e)
    : cmd(c), global(std::move(g)), args(std::move(a)), in(i), out(o), err(e), options_(std::move(options)) {}

invocation::~invocation() = default;

bool invocation::has(std::string_view option) const { return options_.count(std::string(option)) > 0; }

std::optional<std::string> invocation::value(std::string_view option) const {
    const auto it = options_.find(std::string(option));
    if (it == options_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> invocation::values(std::string_view option) const {
    const auto it = options_.find(std::string(option));
    return it == options_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<long long> invocation::integer(std::string_view option, long long min, long long max) const {
    const auto v = value(option);
    if (!v) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno == ERANGE || n < min || n > max)
        throw error(errc::usage, "--" + std::string(option) + " takes a whole number from " + std::to_string(min) +
                                     " to " + std::to_string(max) + ", not \"" + *v + "\"");
    return n;
}

plugin_log_sink invocation::plugin_log() const {
    return
        [stream = &err, verbose = global.verbose](const std::string& plugin, int32_t level, std::string_view message) {
            if (level < REHEARSE_LOG_WARNING && !verbose) return;
            static constexpr const char* names[] = {"debug", "info", "warning", "error"};
            while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.remove_suffix(1);
            const std::string line = "rehearse: plugin " + plugin + ": " +
                                     names[std::clamp(level, REHEARSE_LOG_DEBUG, REHEARSE_LOG_ERROR)] + ": " +
                                     std::string(message) + '\n';
            // Plugins may log from several request threads at once; each line stays whole.
            static std::mutex one_line_at_a_time;
            const std::lock_guard<std::mutex> lock(one_line_at_a_time);
            *stream << line << std::flush;
        };
}

std::unique_ptr<app_context> invocation::make_context(context_options options) const {
    options.db_path = global.db;
    options.plugin_log = plugin_log();
    if (global.now) options.now = parse_iso8601(*global.now);
    return std::make_unique<app_context>(std::move(options));
}

app_context& invocation::context() {
    if (!context_) {
        context_options options;
        options.plugin_dirs = global.plugin_dirs;
        context_ = make_context(std::move(options));
        for (const auto& d : context_->diagnostics())
            err << "rehearse: warning: " << d.path << ": " << d.reason << '\n';
    }
    return *context_;
}

std::string invocation::learner_name() const {
    if (global.learner) return *global.learner;
    if (const char* env = std::getenv("REHEARSE_LEARNER"); env && *env) return env;
    throw error(errc::usage, "no learner: pass --learner NAME or set REHEARSE_LEARNER");
}

void invocation::print_json(const nlohmann::json& doc) const { out << doc.dump(2) << '\n'; }

std::string read_answer(invocation& inv, const std::string& path) {
    if (path == "-") {
        std::string text;
        char buffer[65536];
        while (inv.in.read(buffer, sizeof buffer) || inv.in.gcount() > 0) {
            text.append(buffer, static_cast<std::size_t>(inv.in.gcount()));
            if (text.size() > max_answer_bytes) break;  // check_answer_text names the limit
        }
        return text;
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw error(errc::io, path + ": no such file");
    if (std::filesystem::is_directory(path, ec))
        throw error(errc::io, path + ": is a directory, expected a Markdown file");
    try {
        return read_text_file(path, max_answer_bytes);
    } catch (const error& e) {
        if (e.code() != errc::too_large) throw;
        throw error(errc::invalid_input, path + ": the answer is larger than " +
                                             std::to_string(max_answer_bytes / 1024) +
                                             " KiB; answers are limited to that much Markdown");
    }
}

}  // namespace rehearse::cli
