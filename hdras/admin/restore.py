"""``hdras restore``: put a copy back in place of the database, after checking that it is one.

The checks, before anything changes:
1. the file opens read-only with this DuckDB (otherwise: not DuckDB, damaged, or written by a
   newer DuckDB);
2. it holds hdras tables, with a schema version this code knows (hdras.core.migrations), and
   every table and column that version had;
3. the whole content is copied into a new file beside the database. That copy reads every row, so
   a damaged block fails here. The new file is then brought to this code's schema and plan, and
   given a new data version (``db.data_version`` and the token file of hdras.core.version
   change, so no cache shows the old data).

The swap happens under the lock of the live database. The restore waits for it as the command
line does, so no dashboard is using the file at that moment. The live database is copied aside
(into its folder of copies, named «antes de restaurar»). Then the new file takes its name with
one atomic rename, and is held open until the old one is closed. A dashboard that is serving
opens the restored file on its next page run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from hdras.core import backups, config, db, migrations, schema, version
from hdras.core.errors import (BackupError, DatabaseBusyError, DatabaseFileError,
                               NotABackupError, SchemaVersionError)
from hdras.core.messages import msg


@dataclass(frozen=True)
class Summary:
    """What a database holds, for the messages of backup and restore."""

    version: int
    batches: int
    last_batch: int | None
    goals: int
    activities: int
    scenarios: int

    def text(self) -> str:
        return msg("backup.summary", batches=self.batches, last=self.last_batch or "—",
                   goals=self.goals, activities=self.activities, scenarios=self.scenarios,
                   version=self.version)


@dataclass(frozen=True)
class Restored:
    """The result of a restore: what the backup held, and where the previous database went."""

    summary: Summary
    aside: Path | None
    migrated_from: int | None


def summarize(con: duckdb.DuckDBPyConnection) -> Summary:
    """Counts of what an hdras database holds (any known schema version)."""
    found = migrations.stored_version(con) or migrations.UNVERSIONED
    tables = migrations.main_tables(con)

    def count(table: str) -> int:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] \
            if table in tables else 0
    last = con.execute("SELECT max(batch_id) FROM import_batches").fetchall()[0][0]
    return Summary(found, count("import_batches"), last, count("goal_actuals"),
                   count("activity_progress"), count("scenarios"))


def inspect_backup(path: str | os.PathLike) -> Summary:
    """Check that ``path`` is an hdras database this code can restore; raise NotABackupError,
    in Spanish, saying why not. Opens the file read-only: it is never changed."""
    path = Path(path)
    if not path.is_file():
        raise NotABackupError(msg("restore.missing", path=path))
    with _opened(path) as con:
        return _check_tables(con, path)


@contextlib.contextmanager
def _opened(path: Path):
    try:
        con = db.connect(path, read_only=True)
    except DatabaseBusyError:
        raise
    except (DatabaseFileError, duckdb.Error) as exc:
        raise _unreadable(path, exc) from exc
    try:
        yield con
    except duckdb.Error as exc:
        raise _unreadable(path, exc) from exc
    finally:
        con.close()


def _unreadable(path: Path, exc: Exception) -> NotABackupError:
    detail = str(exc.__cause__ or exc).removeprefix("IO Error: ").splitlines()[0][:200]
    if "not a valid DuckDB database file" in detail or path.stat().st_size == 0:
        return NotABackupError(msg("restore.not_duckdb", path=path))
    if "version" in detail.lower() and "storage" in detail.lower():
        return NotABackupError(msg("restore.newer_duckdb", path=path, detail=detail))
    return NotABackupError(msg("restore.damaged", path=path, detail=detail))


def _check_tables(con: duckdb.DuckDBPyConnection, path: Path) -> Summary:
    try:
        found = migrations.stored_version(con)
    except SchemaVersionError as exc:  # a version that is not a number
        raise NotABackupError(msg("restore.damaged", path=path, detail=exc)) from exc
    if found is None:
        raise NotABackupError(msg("restore.foreign", path=path))
    if found > schema.SCHEMA_VERSION:
        raise NotABackupError(msg("restore.newer", path=path, found=found,
                                  known=schema.SCHEMA_VERSION))
    required = migrations.UNVERSIONED_TABLES if found == migrations.UNVERSIONED else \
        tuple(t.name for t in schema.ALL_TABLES)
    missing = sorted(set(required) - migrations.main_tables(con))
    if missing:
        raise NotABackupError(msg("restore.missing_tables", path=path, tables=", ".join(missing)))
    for table in schema.PROGRESS_TABLES:
        if table.name not in required:
            continue
        needed = {c.name for c in table.columns if not c.nullable or found > 0}
        absent = sorted(needed - migrations.table_columns(con, table.name))
        if absent:
            raise NotABackupError(msg("restore.missing_columns", path=path, table=table.name,
                                      columns=", ".join(absent)))
    return summarize(con)


def restore(backup: str | os.PathLike, database: str | os.PathLike | None = None,
            wait_seconds: float = config.DB_LOCK_WAIT_SECONDS) -> Restored:
    """Replace the database with ``backup`` (see the module docstring). Raises NotABackupError
    (nothing changed), DatabaseBusyError (the database stayed in use; nothing changed) or
    BackupError (the current database could not be copied aside; nothing changed)."""
    backup, target = Path(backup).absolute(), config.database_path(database).absolute()
    if target.exists() and backup.exists() and os.path.samefile(backup, target):
        raise NotABackupError(msg("restore.same_file", path=backup))
    found = inspect_backup(backup)
    staged = target.with_name(f".{target.stem}.restaurando-{uuid.uuid4().hex[:8]}.duckdb")
    try:
        summary = _stage(backup, staged)
        holder = db.connect(staged, read_only=True)  # keeps the new file locked until the end
        try:
            aside = _swap(staged, target, wait_seconds)
            version.publish(target)  # the dashboards' data key changes with the file
        finally:
            holder.close()
    finally:
        for suffix in ("", ".wal", version.SUFFIX):
            leftover = staged.with_name(staged.name + suffix)
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    migrated = found.version if found.version < schema.SCHEMA_VERSION else None
    return Restored(summary, aside, migrated)


def _stage(backup: Path, staged: Path) -> Summary:
    """Copy every row of ``backup`` into the new file ``staged``, then bring it up to date."""
    con = db.connect(staged)
    try:
        alias = f"hdras_restore_{uuid.uuid4().hex}"
        into = con.execute("SELECT current_database()").fetchall()[0][0]
        quoted = "'" + str(backup).replace("'", "''") + "'"
        try:
            con.execute(f"ATTACH {quoted} AS {alias} (READ_ONLY)")
            try:
                con.execute(f'COPY FROM DATABASE {alias} TO "{into}"')
            finally:
                con.execute(f"DETACH {alias}")
        except duckdb.Error as exc:
            raise _unreadable(backup, exc) from exc
        db.ensure_schema(con, copy_before_migration=False)  # the backup itself is that copy
        # A new data version (a random token, hdras.core.version): no cache keyed on an earlier
        # one shows the data that was there before the restore.
        con.execute("INSERT OR REPLACE INTO hdras_meta VALUES ('progress_version', ?), "
                    "('restored_at', ?)", [version.new_token(), f"{config.now():%Y-%m-%d %H:%M:%S}"])
        summary = summarize(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return summary


def _swap(staged: Path, target: Path, wait_seconds: float) -> Path | None:
    """Copy the live database aside and rename ``staged`` over it, holding its lock."""
    if not target.exists():
        os.replace(staged, target)
        return None
    try:
        live = db.connect(target, wait_seconds=wait_seconds)
    except DatabaseFileError:  # the live file is itself unreadable: keep its bytes
        aside = _keep_bytes(target)
        os.replace(staged, target)
        return aside
    try:
        try:
            live.execute("CHECKPOINT")  # what the WAL held is now in the file
            aside = backups.automatic_copy(live, target, "restore")
        except (duckdb.Error, BackupError):  # damaged content: its bytes, WAL included, under
            aside = _keep_bytes(target)      # the lock that keeps every other writer out
        os.replace(staged, target)
    finally:
        with contextlib.suppress(duckdb.Error):
            live.close()
    return aside


def _keep_bytes(target: Path) -> Path:
    """Copy the database file as it is into its folder of copies; move its WAL beside the copy
    (a WAL must never be replayed onto the restored file). Raises BackupError."""
    folder = backups.backup_dir(target)
    aside = folder / f"{config.now():%Y-%m-%d_%H%M%S}-{backups.LABELS['restore']}-tal-cual.duckdb"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, aside)
        wal = target.with_name(target.name + ".wal")
        if wal.exists():
            os.replace(wal, aside.with_name(aside.name + ".wal"))
    except OSError as exc:
        raise BackupError(msg("backup.write_error", path=aside, detail=exc.strerror or exc)) \
            from exc
    return aside
