// The web app: app/web/ compiled into the binary (cmake/embed_files.cmake), served at / and
// /static/{file}. Everything it loads comes from this origin: no CDN, no build step.
#include "http/embedded_files.hpp"
#include "http/routes.hpp"

#include "rehearse/core/base/error.hpp"

namespace rehearse::http {

namespace {

// Scripts and styles are files of this origin (the page has no inline script or style attribute);
// data is fetched from this origin only.
constexpr const char* web_app_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

response embedded(std::string_view name) {
    const auto bytes = find_embedded_file(name);
    if (!bytes) throw error(errc::not_found, "no such file: /static/" + std::string(name));
    response out;
    out.content_type = content_type_for(name);
    out.body = std::string(*bytes);
    out.headers.emplace_back("Content-Security-Policy", web_app_policy);
    out.headers.emplace_back("X-Content-Type-Options", "nosniff");
    // The files change only with the binary; a short lifetime keeps an upgraded server's page fresh.
    out.headers.emplace_back("Cache-Control", "max-age=300");
    return out;
}

}  // namespace

void add_web_routes(router& rt) {
    rt.add("GET", "/", [](const request&) { return embedded("index.html"); });
    rt.add("GET", "/static/{file}", [](const request& r) { return embedded(r.param("file")); });
}

}  // namespace rehearse::http
