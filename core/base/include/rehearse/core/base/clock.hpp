/// @file
/// The injected clock: every decision that depends on time reads one of these, so `--now` and
/// tests control time completely.
#pragma once

#include "rehearse/core/base/iso_time.hpp"

namespace rehearse {

class clock {
   public:
    virtual ~clock() = default;
    virtual sys_ms now() const = 0;
};

/// The machine's wall clock (UTC).
class system_clock_source final : public clock {
   public:
    sys_ms now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    }
};

/// A clock that always says the same time (`--now`, tests); `advance` moves it on.
class fixed_clock final : public clock {
   public:
    explicit fixed_clock(sys_ms at) : at_(at) {}
    sys_ms now() const override { return at_; }
    void advance(std::chrono::milliseconds by) { at_ += by; }

   private:
    sys_ms at_;
};

}  // namespace rehearse
