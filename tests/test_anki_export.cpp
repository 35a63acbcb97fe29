// `rehearse anki export` end to end: the real executable writes the package, the test opens it as
// Anki would (the zip with Poco::Zip, collection.anki2 with SQLite) and checks it against the
// curriculum's lessons as the CLI lists them.
#include "support/cli_json.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <Poco/StreamCopier.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using nlohmann::json;
using rehearse::test::ok_json;
using rehearse::test::run_cli;

namespace {

const std::string anki_test_now = "2026-03-01T09:00:00Z";

/// The bytes of one entry of a zip file; fails the test when the entry is missing.
std::string anki_test_entry(const std::string& zip_path, const std::string& name) {
    std::ifstream in(zip_path, std::ios::binary);
    REQUIRE(in);
    const Poco::Zip::ZipArchive archive(in);
    const auto header = archive.findHeader(name);
    REQUIRE_MESSAGE(header != archive.headerEnd(), "no " << name << " in " << zip_path);
    Poco::Zip::ZipInputStream entry(in, header->second);
    std::ostringstream out;
    Poco::StreamCopier::copyStream(entry, out);
    return out.str();
}

struct anki_test_card {
    std::string front, back;
    std::set<std::string> tags;
};

/// The cards the curriculum's lessons hold, by full card id, read through `show lesson --json`.
std::map<std::string, anki_test_card> anki_test_expected(const std::string& db, const std::string& curriculum) {
    std::ifstream file(std::string(REHEARSE_PROJECT_SOURCE_DIR) + "/curricula/" + curriculum + ".json");
    const json doc = json::parse(file);
    std::map<std::string, anki_test_card> out;
    std::set<std::string> lessons;
    for (const auto& week : doc["weeks"])
        for (const auto& day : week["days"])
            for (const auto& activity : day["activities"])
                if (activity["kind"] == "lesson") lessons.insert(activity["ref"].get<std::string>());
    for (const auto& id : lessons) {
        const json lesson = ok_json(run_cli({"--db", db, "show", "lesson", id, "--json"}));
        std::set<std::string> tags{"rehearse", "lesson::" + id};
        for (const auto& d : lesson["dimensions"]) tags.insert("dimension::" + d.get<std::string>());
        for (const auto& card : lesson["cards"])
            out[lesson["pack"].get<std::string>() + "/" + id + "/" + card["id"].get<std::string>()] = {
                card["front"], card["back"], tags};
    }
    return out;
}

std::string anki_test_html(std::string text) {
    std::string out;
    for (char c : text) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '\n' ? "<br>" : std::string(1, c);
    return out;
}

std::set<std::string> anki_test_tags(const std::string& field) {
    std::istringstream in(field);
    std::set<std::string> out;
    for (std::string t; in >> t;) out.insert(t);
    return out;
}

}  // namespace

TEST_CASE("anki export writes a curriculum's flashcards as an Anki package") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    const std::string apkg = dir.file("startup.apkg");
    const json result = ok_json(run_cli({"--db", db, "--now", anki_test_now, "anki", "export", "--curriculum",
                                         "startup-four-week", "-o", apkg, "--json"}));
    const auto expected = anki_test_expected(db, "startup-four-week");
    REQUIRE(expected.size() > 20);
    CHECK(result["notes"] == expected.size());

    CHECK(anki_test_entry(apkg, "media") == "{}");
    const std::string collection = dir.file("collection.anki2");
    std::ofstream(collection, std::ios::binary) << anki_test_entry(apkg, "collection.anki2");
    SQLite::Database anki(collection, SQLite::OPEN_READONLY);
    CHECK(anki.execAndGet("PRAGMA integrity_check").getString() == "ok");

    // col: one row, schema 11, the note type with Front and Back, the deck the cards are in.
    SQLite::Statement col(anki, "SELECT ver, models, decks, dconf, conf FROM col");
    REQUIRE(col.executeStep());
    CHECK(col.getColumn(0).getInt() == 11);
    const json models = json::parse(col.getColumn(1).getString());
    const json decks = json::parse(col.getColumn(2).getString());
    CHECK(json::parse(col.getColumn(3).getString()).contains("1"));
    REQUIRE(models.size() == 1);
    const json model = models.begin().value();
    CHECK(model["id"].get<long long>() == std::stoll(models.begin().key()));
    REQUIRE(model["flds"].size() == 2);
    CHECK(model["flds"][0]["name"] == "Front");
    CHECK(model["flds"][1]["name"] == "Back");
    CHECK(model["tmpls"][0]["qfmt"].get<std::string>().find("{{Front}}") != std::string::npos);
    CHECK(model["tmpls"][0]["afmt"].get<std::string>().find("{{Back}}") != std::string::npos);
    CHECK_FALSE(col.executeStep());

    // notes: one per flashcard, fields and tags from the lesson.
    CHECK(anki.execAndGet("SELECT COUNT(*) FROM notes").getInt64() == static_cast<long long>(expected.size()));
    SQLite::Statement notes(anki, "SELECT id, guid, mid, flds, tags FROM notes");
    std::set<long long> note_ids;
    while (notes.executeStep()) {
        const std::string guid = notes.getColumn(1).getString();
        INFO(guid);
        const auto it = expected.find(guid);
        REQUIRE(it != expected.end());
        note_ids.insert(notes.getColumn(0).getInt64());
        CHECK(notes.getColumn(2).getInt64() == model["id"].get<long long>());
        CHECK(notes.getColumn(3).getString() == anki_test_html(it->second.front) + '\x1f' + anki_test_html(it->second.back));
        CHECK(anki_test_tags(notes.getColumn(4).getString()) == it->second.tags);
    }
    CHECK(note_ids.size() == expected.size());

    // cards: one per note, in the curriculum's deck.
    CHECK(anki.execAndGet("SELECT COUNT(*) FROM cards").getInt64() == static_cast<long long>(expected.size()));
    SQLite::Statement cards(anki, "SELECT nid, did, ord FROM cards");
    std::set<long long> card_notes;
    while (cards.executeStep()) {
        card_notes.insert(cards.getColumn(0).getInt64());
        const json& deck = decks[std::to_string(cards.getColumn(1).getInt64())];
        CHECK(deck["name"].get<std::string>().find("startup") != std::string::npos);
        CHECK(cards.getColumn(2).getInt() == 0);
    }
    CHECK(card_notes == note_ids);
    CHECK(anki.execAndGet("SELECT COUNT(*) FROM revlog").getInt64() == 0);
    CHECK(anki.execAndGet("SELECT COUNT(*) FROM graves").getInt64() == 0);

    // The same content gives the same notes: re-exporting updates a deck in Anki instead of doubling it.
    const std::string again = dir.file("again.apkg");
    ok_json(run_cli({"--db", db, "--now", "2026-04-01T00:00:00Z", "anki", "export", "--curriculum", "startup-four-week",
                     "--output", again, "--json"}));
    const std::string collection2 = dir.file("collection2.anki2");
    std::ofstream(collection2, std::ios::binary) << anki_test_entry(again, "collection.anki2");
    SQLite::Database anki2(collection2, SQLite::OPEN_READONLY);
    auto ids = [](SQLite::Database& d) {
        std::set<std::string> out;
        SQLite::Statement q(d, "SELECT n.id, n.guid, c.id, c.did FROM notes n JOIN cards c ON c.nid = n.id");
        while (q.executeStep())
            out.insert(q.getColumn(0).getString() + " " + q.getColumn(1).getString() + " " + q.getColumn(2).getString() +
                       " " + q.getColumn(3).getString());
        return out;
    };
    CHECK(ids(anki) == ids(anki2));
}

TEST_CASE("anki export refuses an unknown curriculum and a missing folder, and writes nothing") {
    rehearse::test::temp_dir dir;
    const std::string db = dir.file("r.db");
    const auto unknown = run_cli({"--db", db, "anki", "export", "--curriculum", "no-such", "-o", dir.file("x.apkg")});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err.find("unknown curriculum") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("x.apkg")));
    const auto nowhere = run_cli(
        {"--db", db, "anki", "export", "--curriculum", "startup-four-week", "-o", dir.file("missing/x.apkg")});
    CHECK(nowhere.exit_code == 1);
    CHECK(run_cli({"--db", db, "anki", "export", "--curriculum", "startup-four-week"}).exit_code == 2);
}
