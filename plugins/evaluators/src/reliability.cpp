// Reliability and operability: no single instance of a tier without redundancy, and a way to
// see what is happening (metrics, logs, tracing, alerts).
#include "common.hpp"

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace rehearse::evaluators {

namespace {

/// The tier a "single X" phrase names: "database" (Postgres, MySQL, the database, a primary),
/// "cache" (Redis, Memcached), "broker", or "app" (a server, instance, VM, box).
std::string tier_of(std::string_view tail) {
    for (std::string_view w : {"postgres", "mysql", "database", "db ", "sqlite", "primary", "rds", "aurora"})
        if (tail.find(w) != std::string_view::npos) return "database";
    for (std::string_view w : {"redis", "memcached", "cache"})
        if (tail.find(w) != std::string_view::npos) return "cache";
    if (tail.find("broker") != std::string_view::npos || tail.find("kafka") != std::string_view::npos ||
        tail.find("rabbit") != std::string_view::npos)
        return "broker";
    return "app";
}

/// Whether the answer states redundancy for that tier anywhere in today's design: a database with a
/// standby, replicas, failover or multi-AZ; a Redis with replicas or Sentinel; app servers behind a
/// load balancer or several instances.
bool redundant_tier(const context& c, std::string_view tail) {
    const std::string tier = tier_of(tail);
    static const std::initializer_list<std::string_view> redundancy{
        "replica",           "replicas",    "replication", "standby",       "failover",           "fail over",
        "multi-az",          "multi az",    "sentinel",    "patroni",       "availability zones", "highly available",
        "high availability", "hot standby", "cluster",     "auto-failover", "automatic failover"};
    std::initializer_list<std::string_view> names;
    static const std::initializer_list<std::string_view> db_names{
        "postgres", "postgresql", "mysql", "database", "db", "primary", "rds", "aurora", "patroni", "multi-az"};
    static const std::initializer_list<std::string_view> cache_names{"redis", "memcached", "cache", "sentinel"};
    static const std::initializer_list<std::string_view> broker_names{"kafka", "rabbitmq", "broker", "sqs"};
    static const std::initializer_list<std::string_view> app_names{
        "servers", "instances", "app", "api", "service", "load balancer", "pods", "autoscaling", "nodes"};
    names = tier == "database" ? db_names : tier == "cache" ? cache_names : tier == "broker" ? broker_names : app_names;
    for (const auto& s : c.sentences) {
        if (s.kind == "heading" || (s.kind == "code" && s.lang != "" && s.lang != "mermaid")) continue;
        if (future_only(s.text) || (!s.text.empty() && s.text.back() == '?')) continue;
        bool redundant = false;
        // An app tier is redundant by its own words (several instances, a load balancer); a database's
        // replica says nothing about the VM the app runs on.
        if (tier != "app")
            for (auto r : redundancy)
                for (auto at = find_word(s.text, r); at != std::string::npos && !redundant;
                     at = find_word(s.text, r, at + 1))
                    if (!negated(s.text, at, r.size())) redundant = true;
        if (tier == "app")
            for (std::string_view r :
                 {"behind a load balancer", "behind the load balancer", "two instances", "multiple instances",
                  "at least two", "autoscaling", "auto-scaling", "stateless", "2+", "n+1"})
                if (s.text.find(r) != std::string::npos) redundant = true;
        if (!redundant) continue;
        for (auto n : names)
            if (find_word(s.text, n) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

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
                // "one more node in the DAG", "one of the replicas", "a single 100 Gbps port": not a
                // deployment of one instance.
                {
                    std::size_t k = 0;
                    while (k < tail.size() && tail[k] == ' ') ++k;
                    const std::string_view next = std::string_view(tail).substr(k);
                    bool skip = next.empty() || std::isdigit(static_cast<unsigned char>(next[0]));
                    for (std::string_view w : {"more ", "of ", "extra ", "additional ", "per ", "place", "way"})
                        if (next.rfind(w, 0) == 0) skip = true;
                    if (skip) continue;
                }
                bool tier = false;
                for (std::string_view t : {"redis", "postgres", "postgresql", "mysql", "database", "db ", "server",
                                           "instance", "machine", "ec2", "vm", "box", "node", "sqlite", "broker"})
                    if (tail.find(t) != std::string::npos) tier = true;
                if (!tier) continue;
                if (tail.find("per ") != std::string::npos || tail.find("shard") != std::string::npos ||
                    tail.find("each") != std::string::npos || tail.find("port") != std::string::npos)
                    continue;
                // A remark about load ("the single primary's write path is the first bottleneck", "the
                // single Redis primary of a slot is the hottest piece") names a bottleneck, not a
                // deployment.
                bool bottleneck = false;
                for (std::string_view w : {"bottleneck", "hottest", "hot spot", "hotspot", "write path", "limit"})
                    if (s.text.find(w) != std::string::npos) bottleneck = true;
                if (bottleneck) continue;
                // The tier is decided from the whole answer: "one PostgreSQL primary handles this easily"
                // in an answer whose database has a standby with failover is not a single point.
                if (redundant_tier(c, tail)) continue;
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
