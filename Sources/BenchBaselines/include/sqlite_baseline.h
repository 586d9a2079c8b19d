#ifndef PG_SQLITE_BASELINE_H
#define PG_SQLITE_BASELINE_H
/// Placeholder to check the baseline target links against the system libraries.
int pg_baseline_sqlite_version(void);
#endif
