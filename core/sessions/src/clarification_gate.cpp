// The answer gate's model: the inputs it weighs and the weights trained for them
// (clarification_gate_weights.inc, written by scripts/train_clarification_gate.py).
#include "clarification_gate.hpp"

#include <array>
#include <cmath>
#include <string_view>

namespace rehearse::clarification_gate {

namespace {

// The intents of the content schema (sdk/schema/content-v1.md), one input each.
constexpr std::array<std::string_view, 16> gate_intents{
    "scale",     "users",      "read-write-ratio", "latency",     "availability",      "formats",
    "retention", "compliance", "tenancy",          "sync-async",  "external-services", "functional",
    "consistency", "security", "budget",           "geography"};

constexpr std::size_t gate_measure_count = 16;

#include "clarification_gate_weights.inc"

static_assert(gate_weights.size() == gate_measure_count + gate_intents.size(),
              "clarification_gate_weights.inc was trained for other inputs: run scripts/train_clarification_gate.py");

double ratio(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

const std::vector<std::string>& feature_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n{"constant",      "log_score",     "margin",         "score_per_term",
                                   "on_topic",      "content",       "spoken",         "spoken_share",
                                   "unknown",       "unknown_share", "held_elsewhere", "worded_like",
                                   "yes_no",        "names_thing",   "unique_terms",   "log_length"};
        for (auto i : gate_intents) n.push_back("intent:" + std::string(i));
        return n;
    }();
    return names;
}

std::vector<double> features(const measures& m) {
    const double score = m.score > 0 ? m.score : 1e-9;
    std::vector<double> f{1.0,
                          std::log(score),
                          (m.score - m.best_other) / score,
                          m.score / static_cast<double>(m.unique_terms == 0 ? 1 : m.unique_terms),
                          static_cast<double>(m.on_topic),
                          static_cast<double>(m.content),
                          static_cast<double>(m.spoken),
                          ratio(m.spoken, m.content),
                          static_cast<double>(m.unknown),
                          ratio(m.unknown, m.content),
                          static_cast<double>(m.held_elsewhere),
                          m.worded_like ? 1.0 : 0.0,
                          m.yes_no ? 1.0 : 0.0,
                          m.names_thing ? 1.0 : 0.0,
                          static_cast<double>(m.unique_terms),
                          std::log(static_cast<double>(m.length == 0 ? 1 : m.length))};
    for (auto i : gate_intents) f.push_back(m.intent == i ? 1.0 : 0.0);
    return f;
}

double probability(const std::vector<double>& f) {
    double z = 0;
    for (std::size_t i = 0; i < f.size() && i < gate_weights.size(); ++i) z += gate_weights[i] * f[i];
    return 1.0 / (1.0 + std::exp(-z));
}

bool accepts(double p) { return p >= gate_threshold; }

}  // namespace rehearse::clarification_gate
