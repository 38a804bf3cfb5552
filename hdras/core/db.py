"""The one connection factory, and the database's life cycle (create, refresh plan, keep progress).

DuckDB lets only one process hold a file read-write, and then no other process may open it at all.
The dashboard therefore opens the file only for the length of one operation (``session``), and the
command line waits a few seconds for it before saying plainly that the file is in use.

Every open checks the schema version the database records (hdras.core.migrations): a newer
database is refused with a Spanish message, an older one is copied and migrated forward.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from hdras.core import backups, config, migrations, schema, version
from hdras.core.errors import DatabaseBusyError, DatabaseFileError
from hdras.core.messages import msg
from hdras.plan import loader

_DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "lock on file", "being used by another")


def connect(path: str | Path | None = None, read_only: bool = False,
            wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection; ``path`` ':memory:' gives an in-memory database.

    Retries for ``wait_seconds`` while another process holds the file, then raises
    ``DatabaseBusyError`` with a Spanish message; a path that cannot be a database (another
    kind of file, a folder, a place that cannot be written) raises ``DatabaseFileError``.
    """
    target = ":memory:" if path == ":memory:" else str(config.database_path(path))
    if target != ":memory:":
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _file_error(target, exc) from exc
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(target, read_only=read_only, config=dict(_DUCKDB_CONFIG))
        except duckdb.IOException as exc:
            if not any(m in str(exc) for m in _LOCK_MARKERS):
                raise _file_error(target, exc) from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusyError(msg("db.busy", path=target)) from exc
            time.sleep(0.2)


def _file_error(target: str, exc: Exception) -> DatabaseFileError:
    detail = str(exc)
    if "not a valid DuckDB database file" in detail:
        reason = msg("db.reason_not_duckdb")
    elif Path(target).is_dir():
        reason = msg("db.reason_directory")
    else:  # rare (permissions, a missing mount): DuckDB's own words are the useful detail
        reason = detail.removeprefix("IO Error: ")
    return DatabaseFileError(msg("db.unreadable", path=target, reason=reason))


@contextlib.contextmanager
def session(path: str | Path | None = None, wait_seconds: float = config.DB_LOCK_WAIT_SECONDS,
            ensure: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database for one operation; with ``ensure`` create or refresh it from data/ first."""
    con = connect(path, wait_seconds=wait_seconds)
    try:
        if ensure or migrations.quick_version(con) != schema.SCHEMA_VERSION:
            ensure_schema(con)
        yield con
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection, data_dir: Path | None = None,
                  copy_before_migration: bool = True) -> bool:
    """Bring the database to this code's schema and plan; True if the plan tables were rebuilt.

    A new database gets every table and the schema version. An older one is migrated forward
    (after an automatic copy, unless ``copy_before_migration`` is False); a newer one raises
    SchemaVersionError. Plan tables are rebuilt when data/ changed; progress tables are never
    dropped. Views are replaced only when their definitions changed (a fingerprint in
    ``hdras_meta``), so opening an up-to-date database writes nothing: many sessions may open it
    at once.
    """
    found = migrations.stored_version(con)
    migrations.check_not_newer(found, database_file(con) or ":memory:")
    if found is not None and found < schema.SCHEMA_VERSION:
        _migrate(con, found, copy_before_migration)
    for table in schema.ALL_TABLES:
        con.execute(table.ddl())
    if found is None:
        migrations.record_version(con, schema.SCHEMA_VERSION)
    views = hashlib.sha256(repr(sorted(schema.VIEWS.items())).encode()).hexdigest()
    row = con.execute("SELECT value FROM hdras_meta WHERE key = 'views_fingerprint'").fetchall()
    if not row or row[0][0] != views:
        with transaction(con):
            for name in schema.VIEWS:
                con.execute(schema.view_ddl(name))
            con.execute("INSERT OR REPLACE INTO hdras_meta VALUES ('views_fingerprint', ?)",
                        [views])
    data_dir = data_dir or config.data_dir()
    fingerprint = loader.data_fingerprint(data_dir)
    row = con.execute("SELECT value FROM hdras_meta WHERE key = 'plan_fingerprint'").fetchall()
    if row and row[0][0] == fingerprint:
        return False
    _rebuild_plan_tables(con, loader.load_plan_frames(data_dir), fingerprint)
    return True


def _migrate(con: duckdb.DuckDBPyConnection, found: int, copy_first: bool) -> None:
    """Run the missing steps in order, each in one transaction with its version number."""
    database = database_file(con)
    if copy_first and database is not None:
        backups.automatic_copy(con, database, "migration", f"v{found}")
    for step in migrations.pending(found):
        with transaction(con):
            step.apply(con)
            migrations.drop_plan_tables(con)
            migrations.record_version(con, step.version)


def _rebuild_plan_tables(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame],
                         fingerprint: str) -> None:
    """Replace the plan tables' rows in one transaction; progress tables are untouched."""
    with transaction(con):
        for table in schema.PLAN_TABLES:
            columns = ", ".join(table.column_names)
            con.register("_plan_frame", frames[table.name][table.column_names])
            con.execute(f"DELETE FROM {table.name}")
            con.execute(f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM _plan_frame")
            con.unregister("_plan_frame")
        con.execute("INSERT OR REPLACE INTO hdras_meta VALUES ('plan_fingerprint', ?)",
                    [fingerprint])
        bump_progress_version(con)


# Connections whose open transaction changed the data version: the token to publish after COMMIT.
_PENDING_TOKENS: dict[int, str] = {}


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction: COMMIT when the block ends, ROLLBACK on any error or interruption (the
    error is raised again). A failed COMMIT has already ended the transaction; that is fine.

    If the block called ``bump_progress_version``, the new token is published beside the
    database file once the COMMIT succeeded (``hdras.core.version``), never before.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        _PENDING_TOKENS.pop(id(con), None)
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    token = _PENDING_TOKENS.pop(id(con), None)
    if token is not None:
        database = database_file(con)
        if database is not None:
            version.publish(database, token)


def database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file ``con`` is open on; None for an in-memory database."""
    rows = con.execute("SELECT path FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every declared table."""
    return {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchall()[0][0]
            for t in schema.ALL_TABLES}


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A token that changes whenever plan or progress data change (for caches keyed on it)."""
    rows = con.execute("SELECT key, value FROM hdras_meta WHERE key IN ('plan_fingerprint', "
                       "'progress_version') ORDER BY key").fetchall()
    return "|".join(f"{k}={v}" for k, v in rows)


def bump_progress_version(con: duckdb.DuckDBPyConnection) -> None:
    """Record that progress, saved scenarios or the plan tables changed: a new random token (so a
    restored backup never repeats a key). Call inside ``transaction``, which publishes it."""
    token = version.new_token()
    con.execute("INSERT OR REPLACE INTO hdras_meta VALUES ('progress_version', ?)", [token])
    _PENDING_TOKENS[id(con)] = token
