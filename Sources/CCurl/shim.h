#ifndef PREGLEDNIK_CCURL_SHIM_H
#define PREGLEDNIK_CCURL_SHIM_H
// Typed, non-variadic wrappers around libcurl's variadic setopt/getinfo calls, which Swift cannot call.
#include <curl/curl.h>

typedef size_t (*pg_curl_data_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

static inline CURLcode pg_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pg_easy_setopt_callback(CURL *h, CURLoption o, pg_curl_data_callback v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode pg_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pg_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pg_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pg_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

/// Debug callback (CURLOPT_DEBUGFUNCTION): the SMTP stage reads the server's reply lines from it.
typedef int (*pg_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);
static inline CURLcode pg_easy_setopt_debug(CURL *h, pg_curl_debug_callback v) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, v); }

static inline CURLMcode pg_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

#endif
