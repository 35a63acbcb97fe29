/// @file
/// A curriculum's flashcards as an Anki collection: an SQLite database in Anki's legacy schema
/// (version 11: tables col, notes, cards, revlog, graves; note types, decks and deck options as JSON
/// in col), the file an .apkg package holds as `collection.anki2`. The front zips it (core has no
/// archive library); docs/data.md describes the package.
#pragma once

#include "rehearse/core/base/iso_time.hpp"
#include "rehearse/core/content/content_registry.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct anki_note {
    std::string card_id;  ///< pack/lesson/card: the note's guid, so a re-exported deck updates in place
    std::string front, back;
    std::vector<std::string> tags;  ///< rehearse, lesson::ID, dimension::DIM (no spaces inside a tag)
};

struct anki_deck {
    std::string curriculum;  ///< its id
    std::string name;        ///< the deck's name in Anki
    std::vector<anki_note> notes;
};

/// The flashcards of the lessons a curriculum schedules, in the order it first schedules them, each
/// lesson's cards in its own order. error(not_found) for an unknown curriculum.
anki_deck curriculum_deck(const content_registry& content, std::string_view curriculum_id);

/// Writes the deck as a new Anki collection at `path` (an existing file there is replaced): one
/// Basic note type with Front and Back, one deck, one new card per note. Every id is derived from
/// the curriculum and card ids, so the same content gives the same notes and cards.
void write_anki_collection(const std::string& path, const anki_deck& deck, sys_ms now);

}  // namespace rehearse
