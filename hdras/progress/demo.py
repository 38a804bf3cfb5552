"""Clearly fictitious progress for demonstrations (``python -m hdras demo``).

Generated deterministically from the plan: 2025 goal actuals near or below their targets, and a
status for every activity planned in 2025. The batch is flagged ``is_demo`` and every page then says
"ficticio"; rolling the batch back removes it from every view.
"""

from __future__ import annotations

import hashlib

import duckdb
import pandas as pd

from hdras.core import config
from hdras.progress import store as progress

DEMO_USER = "demo (datos ficticios)"
DEMO_FILENAME = "datos-ficticios-demo.xlsx"
DEMO_SOURCE = "Dato ficticio de demostración (python -m hdras demo)"
DEMO_YEAR = 2025
# Share of the 2025 step (target − baseline) each series "achieves": near or below target.
_SHARES = (0.9, 0.75, 1.0, 0.55, 0.85, 0.65)
# Activity statuses by a stable hash of the code: about 40 % done, 35 % under way.
_STATUS_WHEEL = (("Completada",) * 8 + ("En proceso",) * 7 + ("No iniciada",) * 3
                 + ("Reprogramada",) * 2)


def demo_goal_actuals(con: duckdb.DuckDBPyConnection, year: int = DEMO_YEAR) -> pd.DataFrame:
    """Fictitious actuals for ``year``: baseline + a fixed share of the step to the year's target.

    Series in EPS stay whole numbers; the Meta 2 flow follows the Meta 2 share, and Meta 4 is
    baseline + 4.1 + 4.2 (the plan's cumulative rule), so the demo never contradicts itself.
    """
    rows = con.execute("""
        SELECT g.code, g.unit, g.kind, b.value AS baseline, t.value AS target
        FROM goals g
        LEFT JOIN goal_targets b ON b.goal_code = g.code AND b.year = ?
        LEFT JOIN goal_targets t ON t.goal_code = g.code AND t.year = ?
        ORDER BY g.sort_order""", [config.BASELINE_YEAR, year]).fetchall()
    values: dict[str, float] = {}
    for i, (code, unit, kind, baseline, target) in enumerate(rows):
        if target is None:
            continue
        start = 0.0 if kind == "increment" or baseline is None else baseline
        value = start + _SHARES[i % len(_SHARES)] * (target - start)
        values[code] = float(round(value)) if unit == "EPS" else round(value, 2)
    baselines = {r[0]: r[3] for r in rows}
    if {"M2", "M2-caudal"} <= values.keys() and baselines.get("M2"):
        # the flow follows the share through the total the plan implies (3.17 m³/s is 4.0 %)
        total = (baselines["M2-caudal"] or 0.0) / baselines["M2"]
        values["M2-caudal"] = round(values["M2"] * total, 2)
    if {"M4", "M4.1", "M4.2"} <= values.keys():
        values["M4"] = (baselines["M4"] or 0.0) + values["M4.1"] + values["M4.2"]
    return pd.DataFrame({"goal_code": list(values), "year": year, "value": list(values.values()),
                         "source": DEMO_SOURCE})


def demo_activity_progress(con: duckdb.DuckDBPyConnection, year: int = DEMO_YEAR) -> pd.DataFrame:
    """A fictitious status for each activity planned in ``year``; achieved follows the status."""
    planned = con.execute("""
        SELECT s.activity_code, t.target
        FROM activity_years s
        LEFT JOIN activity_targets t ON t.activity_code = s.activity_code AND t.year = s.year
        WHERE s.year = ? ORDER BY s.activity_code""",
                          [year]).fetchall()
    rows = []
    for code, target in planned:
        status = _STATUS_WHEEL[int(hashlib.sha256(code.encode()).hexdigest(), 16)
                               % len(_STATUS_WHEEL)]
        achieved = None
        if target is not None:
            achieved = {"Completada": target, "En proceso": float(target // 2)}.get(status, 0.0)
        rows.append({"activity_code": code, "year": year, "status": status,
                     "achieved": achieved, "evidence": None,
                     "comment": "Dato ficticio de demostración"})
    return pd.DataFrame(rows, columns=progress.ACTIVITY_COLUMNS)


def store_demo_batch(con: duckdb.DuckDBPyConnection) -> tuple[int, bool]:
    """Store the demo batch unless one is active; returns (batch id, whether it was created)."""
    active = demo_batch_ids(con)
    if active:
        return active[0], False
    goals, activities = demo_goal_actuals(con), demo_activity_progress(con)
    digest = hashlib.sha256(goals.to_csv().encode() + activities.to_csv().encode()).hexdigest()
    batch_id = progress.record_batch(con, goals, activities, filename=DEMO_FILENAME, sha256=digest,
                                     imported_by=DEMO_USER, is_demo=True)
    return batch_id, True


def demo_batch_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Active batches holding fictitious data (for the banner)."""
    return [int(r[0]) for r in con.execute(
        "SELECT batch_id FROM import_batches WHERE status = 'active' AND coalesce(is_demo, false) "
        "ORDER BY batch_id").fetchall()]
