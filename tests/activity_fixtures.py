"""Fixture activity progress for the schedule tests, and a pandas oracle of the counting rules.

Until the Excel import stores real reports, tests put reports in with hdras.progress.store.record_batch.
The oracle reads the fixture plan's CSV files directly and counts with a few lines of pandas,
without hdras's SQL or its views, so the two implementations check each other.

Fixture plan schedule (tests/fixtures/mini_plan/activity_schedule.csv):
  1.1.1.1 2025-I                 1.1.1.2 2025-I, 2025-II, 2026, 2027    1.2.1.1 2025-II
  4.1.1.1 2026, 2027, 2028       4.1.1.2 2027                           4.1.2.1 2029, 2030
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hdras.core import db
from hdras.progress import store as progress

MINI_PLAN = Path(__file__).resolve().parent / "fixtures" / "mini_plan"
CATEGORY = {"Completada": "completed", "En proceso": "in_progress", "Reprogramada": "rescheduled",
            "No iniciada": "not_started"}
KEYS = ("planned", "completed", "in_progress", "rescheduled", "not_started")

# Each case: batches in import order, as (stays active?, [(code, year, estado, avance), …]).
CASES: dict[str, list[tuple[bool, list[tuple]]]] = {
    "sin_reportes": [],
    "un_lote": [(True, [
        ("1.1.1.1", 2025, "Completada", 1), ("1.1.1.2", 2025, "En proceso", 2),
        ("1.2.1.1", 2025, "Reprogramada", None), ("4.1.1.1", 2026, "Completada", 2),
        ("4.1.1.1", 2027, "No iniciada", None), ("4.1.1.2", 2027, "En proceso", None),
        ("4.1.2.1", 2029, "En proceso", None)])],
    # every report is for a year its activity is NOT scheduled in: nothing may count
    "solo_años_no_programados": [(True, [
        ("1.1.1.1", 2026, "Completada", 1), ("1.1.1.1", 2027, "Completada", None),
        ("4.1.2.1", 2025, "Completada", None), ("1.2.1.1", 2026, "En proceso", None)])],
    "lote_nuevo_reemplaza": [
        (True, [("1.1.1.2", 2025, "En proceso", 1), ("1.1.1.2", 2026, "Reprogramada", None),
                ("4.1.1.1", 2026, "En proceso", 1)]),
        (True, [("1.1.1.2", 2025, "Completada", 4), ("4.1.1.1", 2026, "Completada", 2)])],
    "lote_revertido": [
        (True, [("1.1.1.2", 2025, "En proceso", 1)]),
        (False, [("1.1.1.2", 2025, "Completada", 4), ("1.2.1.1", 2025, "Completada", 1)])],
    "todo_completado": [(True, [
        ("1.1.1.1", 2025, "Completada", 1), ("1.1.1.2", 2025, "Completada", 4),
        ("1.1.1.2", 2026, "Completada", None), ("1.1.1.2", 2027, "Completada", None),
        ("1.2.1.1", 2025, "Completada", 1), ("4.1.1.1", 2026, "Completada", 2),
        ("4.1.1.1", 2027, "Completada", 2), ("4.1.1.1", 2028, "Completada", 2),
        ("4.1.1.2", 2027, "Completada", None), ("4.1.2.1", 2029, "Completada", None),
        ("4.1.2.1", 2030, "Completada", None)])],
}


def batch_frame(records: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=["activity_code", "year", "status", "achieved"]).assign(
        comment=lambda f: f["status"].map({"Reprogramada": "Sin presupuesto"}))


def store_case(con, case: str) -> list[int]:
    """Record the batches of ``case`` on an open connection (rolling back those marked so)."""
    ids = []
    for active, records in CASES[case]:
        batch_id = progress.record_batch(con, None, batch_frame(records), filename=f"{case}.xlsx",
                                         sha256="0" * 64, imported_by="pytest")
        if not active:
            progress.rollback_batch(con, batch_id, by="pytest")
        ids.append(batch_id)
    return ids


def store_case_in_file(path, case: str) -> list[int]:
    """Create the database file at ``path`` (plan from $HDRAS_DATA_DIR) and record ``case``."""
    with db.session(path) as con:
        return store_case(con, case)


# --- The oracle ---------------------------------------------------------------------------------

def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(MINI_PLAN / name, dtype=str, keep_default_na=False)


def oracle_rows(case: str) -> pd.DataFrame:
    """Planned (activity, year) rows with the current category, computed straight from the CSVs."""
    schedule = _csv("activity_schedule.csv")
    planned = schedule.assign(year=schedule["period"].str[:4].astype(int))[
        ["activity_code", "year"]].drop_duplicates()
    reports = [batch_frame(records).assign(batch=i) for i, (active, records)
               in enumerate(CASES[case]) if active]
    current = (pd.concat(reports).sort_values("batch").drop_duplicates(
        ["activity_code", "year"], keep="last") if reports
        else pd.DataFrame(columns=["activity_code", "year", "status"]))
    rows = planned.merge(current[["activity_code", "year", "status"]], how="left",
                         on=["activity_code", "year"])
    rows["category"] = rows["status"].map(CATEGORY).fillna("not_started")
    activities = _csv("activities.csv").rename(columns={"code": "activity_code"})
    actions = _csv("actions.csv").rename(columns={"code": "action_code"})
    lines = _csv("action_lines.csv").rename(columns={"code": "line_code"})
    hierarchy = activities[["activity_code", "action_code", "responsible"]].merge(
        actions[["action_code", "line_code"]]).merge(lines[["line_code", "objective_code"]])
    return rows.merge(hierarchy, on="activity_code")


def oracle_counts(rows: pd.DataFrame) -> dict[str, int]:
    counts = rows["category"].value_counts()
    return {"planned": len(rows)} | {k: int(counts.get(k, 0)) for k in KEYS[1:]}


def oracle_summary(case: str, year: int) -> dict:
    rows = oracle_rows(case)
    rows = rows[rows["year"] == year]
    objectives = sorted(_csv("objectives.csv")["code"])
    return oracle_counts(rows) | {"by_objective": [
        {"objective_code": o} | oracle_counts(rows[rows["objective_code"] == o])
        for o in objectives]}


def oracle_by(case: str, year: int, column: str) -> dict[str, dict[str, int]]:
    """Counts per value of ``column`` ('line_code' or 'unit') for ``year``."""
    rows = oracle_rows(case)
    rows = rows[rows["year"] == year]
    if column == "unit":
        rows = rows.assign(unit=rows["responsible"].str.split(",")).explode("unit")
        rows["unit"] = rows["unit"].str.strip()
    return {value: oracle_counts(group) for value, group in rows.groupby(column)}


def oracle_overdue(case: str, reference_year: int) -> set[tuple[str, int]]:
    rows = oracle_rows(case)
    late = rows[(rows["year"] < reference_year) & (rows["category"] != "completed")]
    return set(zip(late["activity_code"], late["year"]))


def spread_progress(rows: pd.DataFrame, years: tuple[int, ...] = (2025, 2026)) -> pd.DataFrame:
    """Deterministic reports for the planned rows of ``years`` (any plan): every estado and some
    rows left unreported, cycling through the rows in plan order. ``rows`` from planned_rows."""
    cycle = ["Completada", "En proceso", "Completada", "Reprogramada", "No iniciada", None]
    own = rows[rows["year"].isin(years)].reset_index(drop=True)
    status = [cycle[(i + year) % len(cycle)] for i, year in enumerate(own["year"])]
    frame = own[["activity_code", "year"]].assign(status=status, achieved=None,
                                                  comment=None).dropna(subset=["status"])
    return frame.reset_index(drop=True)
