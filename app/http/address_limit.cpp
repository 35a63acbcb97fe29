#include "http/address_limit.hpp"

namespace rehearse::http {

bool address_limit::admit(int fd, const std::string& address) {
    if (per_address_ <= 0) return true;
    std::lock_guard lock(mutex_);
    if (counted_.count(fd) != 0) {
        // A descriptor counted before and never released (a queued connection dropped at stop).
        if (const auto stale = open_.find(counted_[fd]); stale != open_.end() && --stale->second <= 0)
            open_.erase(stale);
        counted_.erase(fd);
    }
    int& open = open_[address];
    if (open >= per_address_) {
        ++refused_;
        return false;
    }
    ++open;
    counted_[fd] = address;
    return true;
}

void address_limit::release(int fd) {
    std::lock_guard lock(mutex_);
    const auto it = counted_.find(fd);
    if (it == counted_.end()) return;
    if (const auto open = open_.find(it->second); open != open_.end() && --open->second <= 0) open_.erase(open);
    counted_.erase(it);
}

std::uint64_t address_limit::refused() const {
    std::lock_guard lock(mutex_);
    return refused_;
}

}  // namespace rehearse::http
