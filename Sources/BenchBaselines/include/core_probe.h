#ifndef PG_CORE_PROBE_H
#define PG_CORE_PROBE_H
#include <stddef.h>
#include <stdint.h>

/// Runs `steps` steps of four independent xorshift64 chains (24 ALU operations a step) and returns
/// their combined state. Timed with the thread's CPU clock, its rate tells whether the thread had a
/// core's full ALU throughput: it falls when another hardware thread shares the core, which a
/// memory-latency-bound loop does not show.
uint64_t pg_core_probe(size_t steps);
#endif
