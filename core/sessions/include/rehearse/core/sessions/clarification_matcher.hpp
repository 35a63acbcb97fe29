/// @file
/// Reading a candidate's message during a mock interview: which of the problem's clarifications it
/// asks about (several questions in one message get several answers), whether it asks about the
/// design itself rather than the requirements, and which questions the problem cannot answer.
/// Never a random clarification: below the confidence threshold a question is unanswerable.
#pragma once

#include "rehearse/core/content/content_registry.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct clarification_match {
    std::size_t index = 0;  ///< into the problem's `clarifications` array
    double score = 0;       ///< the ranking's confidence, comparable across messages
    std::string asked;      ///< the candidate's sentence it answers
};

struct clarification_reading {
    bool is_question = false;                   ///< the message asks something (a `?` or a question form)
    bool design_question = false;               ///< it asks about the solution ("should we use Kafka?")
    std::vector<clarification_match> answered;  ///< confident matches, in message order, one per clarification
    std::vector<std::string> unanswerable;      ///< questions with no confident match
};

/// Why the matcher answered, or held back, its best reading of one question.
struct clarification_evidence {
    std::string asked;             ///< the question, as the candidate wrote it
    std::size_t index = 0;         ///< the clarification the ranking chose
    std::vector<double> features;  ///< what the answer gate weighs, in the order of gate_features()
    double probability = 0;        ///< the gate's estimate that the clarification answers the question
    bool answered = false;         ///< the gate let it through
};

class clarification_matcher {
   public:
    /// Builds the index over the problem's clarifications (question, intent, keywords, answer) once.
    explicit clarification_matcher(const problem& p);

    clarification_reading read(std::string_view message) const;

    /// The confident best reading of each question in `message`, with what the answer gate weighed:
    /// read() answers those the gate lets through. For explaining a reading and training the gate.
    std::vector<clarification_evidence> explain(std::string_view message) const;

    /// The names of the answer gate's inputs, in order.
    static const std::vector<std::string>& gate_features();

   private:
    clarification_reading read_with(std::string_view message, std::vector<clarification_evidence>* trace) const;

    struct impl;
    std::shared_ptr<const impl> impl_;  ///< the field indexes, shared by copies of the matcher
};

}  // namespace rehearse
