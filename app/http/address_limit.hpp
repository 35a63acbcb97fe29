// The bound on open connections per client address (rehearse serve --max-connections-per-address):
// one client opening many connections would otherwise take every connection thread from the rest.
// Counted when a connection is accepted, released when it ends; keyed by the accepted socket's
// descriptor so that the end is matched to its start even if the peer's address can no longer be
// read by then (a client that reset the connection).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace rehearse::http {

class address_limit {
   public:
    /// `per_address`: open connections allowed per address; 0 for no bound.
    explicit address_limit(int per_address) : per_address_(per_address) {}

    int per_address() const noexcept { return per_address_; }

    /// Counts the connection on `fd` from `address`; false (and not counted) when that address
    /// already holds its share.
    bool admit(int fd, const std::string& address);
    /// The connection on `fd` ends (before its descriptor is closed); nothing when it was not counted.
    void release(int fd);

    std::uint64_t refused() const;

   private:
    const int per_address_;
    mutable std::mutex mutex_;
    std::map<std::string, int> open_;     ///< per address
    std::map<int, std::string> counted_;  ///< descriptor -> its address
    std::uint64_t refused_ = 0;
};

}  // namespace rehearse::http
