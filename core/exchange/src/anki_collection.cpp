#include "rehearse/core/exchange/anki_collection.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/storage/statement.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <cstdint>
#include <filesystem>
#include <set>

namespace rehearse {

using nlohmann::json;

namespace {

// Anki's legacy collection schema (version 11), as Anki itself creates it.
constexpr const char* anki_schema = R"sql(
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
)sql";

/// A stable positive id below 2^53 (JavaScript-safe, as Anki's ids are) from a name; `taken`
/// resolves the rare clash by stepping on.
std::int64_t anki_id(std::string_view name, std::set<std::int64_t>& taken) {
    std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (unsigned char c : name) hash = (hash ^ c) * 1099511628211ull;
    auto id = static_cast<std::int64_t>(hash & ((1ull << 53) - 1));
    if (id < 2) id += 2;  // 1 is the default deck and deck options
    while (!taken.insert(id).second) ++id;
    return id;
}

/// Anki fields are HTML: the card's plain text escaped, line breaks as <br>.
std::string anki_html(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\n': out += "<br>"; break;
            default: out += c;
        }
    }
    return out;
}

/// Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, as an integer.
std::int64_t anki_checksum(std::string_view field) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(field.data(), field.size(), digest, &size, EVP_sha1(), nullptr) != 1 || size < 4)
        throw error(errc::internal, "SHA-1 failed");
    return (static_cast<std::int64_t>(digest[0]) << 24) | (digest[1] << 16) | (digest[2] << 8) | digest[3];
}

std::string anki_tag(std::string text) {
    for (char& c : text)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x1f') c = '_';
    return text;
}

json anki_model(std::int64_t model_id, std::int64_t deck_id, std::int64_t mod) {
    auto field = [](const char* name, int ord) {
        return json{{"name", name}, {"ord", ord},    {"sticky", false}, {"rtl", false},
                    {"font", "Arial"}, {"size", 20}, {"media", json::array()}};
    };
    return json{{"id", model_id},
                {"name", "Rehearse Basic"},
                {"type", 0},
                {"mod", mod},
                {"usn", -1},
                {"sortf", 0},
                {"did", deck_id},
                {"tmpls",
                 {{{"name", "Card 1"},
                   {"ord", 0},
                   {"qfmt", "{{Front}}"},
                   {"afmt", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"},
                   {"bqfmt", ""},
                   {"bafmt", ""},
                   {"did", nullptr}}}},
                {"flds", {field("Front", 0), field("Back", 1)}},
                {"css", ".card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n "
                        "background-color: white;\n}\n"},
                {"latexPre", "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n"
                             "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n"
                             "\\begin{document}\n"},
                {"latexPost", "\\end{document}"},
                {"req", {{0, "any", {0}}}},
                {"tags", json::array()},
                {"vers", json::array()}};
}

json anki_deck_json(std::int64_t id, const std::string& name, std::int64_t mod) {
    return json{{"id", id},           {"name", name},     {"mod", mod},         {"usn", -1},
                {"desc", ""},         {"dyn", 0},         {"conf", 1},          {"collapsed", false},
                {"browserCollapsed", false}, {"extendNew", 10}, {"extendRev", 50},
                {"newToday", {0, 0}}, {"revToday", {0, 0}}, {"lrnToday", {0, 0}}, {"timeToday", {0, 0}}};
}

json anki_deck_options(std::int64_t mod) {
    return json{{"id", 1},
                {"name", "Default"},
                {"mod", mod},
                {"usn", -1},
                {"dyn", false},
                {"maxTaken", 60},
                {"timer", 0},
                {"autoplay", true},
                {"replayq", true},
                {"new", {{"delays", {1, 10}}, {"ints", {1, 4, 7}}, {"initialFactor", 2500}, {"order", 1},
                         {"perDay", 20}, {"bury", true}, {"separate", true}}},
                {"rev", {{"perDay", 200}, {"ease4", 1.3}, {"fuzz", 0.05}, {"ivlFct", 1}, {"maxIvl", 36500},
                         {"bury", true}, {"minSpace", 1}}},
                {"lapse", {{"delays", {10}}, {"mult", 0}, {"minInt", 1}, {"leechFails", 8}, {"leechAction", 0}}}};
}

}  // namespace

anki_deck curriculum_deck(const content_registry& content, std::string_view curriculum_id) {
    const curriculum* c = content.find_curriculum(curriculum_id);
    if (!c) throw error(errc::not_found, "unknown curriculum \"" + std::string(curriculum_id) + "\" (see: rehearse curricula)");
    anki_deck deck{c->id, "Rehearse::" + c->title, {}};
    std::set<std::string> seen;
    for (const auto& week : c->doc.value("weeks", json::array()))
        for (const auto& day : week.value("days", json::array()))
            for (const auto& activity : day.value("activities", json::array())) {
                if (activity.value("kind", "") != "lesson" || !activity.value("ref", json()).is_string()) continue;
                const lesson* l = content.find_lesson(activity["ref"].get<std::string>());
                // An unresolved reference is `packs lint`'s to report; the deck holds what exists.
                if (!l || l->retired || !seen.insert(l->id).second) continue;
                std::vector<std::string> tags{"rehearse", anki_tag("lesson::" + l->id)};
                for (const auto& dimension : l->dimensions) tags.push_back(anki_tag("dimension::" + dimension));
                for (const auto& card : l->doc.value("cards", json::array()))
                    deck.notes.push_back({l->pack + "/" + l->id + "/" + card.at("id").get<std::string>(),
                                          card.at("front").get<std::string>(), card.at("back").get<std::string>(), tags});
            }
    return deck;
}

void write_anki_collection(const std::string& path, const anki_deck& deck, sys_ms now) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    const std::int64_t mod_seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const std::int64_t mod_ms = now.time_since_epoch().count();
    try {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(anki_schema);
        SQLite::Transaction tx(db);
        std::set<std::int64_t> taken;
        const std::int64_t model_id = anki_id("model:rehearse-basic", taken);
        const std::int64_t deck_id = anki_id("deck:" + deck.curriculum, taken);

        std::set<std::string> all_tags;
        SQLite::Statement note(db, "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
        SQLite::Statement card(db, "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')");
        std::int64_t position = 0;
        for (const auto& n : deck.notes) {
            const std::int64_t note_id = anki_id("note:" + n.card_id, taken);
            const std::int64_t card_id = anki_id("card:" + n.card_id, taken);
            std::string tags = " ";
            for (const auto& t : n.tags) {
                tags += t + " ";
                all_tags.insert(t);
            }
            const std::string front = anki_html(n.front);
            bind_all(note, note_id, n.card_id, model_id, mod_seconds, tags, front + '\x1f' + anki_html(n.back), n.front,
                     anki_checksum(n.front));
            note.exec();
            note.reset();
            // New cards are shown in `due` order: the curriculum's order.
            bind_all(card, card_id, note_id, deck_id, mod_seconds, ++position);
            card.exec();
            card.reset();
        }

        json tags = json::object();
        for (const auto& t : all_tags) tags[t] = 0;
        json decks = json::object();
        decks["1"] = anki_deck_json(1, "Default", mod_seconds);
        decks[std::to_string(deck_id)] = anki_deck_json(deck_id, deck.name, mod_seconds);
        const json conf{{"nextPos", position + 1}, {"estTimes", true},  {"activeDecks", {deck_id}},
                        {"sortType", "noteFld"},   {"timeLim", 0},      {"sortBackwards", false},
                        {"addToCur", true},        {"curDeck", deck_id}, {"newBury", true},
                        {"newSpread", 0},          {"dueCounts", true}, {"curModel", model_id},
                        {"collapseTime", 1200}};
        // crt is the collection's creation day (the scheduler counts days from it).
        const std::int64_t crt = mod_seconds - mod_seconds % 86400;
        execute(db, "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)", crt, mod_ms, mod_ms, conf.dump(),
                json{{std::to_string(model_id), anki_model(model_id, deck_id, mod_seconds)}}.dump(), decks.dump(),
                json{{"1", anki_deck_options(mod_seconds)}}.dump(), tags.dump());
        tx.commit();
    } catch (const SQLite::Exception& e) {
        throw error(errc::io, path + ": cannot write the Anki collection: " + e.what());
    }
}

}  // namespace rehearse
