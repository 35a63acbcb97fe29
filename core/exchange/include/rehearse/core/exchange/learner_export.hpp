/// @file
/// One learner's whole history as one versioned JSON document, and that document put into any
/// database (docs/data.md). Access tokens and coaches' groups are not part of it: they belong to the
/// server a learner signs in to, not to the learner's history.
#pragma once

#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/learner/learners.hpp"
#include "rehearse/core/storage/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rehearse {

/// The document's `format` and the newest `version` this build writes and reads.
inline constexpr const char* learner_export_format = "rehearse-learner-export";
inline constexpr int learner_export_version = 1;

/// Every row of the learner's history, read in one transaction (a consistent snapshot). Rows are in
/// a fixed order and objects' keys sorted, so exporting an unchanged history twice gives the same
/// bytes.
nlohmann::json export_learner(store& s, const learner& who);

struct import_counts {
    std::int64_t added = 0;      ///< rows the database did not have
    std::int64_t updated = 0;    ///< state rows (a card's memory, mastery, ...) the document had newer
    std::int64_t unchanged = 0;  ///< rows already there
};

struct import_summary {
    std::string learner;
    bool learner_created = false;
    std::map<std::string, import_counts> sections;  ///< by the document's section name
    /// Problems, lessons, cards, drills and curricula the document names that the loaded content
    /// does not have: their history is imported all the same and counts once a pack has them.
    std::vector<std::string> warnings;
    /// Rows added or updated, over all sections: 0 for a document already imported.
    std::int64_t changed() const;
};

/// Puts an export into the store, as `name` when given (else the document's learner name), creating
/// the learner when missing. Rows already present are recognised and left alone, so importing the
/// same document twice changes nothing; state rows are replaced only by newer ones. One transaction:
/// a malformed document (error(invalid_input) naming the field), a newer version or a clash leaves
/// the database as it was. `content` (may be null) is only read to warn about unknown ids.
import_summary import_learner(store& s, const content_registry* content, const nlohmann::json& document,
                              const std::optional<std::string>& name);

void to_json(nlohmann::json& j, const import_summary& s);

}  // namespace rehearse
