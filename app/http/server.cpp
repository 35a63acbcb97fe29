// The Poco adapter: one handler factory that always answers with the base handler (Poco 1.11
// answers 501 itself when a factory returns null), and a base handler that reads the body within
// the size limit, hands the request to the router and writes what comes back. Poco's names stay in
// this file.
#include "http/server.hpp"

#include "http/address_limit.hpp"
#include "http/api.hpp"
#include "http/connection_watch.hpp"
#include "http/request_metrics.hpp"
#include "http/router.hpp"

#include "rehearse/core/base/error.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timestamp.h>

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <iostream>
#include <istream>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

namespace rehearse::http {

namespace server_detail {

// Named, not anonymous: server::impl holds a handler_shared, and a member of a type from an
// anonymous namespace in a class with external linkage is an error in unity builds.
/// Request ids: a random-looking per-process prefix and a counter, so log lines from two server
/// runs never share an id. A client's own X-Request-Id is kept when it is short and plain.
class request_ids {
   public:
    request_ids()
        : prefix_(std::to_string(
              static_cast<unsigned long>(std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffff))) {}
    std::string next(const Poco::Net::HTTPServerRequest& req) {
        // A copy: get() with a default returns a reference to that default, a temporary here.
        const std::string given = req.has("X-Request-Id") ? req.get("X-Request-Id") : std::string();
        if (!given.empty() && given.size() <= 64 && std::all_of(given.begin(), given.end(), [](unsigned char c) {
                return std::isalnum(c) || c == '-' || c == '_';
            }))
            return given;
        return prefix_ + "-" + std::to_string(++counter_);
    }

   private:
    std::string prefix_;
    std::atomic<unsigned long> counter_{0};
};

struct handler_shared {
    handler_shared(const router& r, request_metrics& m, const serve_options& options)
        : routes(r),
          metrics(m),
          log(options.request_log),
          watch(options.request_timeout),
          limits(options.max_connections_per_address),
          bound_loopback(options.bound_loopback) {}

    const router& routes;
    request_metrics& metrics;
    request_ids ids;
    std::ostream* log = nullptr;
    std::mutex log_mutex;
    connection_watch watch;  ///< request deadlines and idle connections giving way
    address_limit limits;    ///< open connections per client address
    bool bound_loopback = false;
};

}  // namespace server_detail

namespace {

using server_detail::handler_shared;

// A client that sends somewhat more than the limit still gets to read its 413: the excess is read
// and dropped up to this much, after which the connection is simply closed.
constexpr std::size_t drain_limit = 16 * max_body_bytes;

void drain(std::istream& in, std::size_t limit) {
    char buffer[16384];
    std::size_t total = 0;
    while (total < limit && (in.read(buffer, sizeof buffer) || in.gcount() > 0))
        total += static_cast<std::size_t>(in.gcount());
}

/// 408: the request did not arrive whole within the request timeout; the connection closes.
response request_timed_out(const connection_watch& watch) {
    const long long ms = watch.request_timeout().count();
    const std::string limit = ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
    response out = problem(408, "request_timeout",
                           "a request (request line, headers and body) must arrive whole within " + limit +
                               " of its first byte, or of the connection's start for the first request");
    out.close = true;
    return out;
}

response too_large(const std::string& detail) {
    response out = problem(413, code_name(errc::too_large), detail);
    out.close = true;
    return out;
}

/// Reads the body into `r.body`; returns a 413 response when it is over the limit.
std::optional<response> read_body(Poco::Net::HTTPServerRequest& req, request& r) {
    const std::string limit_text = "request bodies are limited to " + std::to_string(max_body_bytes / 1024) + " KiB";
    const bool chunked = req.getChunkedTransferEncoding();
    if (!chunked && !req.hasContentLength()) return std::nullopt;  // no body announced: none is read
    if (!chunked && req.getContentLength64() < 0) {
        response out = problem(400, code_name(errc::invalid_input), "a Content-Length cannot be negative");
        out.close = true;
        return out;
    }
    if (!chunked && req.getContentLength64() > static_cast<Poco::Int64>(max_body_bytes)) {
        if (req.getContentLength64() <= static_cast<Poco::Int64>(drain_limit)) drain(req.stream(), drain_limit);
        return too_large(limit_text + "; this one announced " + std::to_string(req.getContentLength64()) + " bytes");
    }
    // Chunked bodies announce no size, so the limit is counted while reading.
    std::istream& in = req.stream();
    char buffer[16384];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        r.body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (r.body.size() > max_body_bytes) {
            r.body.clear();
            drain(in, drain_limit);
            return too_large(limit_text);
        }
    }
    return std::nullopt;
}

void send(Poco::Net::HTTPServerResponse& resp, const response& out) {
    resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
    resp.setContentType(out.content_type);
    resp.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
    resp.set("X-Content-Type-Options", "nosniff");
    resp.set("Cache-Control", "no-store");
    for (const auto& [name, value] : out.headers) resp.set(name, value);
    if (out.close) resp.setKeepAlive(false);
    resp.send().write(out.body.data(), static_cast<std::streamsize>(out.body.size()));
}

class base_handler : public Poco::Net::HTTPRequestHandler {
   public:
    base_handler(handler_shared& shared, connection_watch::ticket& ticket) : shared_(shared), ticket_(ticket) {}

    // An exception escaping here makes Poco 1.11 drop the connection without an answer, so every
    // path ends in a response or, when even sending fails (the client left), in silence.
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
        const auto started = std::chrono::steady_clock::now();
        const std::string id = shared_.ids.next(req);
        response out;
        request r;
        try {
            r.method = req.getMethod();
            r.target = req.getURI();
            if (req.has("Authorization")) r.headers["authorization"] = req.get("Authorization");
            if (req.has("Content-Type")) r.headers["content-type"] = req.get("Content-Type");
            if (req.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0 &&
                req.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1) {
                // Poco reads any "HTTP/x.y"; answering 200 to HTTP/9.9 would claim to speak it.
                out = problem(505, "http_version_not_supported",
                              "this server speaks HTTP/1.0 and HTTP/1.1, not " + req.getVersion());
                out.close = true;
                resp.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);  // Poco would echo the client's
            } else if (auto refused = read_body(req, r)) {
                out = std::move(*refused);
                if (!ticket_.request_read()) out = request_timed_out(shared_.watch);
            } else if (!ticket_.request_read())
                // The watch shut the socket for reading: the body read ended early, cut at the deadline.
                out = request_timed_out(shared_.watch);
            else
                out = shared_.routes.handle(r);
        } catch (const Poco::TimeoutException&) {
            out = request_timed_out(shared_.watch);  // the body stalled longer than the request timeout
        } catch (const std::exception& e) {
            // Reading the body failed (a malformed chunk, the deadline): the stream is unusable now.
            if (ticket_.expired())
                out = request_timed_out(shared_.watch);
            else {
                out = problem(400, code_name(errc::invalid_input),
                              std::string("could not read the request: ") + e.what());
                out.close = true;
            }
        } catch (...) {
            out = problem(500, code_name(errc::internal), "the server could not complete the request");
            out.close = true;
        }
        out.headers.emplace_back("X-Request-Id", id);
        if (out.status == 401) out.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"rehearse\"");
        if (out.status == 503) out.headers.emplace_back("Retry-After", "1");
        try {
            if (!resp.sent()) send(resp, out);
        } catch (...) {
            // The connection is gone; there is no one left to answer.
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        shared_.metrics.observe(r.method, r.route, out.status, seconds);
        if (shared_.log) {
            std::lock_guard lock(shared_.log_mutex);
            *shared_.log << "request " << id << ' ' << r.method << ' ' << r.path << ' ' << out.status << ' '
                         << static_cast<long>(seconds * 1e6) / 1000.0 << " ms" << std::endl;
        }
    }

   private:
    handler_shared& shared_;
    connection_watch::ticket& ticket_;
};

class handler_factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    /// Unused: answering_connection makes its handler itself, with the connection's watch ticket.
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return nullptr;
    }
    /// What HTTPServer::stopAll does after stopping: every open connection closes (idle keep-alive
    /// ones at once). The event is protected; HTTPServer reaches it as a friend, this server here.
    void close_connections(const void* sender) { serverStopped(sender, true); }
};

/// Poco's connection loop (HTTPServerConnection::run in Poco 1.11, which offers no hook), except
/// in what it answers to a request it cannot read: Poco sends an empty 400 for a junk request line,
/// an over-long URL or too many headers, and drops the connection without a word when a
/// Content-Length is not a number it can hold (2^64, "abc"). Here each gets problem+json. The base
/// class still listens for the server's stop and shuts the socket down, which ends this loop.
/// The connection is also known to the watch from its first read to its end: a request that does not
/// arrive whole in time is answered 408, and an idle connection closed by the watch ends the loop.
class answering_connection : public Poco::Net::HTTPServerConnection {
   public:
    answering_connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                         Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, handler_shared& shared)
        : HTTPServerConnection(socket, params, handlers), params_(std::move(params)), shared_(shared) {}

    void run() override {
        const std::string server_name = params_->getSoftwareVersion();
        const int fd = socket().impl()->sockfd();
        Poco::Net::HTTPServerSession session(socket(), params_);
        // Declared after the session, so both end before the session closes the socket: the watch
        // and the address count never see a descriptor number that a newer connection may reuse.
        connection_watch::ticket ticket(shared_.watch, fd);
        const struct address_release {
            address_limit& limits;
            int fd;
            ~address_release() { limits.release(fd); }
        } release{shared_.limits, fd};
        // For the first request this waits up to the request timeout (the session's timeout); then
        // up to the keep-alive timeout, or until the watch closes the idle connection.
        while (session.hasMoreRequests()) {
            if (!ticket.reading()) break;  // closed by the watch while idle: others needed the thread
            bool timed_out = false;
            try {
                Poco::Net::HTTPServerResponseImpl response(session);
                Poco::Net::HTTPServerRequestImpl request(response, session, params_);
                response.setDate(Poco::Timestamp());
                response.setVersion(request.getVersion());
                response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive());
                if (!server_name.empty()) response.set("Server", server_name);
                base_handler handler(shared_, ticket);
                if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK)
                    response.sendContinue();
                // The handler answers every request itself, errors included (it does not throw).
                handler.handleRequest(request, response);
                session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
                // Handed over below, once the response (and what it still buffers) is out.
                timed_out = ticket.expired();
                if (!timed_out) ticket.idle();
            } catch (const Poco::Net::NoMessageException&) {
                // The client closed or sent nothing; or the deadline passed before the first line ended.
                if (ticket.expired()) {
                    answer_unreadable(session, request_timed_out(shared_.watch));
                    close_after_timeout(fd);
                }
                break;
            } catch (const Poco::Net::MessageException& e) {
                // A header cut short by the watch reads as malformed: the deadline is what happened.
                if (ticket.expired()) {
                    answer_unreadable(session, request_timed_out(shared_.watch));
                    close_after_timeout(fd);
                    break;
                }
                answer_unreadable(session, problem(400, code_name(errc::invalid_input),
                                                   "the request could not be read: " + e.message()));
            } catch (const Poco::TimeoutException&) {
                // The headers stalled for the whole request timeout (the socket's receive timeout).
                answer_unreadable(session, request_timed_out(shared_.watch));
                close_after_timeout(fd);
                break;
            } catch (const Poco::SyntaxException& e) {
                answer_unreadable(session, unparsable_number(e.message()));
            } catch (const Poco::Exception&) {
                if (session.networkException()) session.networkException()->rethrow();
                throw;
            }
            if (timed_out) {
                close_after_timeout(fd);
                break;
            }
        }
    }

   private:
    /// After a 408 the client may still be sending the rest of its request; closing now, with those
    /// bytes unread, would reset the connection and could destroy the answer before the client reads
    /// it. The watch keeps a copy of the socket, drops what still comes and closes it soon after.
    void close_after_timeout(int fd) {
        if (const int copy = ::dup(fd); copy >= 0) shared_.watch.linger(copy);
    }

    static response unparsable_number(const std::string& message) {
        // Poco's message ends in the text it could not parse: all digits is a number too large.
        const auto colon = message.rfind(": ");
        const std::string value = colon == std::string::npos ? message : message.substr(colon + 2);
        const bool digits =
            !value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
        if (digits)
            return too_large("request bodies are limited to " + std::to_string(max_body_bytes / 1024) +
                             " KiB; this one announced " + value.substr(0, 40) + " bytes");
        return problem(400, code_name(errc::invalid_input),
                       "a header holds \"" + value.substr(0, 64) + "\" where a number belongs");
    }

    static void answer_unreadable(Poco::Net::HTTPServerSession& session, const response& out) try {
        Poco::Net::HTTPServerResponseImpl response(session);
        response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
        response.setContentType(out.content_type);
        response.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
        response.set("X-Content-Type-Options", "nosniff");
        response.setKeepAlive(false);  // the rest of what was sent cannot be trusted to frame a request
        response.send().write(out.body.data(), static_cast<std::streamsize>(out.body.size()));
        session.setKeepAlive(false);
    } catch (const Poco::Exception&) {
        session.setKeepAlive(false);  // the client is gone: no one to answer
    }

    Poco::Net::HTTPServerParams::Ptr params_;
    handler_shared& shared_;
};

class answering_connection_factory : public Poco::Net::TCPServerConnectionFactory {
   public:
    answering_connection_factory(Poco::Net::HTTPServerParams::Ptr params,
                                 Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, handler_shared& shared)
        : params_(std::move(params)), handlers_(std::move(handlers)), shared_(shared) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new answering_connection(socket, params_, handlers_, shared_);
    }

   private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    handler_shared& shared_;
};

/// The per-address bound, checked as each connection is accepted (on the accepting thread, before
/// the connection waits for a worker): a connection over it is answered 429 at once and handed to
/// the watch to close, so it never takes a connection thread.
class address_filter : public Poco::Net::TCPServerConnectionFilter {
   public:
    address_filter(handler_shared& shared, const Poco::Net::TCPServer& server, int max_queued)
        : shared_(shared), server_(server), max_queued_(max_queued) {}

    bool accept(const Poco::Net::StreamSocket& socket) override {
        std::string address;
        try {
            const Poco::Net::IPAddress host = socket.peerAddress().host();
            if (host.isLoopback() && !shared_.bound_loopback) return true;
            address = host.toString();
        } catch (const Poco::Exception&) {
            return true;  // the client is already gone; the connection ends on its first read
        }
        // A connection the full queue will refuse never runs, so it is not counted (it would never
        // be released). Only this thread adds to the queue, so the queue cannot fill in between.
        if (server_.queuedConnections() >= max_queued_) return true;
        if (shared_.limits.admit(socket.impl()->sockfd(), address)) return true;
        refuse(socket, address);
        return false;
    }

   private:
    void refuse(const Poco::Net::StreamSocket& socket, const std::string& address) {
        const response out = problem(429, "too_many_connections",
                                     address + " already holds " + std::to_string(shared_.limits.per_address()) +
                                         " open connections, the most one address may; close one and retry");
        const std::string bytes = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: " + out.content_type +
                                  "\r\nContent-Length: " + std::to_string(out.body.size()) +
                                  "\r\nRetry-After: 1\r\nConnection: close\r\nX-Content-Type-Options: nosniff"
                                  "\r\nCache-Control: no-store\r\n\r\n" +
                                  out.body;
        // A fresh socket's send buffer takes a few hundred bytes at once; never wait for it.
        const int fd = ::dup(socket.impl()->sockfd());
        if (fd < 0) return;
        (void)::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        shared_.watch.linger(fd);  // Poco closes its descriptor; the watch closes this one
    }

    handler_shared& shared_;
    const Poco::Net::TCPServer& server_;
    const int max_queued_;
};

std::string format_url(const Poco::Net::SocketAddress& address) {
    const std::string host = address.host().toString();
    const bool v6 = address.family() == Poco::Net::SocketAddress::IPv6;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(address.port()) + "/";
}

}  // namespace

bool is_loopback_host(const std::string& host) {
    if (host == "localhost") return true;
    try {
        return Poco::Net::IPAddress(host).isLoopback();
    } catch (const Poco::Exception&) {
        return false;  // a name other than localhost may resolve anywhere
    }
}

struct server::impl {
    impl(app_context& ctx, const serve_options& options)
        : routes(ctx, api_options{options.auth}),
          shared(routes.routes(), routes.metrics(), options),
          pool(2, std::max(options.threads, 1) + 1),
          socket(bind(options)) {
        if (!options.auth && !is_loopback_host(options.host))
            throw error(errc::usage, "serving on " + options.host +
                                         " (not a loopback address) needs --auth: anyone who can reach it could "
                                         "read and change every learner's data");
        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(std::max(options.threads, 1));
        params->setMaxQueued(std::max(options.max_queued, 1));
        params->setKeepAlive(true);
        // Short, so an idle browser connection does not hold up a graceful stop for long.
        params->setKeepAliveTimeout(Poco::Timespan(5, 0));
        // The watch bounds the whole request however its bytes trickle in. The session's timeout bounds
        // the wait for a first request and each single read; a second longer, so that a client that
        // stops sending altogether meets the watch's deadline (and its 408) first, not a dropped read.
        params->setTimeout(Poco::Timespan(
            std::chrono::duration_cast<std::chrono::microseconds>(options.request_timeout + std::chrono::seconds(1))
                .count()));
        params->setServerName("rehearse");
        // What Poco::Net::HTTPServer does, with a connection that answers what Poco's leaves silent.
        handlers = new handler_factory;
        http = std::make_unique<Poco::Net::TCPServer>(new answering_connection_factory(params, handlers, shared), pool,
                                                      socket, params);
        const int max_threads = std::max(options.threads, 1);
        http->setConnectionFilter(new address_filter(shared, *http, std::max(options.max_queued, 1)));
        // Idle connections give way while connections wait for a thread, or while nearly every
        // thread is taken (a few are kept free for whoever comes next).
        shared.watch.start([this, max_threads] {
            const int reserve = std::max(1, max_threads / 16);
            return http->queuedConnections() + std::max(0, http->currentConnections() - (max_threads - reserve));
        });
        routes.metrics().set_gauges([this] {
            return std::vector<std::pair<std::string, double>>{
                {"rehearse_http_connections_open", static_cast<double>(http->currentConnections())},
                {"rehearse_http_connections_queued", static_cast<double>(http->queuedConnections())},
                {"rehearse_http_connections_refused_total", static_cast<double>(http->refusedConnections())},
                {"rehearse_http_threads_busy", static_cast<double>(http->currentThreads())},
                {"rehearse_http_requests_timed_out_total", static_cast<double>(shared.watch.requests_timed_out())},
                {"rehearse_http_connections_closed_idle_total", static_cast<double>(shared.watch.idle_closed())},
                {"rehearse_http_connections_over_address_limit_total", static_cast<double>(shared.limits.refused())}};
        });
        http->start();
    }

    static Poco::Net::ServerSocket bind(const serve_options& options) {
        try {
            // Not Poco's (address, backlog) constructor: it sets SO_REUSEPORT, so a second server on
            // a busy port would bind quietly and share the traffic instead of failing.
            Poco::Net::ServerSocket socket;
            socket.bind(Poco::Net::SocketAddress(options.host, options.port), true, false);
            // Room for a burst of new connections while every thread is busy.
            socket.listen(1024);
            return socket;
        } catch (const Poco::Exception& e) {
            throw error(errc::io, "cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " +
                                      e.displayText());
        }
    }

    api routes;
    server_detail::handler_shared shared;
    Poco::ThreadPool pool;  // outlives the server that runs connections on it
    Poco::Net::ServerSocket socket;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers;  // its serverStopped event closes idle connections
    std::unique_ptr<Poco::Net::TCPServer> http;
    std::once_flag stopped;
};

server::server(app_context& ctx, const serve_options& options) : impl_(std::make_unique<impl>(ctx, options)) {}

server::~server() {
    try {
        stop(std::chrono::seconds(2));
    } catch (...) {
        // Destruction must not throw; the sockets close with the objects.
    }
}

std::uint16_t server::port() const noexcept { return impl_->socket.address().port(); }

std::string server::url() const { return format_url(impl_->socket.address()); }

void server::stop(std::chrono::milliseconds grace) {
    std::call_once(impl_->stopped, [&] {
        auto& http = *impl_->http;
        http.stop();  // no new connections
        const auto deadline = std::chrono::steady_clock::now() + grace;
        while (http.currentConnections() > 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        impl_->shared.watch.stop();  // before the sockets below are shut down and closed
        // Whatever is still open (idle keep-alive connections) is closed.
        static_cast<handler_factory&>(*impl_->handlers).close_connections(&http);
        impl_->pool.joinAll();
    });
}

int serve_until_signal(app_context& ctx, const serve_options& options, std::ostream& out, std::ostream& err) {
    // SIGINT and SIGTERM are taken synchronously by this thread with sigwait. They are blocked before
    // any server thread starts, so every thread inherits the mask and none is interrupted by them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
    // A client that hangs up mid-answer must cost a failed write, not the process.
    ::signal(SIGPIPE, SIG_IGN);
    int signal_number = 0;
    {
        server s(ctx, options);
        out << "Rehearse is serving on " << s.url() << "\n(Ctrl-C stops it)" << std::endl;
        while (sigwait(&stop_signals, &signal_number) != 0) {
        }
        err << "rehearse: " << (signal_number == SIGINT ? "interrupted" : "terminated") << ", stopping the server\n";
        s.stop();
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return 0;
}

}  // namespace rehearse::http
