// Runs one plugin's calls on a thread of its own, one at a time, so that the caller can stop
// waiting for a call that does not return. A thread cannot be killed in-process: a call past its
// limit is left running, and the runner refuses every later call (the plugin is disabled until
// the process restarts).
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace rehearse::detail {

class call_runner {
   public:
    enum class outcome {
        done,       ///< the call returned (or threw: run rethrows)
        timed_out,  ///< this call ran past the limit; it is left running and the runner is now stuck
        refused,    ///< an earlier call is stuck; this one never started
        stopped,    ///< the runner was stopped (the plugin shut down); this one never started
    };

    call_runner();
    /// stop().
    ~call_runner();
    call_runner(const call_runner&) = delete;
    call_runner& operator=(const call_runner&) = delete;

    /// Runs `fn` on the runner's thread after the calls queued before it, and waits for it up to
    /// `limit` from the moment it starts (time spent queued behind other calls does not count).
    /// `fn` must own everything it touches: after a time-out it may still run, or finish, long after
    /// the caller has gone. Rethrows what `fn` threw.
    outcome run(std::function<void()> fn, std::chrono::milliseconds limit);

    /// Whether a call ran past its limit.
    bool stuck() const;

    /// Ends the thread: joins it when no call is stuck, leaves it (detached, with what its call
    /// owns) when one is. Returns whether one was. Idempotent.
    bool stop() noexcept;

   private:
    struct state;
    std::shared_ptr<state> state_;
};

}  // namespace rehearse::detail
