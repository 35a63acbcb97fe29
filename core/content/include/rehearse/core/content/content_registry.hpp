/// @file
/// Everything the loaded plugins and curricula offer, by id: problems, lessons, evaluators,
/// dialogue providers and study plans. A plugin's registrations are staged in a `batch` and
/// committed all at once, so a plugin either contributes everything or nothing.
#pragma once

#include "rehearse/core/content/json_check.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

class loaded_plugin;

/// The order of the content's difficulties: easy 0, medium 1, hard 2 (anything else counts as medium).
int difficulty_rank(std::string_view difficulty);

struct problem {
    std::string id;    ///< bare id, unique across packs ("url-shortener")
    std::string pack;  ///< the plugin id that provided it
    std::string title;
    std::string difficulty;  ///< easy | medium | hard
    double rating = 0;       ///< difficulty on the ability scale
    std::map<std::string, double> dimensions;
    bool retired = false;
    nlohmann::json doc;  ///< the full validated document
    std::string full_id() const { return pack + "/" + id; }
};

struct lesson {
    std::string id;
    std::string pack;
    std::string title;
    std::vector<std::string> dimensions;
    std::vector<std::string> prerequisites;  ///< bare lesson ids (a `pack/` prefix is stripped)
    std::vector<std::string> card_ids;       ///< full card ids: pack/lesson/card
    int minutes = 0;
    bool retired = false;
    nlohmann::json doc;
    std::string full_id() const { return pack + "/" + id; }
};

/// A short exercise on one dimension (sdk/schema/content-v1.md, DRILL).
struct drill {
    std::string id;
    std::string pack;
    std::string title;
    std::string dimension;
    std::string difficulty;  ///< easy | medium | hard
    std::string kind;        ///< estimate | schema | api | requirements | trade-off | failure | communication
    int minutes = 0;
    std::vector<std::string> problems;  ///< bare ids of the problems it practises for
    std::vector<std::string> lessons;   ///< bare ids of the lessons it follows
    bool retired = false;
    nlohmann::json doc;
    std::string full_id() const { return pack + "/" + id; }
};

struct evaluator_entry {
    std::string id;
    std::string pack;
    std::string title;
    std::vector<std::string> dimensions;
    const loaded_plugin* plugin = nullptr;  ///< owned by the plugin_host that loaded it
};

struct dialogue_entry {
    std::string id;
    std::string pack;
    std::string title;
    std::vector<std::string> modes;
    const loaded_plugin* plugin = nullptr;  ///< owned by the plugin_host that loaded it
};

struct curriculum {
    std::string id;
    std::string title;
    std::string path;  ///< the file it came from
    nlohmann::json doc;
};

class content_registry {
   public:
    /// What one plugin registers, staged until commit.
    class batch {
       public:
        explicit batch(std::string pack) : pack_(std::move(pack)) {}
        /// Validates a content document and stages its items; returns the violations (nothing is
        /// staged when there are any).
        std::vector<violation> add_content(const nlohmann::json& document);
        void add_evaluator(evaluator_entry e) { evaluators_.push_back(std::move(e)); }
        void add_dialogue(dialogue_entry d) { dialogues_.push_back(std::move(d)); }
        const std::string& pack() const { return pack_; }
        bool has_problems() const { return !problems_.empty(); }
        bool has_lessons() const { return !lessons_.empty(); }
        bool has_drills() const { return !drills_.empty(); }

       private:
        friend class content_registry;
        std::string pack_;
        std::vector<problem> problems_;
        std::vector<lesson> lessons_;
        std::vector<drill> drills_;
        std::vector<evaluator_entry> evaluators_;
        std::vector<dialogue_entry> dialogues_;
    };

    /// Commits a batch. Throws error(invalid_content) naming every id that is already registered by
    /// another pack; nothing is committed then.
    void commit(batch&& b);

    /// Loads and validates one curriculum file; throws error(invalid_content) with every violation.
    void add_curriculum_file(const std::string& path);

    /// Finds by bare id or `pack/id`; nullptr when unknown.
    const problem* find_problem(std::string_view id) const;
    /// find_problem or error(not_found) that says where to see the known ids.
    const problem& require_problem(std::string_view id) const;
    const lesson* find_lesson(std::string_view id) const;
    const drill* find_drill(std::string_view id) const;
    /// find_drill or error(not_found) that says where to see the known ids.
    const drill& require_drill(std::string_view id) const;
    const evaluator_entry* find_evaluator(std::string_view id) const;
    const dialogue_entry* find_dialogue(std::string_view id) const;
    const curriculum* find_curriculum(std::string_view id) const;

    /// Sorted by id.
    std::vector<const problem*> problems() const;
    std::vector<const lesson*> lessons() const;
    std::vector<const drill*> drills() const;
    std::vector<const evaluator_entry*> evaluators() const;
    std::vector<const dialogue_entry*> dialogues() const;
    std::vector<const curriculum*> curricula() const;

    /// Cross-references that do not resolve: lesson prerequisites, curriculum refs, the problems and
    /// lessons a drill names (and the clarification intents a requirements drill expects).
    std::vector<violation> unresolved_references() const;

   private:
    std::map<std::string, problem, std::less<>> problems_;
    std::map<std::string, lesson, std::less<>> lessons_;
    std::map<std::string, drill, std::less<>> drills_;
    std::map<std::string, evaluator_entry, std::less<>> evaluators_;
    std::map<std::string, dialogue_entry, std::less<>> dialogues_;
    std::map<std::string, curriculum, std::less<>> curricula_;
};

/// Strips an optional `pack/` prefix.
std::string_view bare_id(std::string_view id) noexcept;

}  // namespace rehearse
