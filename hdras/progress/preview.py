"""What an accepted workbook would change (before anything is stored), and storing it as one batch.

A preview compares each row of the file with the current value of its key (newest active batch):
``new`` (no current value), ``changed`` or ``unchanged``. The whole file is stored as the batch
(unchanged rows included), so a batch is a faithful record of the file that was imported. Rows
the file leaves empty are not in it, so an upload never touches another unit's rows.

A template made by the dashboard records the newest batch at the time (``lote_base``). A row that
would change a value reported after that (another unit's newer report, or one's own earlier
upload) is warned about, with the cell, the batch, who imported it and when: the workbook may
simply carry an older value the person did not mean to change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from hdras.core import backups, db
from hdras.progress import store as progress
from hdras.core.errors import InvalidImportError, StalePreviewError
from hdras.core.formatting import format_moment, format_number
from hdras.progress.problems import Problem, ProblemCode
from hdras.progress.reading import ImportResult
from hdras.progress.sheets import ACTIVITIES_SHEET, GOALS_SHEET
from hdras.core.messages import msg

CHANGE_KINDS = ("new", "changed", "unchanged")
_GOAL_FIELDS = ("value", "source")
_ACTIVITY_FIELDS = ("status", "achieved", "evidence", "comment")


@dataclass
class Preview:
    """Per row of the file: the current and the new values and the kind of change."""

    goals: pd.DataFrame
    activities: pd.DataFrame
    data_version: str
    same_file_batches: list[dict] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # rows that replace newer reports

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        return {"goals": _count(self.goals), "activities": _count(self.activities)}

    @property
    def has_changes(self) -> bool:
        return any(c["new"] or c["changed"] for c in self.counts.values())

    def notes(self) -> list[str]:
        """Spanish notes for the user (a file already imported before)."""
        return [msg("import.already_imported", batch_id=b["batch_id"],
                    date=format_moment(b["imported_at"])) for b in self.same_file_batches]


def build_preview(con: duckdb.DuckDBPyConnection, result: ImportResult) -> Preview:
    """Compare the rows of an accepted ``result`` with the current data of ``con``."""
    current_goals = progress.current_goal_actuals(con)
    current_activities = progress.current_activity_progress(con)
    same = con.execute("SELECT batch_id, imported_at FROM import_batches WHERE sha256 = ? AND "
                       "status = 'active' ORDER BY batch_id", [result.sha256]).fetchall()
    preview = Preview(
        goals=_compare(result.goals, current_goals, "goal_code", _GOAL_FIELDS),
        activities=_compare(result.activities, current_activities, "activity_code",
                            _ACTIVITY_FIELDS),
        data_version=db.data_version(con),
        same_file_batches=[{"batch_id": b, "imported_at": t} for b, t in same])
    preview.warnings = _newer_reports(con, result, preview)
    return preview


def _compare(new: pd.DataFrame, current: pd.DataFrame, key: str,
             fields: tuple[str, ...]) -> pd.DataFrame:
    base = current[[key, "year", *fields, "batch_id"]].rename(
        columns={f: f"current_{f}" for f in (*fields, "batch_id")})
    merged = new.merge(base, on=[key, "year"], how="left", indicator=True)
    changed = pd.Series(False, index=merged.index)
    for name in fields:
        changed = changed | _differs(merged[name], merged[f"current_{name}"])
    merged["change"] = "unchanged"
    merged.loc[changed, "change"] = "changed"
    merged.loc[merged["_merge"] == "left_only", "change"] = "new"
    return merged.drop(columns="_merge").sort_values("excel_row").reset_index(drop=True)


def _differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """Row by row: do two columns hold different values? Empty text, None and NaN are equal."""
    a_empty, b_empty = a.map(_empty).astype(bool), b.map(_empty).astype(bool)
    x, y = pd.to_numeric(a, errors="coerce"), pd.to_numeric(b, errors="coerce")
    numeric = x.notna() & y.notna()
    same_number = numeric & np.isclose(x.fillna(0), y.fillna(0), rtol=1e-12, atol=1e-12)
    same_text = ~numeric & (a.astype(str) == b.astype(str))
    same = (a_empty & b_empty) | (~a_empty & ~b_empty & (same_number | same_text))
    return ~same


def _empty(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _newer_reports(con: duckdb.DuckDBPyConnection, result: ImportResult,
                   preview: Preview) -> list[Problem]:
    """Changed rows whose current value came from a batch newer than the file's template."""
    if result.template_base is None:
        return []
    batches = {b: (by, at) for b, by, at in con.execute(
        "SELECT batch_id, imported_by, imported_at FROM import_batches WHERE batch_id > ?",
        [result.template_base]).fetchall()}
    problems = []
    for spec, frame, key, field_name, current, new in (
            (GOALS_SHEET, preview.goals, "goal_code", "valor", "current_value", "value"),
            (ACTIVITIES_SHEET, preview.activities, "activity_code", "estado", "current_status",
             "status")):
        sheet, columns = result.layout.get(spec.name, (spec.name, {}))
        column = columns.get(field_name)
        newer = frame[frame["change"].eq("changed") & frame["current_batch_id"].isin(batches)]
        for row in newer.to_dict("records"):
            by, at = batches[int(row["current_batch_id"])]
            problems.append(Problem(
                ProblemCode.NEWER_REPORT, sheet=sheet, row=row["excel_row"], column=column,
                field=field_name, params={
                    "cell": f"{sheet}!{column or 'A'}{row['excel_row']}", "key": row[key],
                    "year": row["year"], "batch_id": int(row["current_batch_id"]), "by": by,
                    "date": format_moment(at), "current": _value_text(row[current]),
                    "new": _value_text(row[new])}))
    return problems


def _value_text(value: object) -> str:
    if _empty(value):
        return "—"
    return format_number(float(value)) if isinstance(value, (int, float)) else f"«{value}»"


def _count(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["change"].value_counts() if "change" in frame else pd.Series(dtype=int)
    return {kind: int(counts.get(kind, 0)) for kind in CHANGE_KINDS}


def commit_import(con: duckdb.DuckDBPyConnection, result: ImportResult, imported_by: str,
                  expected_version: str | None = None) -> int:
    """Store an accepted workbook as one new batch (one transaction) and return its id.

    ``expected_version`` is the ``data_version`` the user's preview was built on; if the data
    changed since, ``StalePreviewError`` is raised and nothing is stored. The database is copied
    first (hdras.core.backups), so the import is one ``hdras restore`` away from undone; if the
    copy fails, nothing is stored.
    """
    if not result.ok:
        raise InvalidImportError(msg("import.not_valid"))
    if expected_version is not None and db.data_version(con) != expected_version:
        raise StalePreviewError(msg("import.stale_preview"))
    backups.automatic_copy(con, db.database_file(con), "import", result.filename)
    goals = result.goals.drop(columns="excel_row")
    activities = result.activities.drop(columns="excel_row")
    return progress.record_batch(con, goals, activities, filename=result.filename,
                                 sha256=result.sha256, imported_by=imported_by)


# --- Display (Spanish headers; values stay values, text stays text) ---------------------------

def change_label(kind: str) -> str:
    """'new' → '+ nuevo': a symbol with the word, so the kind is never told by colour alone.
    Text symbols, not emoji (some office machines have no emoji font), and not the full-width
    ＋ and ＝ either: the grid's fonts lack them and drew empty boxes."""
    icons = {"new": "+", "changed": "✎", "unchanged": "="}
    return f"{icons[kind]} {msg(f'import.change.{kind}')}"


def counts_text(counts: dict[str, int]) -> str:
    return msg("import.changes", **counts)


def goals_display(preview: Preview) -> pd.DataFrame:
    """The goals preview for people: Spanish headers, '—' where there is no value."""
    frame = preview.goals
    return pd.DataFrame({
        "Fila": frame["excel_row"], "Serie": frame["goal_code"], "Año": frame["year"],
        "Valor actual": _numbers(frame["current_value"]), "Valor nuevo": _numbers(frame["value"]),
        "Fuente actual": _texts(frame["current_source"]), "Fuente nueva": _texts(frame["source"]),
        "Cambio": frame["change"].map(change_label)})


def activities_display(preview: Preview) -> pd.DataFrame:
    """The activities preview for people: Spanish headers, '—' where there is no value."""
    frame = preview.activities
    return pd.DataFrame({
        "Fila": frame["excel_row"], "Código": frame["activity_code"], "Año": frame["year"],
        "Estado actual": _texts(frame["current_status"]), "Estado nuevo": _texts(frame["status"]),
        "Avance actual": _numbers(frame["current_achieved"]),
        "Avance nuevo": _numbers(frame["achieved"]), "Evidencia": _texts(frame["evidence"]),
        "Comentario": _texts(frame["comment"]), "Cambio": frame["change"].map(change_label)})


def _numbers(values: pd.Series) -> pd.Series:
    return values.map(lambda v: format_number(None if _empty(v) else float(v))).astype(object)


def _texts(values: pd.Series) -> pd.Series:
    return values.map(lambda v: "—" if _empty(v) else str(v)).astype(object)


def history_display(batches: pd.DataFrame) -> pd.DataFrame:
    """``progress.list_batches`` for people: Spanish headers, status with an icon, text cells."""
    status = batches["status"].map({"active": "✔ " + msg("batch.active"),
                                    "rolled_back": "↩ " + msg("batch.rolled_back_label")})
    return pd.DataFrame({
        "Lote": batches["batch_id"], "Importado el": _when(batches["imported_at"]),
        "Archivo": batches["filename"], "Importado por": batches["imported_by"],
        "Filas metas": batches["rows_goals"], "Filas actividades": batches["rows_activities"],
        "Estado": status, "Revertido el": _when(batches["rolled_back_at"]),
        "Revertido por": batches["rolled_back_by"].fillna("—"),
        "Ficticio": batches["is_demo"].fillna(False).map({True: "⚠ sí", False: "no"}),
        "sha256": batches["sha256"].str.slice(0, 12)})


def _when(values: pd.Series) -> pd.Series:
    return values.map(format_moment)


def batches_json(batches: pd.DataFrame) -> list[dict]:
    """``history --json``: one object per batch, timestamps in ISO 8601, nulls as null."""
    records = []
    for row in batches.to_dict("records"):
        records.append({k: (None if _empty(v) or v is pd.NaT else
                            v.isoformat() if hasattr(v, "isoformat") else
                            v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return records


def batch_rows(con: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The goal values and activity reports stored in one batch (Spanish headers)."""
    goals = con.execute("SELECT goal_code, year, value, source FROM goal_actuals "
                        "WHERE batch_id = ? ORDER BY goal_code, year", [batch_id]).df()
    activities = con.execute("SELECT activity_code, year, status, achieved, evidence, comment "
                             "FROM activity_progress WHERE batch_id = ? ORDER BY activity_code, "
                             "year", [batch_id]).df()
    goals = goals.assign(value=_numbers(goals["value"]), source=_texts(goals["source"]))
    activities = activities.assign(achieved=_numbers(activities["achieved"]),
                                   **{c: _texts(activities[c]) for c in ("evidence", "comment")})
    goals.columns = ["Serie", "Año", "Valor", "Fuente"]
    activities.columns = ["Código", "Año", "Estado", "Avance", "Evidencia", "Comentario"]
    return goals, activities


def import_report(result: ImportResult, preview: Preview | None, batch_id: int | None, *,
                  dry_run: bool, imported_by: str, seconds: float) -> dict:
    """The ``import --json`` document (design §3).

    ``summary`` holds: file, sha256 (null when the file was too large to read), bytes, sheets
    (read), rows {goals, activities} (rows that report something), changes {goals, activities:
    {new, changed, unchanged}} against the current data (null when rejected), already_imported_as
    (active batches with the same sha256), dry_run, stored, imported_by (null when nothing was
    stored) and seconds.
    """
    warnings = result.warnings + (preview.warnings if preview else [])
    return {
        "ok": result.ok, "batch_id": batch_id,
        "errors": [p.as_dict() for p in result.errors],
        "warnings": [p.as_dict() for p in warnings],
        "summary": {
            "file": result.filename, "sha256": result.sha256 or None, "bytes": result.size,
            "sheets": result.sheets, "rows": result.rows,
            "changes": preview.counts if preview else None,
            "already_imported_as": [b["batch_id"] for b in preview.same_file_batches]
            if preview else [],
            "dry_run": dry_run, "stored": batch_id is not None,
            "imported_by": imported_by if batch_id is not None else None,
            "seconds": round(seconds, 3)},
    }


def busy_report(filename: str, message: str) -> dict:
    """``import --json`` when another process holds the database (nothing was read or stored)."""
    error = {"sheet": None, "row": None, "column": None, "code": "db_busy", "message": message,
             "field": None, "severity": "error"}
    return {"ok": False, "batch_id": None, "errors": [error], "warnings": [],
            "summary": {"file": filename, "stored": False}}
