/// @file
/// The simulator's own pseudo-random generator: xoshiro256** seeded through splitmix64, with the
/// few distributions the simulator needs written out here. std:: distributions are not used on
/// purpose: their output differs between standard libraries, and a seed must give the same run
/// everywhere.
#pragma once

#include <cmath>
#include <cstdint>

namespace rehearse::sim {

/// One step of splitmix64 (Steele, Lea, Flood 2014): also used to derive independent seeds.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// A seed for stream `stream` of item `index` under the run seed `seed`: the same learner gets the
/// same numbers whatever policy runs and however many learners come before it.
constexpr std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t index, std::uint64_t stream) noexcept {
    std::uint64_t s = seed;
    std::uint64_t a = splitmix64(s) ^ (index * 0xD1B54A32D192ED03ULL);
    std::uint64_t b = splitmix64(a) ^ (stream * 0x8CB92BA72F3D8DD7ULL);
    return splitmix64(b);
}

/// xoshiro256** 1.0 (Blackman, Vigna).
class rng {
   public:
    explicit rng(std::uint64_t seed = 1) noexcept {
        for (auto& w : s_) w = splitmix64(seed);
    }

    std::uint64_t next() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// Uniform integer in [0, n), n > 0 (n is small: the bias of scaling 53 bits is negligible).
    std::uint64_t below(std::uint64_t n) noexcept {
        const auto k = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
        return k < n ? k : n - 1;
    }

    /// Binomial(n, p) by n Bernoulli draws (n is small: 4 rubric points).
    int binomial(int n, double p) noexcept {
        int k = 0;
        for (int i = 0; i < n; ++i) k += uniform() < p ? 1 : 0;
        return k;
    }

    /// Standard normal by Box–Muller (one value per call; the pair's second half is dropped to keep
    /// the stream's position independent of call history).
    double normal() noexcept {
        const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

   private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4]{};
};

}  // namespace rehearse::sim
