#include "rehearse/core/answer/architecture_graph.hpp"

#include <rehearse/sdk/text.hpp>

#include <array>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rehearse {

using nlohmann::json;

namespace {

// Phrase -> kind, most specific first: "read replica" before "replica" before "database".
const std::vector<std::pair<std::string_view, std::string_view>>& vocabulary() {
    static const std::vector<std::pair<std::string_view, std::string_view>> v{
        {"load balancer", "load-balancer"},
        {"load-balancer", "load-balancer"},
        {"loadbalancer", "load-balancer"},
        {"nginx", "load-balancer"},
        {"haproxy", "load-balancer"},
        {"elb", "load-balancer"},
        {"alb", "load-balancer"},
        {"nlb", "load-balancer"},
        {"lb", "load-balancer"},
        {"l7", "load-balancer"},
        {"envoy", "load-balancer"},
        {"api gateway", "api-gateway"},
        {"api-gateway", "api-gateway"},
        {"gateway", "api-gateway"},
        {"websocket", "websocket-gateway"},
        {"web socket", "websocket-gateway"},
        {"socket server", "websocket-gateway"},
        {"connection server", "websocket-gateway"},
        {"sse", "websocket-gateway"},
        {"cdn", "cdn"},
        {"cloudfront", "cdn"},
        {"akamai", "cdn"},
        {"fastly", "cdn"},
        {"edge cache", "cdn"},
        {"read replica", "replica"},
        {"replica", "replica"},
        {"standby", "replica"},
        {"follower", "replica"},
        {"hot standby", "replica"},
        {"object storage", "object-storage"},
        {"object store", "object-storage"},
        {"blob storage", "object-storage"},
        {"blob store", "object-storage"},
        {"s3", "object-storage"},
        {"gcs", "object-storage"},
        {"minio", "object-storage"},
        {"azure blob", "object-storage"},
        {"bucket", "object-storage"},
        {"cache", "cache"},
        {"redis", "cache"},
        {"memcached", "cache"},
        {"memcache", "cache"},
        {"lru", "cache"},
        {"elasticsearch", "search"},
        {"opensearch", "search"},
        {"elastic", "search"},
        {"solr", "search"},
        {"search index", "search"},
        {"search service", "search"},
        {"full-text search", "search"},
        {"kafka", "stream"},
        {"kinesis", "stream"},
        {"event stream", "stream"},
        {"pub/sub", "stream"},
        {"pubsub", "stream"},
        {"event bus", "stream"},
        {"pulsar", "stream"},
        {"outbox", "stream"},
        {"queue", "queue"},
        {"sqs", "queue"},
        {"rabbitmq", "queue"},
        {"rabbit", "queue"},
        {"celery", "queue"},
        {"sidekiq", "queue"},
        {"bullmq", "queue"},
        {"job queue", "queue"},
        {"message broker", "queue"},
        {"broker", "queue"},
        {"task queue", "queue"},
        {"worker", "worker"},
        {"consumer", "worker"},
        {"background job", "worker"},
        {"job runner", "worker"},
        {"processor", "worker"},
        {"lambda", "worker"},
        {"cron", "scheduler"},
        {"scheduler", "scheduler"},
        {"notification service", "notification"},
        {"email service", "notification"},
        {"sendgrid", "notification"},
        {"ses", "notification"},
        {"sns", "notification"},
        {"twilio", "notification"},
        {"apns", "notification"},
        {"fcm", "notification"},
        {"push service", "notification"},
        {"rate limiter", "rate-limiter"},
        {"rate-limiter", "rate-limiter"},
        {"snowflake", "id-generator"},
        {"id generator", "id-generator"},
        {"ticket server", "id-generator"},
        {"prometheus", "monitoring"},
        {"grafana", "monitoring"},
        {"datadog", "monitoring"},
        {"monitoring", "monitoring"},
        {"metrics", "monitoring"},
        {"analytics", "analytics"},
        {"clickhouse", "analytics"},
        {"data warehouse", "analytics"},
        {"postgresql", "database"},
        {"postgres", "database"},
        {"mysql", "database"},
        {"database", "database"},
        {"rds", "database"},
        {"aurora", "database"},
        {"dynamodb", "database"},
        {"cassandra", "database"},
        {"mongodb", "database"},
        {"mongo", "database"},
        {"sqlite", "database"},
        {"db", "database"},
        {"sql", "database"},
        {"datastore", "database"},
        {"scylla", "database"},
        {"bigtable", "database"},
        {"hbase", "database"},
        {"primary", "database"},
        {"app server", "app-server"},
        {"application server", "app-server"},
        {"api server", "app-server"},
        {"web server", "app-server"},
        {"backend", "app-server"},
        {"service", "app-server"},
        {"server", "app-server"},
        {"api", "app-server"},
        {"app", "app-server"},
        {"monolith", "app-server"},
        {"client", "client"},
        {"browser", "client"},
        {"mobile", "client"},
        {"user", "client"},
        {"frontend", "client"},
        {"spa", "client"},
        {"third-party", "external-api"},
        {"external api", "external-api"},
        {"openai", "external-api"},
        {"llm", "external-api"},
        {"ocr", "external-api"},
        {"stripe", "external-api"},
    };
    return v;
}

/// Every kind mentioned in a text with its position (longest phrase wins at a position).
std::vector<std::pair<std::string, std::size_t>> kinds_in(std::string_view lower_text,
                                                          std::vector<std::size_t>* lengths = nullptr) {
    std::vector<std::pair<std::string, std::size_t>> out;
    std::vector<std::pair<std::size_t, std::size_t>> taken;
    for (const auto& [phrase, kind] : vocabulary()) {
        for (std::size_t p = sdk::text::find_word(lower_text, phrase); p != std::string_view::npos;
             p = sdk::text::find_word(lower_text, phrase, p + 1)) {
            bool overlap = false;
            for (const auto& [a, b] : taken)
                if (p < b && p + phrase.size() > a) overlap = true;
            if (overlap) continue;
            taken.emplace_back(p, p + phrase.size());
            out.emplace_back(std::string(kind), p);
            if (lengths) lengths->push_back(phrase.size());
        }
    }
    return out;
}

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    auto junk = [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || c == '[' || c == ']' || c == '(' || c == ')' ||
               c == '"' || c == '|' || c == '+' || c == '*' || c == '`' || c == '{' || c == '}' || c == '>' ||
               c == '<' || c == '-' || c == '=' || c == ':';
    };
    while (a < b && junk(s[a])) ++a;
    while (b > a && junk(s[b - 1])) --b;
    return std::string(s.substr(a, b - a));
}

/// Mermaid node text: `S1["Service A"]`, `DB1[("DB A")]`, `K{Queue}` -> its label, else its id.
std::string mermaid_label(std::string_view node, std::string& id) {
    std::string n = trim(node);
    std::size_t open = n.find_first_of("[({>");
    if (open == std::string::npos) {
        id = n;
        return n;
    }
    id = trim(n.substr(0, open));
    return trim(n.substr(open));
}

void add_component(json& graph, const std::string& kind, const std::string& name, bool negated,
                   std::string_view section, int line) {
    if (kind.empty()) return;
    graph["components"].push_back(
        {{"kind", kind}, {"name", name}, {"negated", negated}, {"section", section}, {"line", line}});
}

/// Splits a line on arrows: "->", "-->", "→", "=>", "==>", "---", "<->". Returns the parts.
std::vector<std::string> split_arrows(std::string_view line, bool& had_arrow) {
    std::vector<std::string> parts;
    std::string cur;
    had_arrow = false;
    for (std::size_t i = 0; i < line.size();) {
        auto arrow_len = [&](std::size_t at) -> std::size_t {
            static const std::array<std::string_view, 12> arrows{
                "<-->", "-->", "==>", "--->", "<->", "---", "->", "=>", "\xE2\x86\x92", "\xE2\x9E\x9C", "-.->", "--"};
            for (auto a : arrows)
                if (line.substr(at, a.size()) == a) {
                    if (a == "--" &&
                        !(at + 2 < line.size() && line[at + 2] != '-' &&
                          (line.find("-->") != std::string_view::npos || line.find("---") != std::string_view::npos)))
                        continue;
                    return a.size();
                }
            return 0;
        };
        const std::size_t n = arrow_len(i);
        if (n > 0) {
            had_arrow = true;
            parts.push_back(cur);
            cur.clear();
            i += n;
            // mermaid edge label: -->|text|
            if (i < line.size() && line[i] == '|') {
                const auto close = line.find('|', i + 1);
                i = close == std::string_view::npos ? line.size() : close + 1;
            }
            continue;
        }
        cur += line[i++];
    }
    parts.push_back(cur);
    return parts;
}

}  // namespace

std::string component_kind(std::string_view name) {
    const std::string l = sdk::text::lower(name);
    std::vector<std::size_t> lengths;
    const auto found = kinds_in(l, &lengths);
    if (found.empty()) return "";
    // The first thing a node names is what it is: "Redis (primary + replica)" is a cache,
    // "S3 (presigned upload, SSE)" is object storage.
    std::size_t best = 0;
    for (std::size_t i = 1; i < found.size(); ++i)
        if (found[i].second < found[best].second ||
            (found[i].second == found[best].second && lengths[i] > lengths[best]))
            best = i;
    return found[best].first;
}

json empty_graph() { return {{"components", json::array()}, {"edges", json::array()}}; }

void read_architecture_block(std::string_view block, std::string_view lang, std::string_view section, int line,
                             json& graph) {
    if (!graph.is_object() || !graph.contains("components")) graph = empty_graph();
    const bool mermaid = lang == "mermaid";
    std::map<std::string, std::string> mermaid_ids;  // id -> label, so "S1 --> C1" finds "Cache"
    std::size_t pos = 0;
    int line_no = line;
    while (pos <= block.size()) {
        auto end = block.find('\n', pos);
        if (end == std::string_view::npos) end = block.size();
        const std::string_view raw = block.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        const std::string l = sdk::text::lower(raw);
        if (mermaid && (l.find("graph ") == 0 || l.find("flowchart") == 0 || l.find("subgraph") != std::string::npos ||
                        trim(l) == "end"))
            continue;
        bool had_arrow = false;
        const auto parts = split_arrows(raw, had_arrow);
        if (had_arrow) {
            std::vector<std::pair<std::string, std::string>> nodes;  // name, kind
            for (const auto& p : parts) {
                std::string id;
                std::string name = mermaid ? mermaid_label(p, id) : trim(p);
                if (mermaid) {
                    if (name == id) {
                        if (auto it = mermaid_ids.find(id); it != mermaid_ids.end()) name = it->second;
                    } else {
                        mermaid_ids[id] = name;
                    }
                }
                if (name.empty()) continue;
                const std::string kind = component_kind(name);
                nodes.emplace_back(name, kind);
                add_component(graph, kind, name, false, section, line_no - 1);
                // Everything else the node names is there too: "PostgreSQL (primary + read replica)".
                for (const auto& [other, at] : kinds_in(sdk::text::lower(name)))
                    if (other != kind) add_component(graph, other, name, false, section, line_no - 1);
            }
            for (std::size_t i = 1; i < nodes.size(); ++i)
                graph["edges"].push_back({{"from", nodes[i - 1].first},
                                          {"to", nodes[i].first},
                                          {"from_kind", nodes[i - 1].second},
                                          {"to_kind", nodes[i].second}});
            continue;
        }
        if (mermaid) {
            std::string id;
            const std::string name = mermaid_label(raw, id);
            if (!id.empty() && name != id) mermaid_ids[id] = name;
            add_component(graph, component_kind(name), name, false, section, line_no - 1);
            continue;
        }
        // Prose: every kind mentioned, sentence by sentence, with negation.
        for (const auto& sentence : sdk::text::split_sentences(l)) {
            const std::string& s = sentence.text;
            std::vector<std::size_t> lengths;
            const auto found = kinds_in(s, &lengths);
            for (std::size_t i = 0; i < found.size(); ++i) {
                const auto& [kind, at] = found[i];
                const std::size_t from = at > 20 ? at - 20 : 0;
                std::size_t a = from, b = std::min(s.size(), from + 60);
                // Never cut a UTF-8 sequence in half: the model crosses the boundary as JSON.
                while (a > 0 && (static_cast<unsigned char>(s[a]) & 0xC0) == 0x80) --a;
                while (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
                add_component(graph, kind, s.substr(a, b - a), sdk::text::negated(s, at, lengths[i]), section,
                              line_no - 1);
            }
        }
    }
}

}  // namespace rehearse
