// Signing in to a shared server: tokens and coaches' groups (docs/server.md). Run on the server's
// machine, against its database: whoever can run these can already read the database file.
#include "cli/cli.hpp"
#include "cli/render.hpp"

#include "rehearse/core/access/access_tokens.hpp"
#include "rehearse/core/access/group_progress.hpp"
#include "rehearse/core/access/groups.hpp"
#include "rehearse/core/learner/learners.hpp"

#include <cstdio>

namespace rehearse::cli {

namespace {

int cmd_token_create(invocation& inv) {
    auto& ctx = inv.context();
    const access_role role = parse_access_role(inv.value("role").value_or("learner"));
    // Issuing someone their first token is how they join a shared server: the learner is added if new.
    const learner who = add_learner(ctx.db(), inv.learner_name(), ctx.now());
    const issued_token t = create_token(ctx.db(), who, role, ctx.now());
    if (inv.global.json) {
        inv.print_json(t);
        return 0;
    }
    inv.out << t.token << '\n';
    inv.err << "token " << t.id << " for " << t.learner << " (" << role_name(t.role)
            << "): shown once, only its hash is kept; revoke it with: rehearse token revoke " << t.id << '\n';
    return 0;
}

int cmd_token_revoke(invocation& inv) {
    auto& ctx = inv.context();
    const token_info t = revoke_token(ctx.db(), inv.args.at(0), ctx.now());
    if (inv.global.json)
        inv.print_json(t);
    else
        inv.out << "token " << t.id << " of " << t.learner << " revoked at " << t.revoked_at.value_or("") << '\n';
    return 0;
}

int cmd_token_list(invocation& inv) {
    auto& ctx = inv.context();
    const auto tokens = list_tokens(ctx.db(), inv.global.learner);
    if (inv.global.json) {
        inv.print_json(tokens);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : tokens)
        rows.push_back({t.id, t.learner, std::string(role_name(t.role)), t.created_at, t.revoked_at.value_or("-")});
    print_table(inv.out, {"ID", "LEARNER", "ROLE", "CREATED", "REVOKED"}, rows);
    return 0;
}

void print_group(invocation& inv, const learner_group& g) {
    if (inv.global.json) {
        inv.print_json(g);
        return;
    }
    inv.out << "group " << g.name << " (coach " << g.coach << "): ";
    if (g.members.empty()) inv.out << "no learners yet";
    for (std::size_t i = 0; i < g.members.size(); ++i) inv.out << (i ? ", " : "") << g.members[i];
    inv.out << '\n';
}

int cmd_group_create(invocation& inv) {
    auto& ctx = inv.context();
    const auto coach_name = inv.value("coach");
    if (!coach_name) throw error(errc::usage, "group create needs --coach NAME (the learner who runs the group)");
    print_group(inv, create_group(ctx.db(), inv.args.at(0), require_learner(ctx.db(), *coach_name), ctx.now()));
    return 0;
}

int cmd_group_add(invocation& inv) {
    auto& ctx = inv.context();
    print_group(inv, add_to_group(ctx.db(), inv.args.at(0), require_learner(ctx.db(), inv.learner_name()), ctx.now()));
    return 0;
}

int cmd_group_list(invocation& inv) {
    auto& ctx = inv.context();
    const auto groups = list_groups(ctx.db());
    if (inv.global.json) {
        inv.print_json(groups);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& g : groups) rows.push_back({g.name, g.coach, std::to_string(g.members.size())});
    print_table(inv.out, {"GROUP", "COACH", "LEARNERS"}, rows);
    return 0;
}

int cmd_group_progress(invocation& inv) {
    auto& ctx = inv.context();
    const group_progress_report r = group_progress(ctx.db(), require_group(ctx.db(), inv.args.at(0)), ctx.now());
    if (inv.global.json) {
        inv.print_json(r);
        return 0;
    }
    inv.out << "group " << r.group << " (coach " << r.coach << "), trend over " << group_trend_days << " days\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : r.learners) {
        std::string weakest;
        for (const auto& d : m.weakest) weakest += (weakest.empty() ? "" : ", ") + d;
        double mean = 0, trend = 0;
        for (const auto& [dim, v] : m.mastery) mean += v / static_cast<double>(m.mastery.size());
        for (const auto& [dim, v] : m.trend) trend += v / static_cast<double>(m.trend.size());
        char buf[32];
        std::snprintf(buf, sizeof buf, "%+.2f", trend);
        rows.push_back({m.learner, std::to_string(m.attempts), std::to_string(static_cast<int>(mean * 100 + 0.5)) + "%",
                        buf, weakest});
    }
    print_table(inv.out, {"LEARNER", "ATTEMPTS", "MASTERY", "TREND", "WEAKEST"}, rows);
    if (!r.weakest.empty()) {
        inv.out << "the group is weakest in:";
        for (std::size_t i = 0; i < r.weakest.size() && i < 3; ++i)
            inv.out << (i ? "," : "") << ' ' << r.weakest[i].first << " ("
                    << static_cast<int>(r.weakest[i].second * 100 + 0.5) << "%)";
        inv.out << '\n';
    }
    return 0;
}

}  // namespace

std::vector<command> access_commands() {
    return {
        {{"token", "create"},
         "",
         "issue a sign-in token for --learner (added if new); printed once, only its hash is stored",
         {{"role", "learner|coach", "what the token may reach (default learner: only their own data)"}},
         0,
         0,
         &cmd_token_create},
        {{"token", "revoke"}, "ID", "revoke a token (its id, or the whole token)", {}, 1, 1, &cmd_token_revoke},
        {{"token", "list"}, "", "list tokens (ids, never secrets); --learner filters", {}, 0, 0, &cmd_token_list},
        {{"group", "create"},
         "NAME",
         "create a group run by a coach",
         {{"coach", "NAME", "the learner who coaches the group (give them a --role coach token)"}},
         1,
         1,
         &cmd_group_create},
        {{"group", "add"}, "NAME", "add --learner to a group", {}, 1, 1, &cmd_group_add},
        {{"group", "list"}, "", "list groups with their coach and size", {}, 0, 0, &cmd_group_list},
        {{"group", "progress"},
         "NAME",
         "each learner's mastery and trend, and the group's weakest dimensions",
         {},
         1,
         1,
         &cmd_group_progress},
    };
}

}  // namespace rehearse::cli
