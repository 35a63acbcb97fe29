// Reading a candidate's message against the problem's clarifications. The message is cut into the
// questions it asks; each question is a design question (it asks which technology or architecture to
// use), or it is ranked against the clarifications with BM25 over four fields (question, keywords,
// intent, answer; weighted) and answered when the best score is confident: high enough for the
// length of the question and clearly ahead of the runner-up. What is left of a question after its
// best match may name a second topic ("the volume and the formats?"), ranked again the same way.
#include "rehearse/core/sessions/clarification_matcher.hpp"

#include "rehearse/core/sessions/text_ranking.hpp"
#include "rehearse/sdk/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <unordered_set>

namespace rehearse {

namespace {

namespace txt = rehearse::sdk::text;

// ---------------------------------------------------------------------------------------------
// Tuning (on tests/clarifications/paraphrases-dev.json only; see RESULTS.md there).

enum clarif_field { cf_question, cf_keywords, cf_intent, cf_answer, cf_count };
constexpr std::array<double, cf_count> clarif_field_weight{1.0, 1.0, 0.5, 0.5};
constexpr double clarif_min_score = 3.0;     // the combined BM25 score of the best match, at least
constexpr double clarif_min_per_term = 0.3;  // ... and per term of the question (its length normalised)
constexpr double clarif_min_margin = 0.1;    // ... and ahead of the runner-up by this share of its score
constexpr double clarif_second_topic = 5.0;  // a second topic in what the best match left unused
constexpr std::size_t clarif_second_min_terms = 2;

// ---------------------------------------------------------------------------------------------
// Cutting a message into questions.

bool clarif_starts_question(std::string_view w) {
    static constexpr std::array<std::string_view, 30> openers{
        "am",   "any",  "anything", "are",  "can",   "could", "did",  "do",    "does",   "had",
        "has",  "have", "how",      "is",   "may",   "might", "must", "shall", "should", "was",
        "were", "what", "whats",    "when", "where", "which", "who",  "whose", "why",    "will"};
    return std::find(openers.begin(), openers.end(), w) != openers.end() || w == "would";
}

bool clarif_asking_phrase(std::string_view s) {
    static constexpr std::array<std::string_view, 16> cues{
        "tell me",  "i'd like to know", "i want to know", "wondering",    "curious",  "let me know",
        "clarify",  "confirm",          "i assume",       "i'm assuming", "assuming", "is that right",
        "correct?", "am i right",       "fair?",          "right?"};
    for (auto c : cues)
        if (s.find(c) != std::string_view::npos) return true;
    return false;
}

// The first word of `s` after lead-in fillers ("so", "also", "roughly", ...).
std::string_view clarif_first_word(std::string_view s) {
    static constexpr std::array<std::string_view, 14> fillers{"also",  "alright", "and", "approximately", "but",
                                                              "just",  "now",     "ok",  "okay",          "quick",
                                                              "right", "roughly", "so",  "then"};
    std::size_t i = 0;
    while (true) {
        while (i < s.size() && !txt::is_word_char(s[i])) ++i;
        std::size_t j = i;
        while (j < s.size() && (txt::is_word_char(s[j]) || s[j] == '\'')) ++j;
        const auto w = s.substr(i, j - i);
        if (w.empty() || std::find(fillers.begin(), fillers.end(), w) == fillers.end()) return w;
        i = j;
    }
}

// True when the lowercase sentence is phrased as a question.
bool clarif_is_question(std::string_view s) {
    const auto t = txt::trim(s);
    if (!t.empty() && t.back() == '?') return true;
    if (clarif_asking_phrase(t)) return true;
    // The first word, or the first after a lead-in ("Also, are ...", "Quick one: how ...").
    if (clarif_starts_question(clarif_first_word(t))) return true;
    for (std::size_t i = 0; i < t.size(); ++i)
        if ((t[i] == ',' || t[i] == ':') && clarif_starts_question(clarif_first_word(t.substr(i + 1)))) return true;
    return false;
}

bool clarif_subordinate(std::string_view w) {
    static constexpr std::array<std::string_view, 12> words{"after", "as",    "because", "before",   "for",   "if",
                                                            "once",  "since", "when",    "whenever", "where", "while"};
    return std::find(words.begin(), words.end(), w) != words.end();
}

// Cuts a lowercase question where a second question starts: "... and also ...", "...; ...",
// "... and how ...", "..., what ...".
std::vector<std::pair<std::size_t, std::size_t>> clarif_cut_questions(std::string_view s) {
    std::vector<std::size_t> cuts;
    static constexpr std::array<std::string_view, 3> joiners{" and also ", ", also ", " also, "};
    for (auto j : joiners)
        for (auto at = s.find(j); at != std::string_view::npos; at = s.find(j, at + 1)) cuts.push_back(at);
    // " and <question>" or ", <question>", unless what comes before is a clause of the question that
    // follows ("When someone goes over their quota, what do they get back?").
    std::size_t part_start = 0;
    for (std::size_t at = 0; at < s.size(); ++at) {
        std::size_t next = 0;
        if (s.compare(at, 5, " and ") == 0)
            next = at + 5;
        else if (s.compare(at, 2, ", ") == 0)
            next = at + 2;
        else
            continue;
        const auto w = clarif_first_word(s.substr(next));
        if (!clarif_starts_question(w) || w == "any") continue;
        if (clarif_subordinate(clarif_first_word(s.substr(part_start)))) continue;
        if (!clarif_is_question(s.substr(part_start, at - part_start))) continue;
        cuts.push_back(at);
        part_start = at + 1;
    }
    std::sort(cuts.begin(), cuts.end());
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t start = 0;
    for (auto c : cuts) {
        if (c > start) parts.emplace_back(start, c);
        start = c + 1;
    }
    if (start < s.size()) parts.emplace_back(start, s.size());
    return parts;
}

// ---------------------------------------------------------------------------------------------
// Design questions: a technology or an architecture choice, asked as a choice to make.

bool clarif_has_any(std::string_view s, std::initializer_list<std::string_view> words) {
    for (auto w : words)
        if (txt::find_word(s, w) != std::string_view::npos) return true;
    return false;
}

bool clarif_design_question(std::string_view s) {
    const bool tech = clarif_has_any(s, {"kafka",
                                         "sqs",
                                         "sns",
                                         "rabbitmq",
                                         "kinesis",
                                         "pubsub",
                                         "redis",
                                         "memcached",
                                         "postgres",
                                         "postgresql",
                                         "mysql",
                                         "mongodb",
                                         "mongo",
                                         "cassandra",
                                         "dynamodb",
                                         "dynamo",
                                         "elasticsearch",
                                         "opensearch",
                                         "s3",
                                         "hdfs",
                                         "kubernetes",
                                         "k8s",
                                         "docker",
                                         "grpc",
                                         "graphql",
                                         "websocket",
                                         "long polling",
                                         "nginx",
                                         "spark",
                                         "flink",
                                         "hadoop",
                                         "bigtable",
                                         "spanner",
                                         "sqlite",
                                         "celery",
                                         "zookeeper",
                                         "etcd",
                                         "nosql",
                                         "sql",
                                         "microservice",
                                         "monolith",
                                         "serverless",
                                         "lambda",
                                         "database",
                                         "datastore",
                                         "table",
                                         "cache",
                                         "shard",
                                         "sharding",
                                         "partition",
                                         "replica",
                                         "consistent hashing",
                                         "index",
                                         "blob storage",
                                         "object storage",
                                         "event sourcing",
                                         "cqrs",
                                         "token bucket",
                                         "sliding window",
                                         "leaky bucket",
                                         "quadtree",
                                         "geohash",
                                         "api gateway",
                                         "sidecar",
                                         "message queue",
                                         "queue",
                                         "load balancer",
                                         "worker",
                                         "precompute",
                                         "chunk",
                                         "dedupe",
                                         "websockets",
                                         "queues",
                                         "caches",
                                         "databases",
                                         "tables",
                                         "shards",
                                         "partitions",
                                         "replicas",
                                         "indexes",
                                         "indices",
                                         "workers",
                                         "microservices",
                                         "cdn",
                                         "bloom filter",
                                         "base62",
                                         "uuid",
                                         "uuids",
                                         "replication",
                                         "read replicas",
                                         "read replica",
                                         "denormalize",
                                         "denormalise",
                                         "materialized view",
                                         "materialised view",
                                         "cron",
                                         "pub/sub",
                                         "pub sub",
                                         "fanout",
                                         "fan out",
                                         "write through",
                                         "write-through",
                                         "write back",
                                         "write-back",
                                         "lru",
                                         "hbase",
                                         "clickhouse",
                                         "bigquery",
                                         "redshift",
                                         "neo4j",
                                         "graph database",
                                         "time series database",
                                         "influxdb",
                                         "memcache",
                                         "activemq",
                                         "nats",
                                         "pulsar",
                                         "cloudfront",
                                         "ec2",
                                         "object store",
                                         "key value store",
                                         "key-value store",
                                         "kv store",
                                         "document store",
                                         "btree",
                                         "b-tree",
                                         "lsm",
                                         "raft",
                                         "paxos",
                                         "leader election",
                                         "two phase commit",
                                         "two-phase commit",
                                         "2pc",
                                         "saga",
                                         "outbox",
                                         "orm",
                                         "foreign key",
                                         "trie",
                                         "inverted index",
                                         "hash ring",
                                         "rdbms",
                                         "relational database",
                                         "websocket connection",
                                         "schema"});
    if (!tech) return false;
    return clarif_has_any(s, {"should",
                              "shall we",
                              "would you",
                              "do you recommend",
                              "do you prefer",
                              "recommend",
                              "prefer",
                              "better",
                              "go with",
                              "pick",
                              "choose",
                              "ok to",
                              "okay to",
                              "fine to",
                              "can i use",
                              "can we use",
                              "could we use",
                              "could i use",
                              "or",
                              "vs",
                              "versus",
                              "which database",
                              "what database",
                              "which queue",
                              "what kind of"});
}

}  // namespace

namespace {

struct clarif_pick {
    std::size_t index = 0;
    double score = 0;
    bool confident = false;
};

// The question compares two amounts ("more downloads than uploads", "for every message sent, how
// many ..."): the ratio of reads to writes, whichever words it uses.
bool clarif_compares(std::string_view s) {
    if (clarif_has_any(s, {"ratio", "for every", "per upload", "per post", "versus", "vs"})) return true;
    for (auto at = txt::find_word(s, "more"); at != std::string_view::npos; at = txt::find_word(s, "more", at + 1)) {
        const auto than = txt::find_word(s, "than", at);
        if (than != std::string_view::npos && txt::detail::word_count(s.substr(at, than - at)) <= 4) return true;
    }
    return false;
}

}  // namespace

struct clarification_matcher::impl {
    std::array<ranking::bm25, cf_count> fields;
    std::size_t count = 0;

    // Combined scores of every clarification for the query terms.
    std::vector<double> scores(const std::vector<std::string>& q) const {
        std::vector<double> s(count, 0.0);
        for (std::size_t f = 0; f < cf_count; ++f)
            for (std::size_t d = 0; d < count; ++d) s[d] += clarif_field_weight[f] * fields[f].score(q, d);
        return s;
    }

    // The query terms that count towards clarification `d` in any field.
    std::vector<std::string> used_by(const std::vector<std::string>& q, std::size_t d) const {
        std::vector<std::string> used;
        for (const auto& t : q)
            for (const auto& idx : fields)
                if (idx.score({t}, d) > 0) {
                    used.push_back(t);
                    break;
                }
        return used;
    }

    // The best clarification for the query terms, and whether it is a confident match.
    clarif_pick best(const std::vector<std::string>& q, double min_score) const {
        clarif_pick p;
        if (q.empty() || count == 0) return p;
        const auto s = scores(q);
        std::size_t top = 0;
        for (std::size_t d = 1; d < s.size(); ++d)
            if (s[d] > s[top]) top = d;
        double second = 0;
        for (std::size_t d = 0; d < s.size(); ++d)
            if (d != top) second = std::max(second, s[d]);
        const std::set<std::string> unique(q.begin(), q.end());
        const double per_term = s[top] / static_cast<double>(unique.size());
        p.index = top;
        p.score = s[top];
        p.confident =
            s[top] >= min_score && per_term >= clarif_min_per_term && s[top] - second >= clarif_min_margin * s[top];
        return p;
    }
};

clarification_matcher::clarification_matcher(const problem& p) {
    auto ix = std::make_shared<impl>();
    const auto it = p.doc.find("clarifications");
    if (it != p.doc.end() && it->is_array()) {
        for (const auto& c : *it) {
            auto text = [&](const char* key) {
                return c.contains(key) && c[key].is_string() ? c[key].get<std::string>() : "";
            };
            std::string keywords;
            if (c.contains("keywords") && c["keywords"].is_array())
                for (const auto& k : c["keywords"])
                    if (k.is_string()) keywords += k.get<std::string>() + " . ";
            std::string intent = text("intent");
            std::replace(intent.begin(), intent.end(), '-', ' ');
            ix->fields[cf_question].add(ranking::terms(text("question")));
            ix->fields[cf_keywords].add(ranking::terms(keywords));
            ix->fields[cf_intent].add(ranking::terms(intent));
            ix->fields[cf_answer].add(ranking::terms(text("answer")));
            ++ix->count;
        }
    }
    impl_ = std::move(ix);
}

clarification_reading clarification_matcher::read(std::string_view message) const {
    clarification_reading r;
    std::set<std::size_t> given;
    for (const auto& sentence : txt::split_sentences(message)) {
        const std::string lower = txt::lower(sentence.text);
        if (!clarif_is_question(lower)) continue;
        r.is_question = true;
        for (const auto& [from, to] : clarif_cut_questions(lower)) {
            const std::string_view part = std::string_view(lower).substr(from, to - from);
            const std::string asked(txt::trim(std::string_view(sentence.text).substr(from, to - from)));
            if (clarif_design_question(part)) {
                r.design_question = true;
                continue;
            }
            auto q = ranking::terms(part);
            if (q.empty()) continue;
            if (clarif_compares(part)) q.push_back("ratio");
            const auto first = impl_->best(q, clarif_min_score);
            if (!first.confident) {
                r.unanswerable.push_back(asked);
                continue;
            }
            auto answer = [&](const clarif_pick& p) {
                if (given.insert(p.index).second) r.answered.push_back({p.index, p.score, asked});
            };
            answer(first);
            // A second topic in the words the best match did not use.
            const auto used = impl_->used_by(q, first.index);
            std::vector<std::string> rest;
            for (const auto& t : q)
                if (std::find(used.begin(), used.end(), t) == used.end()) rest.push_back(t);
            if (rest.size() >= clarif_second_min_terms) {
                const auto second = impl_->best(rest, clarif_second_topic);
                if (second.confident && second.index != first.index) answer(second);
            }
        }
    }
    return r;
}

}  // namespace rehearse
