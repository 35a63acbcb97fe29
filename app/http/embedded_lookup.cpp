#include "http/embedded_files.hpp"

namespace rehearse::http {

std::optional<std::string_view> find_embedded_file(std::string_view name) {
    for (const auto& f : embedded_files())
        if (f.name == name) return f.bytes;
    return std::nullopt;
}

std::string content_type_for(std::string_view name) {
    const auto dot = name.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
    if (ext == "html") return "text/html; charset=utf-8";
    if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "json") return "application/json";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "png") return "image/png";
    if (ext == "ico") return "image/x-icon";
    if (ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

}  // namespace rehearse::http
