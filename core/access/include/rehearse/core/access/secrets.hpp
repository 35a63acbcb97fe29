/// @file
/// The three cryptographic steps tokens need, over OpenSSL's libcrypto (no home-made crypto).
#pragma once

#include <string>
#include <string_view>

namespace rehearse::secrets {

/// `bytes` bytes from the system's cryptographic random source, as lowercase hex.
std::string random_hex(std::size_t bytes);
/// SHA-256 of `data`, as lowercase hex.
std::string sha256_hex(std::string_view data);
/// Equal strings, in time that depends only on their lengths.
bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace rehearse::secrets
