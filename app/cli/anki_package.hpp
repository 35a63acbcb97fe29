// An Anki package (.apkg): a zip holding collection.anki2 and a media index, written with Poco::Zip.
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/exchange/anki_collection.hpp"

#include <string>

namespace rehearse::cli {

/// Writes `deck` as an .apkg at `path`, through a temporary file renamed into place, so an
/// interrupted export never leaves a half-written package there. error(io) when it cannot.
void write_anki_package(const std::string& path, const anki_deck& deck, sys_ms now);

}  // namespace rehearse::cli
