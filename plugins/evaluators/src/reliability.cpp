// Reliability and operability: no single instance of a tier without redundancy, and a way to
// see what is happening (metrics, logs, tracing, alerts).
#include "common.hpp"

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace rehearse::evaluators {

json evaluate_reliability(const context& c) {
    json findings = json::array();
    json strengths = json::array();
    std::set<std::string> kinds;
    for (const auto& comp : c.answer.value("architecture", json::object()).value("components", json::array()))
        if (!comp.value("negated", false)) kinds.insert(comp.value("kind", ""));

    const sentence* monitoring = mention(c, {"monitoring",
                                             "monitored",
                                             "metrics",
                                             "logging",
                                             "structured logs",
                                             "log aggregation",
                                             "centralized logs",
                                             "application logs",
                                             "logs",
                                             "tracing",
                                             "traces",
                                             "distributed trace",
                                             "alerting",
                                             "alarms",
                                             "alarm",
                                             "observability",
                                             "prometheus",
                                             "grafana",
                                             "datadog",
                                             "sentry",
                                             "cloudwatch",
                                             "opentelemetry",
                                             "pagerduty",
                                             "new relic",
                                             "apm",
                                             "on-call",
                                             "uptime check",
                                             "elk",
                                             "loki",
                                             "splunk",
                                             "honeycomb"});
    if (!monitoring) {
        // Words that also name product features or targets ("the user's dashboard", "alert the user",
        // "p99 latency of 1 ms") count only next to an operational signal.
        for (const auto& s : c.sentences) {
            if (s.kind == "heading" || (s.kind == "code" && is_program(s.lang))) continue;
            bool weak = false;
            for (std::string_view w : {"alert", "alerts", "dashboard", "dashboards", "health check", "health checks",
                                       "slo", "slos", "p99", "p95", "error rate", "error rates", "watch", "watched"}) {
                const auto at = find_word(s.text, w);
                if (at != std::string::npos && !negated(s.text, at, w.size())) weak = true;
            }
            if (!weak) continue;
            bool ops = s.section == "reliability";
            for (std::string_view w :
                 {"error",       "errors",    "latency", "failure",    "failures",   "failed",  "5xx",   "lag",
                  "queue depth", "queue age", "cpu",     "disk",       "uptime",     "page",    "pages", "paging",
                  "on-call",     "oncall",    "ops",     "saturation", "throughput", "timeouts"})
                if (find_word(s.text, w) != std::string::npos) ops = true;
            if (ops && s.text.back() != '?') {
                monitoring = &s;
                break;
            }
        }
    }
    if (!monitoring)
        findings.push_back(finding(
            "no-monitoring", "reliability", "major", "Nothing in the design says how you would know it is broken.",
            "Name the signals: request rate, error rate and latency per endpoint, queue depth and job failures, "
            "with alerts on them; add structured logs and tracing.",
            "no metrics, logging, tracing or alerting mentioned",
            "Without monitoring, users find outages before you do, and you cannot tell which component failed."));
    else
        strengths.push_back("You planned how to observe the system (\"" + excerpt(monitoring->raw, 80) + "\")");

    // Redundancy is judged per tier, and only when stated as part of the design: "we could add
    // replicas later" does not remove today's single point of failure.
    const sentence* db_redundancy = stated(c, {"replica",
                                               "replicas",
                                               "replication",
                                               "standby",
                                               "failover",
                                               "fail over",
                                               "multi-az",
                                               "availability zones",
                                               "highly available",
                                               "high availability",
                                               "patroni",
                                               "aurora",
                                               "replication factor",
                                               "rf=3",
                                               "rf 3",
                                               "quorum",
                                               "cassandra",
                                               "dynamodb",
                                               "spanner",
                                               "cockroachdb",
                                               "primary/replica",
                                               "primary-replica"});
    const sentence* app_redundancy =
        mention(c,
                {"multiple instances", "two instances", "2 instances", "at least two", "n+1", "autoscaling",
                 "auto-scaling", "auto scaling", "several instances", "multiple servers", "instances behind",
                 "servers behind", "replicas behind", "pods", "two app servers", "2 app servers", "stateless"},
                {}, false);
    std::string spof;
    // "one Postgres instance", "a single Redis", "runs on one EC2 box".
    for (const auto& s : c.sentences) {
        if (!spof.empty()) break;
        if (s.kind == "heading" || (s.kind == "code" && s.lang != "" && s.lang != "mermaid")) continue;
        for (std::string_view q : {"single", "one", "only one", "a lone"}) {
            for (auto pos = find_word(s.text, q); pos != std::string::npos; pos = find_word(s.text, q, pos + 1)) {
                if (negated(s.text, pos, q.size())) continue;
                const std::string tail = s.text.substr(pos + q.size(), 28);
                bool tier = false;
                for (std::string_view t : {"redis", "postgres", "postgresql", "mysql", "database", "db ", "server",
                                           "instance", "machine", "ec2", "vm", "box", "node", "sqlite", "broker"})
                    if (tail.find(t) != std::string::npos) tier = true;
                if (!tier) continue;
                if (tail.find("per ") != std::string::npos || tail.find("shard") != std::string::npos) continue;
                bool redundant_here = false;
                for (std::string_view r :
                     {"replica", "standby", "failover", "cluster", "multi-az", "sentinel", "redundan"})
                    if (s.text.find(r) != std::string::npos) redundant_here = true;
                if (redundant_here) continue;
                // Sizing statements ("one Postgres holds three years comfortably") are not a design claim
                // about redundancy.
                bool sizing = false;
                for (std::string_view w :
                     {"fits", "fit ", "enough", "plenty", "comfortably", "can serve", "is sufficient", "suffices",
                      "capacity", "ample", "room for", "sufficient", "no need", "don't need"})
                    if (s.text.find(w) != std::string::npos) sizing = true;
                // "holds three years", "handles 5k writes/s": a size with a number.
                bool number = false;
                for (char ch : s.text) number = number || std::isdigit(static_cast<unsigned char>(ch));
                for (std::string_view w : {"holds", "handles", "handle ", "carry", "carries", "per "})
                    if (number && s.text.find(w) != std::string::npos) sizing = true;
                if (sizing) continue;
                // "one Redis range read", "a single database query": an operation, not a tier.
                bool operation = false;
                {
                    std::vector<std::string> words;
                    std::string cur;
                    for (char ch : tail) {
                        if (is_word_char(ch))
                            cur += ch;
                        else if (!cur.empty())
                            words.push_back(cur), cur.clear();
                    }
                    if (!cur.empty()) words.push_back(cur);
                    static const std::set<std::string> ops{
                        "read",   "reads",   "write",   "writes",    "query", "queries",     "call", "calls",
                        "lookup", "lookups", "request", "round",     "hop",   "transaction", "scan", "range",
                        "get",    "command", "fetch",   "statement", "join",  "roundtrip"};
                    for (std::size_t i = 0; i + 1 < words.size() && i < 2; ++i)
                        if (ops.count(words[i + 1]) && !ops.count(words[i])) operation = true;
                }
                if (operation) continue;
                spof = excerpt(s.raw, 110);
                break;
            }
            if (!spof.empty()) break;
        }
    }
    const bool has_db = kinds.count("database") > 0;
    const bool has_app = kinds.count("app-server") > 0;
    const bool lb = kinds.count("load-balancer") > 0 || kinds.count("api-gateway") > 0;
    // A replica only counts when it is part of today's design (db_redundancy ignores hedged sentences).
    if (spof.empty() && has_db && !db_redundancy) spof = "one database with no replica or failover";
    // A lone app tier is only reported when the answer says so in words (handled above): a
    // diagram without a load balancer often just leaves it implicit.
    (void)has_app;
    (void)lb;
    const bool redundancy_words = db_redundancy || app_redundancy;
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
    double score =
        0.25 + (monitoring ? 0.3 : 0) + (spof.empty() && (has_db || has_app) ? 0.3 : 0.1) + (extras ? 0.15 : 0);
    score -= 0.5 * penalty(findings);
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
