// The C baseline for the parse benchmark: libxml2's SAX2 push parser with callbacks that only count.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <string.h>
#include <time.h>
#include "sax_baseline.h"

static void on_start(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes) {
    (void)localname; (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces;
    (void)nb_attributes; (void)nb_defaulted; (void)attributes;
    ((pg_sax_counts *)user)->elements++;
}

static void on_end(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)user; (void)localname; (void)prefix; (void)uri;
}

static void on_text(void *user, const xmlChar *text, int length) {
    (void)text;
    ((pg_sax_counts *)user)->text_bytes += length;
}

static void on_error(void *user, xmlErrorPtr error) {
    (void)user; (void)error;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double pg_sax_baseline(const char *bytes, size_t length, pg_sax_counts *counts) {
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = on_start;
    handler.endElementNs = on_end;
    handler.characters = on_text;
    handler.cdataBlock = on_text;
    handler.serror = on_error;
    memset(counts, 0, sizeof *counts);

    double start = now_seconds();
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&handler, counts, NULL, 0, NULL);
    if (ctxt == NULL) return -1;
    xmlCtxtUseOptions(ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_COMPACT);
    const size_t chunk = 256 * 1024;
    size_t offset = 0;
    do {
        size_t size = length - offset < chunk ? length - offset : chunk;
        xmlParseChunk(ctxt, bytes + offset, (int)size, offset + size == length);
        offset += size;
    } while (offset < length);
    counts->well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    return now_seconds() - start;
}
