// SQLite's process-wide configuration, which Swift cannot reach: `sqlite3_config` is variadic.
#ifndef CSQLITESETUP_H
#define CSQLITESETUP_H

/// Opens connections without a mutex of their own (multi-thread mode), and counts no memory
/// statistics (which takes a global mutex on every allocation).
///
/// Why: the system library serializes every call by default, a mutex taken and released per
/// bound value; GRDB already uses each connection on one thread at a time. Must run before
/// SQLite is first used; returns SQLITE_OK, or SQLITE_MISUSE when that is too late.
int CSQLiteSetup_configureForOneThreadPerConnection(void);

#endif
