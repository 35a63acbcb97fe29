// The answer gate: a logistic model over what the clarification matcher measured about its best reading
// of a question (its score, its margin, how many of the question's words the clarification speaks of,
// the intent ...), trained on the labelled paraphrases in tests/clarifications/ by
// scripts/train_clarification_gate.py. A reading the gate judges unlikely is not answered: the
// interviewer asks "What would you assume?" instead. Private to the sessions area.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rehearse::clarification_gate {

/// What the matcher measured about its best reading of one question.
struct measures {
    double score = 0;               ///< the best clarification's combined BM25 score
    double best_other = 0;          ///< the best score of any other clarification
    std::size_t unique_terms = 0;   ///< different terms in the question
    std::size_t on_topic = 0;       ///< terms of the clarification's topic or example wordings
    std::size_t content = 0;        ///< terms that are neither the problem's subject nor its people
    std::size_t spoken = 0;         ///< content terms the clarification holds in any field
    std::size_t unknown = 0;        ///< content terms no clarification of the problem holds
    std::size_t held_elsewhere = 0; ///< content terms other clarifications hold and this one does not
    bool worded_like = false;       ///< two terms of one of its example wordings
    bool yes_no = false;            ///< the question opens with a verb
    bool names_thing = false;       ///< the question names the thing it asks about
    std::string intent;             ///< the clarification's intent
    std::size_t length = 0;         ///< characters in the question
};

/// The names of the model's inputs, in order (the first is the constant).
const std::vector<std::string>& feature_names();

/// The model's inputs for `m`, in the order of feature_names().
std::vector<double> features(const measures& m);

/// The model's estimate that the reading is right.
double probability(const std::vector<double>& features);

/// The reading is answered: its probability reaches the threshold chosen in training.
bool accepts(double probability);

}  // namespace rehearse::clarification_gate
