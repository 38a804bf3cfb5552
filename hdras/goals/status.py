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

from hdras.core import config
from hdras.goals import series as goals
from hdras.core.messages import msg
from hdras.core.formatting import format_value

EPSILON = 1e-9
ON_TRACK = 0.95
ACCELERATION = 0.60
FAR_YEAR = 2100  # beyond this the display says "después de 2100" instead of a year
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
    material: str   # Streamlit icon
    colour: str     # hex, for charts
    badge: str      # Streamlit badge colour name

    @property
    def label(self) -> str:
        return msg(f"status.{self.code}")

    def text(self) -> str:
        """'✔ En camino'."""
        return f"{self.icon} {self.label}"



CATEGORIES: dict[str, Category] = {c.code: c for c in (
    Category("meta_alcanzada", "⚑", ":material/flag:", "#1565c0", "blue"),
    Category("en_camino", "✔", ":material/check_circle:", "#2e7d32", "green"),
    Category("requiere_aceleracion", "➚", ":material/north_east:", "#9a7d0a", "yellow"),
    Category("progreso_limitado", "⚠", ":material/warning:", "#e65100", "orange"),
    Category("retroceso", "▼", ":material/trending_down:", "#c62828", "red"),
    Category("sin_datos", "○", ":material/radio_button_unchecked:", "#6b7280", "gray"),
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


def evaluate_series(code: str, targets: dict[int, float | None], actuals: dict[int, float],
                    year: int, kind: str = "level", direction: str = "up") -> SeriesStatus:
    """Apply design §5 to one series.

    ``targets`` maps 2024 (baseline) … 2030 to the plan's value (None for "nd"); ``actuals`` the
    years that have a reported value. For ``kind`` 'increment' the rules run on running totals.
    """
    targets = {y: (None if _missing(v) else float(v)) for y, v in targets.items()}
    actuals = {y: float(v) for y, v in actuals.items() if not _missing(v) and y <= year}
    latest = max((y for y in actuals if y > config.BASELINE_YEAR), default=None)
    if kind == "increment":
        b_targets, b_actuals = _running_totals(targets, actuals)
    else:
        b_targets, b_actuals = targets, actuals
    base = b_targets.get(config.BASELINE_YEAR)
    final = b_targets.get(config.FINAL_YEAR)
    a_latest = b_actuals.get(latest) if latest is not None else None
    ratio = trajectory_ratio(base, a_latest, latest, final) if latest is not None else None
    return SeriesStatus(
        code=code, year=year, baseline=targets.get(config.BASELINE_YEAR),
        target=targets.get(year), actual=actuals.get(year),
        target_final=targets.get(config.FINAL_YEAR), latest_year=latest,
        latest_actual=actuals.get(latest) if latest is not None else None,
        attainment=milestone_attainment(base, b_targets.get(year), b_actuals.get(year)),
        ratio=ratio,
        status=classify(ratio, a_latest, final, direction, base),
        pace_required=pace_required(a_latest, latest, final),
        year_reached=year_reached(base, a_latest, latest, final, direction),
        basis="cumulative" if kind == "increment" else "level",
        basis_baseline=base, basis_target=b_targets.get(year), basis_latest=a_latest,
        basis_final=final)


def _running_totals(targets: dict[int, float | None], actuals: dict[int, float]
                    ) -> tuple[dict[int, float | None], dict[int, float]]:
    """New units since 2024: Σ targets 2025…y, and Σ reported increments up to each reported y.

    The baseline of a running total is 0 whatever the plan prints for 2024 (1 EPS, or "nd"). A year
    without a report adds 0; a missing yearly target makes the total unknown from there on.
    """
    totals: dict[int, float | None] = {config.BASELINE_YEAR: 0.0}
    running: float | None = 0.0
    for y in config.PLAN_YEARS:
        value = targets.get(y)
        running = None if running is None or value is None else running + value
        totals[y] = running
    reported = {y: sum(v for yy, v in actuals.items() if config.BASELINE_YEAR < yy <= y)
                for y in actuals if y > config.BASELINE_YEAR}
    return totals, reported


# --- All series -------------------------------------------------------------------------------

def status_table(info: pd.DataFrame, series: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per goal series (plan order) with every field of ``SeriesStatus`` and the goal's
    short_title, unit, kind and parent_code. ``info`` is the goals table, ``series`` the long frame
    of ``hdras.goals.series.assemble_series`` (goal_code, year, target, actual)."""
    rows = []
    for goal in info.sort_values("sort_order").itertuples():
        own = series[series["goal_code"] == goal.code]
        targets = dict(zip(own["year"].astype(int), own["target"]))
        reported = own[own["actual"].notna()]
        actuals = dict(zip(reported["year"].astype(int), reported["actual"]))
        result = evaluate_series(goal.code, targets, actuals, year, goal.kind, goal.direction)
        rows.append({**asdict(result), "short_title": goal.short_title, "unit": goal.unit,
                     "kind": goal.kind, "parent_code": goal.parent_code,
                     "direction": goal.direction})
    return pd.DataFrame(rows)


report_year = config.default_year  # the default year of a report (kept for callers)


def status_table_for(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """``status_table`` on the plan and the current actuals of a database."""
    data = goals.load(con)
    return status_table(data.info, data.series, year)


def status_report(con: duckdb.DuckDBPyConnection, year: int) -> dict:
    """The ``status --json`` document of design §3 for ``year``."""
    from hdras.activities.schedule import activity_summary  # activity completion lives in hdras.activities.schedule

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


# --- Display (Spanish, for the pages, the command line and exports) ---------------------------

def series_label(code: str) -> str:
    """'M2' → 'Meta 2', 'M2-caudal' → 'Meta 2 (caudal)', 'M4.1' → 'Meta 4.1'."""
    if code.endswith("-caudal"):
        return msg("chart.flow_label", goal=series_label(code.removesuffix("-caudal")))
    return code.replace("M", "Meta ", 1)


def _value(value, unit: str) -> str:
    from hdras.core.formatting import format_value
    return format_value(None if _missing(value) else float(value), unit)


def _ratio(value) -> str:
    return "—" if _missing(value) else f"{float(value):.2f}"


def _percent(value) -> str:
    from hdras.core.formatting import format_percent
    return format_percent(None if _missing(value) else float(value))


def reach_text(row) -> str:
    """The year the 2030 target is met at the observed pace, as a short text."""
    if _missing(row.latest_year):
        return "—"
    if _missing(row.year_reached):
        return msg("status.reach_never_short")
    reached_year = int(row.year_reached)
    if reached_year <= int(row.latest_year) and row.status == "meta_alcanzada":
        return msg("status.reached_short", year=reached_year)
    if reached_year > FAR_YEAR:
        return msg("status.reach_far", year=FAR_YEAR)
    return str(reached_year)


def pace_text(row) -> str:
    """Pace required per year from t, in the series' unit ('—' when not applicable)."""
    if row.status == "meta_alcanzada":
        return msg("status.pace_none")
    if _missing(row.pace_required):
        return "—"
    return msg("status.per_year", value=_signed(row.pace_required, row.unit))


def _signed(value: float, unit: str) -> str:
    text = _value(abs(float(value)), unit)
    return ("+" if value >= 0 else "−") + text


def display_columns(year: int) -> dict[str, dict]:
    """How a page shows each column of ``display_table``: width in pixels, help, pinned."""
    spec = {"status.col_series": (120, None), "status.col_status": (175, None),
            "status.col_target": (85, None), "status.col_actual": (90, None),
            "status.col_attainment": (90, "status.help_attainment"),
            "status.col_latest": (115, "status.help_latest"),
            "status.col_ratio": (70, "status.help_ratio"),
            "status.col_pace": (145, "status.help_pace"),
            "status.col_reach": (120, "status.help_reach"), "status.col_goal": ("large", None)}
    return {msg(code, year=year): {"width": width, "help": msg(help_code) if help_code else None,
                                   "pinned": code == "status.col_series"}
            for code, (width, help_code) in spec.items()}


def display_table(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """``status_table`` as the pages show it: Spanish headers, icon + label, formatted values."""
    rows = []
    for r in table.itertuples():
        rows.append({
            msg("status.col_series"): series_label(r.code),
            msg("status.col_status"): CATEGORIES[r.status].text(),
            msg("status.col_target", year=year): _value(r.target, r.unit),
            msg("status.col_actual", year=year): _value(r.actual, r.unit),
            msg("status.col_attainment"): _percent(r.attainment),
            msg("status.col_latest"): ("—" if _missing(r.latest_year) else
                                       f"{int(r.latest_year)}: {_value(r.latest_actual, r.unit)}"),
            msg("status.col_ratio"): _ratio(r.ratio),
            msg("status.col_pace"): pace_text(r),
            msg("status.col_reach"): reach_text(r),
            msg("status.col_goal"): r.short_title,
        })
    return pd.DataFrame(rows)


def describe(row) -> list[str]:
    """Sentences that explain one series' status for its year (a ``status_table`` row)."""
    label, unit, year = series_label(row.code), row.unit, int(row.year)
    if _missing(row.latest_year):
        return [msg("status.describe_no_data", label=label, year=year)]
    t = int(row.latest_year)
    lines = []
    if row.basis == "cumulative":
        lines.append(msg("status.increment_basis", latest=_value(row.basis_latest, unit),
                         final=_value(row.basis_final, unit), year=t))
    lines.append(_attainment_sentence(row, year))
    if row.status == "meta_alcanzada":
        lines.append(msg("status.reached_already", final=_value(row.basis_final, unit), year=t))
        return lines
    observed = observed_pace(row.basis_baseline, row.basis_latest, t)
    if not _missing(row.ratio):
        needed = (row.basis_final - row.basis_baseline) / (config.FINAL_YEAR - config.BASELINE_YEAR)
        lines.append(msg("status.ratio_line", ratio=_ratio(row.ratio),
                         observed=_signed(observed, unit), needed=_signed(needed, unit)))
    if not _missing(row.pace_required):
        lines.append(msg("status.pace_line", year=t, pace=_signed(row.pace_required, unit)))
    if _missing(row.year_reached):
        lines.append(msg("status.reach_never", final=_value(row.basis_final, unit)))
    else:
        lines.append(msg("status.reach_line", final=_value(row.basis_final, unit),
                         year=reach_text(row)))
    return lines


def _attainment_sentence(row, year: int) -> str:
    unit = row.unit
    if _missing(row.actual):
        return msg("status.attainment_missing", year=year, latest=int(row.latest_year))
    if _missing(row.attainment):
        met = reached(row.basis_latest, row.basis_target, row.direction) if not _missing(
            row.basis_target) else False
        return msg("status.attainment_flat", year=year, target=_value(row.basis_target, unit),
                   verdict=msg("status.met" if met else "status.not_met"))
    return msg("status.attainment_line", year=year, value=_percent(row.attainment),
               actual=_value(row.basis_latest if row.basis == "cumulative" else row.actual, unit),
               target=_value(row.basis_target, unit), baseline=_value(row.basis_baseline, unit))
