#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "sqlite_insert_baseline.h"

static const char *const topics[] = {"financiranju občin", "urejanju prostora", "gasilstvu", "predšolski vzgoji",
                                     "ravnanju z odpadki", "javnem naročanju", "davku na nepremičnine", "lokalni samoupravi"};

int pg_bench_act_title(char *buffer, int size, int index) {
    return snprintf(buffer, (size_t)size, "Zakon o spremembah in dopolnitvah Zakona o %s št. %d",
                    topics[index % 8], index);
}

static double clock_seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double pg_sqlite_insert_baseline(const char *path, const char *schema, int count, double *cpu_seconds) {
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", 0, 0, 0);
    if (sqlite3_exec(db, schema, 0, 0, 0) != SQLITE_OK) { sqlite3_close(db); return -1; }
    sqlite3_exec(db, "INSERT INTO sources(id, name, jurisdiction) VALUES ('bench', 'Bench', 'si')", 0, 0, 0);
    sqlite3_stmt *act, *item, *event, *fts;
    sqlite3_prepare_v2(db, "INSERT INTO acts(title, title_key, act_type, jurisdiction, summary, link, phase, phase_rank, phase_raw, "
                           "phase_since, municipal, relevance, domains, why, first_seen, last_changed, source_id) "
                           "VALUES (?, ?, 'zakon', 'si', ?, ?, 'published', 10, NULL, '2026-11-20T08:00:00Z', 1, 0.8, "
                           "'[{\"id\":\"local-finance\",\"score\":0.8}]', '[]', '2026-11-20T08:00:00Z', '2026-11-20T08:00:00Z', 'bench')", -1, &act, 0);
    sqlite3_prepare_v2(db, "INSERT INTO items(source_id, item_key, guid, link, content_hash, act_id, first_seen, last_seen) "
                           "VALUES ('bench', ?, ?, ?, ?, ?, '2026-11-20T08:00:00Z', '2026-11-20T08:00:00Z')", -1, &item, 0);
    sqlite3_prepare_v2(db, "INSERT INTO events(act_id, phase, event_date, observed_at, source_id, url) "
                           "VALUES (?, 'published', NULL, '2026-11-20T08:00:00Z', 'bench', ?)", -1, &event, 0);
    sqlite3_prepare_v2(db, "INSERT INTO acts_fts(rowid, title, summary, folded) VALUES (?, ?, ?, ?)", -1, &fts, 0);
    // The identity look-ups any store must make before inserting (is this item known? does an act
    // already have this title?), as the store makes them: one query per chunk of rows.
    enum { chunk = PG_SQLITE_INSERT_LOOKUP_CHUNK };
    char known_items_sql[64 + chunk * 8], known_titles_sql[64 + chunk * 8];
    int at = snprintf(known_items_sql, sizeof known_items_sql,
                      "SELECT item_key, content_hash, act_id FROM items WHERE source_id = 'bench' AND item_key IN (?");
    for (int k = 1; k < chunk; k++) at += snprintf(known_items_sql + at, sizeof known_items_sql - (size_t)at, ",?");
    snprintf(known_items_sql + at, sizeof known_items_sql - (size_t)at, ")");
    at = snprintf(known_titles_sql, sizeof known_titles_sql,
                  "SELECT DISTINCT title_key FROM acts WHERE jurisdiction = 'si' AND title_key IN (?");
    for (int k = 1; k < chunk; k++) at += snprintf(known_titles_sql + at, sizeof known_titles_sql - (size_t)at, ",?");
    snprintf(known_titles_sql + at, sizeof known_titles_sql - (size_t)at, ")");
    sqlite3_stmt *known_items, *known_titles;
    if (sqlite3_prepare_v2(db, known_items_sql, -1, &known_items, 0) != SQLITE_OK ||
        sqlite3_prepare_v2(db, known_titles_sql, -1, &known_titles, 0) != SQLITE_OK) return -1;
    // The folded column gets the same text the store indexes there: title and summary (here both
    // the title), unfolded — the C loop does no text work of its own.
    static char titles[chunk][256], guids[chunk][64];
    char folded[520], link[128];
    double start = clock_seconds(CLOCK_MONOTONIC), cpu_start = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
    sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
    for (int i = 0; i < count; i++) {
        if (i % chunk == 0) {
            for (int k = 0; k < chunk; k++) {
                int row = i + k < count ? i + k : count - 1;
                pg_bench_act_title(titles[k], sizeof titles[k], row);
                snprintf(guids[k], sizeof guids[k], "guid-%d", row);
                sqlite3_bind_text(known_items, k + 1, guids[k], -1, SQLITE_STATIC);
                sqlite3_bind_text(known_titles, k + 1, titles[k], -1, SQLITE_STATIC);
            }
            while (sqlite3_step(known_items) == SQLITE_ROW) return -1;  // every row is new
            sqlite3_reset(known_items);
            while (sqlite3_step(known_titles) == SQLITE_ROW) return -1;
            sqlite3_reset(known_titles);
        }
        const char *title = titles[i % chunk], *guid = guids[i % chunk];
        snprintf(folded, sizeof folded, "%s %s", title, title);
        snprintf(link, sizeof link, "https://example.org/akt/%d", i);
        sqlite3_bind_text(act, 1, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(act, 2, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(act, 3, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(act, 4, link, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(act) != SQLITE_DONE) return -1;
        sqlite3_reset(act);
        sqlite3_int64 id = sqlite3_last_insert_rowid(db);
        sqlite3_bind_text(item, 1, guid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(item, 2, guid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(item, 3, link, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(item, 4, guid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(item, 5, id);
        if (sqlite3_step(item) != SQLITE_DONE) return -1;
        sqlite3_reset(item);
        sqlite3_bind_int64(event, 1, id);
        sqlite3_bind_text(event, 2, link, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(event) != SQLITE_DONE) return -1;
        sqlite3_reset(event);
        sqlite3_bind_int64(fts, 1, id);
        sqlite3_bind_text(fts, 2, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(fts, 3, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(fts, 4, folded, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(fts) != SQLITE_DONE) return -1;
        sqlite3_reset(fts);
    }
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
    double seconds = clock_seconds(CLOCK_MONOTONIC) - start;
    if (cpu_seconds) *cpu_seconds = clock_seconds(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
    sqlite3_finalize(known_items); sqlite3_finalize(known_titles);
    sqlite3_finalize(act); sqlite3_finalize(item); sqlite3_finalize(event); sqlite3_finalize(fts);
    sqlite3_close(db);
    return seconds;
}
