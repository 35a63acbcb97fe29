#include "http/request_metrics.hpp"

#include <cstdio>
#include <sstream>

namespace rehearse::http {

namespace {

std::string metric_number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

std::string route_label(const std::string& route) { return route.empty() ? "unmatched" : route; }

}  // namespace

void request_metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
    const std::string label = route_label(route);
    std::lock_guard lock(mutex_);
    ++requests_[{method, label, status}];
    histogram& h = latency_[{method, label}];
    std::size_t i = 0;
    while (i < bucket_bounds.size() && seconds > bucket_bounds[i]) ++i;
    if (i < bucket_bounds.size()) ++h.counts[i];
    h.sum += seconds;
    ++h.count;
}

void request_metrics::set_gauges(gauge_source source) {
    std::lock_guard lock(mutex_);
    gauges_ = std::move(source);
}

std::string request_metrics::prometheus_text() const {
    std::ostringstream out;
    gauge_source gauges;
    {
        std::lock_guard lock(mutex_);
        gauges = gauges_;
        out << "# HELP rehearse_http_requests_total HTTP requests answered, by method, route and status.\n"
               "# TYPE rehearse_http_requests_total counter\n";
        for (const auto& [key, n] : requests_) {
            const auto& [method, route, status] = key;
            out << "rehearse_http_requests_total{method=\"" << method << "\",route=\"" << route << "\",status=\""
                << status << "\"} " << n << '\n';
        }
        out << "# HELP rehearse_http_request_duration_seconds Time from a request's arrival to its answer.\n"
               "# TYPE rehearse_http_request_duration_seconds histogram\n";
        for (const auto& [key, h] : latency_) {
            const std::string labels = "method=\"" + key.first + "\",route=\"" + key.second + "\"";
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
                cumulative += h.counts[i];
                out << "rehearse_http_request_duration_seconds_bucket{" << labels << ",le=\""
                    << metric_number(bucket_bounds[i]) << "\"} " << cumulative << '\n';
            }
            out << "rehearse_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << '\n'
                << "rehearse_http_request_duration_seconds_sum{" << labels << "} " << metric_number(h.sum) << '\n'
                << "rehearse_http_request_duration_seconds_count{" << labels << "} " << h.count << '\n';
        }
    }
    // Sampled outside the lock: a gauge source may take locks of its own.
    if (gauges)
        for (const auto& [name, value] : gauges())
            out << "# TYPE " << name << " gauge\n" << name << ' ' << metric_number(value) << '\n';
    return out.str();
}

}  // namespace rehearse::http
