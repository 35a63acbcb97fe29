/// @file
/// Keeps the store's record of content items in step with the loaded packs, so a pack update
/// never loses a learner's history: items keep their ids (and so their attempts, mastery and card
/// states), new items appear, and items a pack no longer ships are marked retired — hidden from
/// selection, their history kept. Packs that are not loaded at all are left alone (a plugin that is
/// missing today may be back tomorrow).
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/storage/store.hpp"

#include <map>
#include <string>
#include <vector>

namespace rehearse {

struct content_sync_report {
    std::vector<std::string> added;     ///< full ids seen for the first time
    std::vector<std::string> retired;   ///< full ids newly retired
    std::vector<std::string> restored;  ///< full ids that came back
};

/// `pack_versions`: pack id → version of every loaded pack. One transaction.
content_sync_report sync_content_items(store& s, const content_registry& content,
                                       const std::map<std::string, std::string>& pack_versions, sys_ms now);

/// Full ids (pack/id, pack/lesson/card) currently marked retired.
std::vector<std::string> retired_items(store& s);

}  // namespace rehearse
