// Commands that show what is loaded: plugins, problems, lessons, drills, curricula, and content linting.
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/render.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/content/catalog.hpp"
#include "rehearse/core/plugins/lint.hpp"
#include "rehearse/core/plugins/plugin_catalog.hpp"

#include <iostream>

namespace rehearse::cli {

using nlohmann::json;

namespace {

int cmd_plugins(invocation& inv) {
    const json list = plugins_json(inv.context().plugins());
    if (inv.global.json) {
        inv.print_json(list);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : list)
        rows.push_back({p["id"], p["version"], p["api_version"], join(p["kinds"], ","), p["path"]});
    print_table(inv.out, {"ID", "VERSION", "API", "KINDS", "PATH"}, rows);
    return 0;
}

int cmd_plugins_check(invocation& inv) {
    const std::string path = inv.args.at(0);
    content_registry registry;
    plugin_host host(registry, inv.plugin_log());
    json result;
    try {
        const auto& p = host.load(path);
        const auto& m = p.manifest();
        result = {{"ok", true},
                  {"path", p.path().string()},
                  {"id", m.id},
                  {"version", m.version},
                  {"api_version", std::to_string(p.api_major()) + "." + std::to_string(p.api_minor())},
                  {"kinds", m.kinds},
                  {"problems", registry.problems().size()},
                  {"lessons", registry.lessons().size()},
                  {"drills", registry.drills().size()},
                  {"evaluators", registry.evaluators().size()},
                  {"dialogues", registry.dialogues().size()}};
    } catch (const error& e) {
        result = {{"ok", false}, {"path", path}, {"error", e.what()}};
    }
    if (inv.global.json) {
        inv.print_json(result);
    } else if (result["ok"]) {
        inv.out << "ok: " << result["id"].get<std::string>() << ' ' << result["version"].get<std::string>() << " (API "
                << result["api_version"].get<std::string>() << ", " << join(result["kinds"])
                << "): " << result["problems"] << " problems, " << result["lessons"] << " lessons, " << result["drills"]
                << " drills, " << result["evaluators"] << " evaluators, " << result["dialogues"] << " dialogues\n";
    }
    if (!result["ok"]) {
        inv.err << "rehearse: " << path << ": " << result["error"].get<std::string>() << '\n';
        return 1;
    }
    return 0;
}

int cmd_problems(invocation& inv) {
    problem_filter filter{inv.value("difficulty"), inv.value("dimension"), inv.has("all")};
    const json list = parse_option("difficulty", [&] { return problems_json(inv.context().content(), filter); });
    if (inv.global.json) {
        inv.print_json(list);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : list)
        rows.push_back({p["id"], p["difficulty"], p["pack"], p["title"], format_weights(p["dimensions"])});
    print_table(inv.out, {"ID", "DIFFICULTY", "PACK", "TITLE", "DIMENSIONS"}, rows);
    return 0;
}

int cmd_lessons(invocation& inv) {
    const json list = lessons_json(inv.context().content(), inv.has("all"));
    if (inv.global.json) {
        inv.print_json(list);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : list)
        rows.push_back(
            {l["id"], l["pack"], std::to_string(l["cards"].get<int>()), l["title"], join(l["dimensions"], ",")});
    print_table(inv.out, {"ID", "PACK", "CARDS", "TITLE", "DIMENSIONS"}, rows);
    return 0;
}

int cmd_drills(invocation& inv) {
    drill_filter filter{inv.value("difficulty"), inv.value("dimension"), inv.value("kind"), inv.has("all")};
    const json list = parse_option("difficulty", [&] {
        return parse_option("kind", [&] { return drills_json(inv.context().content(), filter); });
    });
    if (inv.global.json) {
        inv.print_json(list);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : list)
        rows.push_back({d["id"], d["dimension"], d["difficulty"], d["kind"],
                        std::to_string(d["minutes"].get<int>()) + " min", d["title"]});
    print_table(inv.out, {"ID", "DIMENSION", "DIFFICULTY", "KIND", "TIME", "TITLE"}, rows);
    return 0;
}

int cmd_show_drill(invocation& inv) {
    const json d = drill_json(inv.context().content(), inv.args.at(0));
    if (inv.global.json) {
        inv.print_json(d);
        return 0;
    }
    inv.out << d.value("title", "") << "  (" << d.value("dimension", "") << ", " << d.value("difficulty", "") << ", "
            << d.value("minutes", 0) << " min)\n\n"
            << d.value("prompt", "") << '\n';
    if (d.contains("facts") && !d["facts"].empty()) {
        inv.out << "\nFacts:\n";
        for (const auto& f : d["facts"]) inv.out << "  - " << f.get<std::string>() << '\n';
    }
    inv.out << "\nanswer with: rehearse drill --drill " << d.value("id", "") << " --answer \"...\"\n";
    return 0;
}

int cmd_show_problem(invocation& inv) {
    const json p = problem_json(inv.context().content(), inv.args.at(0));
    if (inv.global.json)
        inv.print_json(p);
    else
        render_problem(inv.out, p);
    return 0;
}

int cmd_show_lesson(invocation& inv) {
    const json l = lesson_json(inv.context().content(), inv.args.at(0));
    if (inv.global.json)
        inv.print_json(l);
    else
        render_lesson(inv.out, l);
    return 0;
}

int cmd_curricula(invocation& inv) {
    const json list = curricula_json(inv.context().content());
    if (inv.global.json) {
        inv.print_json(list);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : list) rows.push_back({c["id"], std::to_string(c["weeks"].get<int>()), c["title"]});
    print_table(inv.out, {"ID", "WEEKS", "TITLE"}, rows);
    return 0;
}

int cmd_packs_lint(invocation& inv) {
    const lint_report report = lint_paths(inv.args);
    if (inv.global.json) {
        inv.print_json({{"ok", report.ok()},
                        {"files", report.files},
                        {"problems", report.problem_items},
                        {"lessons", report.lesson_items},
                        {"drills", report.drill_items},
                        {"curricula", report.curricula},
                        {"violations", report.problems}});
    } else {
        for (const auto& p : report.problems) inv.err << p << '\n';
        if (report.ok())
            inv.out << "ok: " << report.files << " files, " << report.problem_items << " problems, "
                    << report.lesson_items << " lessons, " << report.drill_items << " drills, " << report.curricula
                    << " curricula\n";
    }
    if (!report.ok()) {
        if (!inv.global.json) inv.err << "rehearse: " << report.problems.size() << " problems found\n";
        return 1;
    }
    return 0;
}

}  // namespace

std::vector<command> content_commands() {
    return {
        {{"plugins"}, "", "list the loaded plugins", {}, 0, 0, &cmd_plugins},
        {{"plugins", "check"},
         "PATH",
         "validate one plugin file; exits 1 with the reason when it is bad",
         {},
         1,
         1,
         &cmd_plugins_check},
        {{"problems"},
         "",
         "list practice problems",
         {{"difficulty", "easy|medium|hard", "only this difficulty"},
          {"dimension", "DIM", "only problems that weight this rubric dimension"},
          {"all", "", "include retired problems"}},
         0,
         0,
         &cmd_problems},
        {{"lessons"}, "", "list concept lessons", {{"all", "", "include retired lessons"}}, 0, 0, &cmd_lessons},
        {{"drills"},
         "",
         "list drills: short exercises on one dimension (2-10 minutes)",
         {{"difficulty", "easy|medium|hard", "only this difficulty"},
          {"dimension", "DIM", "only drills that practise this rubric dimension"},
          {"kind", "KIND", "only this kind (estimate, schema, api, requirements, trade-off, failure, communication)"},
          {"all", "", "include retired drills"}},
         0,
         0,
         &cmd_drills},
        {{"show", "problem"}, "ID", "show a problem in full", {}, 1, 1, &cmd_show_problem},
        {{"show", "drill"}, "ID", "show a drill's prompt and facts", {}, 1, 1, &cmd_show_drill},
        {{"show", "lesson"}, "ID", "show a lesson in full", {}, 1, 1, &cmd_show_lesson},
        {{"curricula"}, "", "list the study plans", {}, 0, 0, &cmd_curricula},
        {{"packs", "lint"}, "PATH...", "validate content files, curricula or plugins", {}, 1, 10000, &cmd_packs_lint},
    };
}

}  // namespace rehearse::cli
