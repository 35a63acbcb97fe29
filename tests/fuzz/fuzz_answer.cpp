// libFuzzer harness for the whole answer model (Markdown, SQL, endpoints, estimates, graph).
#include "rehearse/core/answer/answer_model.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto model = rehearse::parse_answer(std::string_view(reinterpret_cast<const char*>(data), size));
    (void)model.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return 0;
}
