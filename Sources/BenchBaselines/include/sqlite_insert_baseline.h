#ifndef PG_SQLITE_INSERT_BASELINE_H
#define PG_SQLITE_INSERT_BASELINE_H
/// Inserts `count` generated acts (act row, item row, event row and FTS5 row each, as Preglednik's
/// store writes a new act) into a fresh database at `path`, in one transaction, with prepared
/// statements. Before each chunk of `PG_SQLITE_INSERT_LOOKUP_CHUNK` rows it makes the identity
/// look-ups the store makes (one `IN (…)` query for the chunk's item keys, one for its title keys),
/// so both sides do the same SQL work. `schema` is the SQL that creates the tables. The FTS5 row
/// holds the title, the summary and, in the folded column, title and summary again (unfolded), so
/// it indexes as many words as the store's row. Returns wall-clock seconds, or -1 on error; `cpu_seconds` (if not NULL) receives the
/// CPU time of the calling thread (user + system) over the same span.
#define PG_SQLITE_INSERT_LOOKUP_CHUNK 200
double pg_sqlite_insert_baseline(const char *path, const char *schema, int count, double *cpu_seconds);
/// The title of generated act `index`, as both the C loop and the Swift run use it.
int pg_bench_act_title(char *buffer, int size, int index);
#endif
