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
    // Everything the child needs is built before fork: tests fork while other threads run (a server
    // client, other subprocesses), and after fork in a threaded process only async-signal-safe calls
    // are allowed. A malloc in the child could wait forever on a lock another thread held.
    std::vector<std::string> environment;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        if (env.count(entry.substr(0, entry.find('='))) == 0) environment.push_back(entry);
    }
    for (const auto& [k, v] : env)
        if (!v.empty()) environment.push_back(k + "=" + v);
    std::vector<char*> envp, argv;
    for (auto& e : environment) envp.push_back(e.data());
    envp.push_back(nullptr);
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
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
        execve(argv[0], argv.data(), envp.data());
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
