// Scaling and trade-offs: a named bottleneck instead of "add more servers", alternatives weighed,
// and infrastructure sized to the problem.
#include "common.hpp"

#include <algorithm>

namespace rehearse::evaluators {

json evaluate_scaling(const context& c) {
    json findings = json::array();
    json strengths = json::array();
    const std::string scale = c.scale();

    // When the answer has a scaling section, that is where scaling is judged; otherwise anywhere.
    const bool scaling_section = c.has_section("scaling");
    const std::initializer_list<std::string_view> where_scaling = {"scaling"};
    const std::initializer_list<std::string_view> anywhere = {};
    const auto& where = scaling_section ? where_scaling : anywhere;
    const sentence* bottleneck = mention(c,
                                         {"bottleneck",
                                          "hotspot",
                                          "hot spot",
                                          "hot key",
                                          "hot partition",
                                          "hot shard",
                                          "contention",
                                          "saturate",
                                          "saturates",
                                          "saturation",
                                          "first to break",
                                          "breaks first",
                                          "first limit",
                                          "limiting factor",
                                          "cpu-bound",
                                          "iops",
                                          "connection limit",
                                          "connection pool",
                                          "queue depth",
                                          "replication lag",
                                          "replica lag",
                                          "fan-out",
                                          "fanout",
                                          "write throughput",
                                          "read throughput",
                                          "read load",
                                          "write load",
                                          "lock",
                                          "single writer",
                                          "p99",
                                          "celebrity",
                                          "thundering herd",
                                          "cache hit",
                                          "hit rate",
                                          "shard key",
                                          "partition key",
                                          "shard by",
                                          "partition by",
                                          "partitioned by",
                                          "consistent hashing",
                                          "denormalize",
                                          "precompute",
                                          "backpressure",
                                          "write-behind",
                                          "per second",
                                          "/s",
                                          "qps"},
                                         where);
    const sentence* generic = mention(c,
                                      {"add more servers",
                                       "more servers",
                                       "more machines",
                                       "add servers",
                                       "scale horizontally",
                                       "horizontally",
                                       "horizontal scaling",
                                       "just scale",
                                       "auto-scale",
                                       "autoscale",
                                       "auto scaling",
                                       "autoscaling",
                                       "scale out",
                                       "add more instances",
                                       "more instances",
                                       "bigger machine",
                                       "scale up",
                                       "good machine",
                                       "bigger instance",
                                       "instance size",
                                       "any load",
                                       "scale independently",
                                       "scale each service",
                                       "infinitely",
                                       "should be fine",
                                       "should be enough",
                                       "handle a lot",
                                       "more app servers",
                                       "bigger",
                                       "larger",
                                       "beefier",
                                       "more api servers",
                                       "more web servers",
                                       "upgrade the"},
                                      where);
    // "add more chat servers", "give the database more memory and faster disks": more of the same
    // without naming what runs out.
    if (!generic)
        for (const auto& s : c.sentences) {
            if (s.kind == "heading" || (s.kind == "code" && is_program(s.lang))) continue;
            if (scaling_section && s.section != "scaling") continue;
            for (std::string_view w : {"more", "faster", "bigger"}) {
                for (auto at = find_word(s.text, w); at != std::string::npos && !generic;
                     at = find_word(s.text, w, at + 1)) {
                    const std::string next = s.text.substr(at + w.size(), 24);
                    for (std::string_view t : {" servers", " instances", " machines", " nodes", " memory", " disks",
                                               " cpu", " ram", " boxes"}) {
                        const auto tp = next.find(t);
                        // at most one word in between: "more chat servers", "more memory"
                        if (tp != std::string::npos &&
                            std::count(next.begin(), next.begin() + static_cast<long>(tp), ' ') <= 1)
                            generic = &s;
                    }
                }
            }
            if (generic) break;
        }
    const sentence* specific = nullptr;
    std::size_t scaling_words = 0;
    for (const auto& s : c.sentences)
        if (s.section == "scaling")
            scaling_words += static_cast<std::size_t>(std::count(s.text.begin(), s.text.end(), ' ') + 1);
    const bool empty_section = scaling_section && scaling_words < 12;
    if (!bottleneck && ((generic && !specific) || empty_section))
        findings.push_back(finding(
            "vague-scaling", "scaling", "major",
            "Scaling is described in general terms without naming what breaks first.",
            "Name the bottleneck with a number (\"at ~5k writes/s the primary's disk is the limit\") and the fix "
            "for that component: cache, replica, partition key, queue.",
            generic ? excerpt(generic->raw, 120) : "scaling section names no bottleneck",
            "\"Add more servers\" does not help if the database is the limit; interviewers look for the specific "
            "constraint and its remedy."));
    else if (bottleneck)
        strengths.push_back("You named a concrete bottleneck (\"" + excerpt(bottleneck->raw, 90) + "\")");

    const sentence* tradeoff =
        mention(c, {"trade-off",      "tradeoff",    "trade off",         "versus",        "vs",
                    "instead of",     "rather than", "alternative",       "pros and cons", "downside",
                    "at the cost of", "in exchange", "on the other hand", "the cost is",   "we give up",
                    "cons",           "drawback",    "compromise",        "chose",         "chosen over",
                    "prefer",         "because"},
                {}, true, true);
    // "because" alone is weak; require it in the scaling/architecture discussion.
    bool real_tradeoff = tradeoff != nullptr;
    if (tradeoff && find_word(tradeoff->text, "because") != std::string::npos &&
        !mention(c, {"trade-off",      "tradeoff",    "trade off",         "versus",        "vs",
                     "instead of",     "rather than", "alternative",       "pros and cons", "downside",
                     "at the cost of", "in exchange", "on the other hand", "drawback",      "compromise",
                     "cons",           "we give up",  "the cost is",       "chosen over",   "prefer"}))
        real_tradeoff = tradeoff->section == "scaling";
    // "instead of" / "rather than" are caught as negation cues, so look for them directly too.
    if (!real_tradeoff)
        for (const auto& s : c.sentences)
            for (std::string_view p : {"instead of", "rather than", "trade-off", "tradeoff", "versus", " vs ", " vs.",
                                       "alternative", "downside", "drawback", "trading ", " trades ",
                                       "at the expense of", "the price is", "in return for", "we lose", "costs us"})
                if (s.kind != "code" && s.kind != "heading" && s.text.find(p) != std::string::npos)
                    real_tradeoff = true;
    if (!real_tradeoff)
        findings.push_back(finding(
            "no-tradeoffs", "scaling", "major", "No alternative or trade-off is discussed.",
            "For your two biggest decisions say what you chose, what you rejected and what it costs: \"SQL over "
            "NoSQL because we need joins; the cost is manual sharding later\".",
            "no 'trade-off', 'instead of', 'versus' or alternative found",
            "Senior answers are judged on reasoning, not boxes; trade-offs show you know why."));
    else
        strengths.push_back("You weighed alternatives instead of presenting one option as the only one");

    // over-engineering: heavy distribution for a problem whose scale does not need it.
    if (scale == "tiny" || scale == "small") {
        for (const auto& s : c.sentences) {
            if (s.kind == "heading" || (s.kind == "code" && s.lang != "" && s.lang != "mermaid")) continue;
            std::string hit;
            for (std::string_view p : {"microservices", "microservice", "shard", "sharding", "sharded", "multi-region",
                                       "multiple regions", "multi region", "across regions", "geo-distributed", "kafka",
                                       "cassandra", "service mesh", "kubernetes cluster"}) {
                const auto pos = find_word(s.text, p);
                if (pos == std::string::npos) continue;
                // Negation is judged on the whole word ("microservice" inside "microservices"), so a
                // negated list ("we don't need Kafka, microservices or a second region") stays negated.
                std::size_t len = p.size();
                while (pos + len < s.text.size() && is_word_char(s.text[pos + len])) ++len;
                if (negated(s.text, pos, len) || hedged(s.text)) continue;
                // A managed cache cluster's shards ("Redis cluster, 1 replica per shard") are not a
                // sharded data tier.
                if (pos >= 4 && s.text.compare(pos - 4, 4, "per ") == 0) continue;
                if (s.section == "requirements" || s.text.back() == '?') continue;
                hit = std::string(p);
                break;
            }
            if (hit.empty()) continue;
            findings.push_back(finding(
                "over-engineering", "scaling", "major",
                "The design uses " + hit + " for a problem at " + scale +
                    " scale that one database and a couple of "
                    "app servers handle comfortably.",
                "Start with the simplest design that meets the numbers (a monolith and one PostgreSQL with a replica), "
                "and say which metric would trigger " +
                    hit + " later.",
                excerpt(s.raw, 120),
                "Every distributed piece adds failure modes, cost and operational load; at this scale it buys "
                "nothing."));
            break;
        }
    }
    double score = 0.3;
    if (bottleneck) score += 0.35;
    if (real_tradeoff) score += 0.35;
    if (!scaling_section && !bottleneck && !generic) score -= 0.1;
    score -= findings.empty() ? 0 : 0.1 * static_cast<double>(findings.size());
    for (const auto& f : findings)
        if (f["id"] == "over-engineering") score -= 0.2;
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators
