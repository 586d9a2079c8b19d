#ifndef PG_BENCH_BASELINES_H
#define PG_BENCH_BASELINES_H
// Umbrella header of the C baselines the benchmarks compare against.
#include "sqlite_baseline.h"
#include "sqlite_insert_baseline.h"
#include "curl_multi_baseline.h"
#include "memmem_baseline.h"
#include "sax_baseline.h"
#include "core_probe.h"
#endif
