// `rehearse export`, `rehearse import` and `rehearse anki export`: a learner's history as one JSON
// document that any database can take back, and a curriculum's flashcards as an Anki package.
#include "cli/anki_package.hpp"
#include "cli/cli.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/exchange/anki_collection.hpp"
#include "rehearse/core/exchange/learner_export.hpp"

#include <filesystem>
#include <fstream>

namespace rehearse::cli {

namespace {

/// Writes `text` to `path` through a temporary file renamed into place: never a half-written file.
std::uintmax_t write_file_atomically(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path temp = (target.has_parent_path() ? target.parent_path() : fs::path(".")) /
                          ("." + target.filename().string() + ".tmp");
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw error(errc::io, path + ": cannot write");
        out << text;
        out.close();
        if (!out) {
            std::error_code ec;
            fs::remove(temp, ec);
            throw error(errc::io, path + ": write failed");
        }
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw error(errc::io, path + ": cannot write: " + ec.message());
    }
    return text.size();
}

int cmd_export(invocation& inv) {
    app_context& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const nlohmann::json doc = export_learner(ctx.db(), who);
    const std::string text = doc.dump(2) + "\n";
    const auto output = inv.value("output");
    if (!output) {
        inv.out << text;  // the document itself is the JSON output
        return 0;
    }
    const std::uintmax_t bytes = write_file_atomically(*output, text);
    if (inv.global.json) {
        inv.print_json({{"learner", who.name}, {"path", *output}, {"bytes", bytes}});
        return 0;
    }
    inv.out << "exported " << who.name << " to " << *output << " (" << bytes << " bytes: "
            << doc["attempts"].size() << " attempts, " << doc["review_log"].size() << " reviews, "
            << doc["drill_attempts"].size() << " drills, " << doc["sessions"].size() << " sessions)\n";
    return 0;
}

int cmd_import(invocation& inv) {
    const std::string& path = inv.args.at(0);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw error(errc::io, path + ": is a folder, expected an export file");
    const nlohmann::json doc = read_json_file(path);
    app_context& ctx = inv.context();
    // Only an explicit --learner renames: $REHEARSE_LEARNER is a default for one's own commands and
    // must not silently file someone else's history under it.
    const import_summary s = import_learner(ctx.db(), &ctx.content(), doc, inv.global.learner);
    for (const auto& w : s.warnings)
        inv.err << "rehearse: warning: " << w << " (its history is imported; it counts once a pack has it)\n";
    if (inv.global.json) {
        nlohmann::json j;
        to_json(j, s);
        inv.print_json(j);
        return 0;
    }
    if (s.changed() == 0) {
        inv.out << "nothing to import: " << s.learner << " already has everything in " << path << "\n";
        return 0;
    }
    inv.out << "imported " << path << " as " << s.learner << (s.learner_created ? " (new learner)" : "") << ":\n";
    for (const auto& [section, c] : s.sections)
        if (c.added || c.updated)
            inv.out << "  " << section << ": " << c.added << " added, " << c.updated << " updated, " << c.unchanged
                    << " already there\n";
    return 0;
}

int cmd_anki_export(invocation& inv) {
    const auto curriculum = inv.value("curriculum");
    const auto output = inv.value("output");
    if (!curriculum) throw error(errc::usage, "anki export needs --curriculum ID (see: rehearse curricula)");
    if (!output) throw error(errc::usage, "anki export needs --output FILE.apkg (or -o)");
    app_context& ctx = inv.context();
    const anki_deck deck = curriculum_deck(ctx.content(), *curriculum);
    write_anki_package(*output, deck, ctx.now());
    if (inv.global.json) {
        inv.print_json({{"curriculum", deck.curriculum}, {"deck", deck.name}, {"path", *output}, {"notes", deck.notes.size()}});
        return 0;
    }
    inv.out << "wrote " << deck.notes.size() << " flashcards of " << deck.curriculum << " to " << *output
            << " (import it in Anki: File > Import)\n";
    return 0;
}

}  // namespace

std::vector<command> exchange_commands() {
    return {
        {{"export"},
         "",
         "the learner's whole history as one JSON document (stdout, or --output)",
         {{"output", "FILE", "write the document to FILE (also -o)"}},
         0,
         0,
         &cmd_export},
        {{"import"},
         "FILE",
         "put an exported history into this database (--learner imports it under another name)",
         {},
         1,
         1,
         &cmd_import},
        {{"anki", "export"},
         "",
         "a curriculum's flashcards as an Anki package (.apkg)",
         {{"curriculum", "ID", "the curriculum (see: rehearse curricula)"},
          {"output", "FILE.apkg", "the package to write (also -o)"}},
         0,
         0,
         &cmd_anki_export},
    };
}

}  // namespace rehearse::cli
