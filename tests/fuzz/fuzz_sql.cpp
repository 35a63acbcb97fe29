// libFuzzer harness for the SQL reader: any bytes must yield a schema model or error entries,
// never a crash, hang or sanitizer report.
#include "rehearse/core/answer/sql_schema.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    nlohmann::json schema = rehearse::empty_schema();
    rehearse::read_sql_block(std::string_view(reinterpret_cast<const char*>(data), size), 1, schema);
    (void)schema.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return 0;
}
