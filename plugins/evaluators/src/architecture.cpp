// Architecture: the components this problem needs (cache for read-heavy, queue and workers for
// slow work, object storage for files) and how requests flow between them.
#include "common.hpp"

#include <map>
#include <set>
#include <vector>

namespace rehearse::evaluators {

namespace {

/// Kinds present, un-negated, and kinds only ever mentioned negatively.
void kinds(const context& c, std::set<std::string>& present, std::set<std::string>& declined) {
    for (const auto& comp : c.answer.value("architecture", json::object()).value("components", json::array())) {
        const std::string k = comp.value("kind", "");
        if (comp.value("negated", false))
            declined.insert(k);
        else
            present.insert(k);
    }
    for (const auto& k : present) declined.erase(k);
}

}  // namespace

json evaluate_architecture(const context& c) {
    json findings = json::array();
    json strengths = json::array();
    std::set<std::string> present, declined;
    kinds(c, present, declined);
    const json& flags = c.flags();
    const std::string scale = c.scale();
    const bool small = scale == "tiny" || scale == "small";

    if (flags.value("read_heavy", false) && !present.count("cache") && !present.count("cdn")) {
        // A deliberate, reasoned "no cache at this scale" on a tiny problem is a decision, not a gap.
        const bool reasoned = declined.count("cache") && small;
        if (!reasoned)
            findings.push_back(
                finding("no-caching", "architecture", small ? "minor" : "major",
                        "This problem is read-heavy but the design has no cache in front of the database.",
                        "Add cache-aside (e.g. Redis) for the hot read path, say what you cache, the TTL and how you "
                        "invalidate on writes.",
                        declined.count("cache") ? "the answer says no cache is needed"
                                                : "no cache, Redis, Memcached or CDN mentioned",
                        "Reads dominate; serving them from memory cuts latency and keeps the database from becoming "
                        "the first bottleneck."));
    }
    const json& slow = flags.value("slow_operations", json::array());
    if (!slow.empty()) {
        std::string names;
        for (const auto& s : slow) names += (names.empty() ? "" : ", ") + s.value("name", "");
        // A queue or worker only counts when it is part of today's design: "we can add Celery later"
        // leaves the slow work in the request.
        bool async_tier = false;
        for (const auto& comp : c.answer.value("architecture", json::object()).value("components", json::array())) {
            const std::string k = comp.value("kind", "");
            if (comp.value("negated", false) || (k != "queue" && k != "stream" && k != "worker")) continue;
            bool stated = false, seen = false;
            for (const auto& s : c.sentences) {
                if (s.line != comp.value("line", -1) || s.kind == "heading") continue;
                seen = true;
                if (!future_only(s.text)) stated = true;
            }
            if (stated || !seen) async_tier = true;
        }
        const sentence* async_words = mention(c, {"background job", "asynchronous", "async", "job queue", "celery",
                                                  "sidekiq", "background task", "background process"});
        if (async_words && future_only(async_words->text)) async_words = nullptr;
        std::string evidence;
        if (!async_tier && !async_words) {
            evidence = "no queue, stream or worker component found";
        } else if (const json sync = sync_slow_operation(c); !sync.is_null()) {
            // A queue elsewhere (view counts, emails) does not help the slow step that still runs in the
            // request: it needs its own queue, unless the answer puts that work behind one somewhere.
            bool tied = false;
            const std::string sync_message = sync.value("message", std::string());
            for (const auto& op : slow) {
                // Only the slow step still in the request: a payment worker does not carry the matching.
                const std::string op_name = op.value("name", std::string());
                if (!op_name.empty() && sync_message.find(op_name) == std::string::npos) continue;
                const auto vocabulary = slow_vocabulary(op);
                for (const auto& s : c.sentences) {
                    if (s.kind == "heading" || future_only(s.text)) continue;
                    bool comparison = false;
                    for (std::string_view w : {"vs", "versus", "instead of", "rather than", "alternative", "trade-off",
                                               "tradeoff", "considered", "alarm", "alert", "metric", "metrics",
                                               "monitoring", "grafana", "prometheus", "lag", "dashboard"})
                        if (find_word(s.text, w) != std::string::npos) comparison = true;
                    if (comparison) continue;
                    // The queue and the slow step are named together: "OCR jobs go through SQS",
                    // "S3 event -> SQS -> transcoding workers".
                    std::vector<std::size_t> async_at;
                    for (std::string_view w : {"queue", "queued", "enqueue", "worker", "workers", "background", "async",
                                               "asynchronous", "asynchronously", "job", "jobs", "consumer", "celery",
                                               "sidekiq", "sqs", "rabbitmq", "kafka", "202"})
                        for (auto at = find_word(s.text, w); at != std::string::npos; at = find_word(s.text, w, at + 1))
                            if (!negated(s.text, at, w.size())) async_at.push_back(at);
                    if (async_at.empty()) continue;
                    for (const auto& k : vocabulary) {
                        const auto at = find_phrase(s.text, k);
                        if (at == std::string::npos) continue;
                        for (auto a : async_at)
                            if ((a > at ? a - at : at - a) <= 40) tied = true;
                    }
                    if (tied) break;
                }
                if (tied) break;
            }
            if (!tied)
                evidence =
                    "the queue in the design does not carry the slow step: " + sync.value("evidence", std::string());
        }
        if (!evidence.empty())
            findings.push_back(finding(
                "no-queue-for-async", "architecture", "major",
                "Slow work (" + names + ") has no queue or background worker in the design.",
                "Put the slow step behind a queue (SQS, RabbitMQ, a jobs table) processed by workers; return a job "
                "id and let clients poll or receive a webhook.",
                evidence,
                "Slow work inside a request ties up servers, times out and cannot be retried safely; a queue "
                "absorbs bursts and isolates failures."));
    }
    // When the schema keeps file bytes in binary columns, object storage named only as a road not
    // taken ("we considered S3 but ...", "Postgres vs object storage") is not in the design.
    bool object_storage = present.count("object-storage") > 0;
    if (object_storage && flags.value("stores_files", false)) {
        bool bytes_in_db = false;
        for (const auto& t : c.answer.value("schema", json::object()).value("tables", json::array()))
            for (const auto& col : t.value("columns", json::array())) {
                const std::string type = col.value("type", "");
                const std::string name = col.value("name", "") + " " + t.value("name", "");
                bool binary = false;
                for (const char* b : {"bytea", "blob", "longblob", "mediumblob", "varbinary"})
                    binary = binary || type == b;
                bool file = false;
                for (const char* w :
                     {"file", "pdf", "document", "image", "photo", "video", "content", "data", "attachment"})
                    file = file || name.find(w) != std::string::npos;
                if (binary && file) bytes_in_db = true;
            }
        if (bytes_in_db) {
            object_storage = false;
            for (const auto& s : c.sentences) {
                if (s.kind == "heading" || future_only(s.text)) continue;
                bool named = false;
                for (std::string_view w :
                     {"s3", "object storage", "object store", "blob storage", "gcs", "bucket", "minio"}) {
                    const auto at = find_word(s.text, w);
                    if (at != std::string::npos && !negated(s.text, at, w.size())) named = true;
                }
                if (!named) continue;
                bool road_not_taken = false;
                for (std::string_view w : {"considered", "vs", "versus", "instead", "rather than", "revisit",
                                           "alternative", "decided against", "rejected", "could", "would"})
                    if (find_word(s.text, w) != std::string::npos) road_not_taken = true;
                if (!road_not_taken) object_storage = true;
            }
        }
    }
    if (flags.value("stores_files", false) && !object_storage) {
        findings.push_back(finding(
            "no-object-storage", "architecture", "major",
            "The system stores files but the design has no object storage for them.",
            "Keep file bytes in object storage (S3, GCS) with presigned upload/download URLs, and only the key and "
            "metadata in the database.",
            "no S3, object storage or blob storage mentioned",
            "Object storage is cheap, durable and scales without limit; files in app servers or databases make "
            "backups, scaling and costs painful."));
    }

    // Coverage of the problem's required components, by kind.
    std::size_t required = 0, have = 0;
    std::vector<std::string> named;
    for (const auto& comp : c.problem.value("components", json::array())) {
        if (!comp.value("required", false)) continue;
        const std::string k = comp.value("kind", "");
        if (k == "client") continue;
        ++required;
        bool ok = present.count(k) > 0;
        if (k == "database" && present.count("replica")) ok = true;
        if (k == "app-server" && (present.count("api-gateway") || present.count("load-balancer"))) ok = true;
        if (k == "worker" && present.count("queue")) ok = true;
        if (k == "queue" && (present.count("stream") || present.count("worker"))) ok = true;
        if (ok) {
            ++have;
            if (named.size() < 4) named.push_back(k);
        }
    }
    const double coverage = required == 0 ? 0.6 : static_cast<double>(have) / static_cast<double>(required);
    const std::size_t edges = c.answer.value("architecture", json::object()).value("edges", json::array()).size();
    if (have >= 2) {
        std::string list;
        for (const auto& n : named) list += (list.empty() ? "" : ", ") + n;
        strengths.push_back("Your architecture has the pieces this problem needs (" + list + ")");
    }
    if (edges >= 2) strengths.push_back("You showed how a request flows through the system, not just a list of boxes");
    if (flags.value("stores_files", false) && object_storage)
        strengths.push_back("You kept file bytes in object storage rather than the database");
    double score = present.empty() ? 0.05 : 0.35 + 0.5 * coverage + (edges >= 2 ? 0.15 : 0.05);
    score -= penalty(findings);
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
