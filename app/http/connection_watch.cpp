#include "http/connection_watch.hpp"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace rehearse::http {

namespace {

// How often the watch looks: the resolution of every deadline, and how soon an idle connection
// gives way once others wait.
constexpr auto watch_tick = std::chrono::milliseconds(50);
// An idle connection younger than this is left alone even when others wait: a client that has just
// been answered, or whose connection has just been taken from the queue, is likely about to send.
constexpr auto idle_grace = std::chrono::milliseconds(200);
// A refused connection is closed after this even if the client keeps it open.
constexpr auto linger_limit = std::chrono::seconds(2);
// More refused connections than this waiting for their client to close are closed at once.
constexpr std::size_t linger_max = 256;

}  // namespace

connection_watch::connection_watch(std::chrono::milliseconds request_timeout) : request_timeout_(request_timeout) {}

connection_watch::~connection_watch() {
    stop();
    for (const auto& l : lingering_) ::close(l.fd);
}

void connection_watch::start(pressure_gauge pressure) {
    pressure_ = std::move(pressure);
    thread_ = std::thread([this] { run(); });
}

void connection_watch::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void connection_watch::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // Nothing to watch: sleep until a connection arrives rather than ticking on an idle server.
        if (connections_.empty() && lingering_.empty())
            wake_.wait(lock, [this] { return stopping_ || !connections_.empty() || !lingering_.empty(); });
        else
            wake_.wait_for(lock, watch_tick, [this] { return stopping_; });
        if (stopping_) break;
        // The gauge reads the HTTP server's own counters under its locks: never under ours.
        lock.unlock();
        const int wanted = pressure_ ? pressure_() : 0;
        lock.lock();
        const auto now = clock::now();
        expire_deadlines(now);
        if (wanted > 0) close_idle(wanted, now);
        drain_lingering(now);
    }
}

void connection_watch::expire_deadlines(clock::time_point now) {
    for (auto& c : connections_)
        if (c.state == watched_connection::phase::reading && c.deadline <= now) {
            // Only reading stops: the 408 still has to go out on this socket.
            ::shutdown(c.fd, SHUT_RD);
            c.state = watched_connection::phase::closed;
            c.expired = true;
            ++timed_out_;
        }
}

void connection_watch::close_idle(int wanted, clock::time_point now) {
    std::vector<watched_connection*> idle;
    for (auto& c : connections_)
        if (c.state == watched_connection::phase::idle && now - c.since >= idle_grace) idle.push_back(&c);
    std::sort(idle.begin(), idle.end(), [](const auto* a, const auto* b) { return a->since < b->since; });
    for (auto* c : idle) {
        if (wanted <= 0) break;
        // Bytes waiting to be read are a request on its way: that connection is not idle after all.
        int waiting = 0;
        if (::ioctl(c->fd, FIONREAD, &waiting) == 0 && waiting > 0) continue;
        ::shutdown(c->fd, SHUT_RDWR);
        c->state = watched_connection::phase::closed;
        ++idle_closed_;
        --wanted;
    }
}

void connection_watch::drain_lingering(clock::time_point now) {
    auto done = [now](const lingering& l) {
        char buffer[4096];
        // A bounded read per look, so a client that floods cannot keep the watch from its deadlines.
        for (int reads = 0; reads < 16; ++reads) {
            const ssize_t n = ::recv(l.fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) continue;
            // 0: the client closed; an error other than "nothing yet": it is gone.
            const bool finished = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
            if (!finished && now < l.until) return false;
            ::close(l.fd);
            return true;
        }
        if (now < l.until) return false;  // still sending: looked at again on the next tick
        ::close(l.fd);
        return true;
    };
    lingering_.erase(std::remove_if(lingering_.begin(), lingering_.end(), done), lingering_.end());
}

void connection_watch::linger(int fd) {
    ::shutdown(fd, SHUT_WR);  // the answer is written: the client sees it end
    {
        std::lock_guard lock(mutex_);
        if (lingering_.size() < linger_max && !stopping_) {
            lingering_.push_back({fd, clock::now() + linger_limit});
            wake_.notify_all();
            return;
        }
    }
    ::close(fd);
}

std::uint64_t connection_watch::requests_timed_out() const {
    std::lock_guard lock(mutex_);
    return timed_out_;
}

std::uint64_t connection_watch::idle_closed() const {
    std::lock_guard lock(mutex_);
    return idle_closed_;
}

connection_watch::ticket::ticket(connection_watch& watch, int fd) : watch_(watch) {
    std::lock_guard lock(watch_.mutex_);
    const auto now = clock::now();
    watched_connection c;
    c.fd = fd;
    c.started = c.since = now;
    entry_ = watch_.connections_.insert(watch_.connections_.end(), c);
    if (watch_.connections_.size() == 1) watch_.wake_.notify_all();
}

// Unregistered under the lock before the socket is closed: the watch never shuts down a descriptor
// number that a newer connection may have been given.
connection_watch::ticket::~ticket() {
    std::lock_guard lock(watch_.mutex_);
    watch_.connections_.erase(entry_);
}

bool connection_watch::ticket::reading() {
    std::lock_guard lock(watch_.mutex_);
    auto& c = *entry_;
    if (c.state == watched_connection::phase::closed) return false;
    const auto now = clock::now();
    c.state = watched_connection::phase::reading;
    c.deadline = (c.first ? c.started : now) + watch_.request_timeout_;
    c.first = false;
    c.since = now;
    return true;
}

bool connection_watch::ticket::request_read() {
    std::lock_guard lock(watch_.mutex_);
    auto& c = *entry_;
    if (c.state == watched_connection::phase::closed) return false;
    c.state = watched_connection::phase::handling;
    return true;
}

void connection_watch::ticket::idle() {
    std::lock_guard lock(watch_.mutex_);
    auto& c = *entry_;
    if (c.state == watched_connection::phase::closed) return;
    c.state = watched_connection::phase::idle;
    c.since = clock::now();
}

bool connection_watch::ticket::expired() const {
    std::lock_guard lock(watch_.mutex_);
    return entry_->expired;
}

}  // namespace rehearse::http
