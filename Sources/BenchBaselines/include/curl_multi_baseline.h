#ifndef PG_CURL_MULTI_BASELINE_H
#define PG_CURL_MULTI_BASELINE_H
/// Fetches `count` URLs on one libcurl multi handle in one thread, the textbook way: at most
/// `concurrency` transfers in flight (connection limits set to the same number, connections
/// reused), each with the options HTTPFetcher sets (no signals, redirects, any content encoding,
/// User-Agent, timeouts, TLS verification), the body gathered in memory and the ETag and
/// Last-Modified headers picked out. When `etags` / `last_modified` are not NULL their non-NULL
/// entries are sent as If-None-Match / If-Modified-Since. `*ok` gets the number of 200 responses
/// and `*not_modified` the number of 304s. Returns the wall seconds, or -1 on a setup error.
double pg_curl_multi_baseline(const char *const *urls, const char *const *etags, const char *const *last_modified,
                              int count, int concurrency, const char *user_agent, int *ok, int *not_modified);
#endif
