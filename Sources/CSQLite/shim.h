#ifndef PREGLEDNIK_CSQLITE_SHIM_H
#define PREGLEDNIK_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
