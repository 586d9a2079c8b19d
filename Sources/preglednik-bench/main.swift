import BenchBaselines
print("bench: not yet wired", pg_baseline_sqlite_version())
