"""The goal series of Tabla 1 in one shape, ``GoalSeries``: what the plan sets (baseline 2024 and a
target for each year to 2030) beside what has been reported. Status, scenarios, charts, the export
and the meeting pack all read it.

Also the derived views users asked for by name: reuse (Meta 2 % ↔ m³/s and the total wastewater flow
they imply), biosolids (Meta 3 % as PTAR out of 172, footnote ¹) and renewables (Meta 4 cumulative
beside the new utilities per year of 4.1 and 4.2).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from hdras.core import config
from hdras.core.frames import python_value
from hdras.core.messages import msg
from hdras.plan import queries as plan_queries
from hdras.progress import store as progress

# Footnote ¹ of Tabla 1: "5 de 172 PTAR se reúsan biosólidos y están inscritas en el RENAPRO".
PTAR_TOTAL = 172
PTAR_REUSING_2024 = 5
HEADLINE_GOALS = ("M1", "M2", "M3", "M4", "M5", "M6")
FLOW_SERIES = "M2-caudal"
RENEWABLE_PARTS = ("M4.1", "M4.2")
FRAME_COLUMNS = ["year", "target", "target_text", "actual", "source", "is_demo", "derived"]


def goal_label(code: str) -> str:
    """'M2' → 'Meta 2', 'M2-caudal' → 'Meta 2 (caudal)', 'M4.1' → 'Meta 4.1'."""
    if code.endswith("-caudal"):
        return msg("chart.flow_label", goal=goal_label(code.removesuffix("-caudal")))
    return code.replace("M", "Meta ", 1)


@dataclass(frozen=True)
class Actual:
    """One reported value of a series for a year, and where it comes from."""
    value: float
    source: str | None = None
    batch_id: int | None = None
    imported_at: dt.datetime | None = None
    is_demo: bool = False
    derived: bool = False  # Meta 4 worked out from the reports of 4.1 and 4.2


@dataclass(frozen=True)
class GoalSeries:
    """One series of Tabla 1. ``targets`` maps 2024 (the baseline) … 2030 to the plan's number
    (None where the plan says «nd»); ``reports`` the years that have a reported value."""
    code: str
    targets: Mapping[int, float | None]
    reports: Mapping[int, Actual] = field(default_factory=dict)
    unit: str = "%"
    kind: str = "level"  # 'level', or 'increment' (Meta 4.1 and 4.2: new utilities per year)
    direction: str = "up"
    title: str = ""
    short_title: str = ""
    parent_code: str | None = None
    footnote: str | None = None
    target_texts: Mapping[int, str] = field(default_factory=dict)

    @property
    def baseline(self) -> float | None:
        return self.targets.get(config.BASELINE_YEAR)

    @property
    def target_2030(self) -> float | None:
        return self.targets.get(config.FINAL_YEAR)

    @property
    def actuals(self) -> dict[int, float]:
        """Reported values by year."""
        return {year: report.value for year, report in sorted(self.reports.items())}

    @property
    def label(self) -> str:
        """'Meta 2 (caudal)'."""
        return goal_label(self.code)

    @property
    def full_label(self) -> str:
        """'Meta 2 · Reúso de agua residual tratada'."""
        return f"{self.label} · {self.short_title}" if self.short_title else self.label

    def latest(self, year: int = config.FINAL_YEAR) -> int | None:
        """t: the latest year after 2024 and up to ``year`` with a reported value."""
        return max((y for y in self.reports if config.BASELINE_YEAR < y <= year), default=None)

    def running_targets(self) -> dict[int, float | None]:
        """For an increment series: new units since 2024 planned by each year (0 in 2024, None
        from the first year whose target is unknown)."""
        totals: dict[int, float | None] = {config.BASELINE_YEAR: 0.0}
        running: float | None = 0.0
        for year in config.PLAN_YEARS:
            value = self.targets.get(year)
            running = None if running is None or value is None else running + value
            totals[year] = running
        return totals

    def running_actuals(self, year: int = config.FINAL_YEAR) -> dict[int, float]:
        """For an increment series: new units reported since 2024, at each reported year up to
        ``year`` (a year without a report adds 0)."""
        values = {y: v for y, v in self.actuals.items() if config.BASELINE_YEAR < y <= year}
        return {y: sum(v for yy, v in values.items() if yy <= y) for y in values}

    def frame(self) -> pd.DataFrame:
        """Years 2024–2030: target, target_text, actual (NaN when not reported), source, is_demo,
        derived, for charts and downloads."""
        years = range(config.BASELINE_YEAR, config.FINAL_YEAR + 1)
        reports = [self.reports.get(y) for y in years]
        frame = pd.DataFrame({
            "year": list(years),
            "target": [self.targets.get(y) for y in years],
            "target_text": [self.target_texts.get(y, "") for y in years],
            "actual": [r.value if r else None for r in reports],
            "source": [r.source if r else None for r in reports],
            "is_demo": [bool(r and r.is_demo) for r in reports],
            "derived": [bool(r and r.derived) for r in reports]})
        return frame.astype({"year": "int64", "target": "float64", "actual": "float64"})


class GoalSet(Mapping[str, GoalSeries]):
    """The nine series of Tabla 1 in the plan's order, by code."""

    def __init__(self, series: list[GoalSeries]):
        self._series = {s.code: s for s in series}

    def __getitem__(self, code: str) -> GoalSeries:
        return self._series[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._series)

    def __len__(self) -> int:
        return len(self._series)

    def children(self, code: str) -> list[str]:
        """Codes of the sub-series of a goal (M2 → ['M2-caudal'], M4 → ['M4.1', 'M4.2'])."""
        return [c for c, s in self._series.items() if s.parent_code == code]

    @property
    def has_actuals(self) -> bool:
        return any(s.reports for s in self._series.values())

    @property
    def has_demo(self) -> bool:
        return any(r.is_demo for s in self._series.values() for r in s.reports.values())


def load(con: duckdb.DuckDBPyConnection) -> GoalSet:
    """The plan's goals with the current actuals (newest value of each key, active batches)."""
    return build_goal_set(plan_queries.goal_series(con), plan_queries.goal_targets(con),
                          progress.current_goal_actuals(con))


def build_goal_set(info: pd.DataFrame, targets: pd.DataFrame, actuals: pd.DataFrame) -> GoalSet:
    """A ``GoalSet`` from the ``goals`` table, Tabla 1 in long form (goal_code, year, value,
    value_text) and the current actuals (goal_code, year, value, source, batch_id, …).

    A missing Meta 4 actual is derived from 4.1 and 4.2 where both were reported that year: the
    plan's own identity, M4 = baseline + the new utilities of 4.1 and 4.2.
    """
    by_goal = {code: rows for code, rows in targets.groupby("goal_code")}
    reported = {code: rows for code, rows in actuals.groupby("goal_code")}
    series = []
    for goal in info.sort_values("sort_order").itertuples():
        rows = by_goal.get(goal.code, targets.iloc[0:0])
        series.append(GoalSeries(
            code=goal.code, unit=goal.unit, kind=goal.kind,
            direction=python_value(goal.direction) or "up", title=goal.title,
            short_title=goal.short_title, parent_code=python_value(goal.parent_code),
            footnote=python_value(goal.footnote),
            targets={int(y): python_value(v) for y, v in zip(rows["year"], rows["value"])},
            target_texts={int(y): str(t) for y, t in zip(rows["year"], rows["value_text"])},
            reports=_reports(reported.get(goal.code))))
    return GoalSet(_with_derived_m4(series))


def _reports(rows: pd.DataFrame | None) -> dict[int, Actual]:
    if rows is None:
        return {}
    return {int(r["year"]): Actual(
        value=float(r["value"]), source=python_value(r.get("source")),
        batch_id=_int(r.get("batch_id")), imported_at=python_value(r.get("imported_at")),
        is_demo=bool(python_value(r.get("is_demo"))))
        for r in rows.to_dict("records") if python_value(r["value"]) is not None}


def _with_derived_m4(series: list[GoalSeries]) -> list[GoalSeries]:
    by_code = {s.code: s for s in series}
    if not {"M4", *RENEWABLE_PARTS} <= set(by_code):
        return series
    total, parts = by_code["M4"], [by_code[c] for c in RENEWABLE_PARTS]
    if total.baseline is None:
        return series
    reports = dict(total.reports)
    for year in config.PLAN_YEARS:
        if year in reports or not all(year in p.reports for p in parts):
            continue
        value = total.baseline + sum(p.running_actuals(year)[year] for p in parts)
        reports[year] = Actual(value, msg("goals.m4_derived_source"), derived=True,
                               is_demo=any(p.reports[year].is_demo for p in parts))
    derived = replace(total, reports=dict(sorted(reports.items())))
    return [derived if s.code == "M4" else s for s in series]


def _int(value) -> int | None:
    value = python_value(value)
    return None if value is None else int(value)


# --- The views users asked for by name --------------------------------------------------------

def reuse_table(goals: GoalSet) -> pd.DataFrame:
    """Meta 2 as % and as flow per year, and the total wastewater flow each pair implies.

    total = flow / (% / 100): 3.17 m³/s is 4.0 % → 79.25 m³/s in 2024. Computed for the plan's
    pair every year, and for the reported pair where both were reported.
    """
    pct, flow = goals["M2"].frame(), goals[FLOW_SERIES].frame()
    table = pd.DataFrame({"year": pct["year"], "pct_target": pct["target"],
                          "flow_target": flow["target"], "pct_actual": pct["actual"],
                          "flow_actual": flow["actual"]})
    table["total_plan"] = implied_total_flow(table["flow_target"], table["pct_target"])
    table["total_actual"] = implied_total_flow(table["flow_actual"], table["pct_actual"])
    return table


def implied_total_flow(flow: pd.Series, pct: pd.Series) -> pd.Series:
    """Total wastewater flow (m³/s) implied, year by year, by a reused flow and its share in %;
    NaN when % is 0."""
    share = pct.where(pct > 0) / 100
    return (flow / share).astype("float64")


def plan_total_flow(goals: GoalSet) -> float:
    """The one total wastewater flow (m³/s) that best reproduces Tabla 1's Meta 2: least squares
    of % = 100·m³/s ÷ total over the years that give both, rounded to 0.5 m³/s (79.5; the
    baseline alone gives 79.25)."""
    pairs = _share_pairs(goals)
    total = 100 * sum(q * q for _, q in pairs) / sum(p * q for p, q in pairs)
    return round(total * 2) / 2


def flow_share_max_diff(goals: GoalSet, total_flow: float | None = None) -> float:
    """Largest gap, in points, between Tabla 1's Meta 2 % and 100·m³/s ÷ total over the years
    that give both (how well one total reproduces the plan: 0.08 with 79.5)."""
    total = total_flow or plan_total_flow(goals)
    return max(abs(100 * q / total - p) for p, q in _share_pairs(goals))


def _share_pairs(goals: GoalSet) -> list[tuple[float, float]]:
    pct, flow = goals["M2"].targets, goals[FLOW_SERIES].targets
    return [(pct[y], flow[y]) for y in pct if pct.get(y) and flow.get(y)]


def biosolids_table(goals: GoalSet, total_ptar: int = PTAR_TOTAL) -> pd.DataFrame:
    """Meta 3 % per year and what it means in PTAR out of ``total_ptar`` (footnote ¹).

    ``ptar_target`` is the exact share (2.8 % of 172 = 4.8); ``ptar_needed`` the whole number of
    plants that reaches the % (5). Assumes the universe of PTAR stays at ``total_ptar``.
    """
    rows = goals["M3"].frame()
    table = pd.DataFrame({"year": rows["year"], "pct_target": rows["target"],
                          "pct_actual": rows["actual"]})
    table["ptar_target"] = table["pct_target"] * total_ptar / 100
    table["ptar_needed"] = table["ptar_target"].map(_plants_needed).astype("Int64")
    table["ptar_actual"] = (table["pct_actual"] * total_ptar / 100).round(1)
    return table


def _plants_needed(exact: float) -> int | None:
    if pd.isna(exact):
        return None
    return int(math.ceil(round(exact, 6)))


def renewables_tables(goals: GoalSet) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Meta 4: (cumulative count per year, new utilities per year by source).

    The cumulative frame carries the plan's target, the actual (reported or derived) and the check
    baseline + Σ 4.1 + Σ 4.2 computed from the plan's own increments.
    """
    total = goals["M4"]
    cumulative = total.frame()[["year", "target", "target_text", "actual", "derived"]]
    base = total.baseline if total.baseline is not None else float("nan")
    plan_sum = pd.Series(0.0, index=cumulative.index)
    parts = []
    for code in RENEWABLE_PARTS:
        rows = goals[code].frame()
        increments = rows["target"].where(rows["year"] > config.BASELINE_YEAR, 0.0).fillna(0.0)
        plan_sum = plan_sum + increments.cumsum().to_numpy()
        parts.append(pd.DataFrame({
            "year": rows["year"], "code": code, "source": goals[code].title,
            "target": rows["target"], "target_text": rows["target_text"],
            "actual": rows["actual"]})[rows["year"] > config.BASELINE_YEAR])
    cumulative = cumulative.assign(plan_check=base + plan_sum)
    return cumulative.reset_index(drop=True), pd.concat(parts, ignore_index=True)
