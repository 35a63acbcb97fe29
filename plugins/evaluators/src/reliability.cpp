// Reliability and operability: no single instance of a tier without redundancy, and a way to
// see what is happening (metrics, logs, tracing, alerts).
#include "common.hpp"

#include <set>

namespace rehearse::evaluators {

json evaluate_reliability(const context& c) {
    json findings = json::array();
    json strengths = json::array();
    std::set<std::string> kinds;
    for (const auto& comp : c.answer.value("architecture", json::object()).value("components", json::array()))
        if (!comp.value("negated", false)) kinds.insert(comp.value("kind", ""));

    const sentence* monitoring = mention(
        c, {"monitoring", "monitor", "metrics", "metric", "logging", "logs", "log aggregation", "tracing", "trace",
            "alert", "alerting", "alarms", "observability", "dashboard", "prometheus", "grafana", "datadog", "sentry",
            "cloudwatch", "opentelemetry", "health check", "slo", "sla", "p99", "pagerduty", "new relic"});
    if (!monitoring && !kinds.count("monitoring"))
        findings.push_back(finding(
            "no-monitoring", "reliability", "major", "Nothing in the design says how you would know it is broken.",
            "Name the signals: request rate, error rate and latency per endpoint, queue depth and job failures, "
            "with alerts on them; add structured logs and tracing.",
            "no metrics, logging, tracing or alerting mentioned",
            "Without monitoring, users find outages before you do, and you cannot tell which component failed."));
    else
        strengths.push_back("You planned how to observe the system (\"" +
                            excerpt(monitoring ? monitoring->raw : std::string("monitoring component"), 80) + "\")");

    const bool redundancy_words =
        mention(c, {"replica", "replicas", "replication", "standby", "failover", "fail over", "redundant", "redundancy",
                    "multiple instances", "two instances", "2 instances", "at least two", "n+1", "multi-az",
                    "availability zones", "multiple azs", "autoscaling", "auto-scaling", "auto scaling", "cluster",
                    "highly available", "high availability", "ha pair", "multiple servers", "several instances",
                    "horizontally", "stateless"}) != nullptr;
    const sentence* single = mention(c, {"single server", "one server", "single instance", "one instance",
                                         "single machine", "one machine", "single database", "one database server"},
                                     {}, true);
    const bool has_db = kinds.count("database") > 0 || kinds.count("replica") > 0;
    const bool has_app = kinds.count("app-server") > 0;
    const bool lb = kinds.count("load-balancer") > 0 || kinds.count("api-gateway") > 0;
    std::string spof;
    if (single && !redundancy_words) spof = excerpt(single->raw, 100);
    else if (has_db && !kinds.count("replica") && !redundancy_words) spof = "one database with no replica or failover";
    else if (has_app && !lb && !redundancy_words) spof = "one application server with no second instance";
    if (!spof.empty())
        findings.push_back(finding(
            "single-point-of-failure", "reliability", "major",
            "A tier runs as a single instance with no redundancy: " + spof + ".",
            "Run at least two stateless app instances behind a load balancer, and a database standby or replica with "
            "automatic failover (e.g. a managed multi-AZ database).",
            spof, "When the only instance dies, the whole product is down until someone rebuilds it."));
    else if (redundancy_words)
        strengths.push_back("You removed single points of failure with redundancy and failover");

    const bool extras = mention(c, {"retry", "retries", "backoff", "timeout", "circuit breaker", "dead letter", "dlq",
                                    "backup", "backups", "point-in-time", "graceful degradation", "rate limit",
                                    "idempotent consumer", "runbook"}) != nullptr;
    double score = 0.25 + (monitoring ? 0.3 : 0) + (spof.empty() && (has_db || has_app) ? 0.3 : 0.1) + (extras ? 0.15 : 0);
    score -= 0.5 * penalty(findings);
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
