#ifndef HEDGESIM_CSQLITE_SHIM_H
#define HEDGESIM_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type hedgesim_sqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type hedgesim_sqlite_static(void) { return SQLITE_STATIC; }

/// Turns off SQLite's memory statistics (a global mutex and counters around every allocation)
/// before SQLite initializes; SQLITE_MISUSE, harmlessly, once it has. Swift cannot call the
/// variadic sqlite3_config.
static inline int hedgesim_sqlite_configure(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
