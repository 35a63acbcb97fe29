/// @file
/// Ranking short texts against a query by meaning rather than exact wording: words are lowercased,
/// stop words dropped, each word stemmed and mapped to its synonym group's canonical term (traffic,
/// volume and load are one term), and documents are scored with Okapi BM25. Used to match a
/// candidate's clarifying question to a problem's clarifications and a learner's question to lessons.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rehearse::ranking {

/// The index terms of `text`: lowercase word tokens without stop words, stemmed, synonyms folded.
std::vector<std::string> terms(std::string_view text);

/// `a` and `b` differ by one edit: a letter added, dropped or changed, or two neighbours swapped
/// ("gaurante" and "guarante"). Equal terms are not one edit apart.
bool one_edit_apart(std::string_view a, std::string_view b);

/// An Okapi BM25 index over documents given as term lists.
class bm25 {
   public:
    explicit bm25(double k1 = 1.2, double b = 0.75) : k1_(k1), b_(b) {}

    /// Adds a document; returns its index (0, 1, ...).
    std::size_t add(std::vector<std::string> doc_terms);

    std::size_t size() const { return docs_.size(); }

    /// The BM25 score of document `doc` for the query terms.
    double score(const std::vector<std::string>& query_terms, std::size_t doc) const;

    /// Documents with a positive score, best first (ties by index).
    std::vector<std::pair<std::size_t, double>> rank(const std::vector<std::string>& query_terms) const;

   private:
    /// Inverse document frequency, ln(1 + (N - n + 0.5) / (n + 0.5)): positive for every term.
    double idf(const std::string& term) const;

    double k1_, b_;
    std::vector<std::unordered_map<std::string, std::size_t>> docs_;  ///< term frequencies per document
    std::vector<std::size_t> lengths_;                                ///< terms per document
    std::unordered_map<std::string, std::size_t> df_;                 ///< documents per term
    std::size_t total_length_ = 0;
};

}  // namespace rehearse::ranking
