// The JSON a successful CLI run printed; fails the test, showing both streams, when the run failed.
#pragma once

#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace rehearse::test {

inline nlohmann::json ok_json(const process_result& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

}  // namespace rehearse::test
