#include "rehearse/plans.hpp"

#include "rehearse/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace rehearse {

std::optional<plan_band> current_plan_band(SQLite::Database&, const content_registry&, std::int64_t, sys_ms) {
    return std::nullopt;
}
void log_plan_activity(SQLite::Database&, const content_registry&, std::int64_t, const std::string&,
                       const std::optional<std::string>&, sys_ms) {}

}  // namespace rehearse
