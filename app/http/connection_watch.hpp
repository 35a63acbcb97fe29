// The server's watchdog over its open connections, so that no client can hold a connection thread
// for long by sending slowly or nothing at all. Reads on the connections block (Poco's sockets), and
// a blocking read's own timeout restarts with every byte, so one thread holds every connection's
// deadline instead and shuts a socket down for reading when it passes: the blocked read then ends
// and the connection loop answers 408 and closes. The same thread closes connections that wait idle
// between requests, oldest first, while other connections wait for a thread, and closes the
// connections refused for their address once their answer is out. Plain file descriptors and no
// Poco, so everything here is about time and sockets only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace rehearse::http {

/// What the watch knows of one connection (a ticket holds its place in the watch's list).
struct watched_connection {
    enum class phase { idle, reading, handling, closed };
    int fd = -1;
    phase state = phase::idle;
    bool first = true;     ///< no request read yet: the first request's deadline runs from `started`
    bool expired = false;  ///< the deadline passed while reading: answer 408
    std::chrono::steady_clock::time_point started, since, deadline;
};

class connection_watch {
   public:
    using clock = std::chrono::steady_clock;
    /// How many connections should be freed now (connections waiting for a thread, busy threads
    /// near the maximum); 0 when no one waits. Called from the watch's thread, without its lock.
    using pressure_gauge = std::function<int()>;

    /// `request_timeout`: how long the whole of one request (request line, headers and body) may
    /// take to arrive, from its first byte, or from the connection's start for the first request.
    explicit connection_watch(std::chrono::milliseconds request_timeout);
    ~connection_watch();
    connection_watch(const connection_watch&) = delete;
    connection_watch& operator=(const connection_watch&) = delete;

    /// Starts the watching thread; `pressure` says when idle connections should give way.
    void start(pressure_gauge pressure);
    /// Stops the watching thread (the server stops before it closes what is left). Idempotent.
    void stop();

    std::chrono::milliseconds request_timeout() const noexcept { return request_timeout_; }

    /// One open connection, from its first read to just before its socket is closed. A connection
    /// moves idle -> reading -> handling -> idle ...; only a reading one has a deadline, and only an
    /// idle one is closed to make room.
    class ticket {
       public:
        /// `fd` must stay open until the ticket is destroyed: the watch may shut it down until then.
        ticket(connection_watch& watch, int fd);
        ~ticket();
        ticket(const ticket&) = delete;
        ticket& operator=(const ticket&) = delete;

        /// A request has begun to arrive: its deadline runs from now (from the connection's start for
        /// the first). False when the watch closed the connection while it was idle.
        bool reading();
        /// The whole request is in and the server works on it: no deadline until it answers. False
        /// when the deadline passed first (the socket no longer reads: answer 408 and close).
        bool request_read();
        /// Answered; waiting for the next request.
        void idle();
        /// Whether the deadline passed while the request was arriving.
        bool expired() const;

       private:
        connection_watch& watch_;
        std::list<watched_connection>::iterator entry_;
    };

    /// Takes over a refused connection whose answer is written: shuts down its sending side, reads
    /// and drops what the client still sends, and closes it when the client does (or after a few
    /// seconds). Closing at once, with unread request bytes, would reset the connection, and the
    /// client could lose the answer. Owns `fd` from here.
    void linger(int fd);

    std::uint64_t requests_timed_out() const;
    std::uint64_t idle_closed() const;

   private:
    void run();
    void expire_deadlines(clock::time_point now);
    void close_idle(int wanted, clock::time_point now);
    void drain_lingering(clock::time_point now);

    const std::chrono::milliseconds request_timeout_;
    pressure_gauge pressure_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::list<watched_connection> connections_;
    struct lingering {
        int fd;
        clock::time_point until;
    };
    std::vector<lingering> lingering_;
    std::uint64_t timed_out_ = 0, idle_closed_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rehearse::http
