#include "rehearse/core/plugins/lint.hpp"

#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/content/content_registry.hpp"
#include "rehearse/core/content/content_schema.hpp"
#include "rehearse/core/plugins/plugin_host.hpp"

#include <filesystem>

namespace rehearse {

lint_report lint_paths(const std::vector<std::string>& paths) {
    lint_report report;
    content_registry registry;
    plugin_host host(registry);
    for (const auto& path : paths) {
        ++report.files;
        try {
            if (std::filesystem::path(path).extension() == ".so") {
                host.load(path);
                continue;
            }
            const auto doc = read_json_file(path);
            const std::string schema = doc.is_object() && doc.contains("schema") && doc["schema"].is_string()
                                           ? doc["schema"].get<std::string>()
                                           : "";
            if (schema == curriculum_schema_id) {
                registry.add_curriculum_file(path);
                continue;
            }
            // Content files are linted as one pack per file, so ids clashing across files show up.
            content_registry::batch batch(std::filesystem::path(path).stem().string());
            const auto violations = batch.add_content(doc);
            for (const auto& v : violations) report.problems.push_back(path + ": " + v.to_string());
            if (violations.empty()) registry.commit(std::move(batch));
        } catch (const std::exception& e) {
            report.problems.push_back(path + ": " + e.what());
        }
    }
    for (const auto& v : registry.unresolved_references()) report.problems.push_back(v.to_string());
    report.problem_items = registry.problems().size();
    report.lesson_items = registry.lessons().size();
    report.drill_items = registry.drills().size();
    report.curricula = registry.curricula().size();
    return report;
}

}  // namespace rehearse
