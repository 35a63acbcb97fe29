// libFuzzer harness for the endpoint reader (through the Markdown reader, as answers arrive).
#include "rehearse/core/answer/endpoints.hpp"
#include "rehearse/core/answer/markdown_sections.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    nlohmann::json out = rehearse::empty_endpoints();
    rehearse::read_endpoints_block(text, "api", 1, out);
    for (const auto& b : rehearse::parse_markdown(text).blocks)
        rehearse::read_endpoints_block(b.text, b.section, b.line, out);
    (void)out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return 0;
}
