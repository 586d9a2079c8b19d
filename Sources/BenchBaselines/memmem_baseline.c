#define _GNU_SOURCE
#include <string.h>
#include <time.h>
#include "memmem_baseline.h"

size_t pg_memmem_count(const uint8_t *texts, const size_t *text_offsets, size_t text_count,
                       const uint8_t *terms, const size_t *term_offsets, size_t term_count) {
    size_t found = 0;
    for (size_t text = 0; text < text_count; text++) {
        const uint8_t *haystack = texts + text_offsets[text];
        size_t length = text_offsets[text + 1] - text_offsets[text];
        for (size_t term = 0; term < term_count; term++) {
            const uint8_t *needle = terms + term_offsets[term];
            size_t needle_length = term_offsets[term + 1] - term_offsets[term];
            if (memmem(haystack, length, needle, needle_length) != NULL) found++;
        }
    }
    return found;
}

double pg_monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

double pg_thread_cpu_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}
