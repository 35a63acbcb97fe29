// Runs a program as a subprocess (the real CLI), feeding stdin and capturing stdout, stderr and
// the exit code. Output goes through files, so large outputs cannot deadlock a pipe.
#pragma once

#include "temp_dir.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace rehearse::test {

struct process_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Runs `args[0]` with `args`, the current environment plus `env` (a value of "" unsets).
inline process_result run_process(const std::vector<std::string>& args, const std::string& input = "",
                                  const std::map<std::string, std::string>& env = {}) {
    temp_dir io;
    const std::string in_path = io.file("stdin"), out_path = io.file("stdout"), err_path = io.file("stderr");
    std::ofstream(in_path, std::ios::binary) << input;
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int in = open(in_path.c_str(), O_RDONLY);
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0) _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        for (const auto& [k, v] : env) {
            if (v.empty())
                unsetenv(k.c_str());
            else
                setenv(k.c_str(), v.c_str(), 1);
        }
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    process_result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

/// Runs the real `rehearse` executable with a private database and no learner from the environment.
inline process_result run_cli(std::vector<std::string> args, const std::string& input = "",
                              std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), REHEARSE_CLI);
    env.emplace("REHEARSE_LEARNER", "");
    env.emplace("REHEARSE_PLUGIN_PATH", "");
    return run_process(args, input, env);
}

}  // namespace rehearse::test
