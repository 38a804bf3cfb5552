"""What-if scenarios (design §6): goal projections, the plan's linked quantities, their outcomes.

A projection starts at a series' latest reported value (else its 2024 baseline) and follows a model:
``linear`` v_y = A_t + rate·(y − t) or ``growth`` v_y = A_t·(1 + rate/100)^(y − t). Values never go
below 0, a % never exceeds 100, and a count of PTAR never exceeds the 172 the plan counts.

The meeting page works per goal in the plan's own terms: Meta 2 through the reused flow (m³/s) and
the total wastewater flow, Meta 3 through the number of PTAR reusing biosolids, Meta 4 through the
new utilities per year by source. Assumptions, links and storage live in
``hdras.scenarios.assumptions``; each goal's outcome and the activity delays under a scenario in
``hdras.scenarios.outcomes``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from hdras.core import config
from hdras.core.errors import InvalidScenarioError, UnknownCodeError
from hdras.core.formatting import format_number
from hdras.core.messages import msg
from hdras.goals import series as goals, status
from hdras.goals.series import (FLOW_SERIES, PTAR_TOTAL, RENEWABLE_PARTS, GoalSeries,
                                GoalSet)
from hdras.plan import queries as plan_queries
from hdras.progress import store as progress

MODELS = ("linear", "growth")
REACH_HORIZON = 2050
RATE_GOALS = ("M1", "M2", "M3", "M5", "M6")  # projected by model + rate (M4 by increments)
MAX_LINEAR_RATE = 1000.0
GROWTH_LIMITS = (-99.0, 1000.0)


@dataclass(frozen=True)
class ScenarioInputs:
    """Everything a scenario reads from the database (cache it on ``db.data_version``)."""
    goals: GoalSet
    activities: pd.DataFrame  # plan_queries.activity_table columns + last_year
    completed_year: Mapping[str, int]  # activity → year its last scheduled year was reported done
    has_demo: bool = False


@dataclass(frozen=True)
class StartPoint:
    """Where a projection starts: (t, A_t) and whether A_t is reported, the baseline or derived."""
    year: int
    value: float | None
    source: str  # "actual", "reported_parts" (Meta 4 from 4.1 + 4.2), "baseline" or "derived"


@dataclass(frozen=True)
class Projection:
    """A projected path with the metrics of design §6 (all in the path's unit)."""
    goal: str
    unit: str
    model: str
    rate: float | None
    start: StartPoint
    path: Mapping[int, float]  # start year … REACH_HORIZON (or the last year it is defined)
    targets: Mapping[int, float | None]
    target_2030: float | None
    direction: str = "up"

    @property
    def value_2030(self) -> float | None:
        return self.path.get(config.FINAL_YEAR)

    @property
    def gap_2030(self) -> float | None:
        """v_2030 − T_2030; negative means short of the target."""
        if self.value_2030 is None or self.target_2030 is None:
            return None
        return self.value_2030 - self.target_2030

    @property
    def year_reached(self) -> int | None:
        """First year from t (up to 2050) whose projected value reaches T_2030: t itself when the
        start already meets it, as the status says «meta alcanzada» (design §6)."""
        if self.target_2030 is None:
            return None
        for year in sorted(self.path):
            if year >= self.start.year and status.reached(self.path[year], self.target_2030,
                                                          self.direction):
                return year
        return None

    @property
    def pace_required(self) -> float | None:
        """(T_2030 − A_t)/(2030 − t) per year; None when t = 2030 or a value is missing."""
        return status.pace_required(self.start.value, self.start.year, self.target_2030)

    def to_json(self) -> dict:
        """The ``scenario --json`` payload of design §3."""
        years = range(self.start.year, config.FINAL_YEAR + 1)
        return {
            "goal": self.goal, "model": self.model, "rate": self.rate,
            "start_year": self.start.year, "start_value": _round(self.start.value),
            "projection": [{"year": y, "value": _round(self.path.get(y)),
                            "target": _round(self.targets.get(y))} for y in years],
            "gap_2030": _round(self.gap_2030), "year_reached": self.year_reached,
            "pace_required": _round(self.pace_required),
        }


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(float(value), digits) + 0.0  # no "-0.0"


# --------------------------------------------------------------------------- loading


def load_inputs(con: duckdb.DuckDBPyConnection) -> ScenarioInputs:
    """Read the goal series with their current actuals, the activities and reported completions.

    Actuals are the newest active values, as ``hdras.goals.series`` reads them: a Meta 4 year
    reported only through 4.1 and 4.2 counts with its derived cumulative value.
    """
    goal_set = goals.load(con)
    activities = plan_queries.activity_table(con)
    activities["last_year"] = activities["periods"].map(last_scheduled_year)
    reported = progress.current_activity_progress(con)
    return ScenarioInputs(goals=goal_set, activities=activities,
                          completed_year=completed_years(activities, reported),
                          has_demo=goal_set.has_demo or bool(reported["is_demo"].any()))


def last_scheduled_year(periods) -> int | None:
    """The last year with an X in the schedule; 2025-I and 2025-II count as 2025."""
    years = config.scheduled_years(periods)
    return years[-1] if years else None


def completed_years(activities: pd.DataFrame, reported: pd.DataFrame) -> dict[str, int]:
    """Activity → first year ≥ its last scheduled year reported «Completada» (it is finished)."""
    last = dict(zip(activities["code"], activities["last_year"]))
    done = reported[reported["status"] == "Completada"]
    result: dict[str, int] = {}
    for code, year in zip(done["activity_code"], done["year"]):
        due = last.get(code)
        if due is not None and not pd.isna(due) and int(year) >= int(due):
            result[code] = min(int(year), result.get(code, int(year)))
    return result


def get_series(inputs: ScenarioInputs, code: str) -> GoalSeries:
    """The series ``code`` (case-insensitive); UnknownCodeError with the valid codes otherwise."""
    for known, series in inputs.goals.items():
        if known.lower() == str(code).strip().lower():
            return series
    raise UnknownCodeError(msg("scenario.unknown_goal", goal=code,
                               codes=", ".join(inputs.goals)))


# --------------------------------------------------------------------------- projection


def start_point(inputs: ScenarioInputs, code: str) -> StartPoint:
    """(t, A_t): the latest reported value, else the 2024 baseline.

    An increment sub-row with baseline «nd» (Meta 4.2) takes parent baseline minus its siblings'
    (1 EPS − 1 EPS = 0), which is how Tabla 1 adds up; otherwise the value is None.
    """
    series = get_series(inputs, code)
    if series.reports:
        year = max(series.reports)
        source = "reported_parts" if series.reports[year].derived else "actual"
        return StartPoint(year, series.reports[year].value, source)
    if series.baseline is not None:
        return StartPoint(config.BASELINE_YEAR, series.baseline, "baseline")
    parent = inputs.goals.get(series.parent_code or "")
    siblings = [s for s in inputs.goals.values()
                if s.parent_code == series.parent_code and s.code != series.code]
    if parent and parent.baseline is not None and all(s.baseline is not None for s in siblings):
        value = parent.baseline - sum(s.baseline for s in siblings)
        return StartPoint(config.BASELINE_YEAR, value, "derived")
    return StartPoint(config.BASELINE_YEAR, None, "baseline")


def upper_bound(unit: str) -> float | None:
    """The largest value a series in ``unit`` can take (a % never exceeds 100)."""
    return {"%": 100.0, "PTAR": float(PTAR_TOTAL)}.get(unit)


def check_rate(model: str, rate: float) -> float:
    """The rate as a float, or InvalidScenarioError (Spanish) when the model or rate is invalid."""
    if model not in MODELS:
        raise InvalidScenarioError(msg("scenario.invalid_model", model=model))
    try:
        rate = float(rate)
    except (TypeError, ValueError):
        raise InvalidScenarioError(msg("scenario.invalid_rate", rate=rate)) from None
    low, high = GROWTH_LIMITS if model == "growth" else (-MAX_LINEAR_RATE, MAX_LINEAR_RATE)
    if not math.isfinite(rate) or not low <= rate <= high:
        key = "scenario.growth_rate_range" if model == "growth" else "scenario.linear_rate_range"
        raise InvalidScenarioError(msg(key, rate=rate, low=format_number(low, 6), high=format_number(high, 6)))
    return rate



def project_path(start: StartPoint, model: str, rate: float, upper: float | None = None,
                 until: int = REACH_HORIZON) -> dict[int, float]:
    """Values from the start year to ``until`` under the model, kept within [0, upper]."""
    if start.value is None:
        return {}
    rate = check_rate(model, rate)
    path = {}
    for year in range(start.year, until + 1):
        steps = year - start.year
        if model == "linear":
            value = start.value + rate * steps
        else:
            value = start.value * (1 + rate / 100) ** steps
        path[year] = clamp(value, upper)
    return path


def clamp(value: float, upper: float | None) -> float:
    """Keep a value within [0, upper] (every series of the plan is a count, a flow or a share),
    rounded to 9 decimals so float noise (4.3 × 6 = 25.799999…) does not miss a target."""
    value = max(0.0, round(value, 9))
    return min(value, upper) if upper is not None else value



def growth_required(start: StartPoint, target_2030: float | None) -> float | None:
    """The % growth per year that takes A_t to T_2030 in 2030 (None from 0 or at 2030)."""
    if start.value is None or target_2030 is None or start.year >= config.FINAL_YEAR:
        return None
    if start.value <= 0 or target_2030 <= 0:
        return None
    return ((target_2030 / start.value) ** (1 / (config.FINAL_YEAR - start.year)) - 1) * 100


def project_goal(inputs: ScenarioInputs, code: str, model: str, rate: float) -> Projection:
    """Project one series of Tabla 1 from its latest actual, else its baseline (``scenario``)."""
    series = get_series(inputs, code)
    rate = check_rate(model, rate)
    start = start_point(inputs, series.code)
    return Projection(series.code, series.unit, model, rate, start,
                      project_path(start, model, rate, upper_bound(series.unit)),
                      dict(series.targets), series.target_2030, series.direction)


# --------------------------------------------------------------------------- linked quantities


def percent_of(part: float, total: float) -> float:
    """100·part/total, never above 100 (nor below 0)."""
    if total <= 0:
        raise InvalidScenarioError(msg("scenario.invalid_total", total=total))
    return clamp(100.0 * part / total, 100.0)




def flow_percent_path(flows: Mapping[int, float], total_flow: float) -> dict[int, float]:
    """Meta 2 % for each year from the reused flow (m³/s) and the total wastewater flow."""
    return {year: percent_of(q, total_flow) for year, q in flows.items()}


def ptar_percent_path(counts: Mapping[int, float]) -> dict[int, float]:
    """Meta 3 % for each year from the number of PTAR reusing biosolids out of 172."""
    return {year: percent_of(min(c, PTAR_TOTAL), PTAR_TOTAL) for year, c in counts.items()}


def cumulative_utilities(start: StartPoint, increments: Mapping[str, Mapping[int, float]],
                         until: int = REACH_HORIZON) -> dict[int, float]:
    """Meta 4: utilities generating renewable electricity, A_t plus every later year's new ones.

    ``increments`` maps a source (M4.1, M4.2) to new utilities per year; missing years add 0.
    """
    if start.value is None:
        return {}
    path, total = {start.year: start.value}, start.value
    for year in range(start.year + 1, until + 1):
        total += sum(per_year.get(year, 0) for per_year in increments.values())
        path[year] = total
    return path


def plan_increments(inputs: ScenarioInputs) -> dict[str, dict[int, float]]:
    """The plan's own new utilities per year by source (Tabla 1 rows 4.1 and 4.2, 2025–2030)."""
    return {code: {y: v or 0.0 for y, v in inputs.goals[code].targets.items()
                   if y > config.BASELINE_YEAR}
            for code in RENEWABLE_PARTS}


def constant_increments(biogas: float, other: float, after: int) -> dict[str, dict[int, float]]:
    """The same number of new utilities every year after ``after`` (up to 2050), by source."""
    years = range(after + 1, REACH_HORIZON + 1)
    return {"M4.1": {y: biogas for y in years}, "M4.2": {y: other for y in years}}


# --------------------------------------------------------------------------- drivers


def driver_start(inputs: ScenarioInputs, goal: str) -> StartPoint:
    """Where the quantity a goal's rate applies to starts: m³/s for Meta 2, PTAR for Meta 3."""
    if goal == "M2":
        return start_point(inputs, FLOW_SERIES)
    start = start_point(inputs, goal)
    if goal == "M3" and start.value is not None:  # the reported % itself, in PTAR of 172: not
        # rounded to whole plants (1.54 % would start at 3 PTAR, shown as 1.74 %); the plan's %
        # are not whole plants either (4.1 % of 172 = 7.05), and the rate moves tenths of a PTAR
        return StartPoint(start.year, start.value * PTAR_TOTAL / 100, start.source)
    return start


def driver_target(inputs: ScenarioInputs, goal: str,
                  total_flow: float | None = None) -> float | None:
    """The 2030 value the driver must reach: Meta 2's % of the total flow, Meta 3's % of 172."""
    target = inputs.goals[goal].target_2030
    if target is None or goal not in ("M2", "M3"):
        return target
    whole = PTAR_TOTAL if goal == "M3" else (total_flow or goals.plan_total_flow(inputs.goals))
    return target * whole / 100
