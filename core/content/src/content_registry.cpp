#include "rehearse/core/content/content_registry.hpp"

#include "rehearse/core/base/error.hpp"
#include "rehearse/core/base/json_file.hpp"
#include "rehearse/core/content/content_schema.hpp"

#include <algorithm>

namespace rehearse {

namespace {

double default_rating(const std::string& difficulty) {
    if (difficulty == "easy") return -1.0;
    if (difficulty == "hard") return 1.0;
    return 0.0;
}

/// Looks `id` up by bare id; when it is `pack/id`, the pack must match too.
template <class Map>
const typename Map::mapped_type* find_in(const Map& map, std::string_view id) {
    const auto it = map.find(bare_id(id));
    if (it == map.end()) return nullptr;
    const auto slash = id.find('/');
    if (slash != std::string_view::npos && id.substr(0, slash) != it->second.pack) return nullptr;
    return &it->second;
}

template <class Map>
auto sorted_values(const Map& map) {
    std::vector<const typename Map::mapped_type*> out;
    out.reserve(map.size());
    for (const auto& [_, v] : map) out.push_back(&v);
    return out;
}

template <class Map, class Items>
void collect_clashes(const Map& existing, const Items& items, std::string_view kind, std::vector<std::string>& out) {
    for (const auto& item : items) {
        const auto it = existing.find(item.id);
        if (it != existing.end())
            out.push_back(std::string(kind) + " \"" + item.id + "\" is already provided by pack \"" + it->second.pack +
                          "\"");
    }
}

template <class Map, class Items>
void insert_all(Map& map, Items&& items) {
    for (auto& item : items) {
        std::string key = item.id;
        map.emplace(std::move(key), std::move(item));
    }
}

}  // namespace

std::string_view bare_id(std::string_view id) noexcept {
    const auto slash = id.find('/');
    return slash == std::string_view::npos ? id : id.substr(slash + 1);
}

std::vector<violation> content_registry::batch::add_content(const nlohmann::json& document) {
    auto violations = validate_content(document);
    if (!violations.empty()) return violations;
    std::vector<problem> problems;
    std::vector<lesson> lessons;
    for (const auto& p : document.value("problems", nlohmann::json::array())) {
        problem item;
        item.id = p.at("id").get<std::string>();
        item.pack = pack_;
        item.title = p.at("title").get<std::string>();
        item.difficulty = p.at("difficulty").get<std::string>();
        item.rating = p.value("rating", default_rating(item.difficulty));
        item.dimensions = p.at("dimensions").get<std::map<std::string, double>>();
        item.retired = p.value("retired", false);
        item.doc = p;
        problems.push_back(std::move(item));
    }
    for (const auto& l : document.value("lessons", nlohmann::json::array())) {
        lesson item;
        item.id = l.at("id").get<std::string>();
        item.pack = pack_;
        item.title = l.at("title").get<std::string>();
        item.dimensions = l.at("dimensions").get<std::vector<std::string>>();
        for (const auto& pre : l.at("prerequisites")) item.prerequisites.emplace_back(bare_id(pre.get<std::string>()));
        for (const auto& card : l.at("cards"))
            item.card_ids.push_back(pack_ + "/" + item.id + "/" + card.at("id").get<std::string>());
        item.minutes = l.at("minutes").get<int>();
        item.retired = l.value("retired", false);
        item.doc = l;
        lessons.push_back(std::move(item));
    }
    std::vector<drill> drills;
    for (const auto& d : document.value("drills", nlohmann::json::array())) {
        drill item;
        item.id = d.at("id").get<std::string>();
        item.pack = pack_;
        item.title = d.at("title").get<std::string>();
        item.dimension = d.at("dimension").get<std::string>();
        item.difficulty = d.at("difficulty").get<std::string>();
        item.kind = d.at("kind").get<std::string>();
        item.minutes = d.at("minutes").get<int>();
        for (const auto& id : d.at("problems")) item.problems.emplace_back(bare_id(id.get<std::string>()));
        for (const auto& id : d.at("lessons")) item.lessons.emplace_back(bare_id(id.get<std::string>()));
        item.retired = d.value("retired", false);
        item.doc = d;
        drills.push_back(std::move(item));
    }
    // Ids must also be unique across the documents of one batch.
    auto clash_inside = [&](auto& staged, auto& incoming, std::string_view kind) {
        for (const auto& item : incoming)
            for (const auto& other : staged)
                if (other.id == item.id)
                    violations.push_back(
                        {std::string(kind), "duplicate id \"" + item.id + "\" within pack \"" + pack_ + "\""});
    };
    clash_inside(problems_, problems, "problems");
    clash_inside(lessons_, lessons, "lessons");
    clash_inside(drills_, drills, "drills");
    if (!violations.empty()) return violations;
    std::move(problems.begin(), problems.end(), std::back_inserter(problems_));
    std::move(lessons.begin(), lessons.end(), std::back_inserter(lessons_));
    std::move(drills.begin(), drills.end(), std::back_inserter(drills_));
    return violations;
}

void content_registry::commit(batch&& b) {
    std::vector<std::string> clashes;
    collect_clashes(problems_, b.problems_, "problem", clashes);
    collect_clashes(lessons_, b.lessons_, "lesson", clashes);
    collect_clashes(drills_, b.drills_, "drill", clashes);
    collect_clashes(evaluators_, b.evaluators_, "evaluator", clashes);
    collect_clashes(dialogues_, b.dialogues_, "dialogue", clashes);
    if (!clashes.empty()) {
        std::string message = "duplicate ids:";
        for (const auto& c : clashes) message += "\n  " + c;
        throw error(errc::invalid_content, message);
    }
    insert_all(problems_, b.problems_);
    insert_all(lessons_, b.lessons_);
    insert_all(drills_, b.drills_);
    insert_all(evaluators_, b.evaluators_);
    insert_all(dialogues_, b.dialogues_);
}

void content_registry::add_curriculum_file(const std::string& path) {
    const nlohmann::json doc = read_json_file(path);
    const auto violations = validate_curriculum(doc);
    if (!violations.empty()) {
        std::string message = path + ": invalid curriculum:";
        for (const auto& v : violations) message += "\n  " + v.to_string();
        throw error(errc::invalid_content, message);
    }
    curriculum c{doc.at("id").get<std::string>(), doc.at("title").get<std::string>(), path, doc};
    if (const auto it = curricula_.find(c.id); it != curricula_.end())
        throw error(errc::invalid_content,
                    path + ": curriculum id \"" + c.id + "\" is already defined by " + it->second.path);
    std::string key = c.id;
    curricula_.emplace(std::move(key), std::move(c));
}

const problem* content_registry::find_problem(std::string_view id) const { return find_in(problems_, id); }
const problem& content_registry::require_problem(std::string_view id) const {
    if (const problem* p = find_problem(id)) return *p;
    throw error(errc::not_found, "unknown problem \"" + std::string(id) + "\" (see: rehearse problems)");
}
const lesson* content_registry::find_lesson(std::string_view id) const { return find_in(lessons_, id); }
const drill* content_registry::find_drill(std::string_view id) const { return find_in(drills_, id); }
const drill& content_registry::require_drill(std::string_view id) const {
    if (const drill* d = find_drill(id)) return *d;
    throw error(errc::not_found, "unknown drill \"" + std::string(id) + "\" (see: rehearse drills)");
}
const evaluator_entry* content_registry::find_evaluator(std::string_view id) const { return find_in(evaluators_, id); }
const dialogue_entry* content_registry::find_dialogue(std::string_view id) const { return find_in(dialogues_, id); }
const curriculum* content_registry::find_curriculum(std::string_view id) const {
    const auto it = curricula_.find(id);
    return it == curricula_.end() ? nullptr : &it->second;
}

std::vector<const problem*> content_registry::problems() const { return sorted_values(problems_); }
std::vector<const lesson*> content_registry::lessons() const { return sorted_values(lessons_); }
std::vector<const drill*> content_registry::drills() const { return sorted_values(drills_); }
std::vector<const evaluator_entry*> content_registry::evaluators() const { return sorted_values(evaluators_); }
std::vector<const dialogue_entry*> content_registry::dialogues() const { return sorted_values(dialogues_); }
std::vector<const curriculum*> content_registry::curricula() const { return sorted_values(curricula_); }

std::vector<violation> content_registry::unresolved_references() const {
    std::vector<violation> out;
    for (const auto& [id, l] : lessons_)
        for (std::size_t i = 0; i < l.prerequisites.size(); ++i)
            if (!find_lesson(l.prerequisites[i]))
                out.push_back({l.full_id() + ".prerequisites[" + std::to_string(i) + "]",
                               "unknown lesson \"" + l.prerequisites[i] + "\""});
    for (const auto& [id, d] : drills_) {
        for (std::size_t i = 0; i < d.problems.size(); ++i)
            if (!find_problem(d.problems[i]))
                out.push_back({d.full_id() + ".problems[" + std::to_string(i) + "]",
                               "unknown problem \"" + d.problems[i] + "\""});
        for (std::size_t i = 0; i < d.lessons.size(); ++i)
            if (!find_lesson(d.lessons[i]))
                out.push_back(
                    {d.full_id() + ".lessons[" + std::to_string(i) + "]", "unknown lesson \"" + d.lessons[i] + "\""});
        if (d.kind != "requirements") continue;
        // A requirements drill is graded against its problem's clarifications: each intent it expects
        // must be one the problem answers.
        const auto& expected = d.doc.at("expected");
        const std::string problem_id(bare_id(expected.at("problem").get<std::string>()));
        const problem* p = find_problem(problem_id);
        if (!p) {
            out.push_back({d.full_id() + ".expected.problem", "unknown problem \"" + problem_id + "\""});
            continue;
        }
        const auto& intents = expected.at("intents");
        for (std::size_t i = 0; i < intents.size(); ++i) {
            const auto& clarifications = p->doc.at("clarifications");
            const bool answered = std::any_of(clarifications.begin(), clarifications.end(), [&](const auto& q) {
                return q.value("intent", "") == intents[i].template get<std::string>();
            });
            if (!answered)
                out.push_back({d.full_id() + ".expected.intents[" + std::to_string(i) + "]",
                               "problem \"" + problem_id + "\" has no clarification with intent \"" +
                                   intents[i].template get<std::string>() + "\""});
        }
    }
    for (const auto& [id, c] : curricula_) {
        const auto& weeks = c.doc.at("weeks");
        for (std::size_t w = 0; w < weeks.size(); ++w) {
            const auto& days = weeks[w].at("days");
            for (std::size_t d = 0; d < days.size(); ++d) {
                const auto& activities = days[d].at("activities");
                for (std::size_t a = 0; a < activities.size(); ++a) {
                    const auto& act = activities[a];
                    if (!act.contains("ref")) continue;
                    const auto ref = act.at("ref").get<std::string>();
                    const auto kind = act.at("kind").get<std::string>();
                    const bool ok = kind == "lesson" ? find_lesson(ref) != nullptr : find_problem(ref) != nullptr;
                    if (!ok)
                        out.push_back(
                            {c.id + ": weeks[" + std::to_string(w) + "].days[" + std::to_string(d) + "].activities[" +
                                 std::to_string(a) + "].ref",
                             "unknown " + std::string(kind == "lesson" ? "lesson" : "problem") + " \"" + ref + "\""});
                }
            }
        }
    }
    return out;
}

int difficulty_rank(std::string_view difficulty) {
    return difficulty == "easy" ? 0 : difficulty == "hard" ? 2 : 1;
}

}  // namespace rehearse
