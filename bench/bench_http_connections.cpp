// Many keep-alive clients on one server: the real `rehearse serve` as a subprocess on 127.0.0.1 and
// N client threads, each holding one keep-alive connection and sending GET .../next at a steady pace,
// so every run offers the same load however many connections carry it. Reports connection errors and
// latency percentiles for 200 connections against a baseline of 16 connections carrying the same
// total request rate, in the same run: the ratio shows what holding many connections costs. Then the
// 16 connections again while 150 other sockets are held open sending nothing (each reopened as soon
// as the server closes it), against the same baseline: what silent connections cost everyone else.
//   bench_http_connections [SECONDS_PER_RUN] [TOTAL_REQUESTS_PER_SECOND] [SERVE OPTIONS...]
// e.g. `bench_http_connections 10 400 --threads 8` runs the server as it was sized before.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct served {
    pid_t pid = -1;
    std::uint16_t port = 0;
};

served start_server(const fs::path& dir, const std::vector<std::string>& serve_options) {
    const fs::path out = dir / "stdout", err = dir / "stderr";
    served s;
    s.pid = fork();
    if (s.pid == 0) {
        const int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(o, 1);
        dup2(e, 2);
        std::vector<std::string> args{
            REHEARSE_CLI, "serve", "--port", "0", "--quiet", "--db", (dir / "bench.db").string()};
        args.insert(args.end(), serve_options.begin(), serve_options.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(REHEARSE_CLI, argv.data());
        _exit(127);
    }
    const std::string marker = "Rehearse is serving on http://127.0.0.1:";
    for (int i = 0; i < 1200; ++i) {
        const std::string text = slurp(out);
        if (const auto at = text.find(marker); at != std::string::npos) {
            s.port = static_cast<std::uint16_t>(std::atoi(text.c_str() + at + marker.size()));
            return s;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::fprintf(stderr, "the server did not start: %s\n", slurp(err).c_str());
    std::exit(1);
}

int request(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& target,
            const std::string& body = {}) {
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    if (!body.empty()) {
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::string ignored;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), ignored);
    return static_cast<int>(resp.getStatus());
}

struct run_result {
    int connections = 0;
    long requests = 0, errors = 0;
    std::vector<double> latencies_ms;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

/// `connections` clients, each sending every connections/rate seconds for `seconds`; every client
/// opens its connection first and keeps it, so all of them are open together for the whole run.
run_result run(std::uint16_t port, int connections, double rate, double seconds) {
    run_result out;
    out.connections = connections;
    std::mutex m;
    std::atomic<int> ready{0};
    const auto interval = std::chrono::duration<double>(static_cast<double>(connections) / rate);
    std::vector<std::thread> clients;
    for (int c = 0; c < connections; ++c)
        clients.emplace_back([&, c] {
            std::vector<double> mine;
            long errors = 0, sent = 0;
            Poco::Net::HTTPClientSession session("127.0.0.1", port);
            session.setKeepAlive(true);
            session.setTimeout(Poco::Timespan(30, 0));
            try {
                request(session, "GET", "/healthz");  // the connection is open before the clock starts
            } catch (...) {
                ++errors;
            }
            ready.fetch_add(1);
            while (ready.load() < connections) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            // Spread the clients' first sends over one interval, so the load is steady, not bursts.
            const auto start = clock_type::now() + std::chrono::duration_cast<clock_type::duration>(
                                                       interval * (static_cast<double>(c) / connections));
            const auto end = clock_type::now() +
                             std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(seconds));
            for (long i = 0;; ++i) {
                const auto due =
                    start + std::chrono::duration_cast<clock_type::duration>(interval * static_cast<double>(i));
                if (due >= end) break;
                std::this_thread::sleep_until(due);
                ++sent;
                try {
                    const int status = request(session, "GET", "/api/v1/learners/bench/next");
                    if (status != 200) ++errors;
                } catch (...) {
                    ++errors;
                    session.reset();
                }
                // Latency from when the request was due: a late start counts against the server.
                mine.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - due).count());
            }
            std::lock_guard lock(m);
            out.requests += sent;
            out.errors += errors;
            out.latencies_ms.insert(out.latencies_ms.end(), mine.begin(), mine.end());
        });
    for (auto& t : clients) t.join();
    return out;
}

void report(const run_result& r, const char* note = "") {
    std::printf("%4d connections%s: %7ld requests, %ld errors, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                r.connections, note, r.requests, r.errors, percentile(r.latencies_ms, 0.5),
                percentile(r.latencies_ms, 0.99), percentile(r.latencies_ms, 1.0));
}

/// `count` sockets that connect and send nothing, held open until destroyed: one that the server
/// closes is opened again at once, so the server faces `count` silent connections all along.
class silent_sockets {
   public:
    silent_sockets(std::uint16_t port, int count) : port_(port), sockets_(static_cast<std::size_t>(count)) {
        for (auto& s : sockets_) s.connect(Poco::Net::SocketAddress("127.0.0.1", port_));
        keeper_ = std::thread([this] {
            while (!done_.load()) {
                for (auto& s : sockets_) try {
                        // Readable means closed: nothing is ever sent to these.
                        if (s.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
                            s.close();
                            s = Poco::Net::StreamSocket();
                            s.connect(Poco::Net::SocketAddress("127.0.0.1", port_));
                            ++reopened_;
                        }
                    } catch (...) {
                    }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
    }
    ~silent_sockets() {
        done_.store(true);
        keeper_.join();
    }
    long reopened() const { return reopened_.load(); }

   private:
    std::uint16_t port_;
    std::vector<Poco::Net::StreamSocket> sockets_;
    std::atomic<bool> done_{false};
    std::atomic<long> reopened_{0};
    std::thread keeper_;
};

}  // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 10;
    const double rate = argc > 2 ? std::atof(argv[2]) : 400;
    char dir_template[] = "/tmp/rehearse-bench-http-XXXXXX";
    const fs::path dir = mkdtemp(dir_template);
    const served s = start_server(dir, std::vector<std::string>(argv + std::min(argc, 3), argv + argc));
    {
        Poco::Net::HTTPClientSession session("127.0.0.1", s.port);
        request(session, "POST", "/api/v1/learners", R"({"name":"bench"})");
        request(session, "GET", "/api/v1/learners/bench/next");  // warm: content and store loaded
    }
    std::printf("GET /api/v1/learners/{name}/next at %.0f requests/s in total, %.0f s per run\n", rate, seconds);
    const run_result baseline = run(s.port, 16, rate, seconds);
    report(baseline);
    const run_result many = run(s.port, 200, rate, seconds);
    report(many);
    std::printf("p99 ratio, 200 connections / 16 connections: %.2f\n",
                percentile(many.latencies_ms, 0.99) / std::max(1e-9, percentile(baseline.latencies_ms, 0.99)));
    run_result beside_silent;
    long reopened = 0;
    {
        silent_sockets silent(s.port, 150);
        beside_silent = run(s.port, 16, rate, seconds);
        reopened = silent.reopened();
    }
    report(beside_silent, " beside 150 silent sockets");
    std::printf("silent sockets closed by the server and reopened: %ld\n", reopened);
    std::printf("p99 ratio, 16 connections beside 150 silent sockets / 16 connections: %.2f\n",
                percentile(beside_silent.latencies_ms, 0.99) / std::max(1e-9, percentile(baseline.latencies_ms, 0.99)));
    kill(s.pid, SIGTERM);
    int status = 0;
    waitpid(s.pid, &status, 0);
    fs::remove_all(dir);
    return many.errors == 0 && baseline.errors == 0 && beside_silent.errors == 0 ? 0 : 1;
}
