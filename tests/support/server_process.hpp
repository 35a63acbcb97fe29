// Runs the real `rehearse serve --port 0` as a subprocess on 127.0.0.1 with a private database,
// waits for the URL it prints, and stops it (SIGTERM, then SIGKILL) when done. Every wait is bounded.
#pragma once

#include "process.hpp"
#include "temp_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace rehearse::test {

class server_process {
   public:
    explicit server_process(std::vector<std::string> extra_args = {},
                            std::chrono::seconds startup_limit = std::chrono::seconds(60)) {
        out_path_ = dir_.file("stdout");
        err_path_ = dir_.file("stderr");
        std::vector<std::string> args{REHEARSE_CLI, "serve", "--port", "0", "--db", dir_.file("rehearse.db")};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        // Built before fork: after fork in a threaded process only async-signal-safe calls are safe.
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<char*> envp;
        for (char** e = environ; *e; ++e) {
            const std::string_view entry(*e);
            if (entry.rfind("REHEARSE_LEARNER=", 0) != 0 && entry.rfind("REHEARSE_PLUGIN_PATH=", 0) != 0)
                envp.push_back(*e);
        }
        envp.push_back(nullptr);
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            const int in = open("/dev/null", O_RDONLY);
            const int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            const int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (in < 0 || out < 0 || err < 0) _exit(126);
            dup2(in, 0);
            dup2(out, 1);
            dup2(err, 2);
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        const auto deadline = std::chrono::steady_clock::now() + startup_limit;
        const std::string marker = "Rehearse is serving on http://";
        while (std::chrono::steady_clock::now() < deadline) {
            const std::string out = slurp(out_path_);
            if (const auto at = out.find(marker); at != std::string::npos) {
                const auto end = out.find('\n', at);
                if (end != std::string::npos) {
                    url_ = out.substr(at + marker.size() - 7, end - at - marker.size() + 7);
                    const auto colon = url_.rfind(':');
                    port_ = static_cast<std::uint16_t>(std::stoi(url_.substr(colon + 1)));
                    return;
                }
            }
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("rehearse serve exited before listening: " + slurp(err_path_));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        throw std::runtime_error("rehearse serve printed no URL in time: " + slurp(err_path_));
    }

    ~server_process() { stop(); }
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    std::uint16_t port() const { return port_; }
    const std::string& url() const { return url_; }
    std::string err() const { return slurp(err_path_); }
    /// The server's database, for CLI commands run beside it (tokens, groups).
    std::string db() const { return dir_.file("rehearse.db"); }

    /// SIGTERM, then up to `limit` for a graceful exit, then SIGKILL. Returns the exit code (128+signal
    /// when killed), or nullopt when it was already stopped.
    std::optional<int> stop(std::chrono::seconds limit = std::chrono::seconds(15)) {
        if (pid_ <= 0) return std::nullopt;
        kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + limit;
        int status = 0;
        for (;;) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) break;
            if (std::chrono::steady_clock::now() >= deadline) {
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    /// SIGKILL at once, as a crash or the kernel's out-of-memory killer would: no handler runs, nothing
    /// is flushed. Returns once the process is gone.
    void kill_now() {
        if (pid_ <= 0) return;
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }

   private:
    temp_dir dir_;
    std::string out_path_, err_path_;
    pid_t pid_ = -1;
    std::string url_;
    std::uint16_t port_ = 0;
};

}  // namespace rehearse::test
