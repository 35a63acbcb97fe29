// libFuzzer harness for the estimate reader, line by line as the answer model calls it.
#include "rehearse/core/answer/estimates.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    nlohmann::json out = nlohmann::json::array();
    std::size_t pos = 0;
    int line = 1;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        rehearse::read_estimates_line(text.substr(pos, end - pos), "estimation", line++, out);
        pos = end + 1;
    }
    (void)out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return 0;
}
