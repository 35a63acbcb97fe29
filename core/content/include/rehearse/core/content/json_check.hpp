/// @file
/// A small toolkit for validating JSON documents against our schemas, collecting every violation
/// with its JSON path (`problems[3].difficulty: expected easy|medium|hard`) instead of stopping at
/// the first one — a content author wants the whole list.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct violation {
    std::string path;
    std::string message;
    std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

/// Collects violations while walking a document.
class json_check {
   public:
    using json = nlohmann::json;
    explicit json_check(std::vector<violation>& out) : out_(out) {}

    void fail(const std::string& path, std::string message) { out_.push_back({path, std::move(message)}); }

    /// `value` must be an object whose keys are all in `allowed`; the `required` ones must be present.
    bool object(const json& value, const std::string& path, std::initializer_list<std::string_view> required,
                std::initializer_list<std::string_view> optional = {});

    // Each returns a pointer to the typed field, or nullptr after recording why (absent optional
    // fields record nothing).
    const std::string* string(const json& obj, const std::string& path, std::string_view key, bool required = true);
    const json* number(const json& obj, const std::string& path, std::string_view key, double min, double max,
                       bool required = true);
    const json* integer(const json& obj, const std::string& path, std::string_view key, long long min, long long max,
                        bool required = true);
    const json* boolean(const json& obj, const std::string& path, std::string_view key, bool required = true);
    const json* array(const json& obj, const std::string& path, std::string_view key, std::size_t min_items,
                      std::size_t max_items = SIZE_MAX, bool required = true);
    const json* object_field(const json& obj, const std::string& path, std::string_view key, bool required = true);
    /// A string that must be one of `choices`.
    const std::string* one_of(const json& obj, const std::string& path, std::string_view key,
                              std::initializer_list<std::string_view> choices, bool required = true);
    /// A stable id: lowercase letters, digits and hyphens, starting with a letter or digit.
    const std::string* id(const json& obj, const std::string& path, std::string_view key, bool required = true);
    /// An array of non-empty strings.
    const json* strings(const json& obj, const std::string& path, std::string_view key, std::size_t min_items,
                        bool required = true);

    static std::string join(const std::string& path, std::string_view key);
    static std::string index(const std::string& path, std::size_t i);

   private:
    const json* get(const json& obj, const std::string& path, std::string_view key, bool required);
    std::vector<violation>& out_;
};

/// True for `[a-z0-9][a-z0-9-]*` of at most 64 characters.
bool is_valid_id(std::string_view id) noexcept;

/// "a|b|c"
std::string join_choices(std::initializer_list<std::string_view> choices);

}  // namespace rehearse
