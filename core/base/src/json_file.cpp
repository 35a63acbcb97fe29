#include "rehearse/core/base/json_file.hpp"

#include "rehearse/core/base/error.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace rehearse {

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io, path + ": cannot open: " + std::strerror(errno));
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes)
            throw error(errc::too_large, path + ": larger than " + std::to_string(max_bytes) + " bytes");
    }
    if (in.bad()) throw error(errc::io, path + ": read failed");
    return text;
}

nlohmann::json parse_json(std::string_view text, const std::string& origin) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's message already carries "at line L, column C" where it knows it.
        std::string what = e.what();
        const auto colon = what.find("] ");
        throw error(errc::invalid_input,
                    origin + ": malformed JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
    }
}

nlohmann::json read_json_file(const std::string& path) { return parse_json(read_text_file(path), path); }

}  // namespace rehearse
