// Learner management.
#include "cli/cli.hpp"
#include "cli/render.hpp"

#include "rehearse/core/learner/learners.hpp"

namespace rehearse::cli {

namespace {

int cmd_learner_add(invocation& inv) {
    auto& ctx = inv.context();
    const learner l = add_learner(ctx.db(), inv.args.at(0), ctx.now());
    if (inv.global.json)
        inv.print_json(l);
    else
        inv.out << "learner " << l.name << " (since " << l.created_at << ")\n";
    return 0;
}

int cmd_learner_list(invocation& inv) {
    auto& ctx = inv.context();
    const std::vector<learner> learners = list_learners(ctx.db());
    if (inv.global.json) {
        inv.print_json(learners);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : learners) rows.push_back({l.name, l.created_at});
    print_table(inv.out, {"NAME", "SINCE"}, rows);
    return 0;
}

}  // namespace

std::vector<command> learner_commands() {
    return {
        {{"learner", "add"},
         "NAME",
         "create a learner (an existing name is kept as it is)",
         {},
         1,
         1,
         &cmd_learner_add},
        {{"learner", "list"}, "", "list learners", {}, 0, 0, &cmd_learner_list},
    };
}

}  // namespace rehearse::cli
