#include <sqlite3.h>
#include <libxml/parser.h>
#include <curl/curl.h>
#include "sqlite_baseline.h"
int pg_baseline_sqlite_version(void) { return sqlite3_libversion_number() + (int)LIBXML_VERSION * 0 + (int)(curl_version() != 0) * 0; }
