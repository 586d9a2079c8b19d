#ifndef PREGLEDNIK_CLIBXML2_SHIM_H
#define PREGLEDNIK_CLIBXML2_SHIM_H
// Debian's libxml2 headers pull in the system ICU, which clashes with Foundation's own ICU on a
// clean build ('UErrorCode' has different definitions). We never use libxml2's ICU parts.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>
#include <libxml/encoding.h>

/// `xmlFree` is a global function-pointer variable; Swift 6 rejects it as shared mutable state.
static inline void pg_xml_free(void *p) { xmlFree(p); }

#endif
