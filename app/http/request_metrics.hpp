// What /metrics reports (Prometheus text format 0.0.4): requests answered per route and status, and
// a latency histogram per route. Routes are the patterns that matched (/api/v1/problems/{id}), never
// raw paths, so the series stay few whatever clients send.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace rehearse::http {

class request_metrics {
   public:
    /// Upper bounds of the latency buckets, in seconds.
    static constexpr std::array<double, 12> bucket_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                          0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    /// Counts one answered request. `route` is empty for a request no route matched.
    void observe(const std::string& method, const std::string& route, int status, double seconds);

    /// Gauges sampled when /metrics is read (open connections, queued connections, ...).
    using gauge_source = std::function<std::vector<std::pair<std::string, double>>()>;
    void set_gauges(gauge_source source);

    /// The whole exposition, with HELP and TYPE lines.
    std::string prometheus_text() const;

   private:
    struct histogram {
        std::array<std::uint64_t, bucket_bounds.size()> counts{};  // per bucket, not cumulative
        double sum = 0;
        std::uint64_t count = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::map<std::pair<std::string, std::string>, histogram> latency_;
    gauge_source gauges_;
};

}  // namespace rehearse::http
