#ifndef PG_SAX_BASELINE_H
#define PG_SAX_BASELINE_H
#include <stddef.h>

/// What the C libxml2 SAX2 baseline saw in a document.
typedef struct {
    long elements;    ///< start tags
    long text_bytes;  ///< bytes of character data and CDATA
    int well_formed;  ///< libxml2's verdict
} pg_sax_counts;

/// Parses `length` bytes with libxml2's SAX2 push parser (256 KiB chunks, RECOVER|NONET|NOERROR|
/// NOWARNING, no entity substitution), counting elements and text. Returns the elapsed seconds
/// (monotonic clock), or -1 when the parser could not be created.
double pg_sax_baseline(const char *bytes, size_t length, pg_sax_counts *counts);

#endif
