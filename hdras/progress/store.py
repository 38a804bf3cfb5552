"""Progress data: storing a batch (all or nothing), listing, rolling back, and reading current values.

The importer validates a workbook and hands the clean frames to ``record_batch``; tests use it
directly to put fixture actuals in. Nothing here ever deletes a progress row.
"""

from __future__ import annotations

import datetime as dt
import time

import duckdb
import pandas as pd

from hdras.admin import audit
from hdras.core import backups, config, db
from hdras.core.errors import BatchNotFoundError
from hdras.core.messages import msg

GOAL_COLUMNS = ["goal_code", "year", "value", "source"]
ACTIVITY_COLUMNS = ["activity_code", "year", "status", "achieved", "evidence", "comment"]


def record_batch(con: duckdb.DuckDBPyConnection, goals: pd.DataFrame | None,
                 activities: pd.DataFrame | None, *, filename: str, sha256: str,
                 imported_by: str, is_demo: bool = False,
                 imported_at: dt.datetime | None = None) -> int:
    """Store one batch in a single transaction and return its id.

    ``goals`` has GOAL_COLUMNS, ``activities`` ACTIVITY_COLUMNS (either may be None or empty).
    On any error the transaction is rolled back and nothing is stored. Two writers at the same
    time (two sessions of the dashboard) may pick the same new batch id; the loser's commit fails
    as a conflict and is retried with the next id.
    """
    goals = _frame(goals, GOAL_COLUMNS)
    activities = _frame(activities, ACTIVITY_COLUMNS)
    fields = [filename, sha256, imported_by, len(goals), len(activities), is_demo]
    when = imported_at or config.now()
    batch_id = None
    for attempt in range(_WRITE_ATTEMPTS - 1):
        try:
            batch_id = _write_batch(con, goals, activities, fields, when)
            break
        except (duckdb.TransactionException, duckdb.ConstraintException):
            time.sleep(0.05 * (attempt + 1))
    if batch_id is None:  # the last try raises its conflict
        batch_id = _write_batch(con, goals, activities, fields, when)
    audit.imported(batch_id, imported_by, filename, sha256, len(goals), len(activities), is_demo)
    return batch_id


_WRITE_ATTEMPTS = 5


def _write_batch(con: duckdb.DuckDBPyConnection, goals: pd.DataFrame, activities: pd.DataFrame,
                 fields: list, imported_at: dt.datetime) -> int:
    with db.transaction(con):
        batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches"
                               ).fetchall()[0][0]
        con.execute(
            "INSERT INTO import_batches (batch_id, imported_at, filename, sha256, imported_by, "
            "rows_goals, rows_activities, is_demo, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "'active')", [batch_id, imported_at, *fields])
        _insert(con, "goal_actuals", goals.assign(batch_id=batch_id))
        _insert(con, "activity_progress", activities.assign(batch_id=batch_id))
        db.bump_progress_version(con)
    return int(batch_id)


def _frame(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    if frame is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    missing = [c for c in columns if c not in frame]
    return frame.assign(**{c: None for c in missing})[columns]


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    cols = ", ".join(frame.columns)
    con.register("_batch_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch_rows")
    finally:
        con.unregister("_batch_rows")


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every batch, newest first."""
    return con.execute("SELECT * FROM import_batches ORDER BY batch_id DESC").df()


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: int, by: str) -> bool:
    """Mark a batch rolled back; its values stop counting, nothing is deleted.

    Returns False when it was already rolled back; raises BatchNotFoundError when it does not exist.
    The database is copied first (hdras.core.backups); if the copy fails, nothing changes.
    """
    rows = con.execute("SELECT status FROM import_batches WHERE batch_id = ?", [batch_id]).fetchall()
    if not rows:
        raise BatchNotFoundError(msg("batch.not_found", batch_id=batch_id))
    if rows[0][0] == "rolled_back":
        return False
    backups.automatic_copy(con, db.database_file(con), "rollback", f"lote {batch_id}")
    with db.transaction(con):
        con.execute("UPDATE import_batches SET status = 'rolled_back', rolled_back_at = ?, "
                    "rolled_back_by = ? WHERE batch_id = ?", [config.now(), by, batch_id])
        db.bump_progress_version(con)
    audit.rolled_back(batch_id, by)
    return True


def current_goal_actuals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The newest active value of each (goal_code, year)."""
    return con.execute("SELECT * FROM current_goal_actuals ORDER BY goal_code, year").df()


def current_activity_progress(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The newest active report of each (activity_code, year)."""
    return con.execute("SELECT * FROM current_activity_progress ORDER BY activity_code, year").df()


def has_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    """True when an active batch holds fictitious demo data (the UI labels it 'ficticio')."""
    return bool(con.execute("SELECT count(*) FROM import_batches WHERE status = 'active' "
                            "AND coalesce(is_demo, false)").fetchall()[0][0])
