#include "rehearse/core/content/json_check.hpp"

#include <algorithm>

namespace rehearse {

namespace {
std::string type_name(const nlohmann::json& v) { return v.type_name(); }
}  // namespace

bool is_valid_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > 64 || id.front() == '-') return false;
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string join_choices(std::initializer_list<std::string_view> choices) {
    std::string out;
    for (auto c : choices) {
        if (!out.empty()) out += '|';
        out += c;
    }
    return out;
}

std::string json_check::join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string json_check::index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

bool json_check::object(const json& value, const std::string& path, std::initializer_list<std::string_view> required,
                        std::initializer_list<std::string_view> optional) {
    if (!value.is_object()) {
        fail(path, "expected an object, got " + type_name(value));
        return false;
    }
    for (auto key : required)
        if (!value.contains(key)) fail(join(path, key), "missing required key");
    for (const auto& item : value.items()) {
        // Not a structured binding: C++17 lets no lambda capture one (clang refuses, the fuzz build).
        const std::string& key = item.key();
        const auto known = [&](std::initializer_list<std::string_view> keys) {
            return std::find(keys.begin(), keys.end(), key) != keys.end();
        };
        if (!known(required) && !known(optional)) fail(join(path, key), "unknown key");
    }
    return true;
}

const nlohmann::json* json_check::get(const json& obj, const std::string&, std::string_view key, bool) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

const std::string* json_check::string(const json& obj, const std::string& path, std::string_view key, bool required) {
    const json* v = get(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_string()) {
        fail(join(path, key), "expected a string, got " + type_name(*v));
        return nullptr;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
        fail(join(path, key), "must not be empty");
        return nullptr;
    }
    return &s;
}

const nlohmann::json* json_check::number(const json& obj, const std::string& path, std::string_view key, double min,
                                         double max, bool required) {
    const json* v = get(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_number()) {
        fail(join(path, key), "expected a number, got " + type_name(*v));
        return nullptr;
    }
    const double d = v->get<double>();
    if (d < min || d > max) {
        fail(join(path, key), "expected a number in [" + nlohmann::json(min).dump() + ", " +
                                  nlohmann::json(max).dump() + "], got " + v->dump());
        return nullptr;
    }
    return v;
}

const nlohmann::json* json_check::integer(const json& obj, const std::string& path, std::string_view key, long long min,
                                          long long max, bool required) {
    const json* v = get(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_number_integer()) {
        fail(join(path, key), "expected an integer, got " + v->dump());
        return nullptr;
    }
    const auto i = v->get<long long>();
    if (i < min || i > max) {
        fail(join(path, key),
             "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + v->dump());
        return nullptr;
    }
    return v;
}

const nlohmann::json* json_check::boolean(const json& obj, const std::string& path, std::string_view key,
                                          bool required) {
    const json* v = get(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_boolean()) {
        fail(join(path, key), "expected true or false, got " + v->dump());
        return nullptr;
    }
    return v;
}

const nlohmann::json* json_check::array(const json& obj, const std::string& path, std::string_view key,
                                        std::size_t min_items, std::size_t max_items, bool required) {
    const json* v = get(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_array()) {
        fail(join(path, key), "expected an array, got " + type_name(*v));
        return nullptr;
    }
    if (v->size() < min_items) fail(join(path, key), "expected at least " + std::to_string(min_items) + " items");
    if (v->size() > max_items) fail(join(path, key), "expected at most " + std::to_string(max_items) + " items");
    return v;
}

const nlohmann::json* json_check::object_field(const json& obj, const std::string& path, std::string_view key,
                                               bool required) {
    const json* v = get(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_object()) {
        fail(join(path, key), "expected an object, got " + type_name(*v));
        return nullptr;
    }
    return v;
}

const std::string* json_check::one_of(const json& obj, const std::string& path, std::string_view key,
                                      std::initializer_list<std::string_view> choices, bool required) {
    const std::string* s = string(obj, path, key, required);
    if (!s) return nullptr;
    if (std::find(choices.begin(), choices.end(), *s) == choices.end()) {
        fail(join(path, key), "expected " + join_choices(choices) + ", got \"" + *s + "\"");
        return nullptr;
    }
    return s;
}

const std::string* json_check::id(const json& obj, const std::string& path, std::string_view key, bool required) {
    const std::string* s = string(obj, path, key, required);
    if (!s) return nullptr;
    if (!is_valid_id(*s)) {
        fail(join(path, key), "\"" + *s + "\" is not a valid id (lowercase letters, digits and '-')");
        return nullptr;
    }
    return s;
}

const nlohmann::json* json_check::strings(const json& obj, const std::string& path, std::string_view key,
                                          std::size_t min_items, bool required) {
    const json* v = array(obj, path, key, min_items, SIZE_MAX, required);
    if (!v) return nullptr;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto& item = (*v)[i];
        if (!item.is_string() || item.get_ref<const std::string&>().empty())
            fail(index(join(path, key), i), "expected a non-empty string");
    }
    return v;
}

}  // namespace rehearse
