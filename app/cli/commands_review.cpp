// Flashcard reviews (an interactive session, or one scripted review) and taking a lesson.
#include "cli/cli.hpp"
#include "cli/render.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/learner/flashcards.hpp"
#include "rehearse/core/learner/lesson_progress.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace rehearse::cli {

namespace {

using nlohmann::json;

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return s.substr(i);
}

void print_outcome(std::ostream& out, const review_outcome& r) {
    out << "  -> " << r.state << ", next in " << r.interval_days << " day" << (r.interval_days == 1 ? "" : "s")
        << " (due " << r.due << ")\n";
}

int cmd_review(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());

    if (inv.has("card") || inv.has("rating")) {  // one scripted review
        const auto card = inv.value("card");
        const auto rating = inv.integer("rating", 1, 4);
        if (!card || !rating) throw error(errc::usage, "a scripted review needs both --card ID and --rating 1-4");
        const review_outcome r = review_card(ctx, who, *card, static_cast<int>(*rating));
        if (inv.global.json)
            inv.print_json(r);
        else {
            inv.out << "reviewed " << r.card << '\n';
            print_outcome(inv.out, r);
        }
        return 0;
    }

    const auto limit = inv.integer("limit", 1, 1000).value_or(50);
    const auto cards = due_cards(ctx.db(), ctx.content(), who.id, ctx.now(), static_cast<std::size_t>(limit));
    json done = json::array();
    // Prompts go to stderr with --json so stdout stays one JSON document.
    std::ostream& talk = inv.global.json ? inv.err : inv.out;
    if (cards.empty()) talk << "nothing to review for " << who.name << " right now\n";
    std::size_t n = 0;
    bool stop = false;
    for (const auto& id : cards) {
        if (stop) break;
        const auto card = find_card(ctx.content(), id);
        if (!card) continue;
        ++n;
        talk << "\n[" << n << "/" << cards.size() << "] " << card->lesson_title << "\nQ: " << card->front
             << "\n(Enter to show the answer, q to stop) " << std::flush;
        std::string line;
        if (!std::getline(inv.in, line) || trimmed(line) == "q") break;
        talk << "A: " << card->back << '\n';
        for (;;) {
            talk << "grade: 1 again, 2 hard, 3 good, 4 easy (q to stop): " << std::flush;
            if (!std::getline(inv.in, line)) {
                stop = true;
                break;
            }
            line = trimmed(line);
            if (line == "q") {
                stop = true;
                break;
            }
            if (line.size() == 1 && line[0] >= '1' && line[0] <= '4') {
                const review_outcome r = review_card(ctx, who, id, line[0] - '0');
                done.push_back(json(r));
                print_outcome(talk, r);
                break;
            }
            talk << "please answer 1, 2, 3 or 4\n";
        }
    }
    if (inv.global.json)
        inv.print_json({{"learner", who.name}, {"reviewed", done}});
    else
        inv.out << "\nreviewed " << done.size() << " card" << (done.size() == 1 ? "" : "s") << '\n';
    return 0;
}

int cmd_lesson(invocation& inv) {
    auto& ctx = inv.context();
    const learner who = require_learner(ctx.db(), inv.learner_name());
    const auto id = inv.value("lesson");
    if (!id) throw error(errc::usage, "lesson needs --lesson ID");
    std::optional<std::string> answer = inv.value("answer");
    if (const auto file = inv.value("answer-file")) {
        if (answer) throw error(errc::usage, "give --answer or --answer-file, not both");
        std::ifstream in(*file, std::ios::binary);
        if (!in) throw error(errc::io, *file + ": cannot read the answer file");
        std::ostringstream s;
        s << in.rdbuf();
        answer = s.str();
    }
    const lesson_result r = take_lesson(ctx, who, *id, answer);
    if (inv.global.json) {
        inv.print_json(r);
        return 0;
    }
    const lesson* l = ctx.content().find_lesson(*id);
    if (!r.grade) {
        inv.out << l->title << "\n\n"
                << l->doc.value("summary", "") << "\n\n"
                << r.cards << " flashcards from this lesson join your reviews.\n\nCheck question: "
                << l->doc.at("check").value("question", "") << "\nanswer with: rehearse lesson --learner " << who.name
                << " --lesson " << l->id << " --answer \"...\"\n";
        return 0;
    }
    inv.out << "check question: " << fixed(r.grade->score * 100, 0) << "% of the key points\n";
    for (const auto& p : r.grade->covered) inv.out << "  + " << p << '\n';
    for (const auto& p : r.grade->missed) inv.out << "  - missed: " << p << '\n';
    for (const auto& c : r.mastery)
        inv.out << "  " << c.dimension << ' ' << fixed(c.before) << " -> " << fixed(c.after) << '\n';
    return 0;
}

}  // namespace

std::vector<command> review_commands() {
    return {
        {{"review"},
         "",
         "review due flashcards (interactive; or one scripted review with --card and --rating)",
         {{"card", "ID", "review this card (pack/lesson/card)"},
          {"rating", "1-4", "with --card: 1 again, 2 hard, 3 good, 4 easy"},
          {"limit", "N", "at most N cards this session (default 50)"}},
         0,
         0,
         &cmd_review},
        {{"lesson"},
         "",
         "take a lesson: start it (its cards join your reviews), or answer its check question",
         {{"lesson", "ID", "the lesson"},
          {"answer", "TEXT", "your answer to the check question"},
          {"answer-file", "FILE", "read the answer from FILE"}},
         0,
         0,
         &cmd_lesson},
    };
}

}  // namespace rehearse::cli
