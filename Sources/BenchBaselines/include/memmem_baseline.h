#ifndef PG_MEMMEM_BASELINE_H
#define PG_MEMMEM_BASELINE_H
#include <stddef.h>
#include <stdint.h>

/// The naive alternative to a multi-pattern matcher: every term searched in every text with memmem.
/// Texts lie end to end in `texts` (text i spans text_offsets[i] ..< text_offsets[i + 1]); terms the
/// same in `terms`/`term_offsets`. Returns how many (text, term) pairs occur.
size_t pg_memmem_count(const uint8_t *texts, const size_t *text_offsets, size_t text_count,
                       const uint8_t *terms, const size_t *term_offsets, size_t term_count);

/// Seconds of a monotonic clock, for timing C and Swift alike.
double pg_monotonic_seconds(void);

/// CPU seconds used by the calling thread: the fair clock on a shared machine, where wall time
/// also counts other processes' turns.
double pg_thread_cpu_seconds(void);
#endif
