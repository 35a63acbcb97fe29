// Reading a candidate's message as questions: where one question ends and the next begins, whether a
// question asks for a design choice rather than a requirement, and whether it compares two amounts.
// The clarification matcher ranks what these functions cut out.
#include "clarification_questions.hpp"

#include "rehearse/sdk/text.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace rehearse::clarification_questions {

namespace {

namespace txt = rehearse::sdk::text;

// ---------------------------------------------------------------------------------------------
// Words.

// The words of `s` from `at` on, up to `limit` of them.
std::vector<std::string_view> clarif_words_from(std::string_view s, std::size_t at, std::size_t limit) {
    std::vector<std::string_view> words;
    std::size_t i = at;
    while (words.size() < limit) {
        while (i < s.size() && !txt::is_word_char(s[i])) ++i;
        std::size_t j = i;
        while (j < s.size() && (txt::is_word_char(s[j]) || s[j] == '\'' || s[j] == '-')) ++j;
        if (j == i) break;
        words.push_back(s.substr(i, j - i));
        i = j;
    }
    return words;
}

// A verb that asks or joins: "can", "does", "is", "need" ...
bool clarif_auxiliary(std::string_view w) {
    static constexpr std::array<std::string_view, 28> words{
        "am",    "are",  "can",   "could", "did",  "do",   "does",  "had",   "has",   "have",
        "is",    "may",  "might", "must",  "need", "was",  "were",  "will",  "would", "should",
        "shall", "gets", "get",   "isn't", "aren't", "don't", "doesn't", "won't"};
    return std::find(words.begin(), words.end(), w) != words.end();
}

// ---------------------------------------------------------------------------------------------
// Cutting a message into questions.

bool clarif_starts_question(std::string_view w) {
    // "what's", "who's", "how's": the opener before the contraction.
    if (const auto apostrophe = w.find('\''); apostrophe != std::string_view::npos) w = w.substr(0, apostrophe);
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

// `s` opens with a clause of the question that follows ("When someone goes over their quota, what do they
// get back?"), not with a question of its own ("Where are the users, how many ...?": a question word
// followed by a verb).
bool clarif_subordinate_clause(std::string_view s) {
    const auto words = clarif_words_from(s, 0, 2);
    if (words.empty() || !clarif_subordinate(words[0])) return false;
    return words.size() < 2 || !clarif_auxiliary(words[1]);
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
        if (clarif_subordinate_clause(s.substr(part_start))) continue;
        // "..., and how ..." joins two questions even when the first is phrased as a statement
        // ("Two things: if I share a link can anyone open it, and how fast must it load?").
        const bool conjunction = s.compare(at, 5, " and ") == 0 || s.compare(at, 6, ", and ") == 0;
        if (!conjunction && !clarif_is_question(s.substr(part_start, at - part_start))) continue;
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

bool clarif_names_technology(std::string_view s) {
    return clarif_has_any(s, {"kafka",
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
                              "schema",
                              "fan-out",
                              "hash",
                              "hashing",
                              "key-value",
                              "optimistic locking",
                              "pessimistic locking",
                              "row lock",
                              "select for update",
                              "transaction",
                              "xmpp",
                              "mqtt",
                              "tcp",
                              "udp",
                              "polling",
                              "poll",
                              "server-sent events",
                              "sse",
                              "sorted set",
                              "data lake",
                              "pre-aggregate",
                              "job table",
                              "worker pool",
                              "cron job",
                              "aws",
                              "gcp",
                              "azure",
                              "google cloud",
                              "on-prem",
                              "on prem",
                              "on premise",
                              "on-premise",
                              "on premises",
                              "hls",
                              "mpeg-dash",
                              "rtmp",
                              "webrtc",
                              "quic",
                              "sharded",
                              "partitioned",
                              "sharding",
                              "chunking",
                              "caching",
                              "partitioning",
                              "batching",
                              "replicating"});
}

// Asks for a choice between solutions.
bool clarif_asks_choice(std::string_view s) {
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
                              "ok if",
                              "okay if",
                              "fine if",
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
                              "what kind of",
                              "fine for",
                              "ok for",
                              "okay for",
                              "good idea",
                              "bad idea",
                              "overkill",
                              "reasonable",
                              "enough",
                              "makes sense",
                              "worth",
                              // Asking leave for a choice: "Is it alright if I use WebSockets?", "Would you
                              // be OK with HLS?"
                              "alright if",
                              "all right if",
                              "alright to",
                              "all right to",
                              "ok with",
                              "okay with",
                              "fine with",
                              "happy with",
                              "mind if",
                              "sound good",
                              "sounds good",
                              "sound reasonable",
                              "sounds reasonable",
                              "sound ok",
                              "sounds ok",
                              "would that work",
                              "would it work",
                              "work for you",
                              "objection",
                              "objections",
                              "how about",
                              "what about using",
                              "acceptable to",
                              "acceptable if",
                              "want me to",
                              "that approach",
                              "the approach",
                              "sensible",
                              "wise",
                              "a good fit",
                              "what you'd do",
                              "what you would do"});
}

// Asks the interviewer to pick ("which would you prefer?") after the options were named in an earlier
// sentence of the message.
bool clarif_asks_to_pick(std::string_view s) {
    return clarif_has_any(s, {"prefer", "recommend", "which would you", "which one", "which is better", "go with"});
}

// Asks the interviewer which of two ways of building it they would take ("Would you push posts at write
// time, or assemble them at read time?"): a requirement is asked about the product, never as what the
// interviewer would do.
bool clarif_offers_two_ways(std::string_view s) {
    for (auto asker : {"would you", "do you prefer", "would you prefer", "do you want me to"}) {
        const auto at = txt::find_word(s, asker);
        if (at != std::string_view::npos && txt::find_word(s, "or", at) != std::string_view::npos) return true;
    }
    return false;
}

// Asks whether the interviewer would build it a certain way, or whether the candidate should: "would you"
// or "should I / we" followed by a verb of building ("Would you put a separate queue per customer?",
// "Should I use HLS or DASH?"). A requirement asks what the product must do ("Should we care about scam
// links?", "how many sockets should we expect?"), never how the interviewer would build it. After
// "should we" only verbs no requirement opens with: "Should we store deleted pastes?" or "Should we run
// our own mail servers?" ask what the product must do.
bool clarif_proposes_building(std::string_view s) {
    static constexpr std::array<std::string_view, 17> choosing{
        "use",        "put",   "pick",   "choose", "model", "shard",       "partition",   "cache",    "chunk",
        "precompute", "reach", "deploy", "host",   "rely",  "denormalise", "denormalize", "replicate"};
    static constexpr std::array<std::string_view, 12> building{"go",     "build",     "run",       "generate",
                                                               "drive",  "aggregate", "rank",      "split",
                                                               "stream", "store",     "implement", "batch"};
    auto next_word = [&](std::string_view asker) {
        std::vector<std::string_view> words;
        for (auto at = txt::find_word(s, asker); at != std::string_view::npos; at = txt::find_word(s, asker, at + 1))
            words.push_back(clarif_first_word(s.substr(at + asker.size())));
        return words;
    };
    auto in = [](const auto& list, std::string_view w) { return std::find(list.begin(), list.end(), w) != list.end(); };
    for (auto w : next_word("would you"))
        if (in(choosing, w) || in(building, w)) return true;
    // "Would you be fine with me using a workflow engine?": the candidate's plan, put up for approval.
    for (auto w : next_word("with me"))
        if (w.size() > 3 && w.substr(w.size() - 3) == "ing") return true;
    // "should I use ...", and the candidate's own plan put up for approval: "is it alright if I use ...",
    // "I'd shard by user, ok?".
    for (auto asker : {"should i", "should we", "shall we", "if i", "i'd", "i'll", "i would", "i will", "i'm tempted to",
                       "i'm thinking of", "i'm thinking about", "i was thinking of", "i plan to", "i'm planning to",
                       "i'm going to", "i want to", "i'd like to", "i'm leaning towards", "my plan is to"})
        for (auto w : next_word(asker))
            if (in(choosing, w)) return true;
    // The candidate's own plan to keep something somewhere: "I'm planning to keep paste bodies in S3".
    static constexpr std::array<std::string_view, 5> keeping{"keep", "store", "save", "persist", "put"};
    for (auto asker : {"i'm planning to", "i plan to", "i'm going to", "my plan is to", "i'm tempted to", "i'd"})
        for (auto w : next_word(asker))
            if (in(keeping, w)) return true;
    return false;
}

bool clarif_design_question(std::string_view s, std::string_view message) {
    if (clarif_offers_two_ways(s)) return true;
    if (clarif_proposes_building(s)) return true;
    if (clarif_names_technology(s)) return clarif_asks_choice(s);
    return clarif_asks_to_pick(s) && clarif_names_technology(message);
}

// The question compares two amounts ("more downloads than uploads", "for every message sent, how
// many ...", "is it mostly people submitting?"): the ratio of reads to writes, whichever words it uses.
bool clarif_compares(std::string_view s) {
    if (clarif_has_any(s, {"ratio", "for every", "per upload", "per post"})) return true;
    // "versus" compares amounts of reading and writing ("reads versus writes?"), not any two things
    // ("friends-only versus public").
    if (clarif_has_any(s, {"versus", "vs"}) &&
        clarif_has_any(s, {"read", "reads", "write", "writes", "view", "views", "upload", "uploads", "download",
                           "downloads", "watch", "watches", "fetch", "fetches", "create", "creates"}))
        return true;
    // "mostly", "overwhelmingly": which of two things makes up most of it.
    if (clarif_has_any(s, {"mostly", "mainly", "overwhelmingly", "predominantly", "majority", "dominated", "dominant",
                           "outnumber", "outnumbers", "outweigh", "outweighs"}))
        return true;
    for (auto at = txt::find_word(s, "more"); at != std::string_view::npos; at = txt::find_word(s, "more", at + 1)) {
        const auto than = txt::find_word(s, "than", at);
        if (than != std::string_view::npos && txt::detail::word_count(s.substr(at, than - at)) <= 4) return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// The thing a question asks about.

// Words that end the phrase naming a thing: prepositions, pronouns (with their contractions: "i'm",
// "we're"), conjunctions, fillers.
bool clarif_phrase_end(std::string_view w) {
    if (const auto apostrophe = w.find('\''); apostrophe != std::string_view::npos && apostrophe > 0)
        w = w.substr(0, apostrophe);
    static constexpr std::array<std::string_view, 62> words{
        "after",   "against", "around",  "because", "before",  "between", "but",    "during", "how",
        "if",      "once",    "than",    "until",   "what",    "when",    "where",  "which",  "while",
        "a",       "about",   "actually", "an",     "and",      "any",      "are",   "as",    "at",
        "by",      "each",    "every",    "exactly", "for",     "from",     "he",    "i",     "in",
        "into",    "it",      "like",     "of",     "on",       "or",       "our",   "per",   "roughly",
        "she",     "so",      "that",     "the",    "their",    "them",     "then",  "there", "these",
        "they",    "this",    "those",    "to",     "we",       "with",     "you",   "your"};
    return clarif_auxiliary(w) || std::find(words.begin(), words.end(), w) != words.end();
}

// Determiners before the thing asked about.
bool clarif_determiner(std::string_view w) {
    static constexpr std::array<std::string_view, 8> words{"s", "a", "an", "the", "our", "your", "their", "its"};
    return std::find(words.begin(), words.end(), w) != words.end();
}

// Words before the thing asked about that say nothing of it ("what kind of files", "the rough number of",
// "the biggest file").
bool clarif_phrase_lead(std::string_view w) {
    static constexpr std::array<std::string_view, 31> words{
        "kind",     "kinds",    "sort",    "sorts",   "type",    "types",   "of",       "rough",   "typical",
        "average",  "expected", "exact",   "actual",  "overall", "main",    "minimum",  "maximum", "max",
        "min",      "biggest",  "largest", "smallest", "usual",  "general", "realistic", "single", "individual",
        "upper",    "lower",    "hard",    "soft"};
    return std::find(words.begin(), words.end(), w) != words.end();
}

// Nouns that name no thing of their own: an amount, a goal, a person ("the user count", "our uptime
// target", "how many people ..."): the thing asked about is in the other words of the phrase.
bool clarif_generic_noun(std::string_view w) {
    static constexpr std::array<std::string_view, 72> words{
        "count",    "number",  "numbers",  "total",     "amount",      "figure",   "figures",   "target",
        "targets",  "goal",    "goals",    "requirement", "requirements", "expectation", "expectations", "period",
        "story",    "process", "situation", "deal",     "plan",        "setup",    "approach",  "thing",
        "things",   "stuff",   "part",     "parts",     "bit",         "side",     "one",       "ones",
        "times",    "way",     "people",   "folks",     "ppl",         "person",   "users",     "user",
        "someone",  "anyone",  "everyone", "system",  "file",        "files",    "blob",      "blobs",
        "behaviour", "behavior", "tolerance", "scenario", "outcome",
        // A bound names no thing: "is there a cap on how big a file can be?" asks about the file.
        "cap", "caps", "limit", "limits", "restriction", "restrictions", "constraint", "constraints", "ceiling",
        "cutoff", "cut-off", "footprint",
        // A share of something names no thing: "what fraction of users are online?"
        "fraction", "proportion", "percentage", "percent", "share", "portion", "split"};
    return std::find(words.begin(), words.end(), w) != words.end();
}

// The phrase naming what a question asks about, when the question names it as a thing, without its
// generic nouns: "what hours do the agents work?" (hours), "which CI system do the teams deploy with?"
// (ci), "how many treatment rooms does each clinic have?", "what's the brand colour for the agent UI?",
// "is there a character limit?", "the maximum size for a video attachment" (size). Empty when the
// question asks with a verb ("what happens if ...", "how much does it cost"): after "what", "which" and
// "how much" the words must be followed by a verb to be a thing ("what formats can people upload?"; in
// "which one wins?" the word after "which" is itself the verb).
std::string clarif_asked_thing(std::string_view s) {
    // How the words after an opener name a thing.
    enum phrase_shape {
        thing_follows,  // "how many treatment rooms ...", "is there a character limit?"
        verb_after,     // a thing only when a verb follows it: "what formats can ...", not "what happens if"
        verb_first,     // a verb, then the thing: "do we need to generate QR codes?"
    };
    struct opener {
        std::string_view words;
        phrase_shape shape;
    };
    static constexpr std::array<opener, 27> openers{{{"what's the", thing_follows},
                                                     {"whats the", thing_follows},
                                                     {"what is the", thing_follows},
                                                     {"what are the", thing_follows},
                                                     {"what're the", thing_follows},
                                                     {"how many", thing_follows},
                                                     {"how much", verb_after},
                                                     {"is there any", thing_follows},
                                                     {"are there any", thing_follows},
                                                     {"is there", thing_follows},
                                                     {"are there", thing_follows},
                                                     {"will there be", thing_follows},
                                                     {"do we need to", verb_first},
                                                     {"do we have to", verb_first},
                                                     {"do we need", thing_follows},
                                                     {"do we have", thing_follows},
                                                     {"do we support", thing_follows},
                                                     {"do we offer", thing_follows},
                                                     {"do we provide", thing_follows},
                                                     {"does it need to", verb_first},
                                                     {"does it support", thing_follows},
                                                     {"does it have", thing_follows},
                                                     {"maximum", thing_follows},
                                                     {"max", thing_follows},
                                                     {"minimum", thing_follows},
                                                     {"what", verb_after},
                                                     {"which", verb_after}}};
    std::size_t best_at = std::string_view::npos;
    const opener* best = nullptr;
    for (const auto& o : openers) {
        const auto at = txt::find_word(s, o.words);
        if (at != std::string_view::npos && at < best_at) {
            best_at = at;
            best = &o;
        }
    }
    if (!best) return {};
    const auto words = clarif_words_from(s, best_at + best->words.size(), 9);
    std::size_t i = best->shape == verb_first ? 1 : 0;
    while (i < words.size() && clarif_determiner(words[i])) ++i;
    while (i < words.size() && clarif_phrase_lead(words[i])) ++i;
    std::string phrase;
    std::size_t n = 0;
    // A generic noun closes the phrase: "how many files come in" names no thing, "our uptime target" uptime.
    bool generic = false;
    for (; i < words.size() && !clarif_phrase_end(words[i]) && n < 3; ++i, ++n) {
        if ((generic = clarif_generic_noun(words[i]))) break;
        if (!phrase.empty()) phrase += ' ';
        phrase += words[i];
    }
    if (phrase.empty()) return {};
    if (generic) return phrase;
    if (best->shape == verb_after && (i == words.size() || !clarif_auxiliary(words[i]))) return {};
    return phrase;
}

// "How long can a post be?" asks how big a thing may be, not how long it lasts.
bool clarif_asks_length(std::string_view s) {
    const auto at = txt::find_word(s, "how long");
    if (at == std::string_view::npos) return false;
    const auto words = clarif_words_from(s, at + 8, 8);
    if (words.empty() || !clarif_auxiliary(words.front())) return false;
    // "be" closes the question: "How long can a viewer be kept waiting?" asks for a time.
    return words.size() <= 7 && words.back() == "be";
}

}  // namespace

std::string asked_thing(std::string_view lower_question) { return clarif_asked_thing(lower_question); }

bool asks_length(std::string_view lower_question) { return clarif_asks_length(lower_question); }

bool is_yes_no(std::string_view lower_question) { return clarif_auxiliary(clarif_first_word(lower_question)); }

bool is_question(std::string_view lower_sentence) { return clarif_is_question(lower_sentence); }

std::vector<std::pair<std::size_t, std::size_t>> cut(std::string_view lower_sentence) {
    return clarif_cut_questions(lower_sentence);
}

bool design_question(std::string_view part, std::string_view lower_message) {
    return clarif_design_question(part, lower_message);
}

bool compares(std::string_view part) { return clarif_compares(part); }

bool mentions_any(std::string_view s, std::initializer_list<std::string_view> words) {
    return clarif_has_any(s, words);
}

}  // namespace rehearse::clarification_questions
