#include "core_probe.h"

uint64_t pg_core_probe(size_t steps) {
    // Four independent xorshift64 chains: nothing waits on memory or on a long latency, so the
    // rate is set by how many ALU operations per cycle the core grants this thread.
    uint64_t a = 1, b = 2, c = 3, d = 4;
    for (size_t i = 0; i < steps; i++) {
        a ^= a << 13; a ^= a >> 7; a ^= a << 17;
        b ^= b << 13; b ^= b >> 7; b ^= b << 17;
        c ^= c << 13; c ^= c >> 7; c ^= c << 17;
        d ^= d << 13; d ^= d >> 7; d ^= d << 17;
        // Keeps the compiler from vectorising the chains or computing them ahead.
        __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
    }
    return a ^ b ^ c ^ d;
}
