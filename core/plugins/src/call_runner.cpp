#include "call_runner.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace rehearse::detail {

// Not in an anonymous namespace: call_runner::state, a member of a class with external linkage,
// holds these.
struct runner_task {
    std::function<void()> fn;
    enum class phase { queued, running, done } at = phase::queued;
    std::chrono::steady_clock::time_point started;
    std::exception_ptr failure;
};

// Shared by the runner and its thread, so a thread left behind by a stuck call keeps it alive.
struct call_runner::state {
    std::mutex mutex;
    std::condition_variable changed;  // a task started or ended, the runner got stuck, or stops
    std::deque<std::shared_ptr<runner_task>> queue;
    std::thread thread;  // started by the first call: a plugin that is never called costs no thread
    bool busy = false;   // a call is running
    bool stuck = false;  // the running call is past its limit
    bool stopping = false;
    std::function<void(std::chrono::milliseconds)> late_return;  // cleared when a stuck thread is left

    void work() {
        std::unique_lock lock(mutex);
        for (;;) {
            changed.wait(lock, [&] { return stopping || !queue.empty(); });
            if (queue.empty()) return;  // stopping, and every call taken has been answered
            const std::shared_ptr<runner_task> task = queue.front();
            queue.pop_front();
            task->at = runner_task::phase::running;
            task->started = std::chrono::steady_clock::now();
            busy = true;
            changed.notify_all();
            lock.unlock();
            try {
                task->fn();
            } catch (...) {
                task->failure = std::current_exception();
            }
            task->fn = nullptr;  // what the call owned goes now, on this thread
            lock.lock();
            task->at = runner_task::phase::done;
            busy = false;
            if (stuck) {
                // Back after all: the plugin takes calls again. Told under the lock, so that stop(),
                // which clears the callback before leaving a stuck thread, cannot race it.
                stuck = false;
                if (late_return)
                    late_return(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                                      task->started));
            }
            changed.notify_all();
        }
    }
};

call_runner::call_runner() : state_(std::make_shared<state>()) {}

call_runner::~call_runner() { stop(); }

void call_runner::on_late_return(std::function<void(std::chrono::milliseconds)> fn) {
    const std::lock_guard lock(state_->mutex);
    state_->late_return = std::move(fn);
}

bool call_runner::stuck() const {
    const std::lock_guard lock(state_->mutex);
    return state_->stuck;
}

call_runner::outcome call_runner::run(std::function<void()> fn, std::chrono::milliseconds limit) {
    auto& s = *state_;
    auto task = std::make_shared<runner_task>();
    task->fn = std::move(fn);
    std::unique_lock lock(s.mutex);
    if (s.stuck) return outcome::refused;
    if (s.stopping) return outcome::stopped;
    // The thread owns a reference to the state, so one left behind by a stuck call keeps it alive.
    if (!s.thread.joinable()) s.thread = std::thread([self = state_] { self->work(); });
    s.queue.push_back(task);
    s.changed.notify_all();
    s.changed.wait(lock, [&] { return task->at != runner_task::phase::queued || s.stuck; });
    if (task->at == runner_task::phase::queued) {  // stuck behind a call that will not return
        for (auto it = s.queue.begin(); it != s.queue.end(); ++it)
            if (*it == task) {
                s.queue.erase(it);
                break;
            }
        return outcome::refused;
    }
    const auto deadline = task->started + limit;
    if (!s.changed.wait_until(lock, deadline, [&] { return task->at == runner_task::phase::done; })) {
        s.stuck = true;
        s.changed.notify_all();  // the callers queued behind this one give up now
        return outcome::timed_out;
    }
    if (task->failure) std::rethrow_exception(task->failure);
    return outcome::done;
}

bool call_runner::stop() noexcept {
    auto& s = *state_;
    std::unique_lock lock(s.mutex);
    s.stopping = true;
    s.changed.notify_all();
    if (!s.thread.joinable()) return s.stuck;
    // The calls already running or queued end first, or one of them runs past its limit (its caller,
    // waiting for it, marks the runner stuck by then): either way the wait is bounded.
    s.changed.wait(lock, [&] { return s.stuck || (!s.busy && s.queue.empty()); });
    if (s.stuck) {
        s.late_return = nullptr;  // what it refers to may go once this returns
        s.thread.detach();        // it holds the state (and its call what it needs) for as long as it runs
        return true;
    }
    std::thread thread = std::move(s.thread);
    lock.unlock();
    thread.join();
    return false;
}

}  // namespace rehearse::detail
