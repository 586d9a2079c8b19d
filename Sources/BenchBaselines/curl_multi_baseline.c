#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "curl_multi_baseline.h"

/// One transfer: its handle, header list, body buffer and captured validators.
struct pg_transfer {
    CURL *easy;
    struct curl_slist *headers;
    char *body;
    size_t length, capacity;
    char etag[256];
    char last_modified[64];
};

static size_t pg_write(char *data, size_t size, size_t count, void *user) {
    struct pg_transfer *t = user;
    size_t n = size * count;
    if (t->length + n > t->capacity) {
        size_t capacity = t->capacity ? t->capacity * 2 : 4096;
        while (capacity < t->length + n) capacity *= 2;
        char *grown = realloc(t->body, capacity);
        if (!grown) return 0;
        t->body = grown;
        t->capacity = capacity;
    }
    memcpy(t->body + t->length, data, n);
    t->length += n;
    return n;
}

static void pg_copy_value(char *target, size_t size, const char *line, size_t length, size_t name_length) {
    const char *value = line + name_length;
    const char *end = line + length;
    while (value < end && (*value == ' ' || *value == '\t')) value++;
    while (end > value && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
    size_t n = (size_t)(end - value) < size - 1 ? (size_t)(end - value) : size - 1;
    memcpy(target, value, n);
    target[n] = 0;
}

static size_t pg_header(char *line, size_t size, size_t count, void *user) {
    struct pg_transfer *t = user;
    size_t n = size * count;
    if (n > 5 && strncasecmp(line, "etag:", 5) == 0) pg_copy_value(t->etag, sizeof t->etag, line, n, 5);
    else if (n > 14 && strncasecmp(line, "last-modified:", 14) == 0)
        pg_copy_value(t->last_modified, sizeof t->last_modified, line, n, 14);
    return n;
}

static int pg_start(CURLM *multi, struct pg_transfer *t, const char *url, const char *etag, const char *modified,
                    const char *user_agent) {
    memset(t, 0, sizeof *t);
    t->easy = curl_easy_init();
    if (!t->easy) return -1;
    curl_easy_setopt(t->easy, CURLOPT_URL, url);
    curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(t->easy, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(t->easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(t->easy, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(t->easy, CURLOPT_USERAGENT, user_agent);
    curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT_MS, 15000L);
    curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, 60000L);
    curl_easy_setopt(t->easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(t->easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(t->easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)20 * 1024 * 1024);
    curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, pg_write);
    curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(t->easy, CURLOPT_HEADERFUNCTION, pg_header);
    curl_easy_setopt(t->easy, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
    char line[512];
    if (etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", etag);
        t->headers = curl_slist_append(t->headers, line);
    }
    if (modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", modified);
        t->headers = curl_slist_append(t->headers, line);
    }
    if (t->headers) curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
    return curl_multi_add_handle(multi, t->easy) == CURLM_OK ? 0 : -1;
}

static void pg_finish(struct pg_transfer *t) {
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    free(t->body);
}

double pg_curl_multi_baseline(const char *const *urls, const char *const *etags, const char *const *last_modified,
                              int count, int concurrency, const char *user_agent, int *ok, int *not_modified) {
    *ok = 0;
    *not_modified = 0;
    CURLM *multi = curl_multi_init();
    struct pg_transfer *transfers = calloc((size_t)count, sizeof *transfers);
    if (!multi || !transfers) return -1;
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)concurrency);
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)concurrency);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)concurrency);

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int next = 0, in_flight = 0, failed = 0;
    while (next < count || in_flight > 0) {
        while (in_flight < concurrency && next < count) {
            if (pg_start(multi, &transfers[next], urls[next], etags ? etags[next] : NULL,
                         last_modified ? last_modified[next] : NULL, user_agent) != 0) failed = 1;
            next++;
            in_flight++;
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        CURLMsg *message;
        int queued = 0;
        while ((message = curl_multi_info_read(multi, &queued))) {
            if (message->msg != CURLMSG_DONE) continue;
            struct pg_transfer *t = NULL;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            long status = 0;
            curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            if (message->data.result == CURLE_OK && status == 200) (*ok)++;
            if (message->data.result == CURLE_OK && status == 304) (*not_modified)++;
            curl_multi_remove_handle(multi, message->easy_handle);
            pg_finish(t);
            in_flight--;
        }
        if (in_flight > 0 && (next >= count || in_flight >= concurrency)) curl_multi_poll(multi, NULL, 0, 1000, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    curl_multi_cleanup(multi);
    free(transfers);
    if (failed) return -1;
    return (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
}
