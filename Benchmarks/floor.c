/* What writing an import's rows costs SQLite itself, whatever the importer does before (Benchmarks/run.py,
 * workload floor-api). Usage: floor SOURCE TARGET TABLE...
 *
 * Each table's rows are read from SOURCE (a database permaudit imported) into memory, untimed, then written
 * into the same table of TARGET (a seeded database of the same schema, those tables empty) as an importer
 * must write them: one prepared INSERT with bound values, stepped once a row, in SOURCE's order (key order),
 * all in one transaction with the import's page cache (32 MB) and pragmas (WAL, synchronous NORMAL). Prints
 * the seconds of the writes and the commit: "floor <seconds> <rows>".
 *
 * Build: cc -O2 -o floor Benchmarks/floor.c -lsqlite3 (Debian: libsqlite3-dev). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void fail(sqlite3 *db, const char *what) {
    fprintf(stderr, "floor: %s: %s\n", what, sqlite3_errmsg(db));
    exit(2);
}

/* The table's rows as values, row after row; *columns and *rows set. */
static sqlite3_value **load(sqlite3 *source, const char *table, int *columns, long *rows) {
    char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", table);
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(source, sql, -1, &statement, 0) != SQLITE_OK) fail(source, table);
    sqlite3_free(sql);
    *columns = sqlite3_column_count(statement);
    long capacity = 1024;
    sqlite3_value **values = malloc(sizeof *values * capacity * *columns);
    for (*rows = 0; sqlite3_step(statement) == SQLITE_ROW; (*rows)++) {
        if (*rows == capacity) values = realloc(values, sizeof *values * (capacity *= 2) * *columns);
        for (int c = 0; c < *columns; c++) values[*rows * *columns + c] = sqlite3_value_dup(sqlite3_column_value(statement, c));
    }
    sqlite3_finalize(statement);
    return values;
}

/* Writes the rows with one prepared INSERT; returns the seconds it took. */
static double write_rows(sqlite3 *target, const char *table, sqlite3_value **values, int columns, long rows) {
    char *sql = sqlite3_mprintf("INSERT INTO \"%w\" VALUES (?", table);
    for (int c = 1; c < columns; c++) sql = sqlite3_mprintf("%z, ?", sql);
    sql = sqlite3_mprintf("%z)", sql);
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(target, sql, -1, &statement, 0) != SQLITE_OK) fail(target, table);
    sqlite3_free(sql);
    double started = now();
    for (long r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) sqlite3_bind_value(statement, c + 1, values[r * columns + c]);
        if (sqlite3_step(statement) != SQLITE_DONE) fail(target, table);
        sqlite3_reset(statement);
    }
    double seconds = now() - started;
    sqlite3_finalize(statement);
    return seconds;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: floor SOURCE TARGET TABLE...\n");
        return 2;
    }
    sqlite3 *source, *target;
    if (sqlite3_open_v2(argv[1], &source, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) fail(source, argv[1]);
    if (sqlite3_open(argv[2], &target) != SQLITE_OK) fail(target, argv[2]);
    if (sqlite3_exec(target, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; BEGIN",
                     0, 0, 0) != SQLITE_OK) fail(target, "begin");
    double seconds = 0;
    long total = 0;
    for (int t = 3; t < argc; t++) {
        int columns;
        long rows;
        sqlite3_value **values = load(source, argv[t], &columns, &rows);
        seconds += write_rows(target, argv[t], values, columns, rows);
        for (long v = 0; v < rows * columns; v++) sqlite3_value_free(values[v]);
        free(values);
        total += rows;
    }
    double started = now();
    if (sqlite3_exec(target, "COMMIT", 0, 0, 0) != SQLITE_OK) fail(target, "commit");
    if (sqlite3_close(target) != SQLITE_OK) fail(target, "close");
    seconds += now() - started;
    printf("floor %.3f %ld\n", seconds, total);
    return 0;
}
