"""Goal status against the plan (design §5): milestone attainment, trajectory ratio, category, pace.

The trajectory ratio is Statistics Canada's progress measure as integrated in Open SDG, in its
linear variant (yearly change instead of compound growth, because several baselines are 0 or small):

    R = [(A_t − B) / (t − 2024)] / [(T_2030 − B) / (2030 − 2024)]

Series of kind 'increment' (Meta 4.1 and 4.2: new utilities *per year*) are judged on their running
total since 2024 (baseline 0 new) against the running total of their yearly targets: a single year's
increment says nothing about the 2030 total (4.2 plans 7 new in 2030 alone). The plan's own numbers
(baseline, T_Y, A_Y) are still what ``status_report`` prints for them.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from hdras.activities.schedule import activity_summary
from hdras.core import config
from hdras.core.messages import msg
from hdras.goals.series import GoalSeries, GoalSet, load

EPSILON = 1e-9
ON_TRACK = 0.95
ACCELERATION = 0.60
FAR_YEAR = 2100  # beyond this, a year the target is reached is written "después de 2100"
SOURCE_URL = "https://open-sdg.readthedocs.io/en/latest/progress-methodology/"
# The rules as the page prints them (LaTeX; the words around them are in hdras.core.messages).
FORMULAS = {
    "attainment": r"\text{Logro}_y = \frac{A_y - B}{T_y - B}",
    "ratio": r"R = \frac{(A_t - B)\,/\,(t - 2024)}{(T_{2030} - B)\,/\,(2030 - 2024)}",
    "pace": r"\Delta = \frac{T_{2030} - A_t}{2030 - t}",
    "year_reached": r"\text{año} = t + \left\lceil \frac{T_{2030} - A_t}"
                    r"{(A_t - B)\,/\,(t - 2024)} \right\rceil",
}


@dataclass(frozen=True)
class Category:
    """How one status looks everywhere: a label and an icon always go with the colour."""
    code: str
    icon: str       # a text symbol common fonts have (no emoji font): terminal, tables, CSV
    colour: str     # hex, for charts; ≥ 4.5:1 on white, so it may also colour the label

    @property
    def label(self) -> str:
        return msg(f"status.{self.code}")

    def text(self) -> str:
        """'✔ En camino'."""
        return f"{self.icon} {self.label}"


CATEGORIES: dict[str, Category] = {c.code: c for c in (
    Category("meta_alcanzada", "⚑", "#1565c0"),
    Category("en_camino", "✔", "#2e7d32"),
    Category("requiere_aceleracion", "➚", "#8a6d00"),
    Category("progreso_limitado", "⚠", "#bf4800"),
    Category("retroceso", "▼", "#c62828"),
    Category("sin_datos", "○", "#6b7280"),
)}


# --- The rules, on plain values ---------------------------------------------------------------

def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def reached(actual: float, target: float, direction: str = "up") -> bool:
    """Is ``actual`` at or past ``target`` in the goal's direction?"""
    if direction == "down":
        return actual <= target + EPSILON
    return actual >= target - EPSILON


def milestone_attainment(baseline: float | None, target: float | None,
                         actual: float | None) -> float | None:
    """(A_y − B) / (T_y − B); None when a value is missing or the target equals the baseline."""
    if _missing(baseline) or _missing(target) or _missing(actual):
        return None
    if abs(target - baseline) < EPSILON:
        return None
    return (actual - baseline) / (target - baseline)


def observed_pace(baseline: float, actual: float, year: int,
                  base_year: int = config.BASELINE_YEAR) -> float | None:
    """Observed change per year since the baseline: (A_t − B) / (t − 2024)."""
    if _missing(baseline) or _missing(actual) or year <= base_year:
        return None
    return (actual - baseline) / (year - base_year)


def trajectory_ratio(baseline: float | None, actual: float | None, year: int,
                     target_final: float | None, base_year: int = config.BASELINE_YEAR,
                     final_year: int = config.FINAL_YEAR) -> float | None:
    """R = observed pace / pace the plan needs from the baseline; None when it is undefined."""
    observed = observed_pace(baseline, actual, year, base_year)
    if observed is None or _missing(target_final):
        return None
    needed = (target_final - baseline) / (final_year - base_year)
    if abs(needed) < EPSILON:
        return None
    return observed / needed


def classify(ratio: float | None, actual: float | None, target_final: float | None,
             direction: str = "up", baseline: float | None = None) -> str:
    """The category code of design §5 from R and the latest actual A_t."""
    if _missing(actual):
        return "sin_datos"
    if not _missing(target_final) and reached(actual, target_final, direction):
        return "meta_alcanzada"
    if ratio is None:
        # The plan asks for no change (T_2030 = B) and A_t is short of it, or B is unknown.
        if _missing(baseline):
            return "sin_datos"
        return "retroceso"
    if ratio >= ON_TRACK - EPSILON:
        return "en_camino"
    if ratio >= ACCELERATION - EPSILON:
        return "requiere_aceleracion"
    if ratio >= -EPSILON:
        return "progreso_limitado"
    return "retroceso"


def pace_required(actual: float | None, year: int | None, target_final: float | None,
                  final_year: int = config.FINAL_YEAR) -> float | None:
    """Δ = (T_2030 − A_t) / (2030 − t) per year; None when t is 2030 or a value is missing."""
    if _missing(actual) or _missing(target_final) or year is None or year >= final_year:
        return None
    return (target_final - actual) / (final_year - year)


def year_reached(baseline: float | None, actual: float | None, year: int | None,
                 target_final: float | None, direction: str = "up",
                 base_year: int = config.BASELINE_YEAR) -> int | None:
    """First whole year the 2030 target is met if the observed pace continues.

    t + (T_2030 − A_t) / observed pace, rounded up; t itself when already met; None when the
    observed pace does not move toward the target (no progress, or a move away from it).
    """
    if _missing(actual) or _missing(target_final) or year is None:
        return None
    if reached(actual, target_final, direction):
        return year
    observed = observed_pace(baseline, actual, year, base_year)
    if observed is None or abs(observed) < EPSILON:
        return None
    years = (target_final - actual) / observed
    if years <= 0:
        return None
    return year + math.ceil(years - EPSILON)


# --- One series -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SeriesStatus:
    """The status of one goal series for a chosen year Y (t = latest year ≤ Y with an actual)."""
    code: str
    year: int
    baseline: float | None        # B as the plan prints it (None for "nd")
    target: float | None          # T_Y as printed
    actual: float | None          # A_Y as reported (None when Y has no actual)
    target_final: float | None    # T_2030 as printed
    latest_year: int | None       # t
    latest_actual: float | None   # A_t as reported
    attainment: float | None
    ratio: float | None
    status: str
    pace_required: float | None   # per year, in the basis below
    year_reached: int | None
    basis: str                    # 'level' or 'cumulative' (increments: running totals since 2024)
    basis_baseline: float | None  # B, T_Y, A_t and T_2030 on the basis the rules used
    basis_target: float | None
    basis_latest: float | None
    basis_final: float | None

    @property
    def category(self) -> Category:
        return CATEGORIES[self.status]


def evaluate_series(series: GoalSeries, year: int) -> SeriesStatus:
    """Apply design §5 to one series for the year ``year`` (t = the latest year ≤ ``year`` with a
    reported value). Increment series (kind 'increment') are judged on running totals."""
    actuals = {y: v for y, v in series.actuals.items() if y <= year}
    latest = series.latest(year)
    if series.kind == "increment":
        b_targets, b_actuals = series.running_targets(), series.running_actuals(year)
    else:
        b_targets, b_actuals = dict(series.targets), actuals
    base = b_targets.get(config.BASELINE_YEAR)
    final = b_targets.get(config.FINAL_YEAR)
    a_latest = b_actuals.get(latest) if latest is not None else None
    ratio = trajectory_ratio(base, a_latest, latest, final) if latest is not None else None
    return SeriesStatus(
        code=series.code, year=year, baseline=series.baseline,
        target=series.targets.get(year), actual=actuals.get(year),
        target_final=series.target_2030, latest_year=latest,
        latest_actual=actuals.get(latest) if latest is not None else None,
        attainment=milestone_attainment(base, b_targets.get(year), b_actuals.get(year)),
        ratio=ratio,
        status=classify(ratio, a_latest, final, series.direction, base),
        pace_required=pace_required(a_latest, latest, final),
        year_reached=year_reached(base, a_latest, latest, final, series.direction),
        basis="cumulative" if series.kind == "increment" else "level",
        basis_baseline=base, basis_target=b_targets.get(year), basis_latest=a_latest,
        basis_final=final)


# --- All series -------------------------------------------------------------------------------

def status_table(goals: GoalSet, year: int) -> pd.DataFrame:
    """One row per goal series (plan order) with every field of ``SeriesStatus`` and the goal's
    short_title, unit, kind, parent_code and direction."""
    rows = []
    for series in goals.values():
        rows.append({**asdict(evaluate_series(series, year)), "short_title": series.short_title,
                     "unit": series.unit, "kind": series.kind, "parent_code": series.parent_code,
                     "direction": series.direction})
    return pd.DataFrame(rows)


def status_table_for(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """``status_table`` on the plan and the current actuals of a database."""
    return status_table(load(con), year)


def status_report(con: duckdb.DuckDBPyConnection, year: int) -> dict:
    """The ``status --json`` document of design §3 for ``year``."""
    table = status_table_for(con, year)
    return {
        "year": year,
        "goals": [{"code": r.code, "baseline": _clean(r.baseline), "target": _clean(r.target),
                   "actual": _clean(r.actual), "attainment": _clean(r.attainment, 6),
                   "ratio": _clean(r.ratio, 6), "status": r.status}
                  for r in table.itertuples()],
        "activities": activity_summary(con, year),
    }


def _clean(value, digits: int | None = None):
    if _missing(value):
        return None
    value = float(value)
    return round(value, digits) if digits is not None else value
