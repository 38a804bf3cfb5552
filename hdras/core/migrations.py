"""The schema version a database records, and the steps that bring an older database forward.

The version lives in ``hdras_meta`` under the key ``schema_version``. Databases made before there
was a version have the hdras tables but no key: they are version 0 (``UNVERSIONED``).
``hdras.core.db.ensure_schema`` reads the version each time it opens a database. It refuses a
newer one. For an older one it saves a copy, then runs the missing steps in order, each step in
its own transaction together with the new version number.

The rules for a step:
- progress tables (what users uploaded) only grow: new tables, new columns that may be empty.
  A step never drops or rewrites a progress row;
- plan tables hold nothing but what data/ says. After any step they are dropped and rebuilt
  from data/ with today's columns (the plan fingerprint includes the schema version);
- a step is written against the database as that version left it, and is idempotent, so a step
  that was cut short can run again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from hdras.core import schema
from hdras.core.errors import SchemaVersionError
from hdras.core.messages import msg

UNVERSIONED = 0
VERSION_KEY = "schema_version"
# Tables that every hdras database has had since the first version: one of them marks a file as
# an hdras database even when it has no version.
MARKER_TABLES = ("import_batches", "hdras_meta")
# The progress tables of a version-0 database (the first schema already had them).
UNVERSIONED_TABLES = ("import_batches", "goal_actuals", "activity_progress")


@dataclass(frozen=True)
class Migration:
    """One step: the database is at ``version`` after ``apply`` (``summary`` says what it does)."""

    version: int
    summary: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def main_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables of the connection's own database (not of attached ones)."""
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = "
                       "current_database() AND schema_name = 'main'").fetchall()
    return {r[0] for r in rows}


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """Column names of one table of the connection's own database."""
    rows = con.execute("SELECT column_name FROM duckdb_columns() WHERE database_name = "
                       "current_database() AND schema_name = 'main' AND table_name = ?",
                       [table]).fetchall()
    return {r[0] for r in rows}


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The database's schema version: None for a database without hdras tables (new or foreign),
    0 for an hdras database made before versions existed. Raises SchemaVersionError when the
    recorded version is not a number."""
    tables = main_tables(con)
    if "hdras_meta" in tables:
        rows = con.execute("SELECT value FROM hdras_meta WHERE key = ?", [VERSION_KEY]).fetchall()
        if rows:
            try:
                return int(rows[0][0])
            except (TypeError, ValueError) as exc:
                raise SchemaVersionError(msg("schema.unreadable", value=rows[0][0])) from exc
    return UNVERSIONED if tables & set(MARKER_TABLES) else None


def quick_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """``stored_version`` in one small query when the version is recorded (every page's open)."""
    try:
        rows = con.execute("SELECT value FROM hdras_meta WHERE key = ?", [VERSION_KEY]).fetchall()
    except duckdb.CatalogException:
        rows = []
    if rows and str(rows[0][0]).isdigit():
        return int(rows[0][0])
    return stored_version(con)


def check_not_newer(version: int | None, where: object) -> None:
    """Raise SchemaVersionError, in Spanish, for a database made by a newer hdras."""
    if version is not None and version > schema.SCHEMA_VERSION:
        raise SchemaVersionError(msg("schema.newer", path=where, found=version,
                                     known=schema.SCHEMA_VERSION))


def pending(version: int) -> list[Migration]:
    """The steps that bring a database at ``version`` to ``schema.SCHEMA_VERSION``, in order."""
    return [m for m in MIGRATIONS if m.version > version]


def record_version(con: duckdb.DuckDBPyConnection, version: int) -> None:
    con.execute("INSERT OR REPLACE INTO hdras_meta VALUES (?, ?)", [VERSION_KEY, str(version)])


def drop_plan_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Plan tables hold only data/: drop them so they are created and filled with today's
    columns, and forget the fingerprint so the rebuild happens."""
    for table in schema.PLAN_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table.name}")
    if "hdras_meta" in main_tables(con):
        con.execute("DELETE FROM hdras_meta WHERE key = 'plan_fingerprint'")


# --------------------------------------------------------------------------- the steps


def _add_progress_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Unversioned → 1: create missing progress tables; add every declared column a table lacks
    (empty). Today's unversioned databases already have them all: the step then only records
    the version."""
    tables = main_tables(con)
    con.execute(schema.META_TABLE.ddl())
    for table in schema.PROGRESS_TABLES:
        if table.name not in tables:
            con.execute(table.ddl())
            continue
        have = table_columns(con, table.name)
        for column in table.columns:
            if column.name in have:
                continue
            if not column.nullable:  # no value to give the rows already there
                raise SchemaVersionError(msg("schema.cannot_migrate", table=table.name,
                                             column=column.name))
            con.execute(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {column.type}")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "versión 1: el esquema queda registrado; tablas y columnas de avance completas",
              _add_progress_columns),
)
