// Runs one plugin's calls on a thread of its own, one at a time, so that the caller can stop
// waiting for a call that does not return. A thread cannot be killed in-process: a call past its
// limit is left running, and the runner refuses every call while it runs. Should it come back, the
// runner takes calls again; one that never does disables the plugin until the process restarts.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace rehearse::detail {

class call_runner {
   public:
    enum class outcome {
        done,       ///< the call returned (or threw: run rethrows)
        timed_out,  ///< this call ran past the limit; it is left running and the runner is stuck
        refused,    ///< an earlier call is stuck (still running past its limit); this one never started
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

    /// Whether a call is running past its limit.
    bool stuck() const;

    /// Called on the runner's thread when a call that ran past its limit comes back after all, with
    /// the time it took; the runner takes calls again from then on. Never called once stop() has
    /// returned, so it may refer to what owns the runner. Set it before the first call.
    void on_late_return(std::function<void(std::chrono::milliseconds took)> fn);

    /// Ends the thread: joins it when no call is stuck, leaves it (detached, with what its call
    /// owns) when one is. Returns whether one was. Waits for the calls running or queued, each for
    /// no longer than its limit. Idempotent.
    bool stop() noexcept;

   private:
    struct state;
    std::shared_ptr<state> state_;
};

}  // namespace rehearse::detail
