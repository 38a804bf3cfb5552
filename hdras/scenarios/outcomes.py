"""Each headline goal under a scenario (design §6), in the plan's own terms: Meta 2 through the
reused flow (m³/s) and the total wastewater flow, Meta 3 through the PTAR reusing biosolids out of
172, Meta 4 through the new utilities per year by source; the other goals by model and rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hdras.core.errors import UnknownCodeError
from hdras.core.messages import msg
from hdras.scenarios.model import (FLOW_SERIES, HEADLINE_GOALS, PTAR_TOTAL, Projection, ScenarioInputs,
                             StartPoint, constant_increments, cumulative_utilities,
                             flow_percent_path, implied_total_flow, percent_of, plain_number,
                             plan_increments, project_goal, project_path, ptar_count,
                             ptar_percent_path, start_point)

if TYPE_CHECKING:  # parameters live in their own module, which imports this one
    from hdras.scenarios.assumptions import RateSetting, ScenarioParams


@dataclass(frozen=True)
class GoalOutcome:
    """A headline goal under a scenario: its path in the goal's unit and, where the plan links it
    to another quantity (m³/s, PTAR), the path of that driver."""
    headline: Projection
    driver: Projection | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- drivers


def driver_start(inputs: ScenarioInputs, goal: str) -> StartPoint:
    """Where the quantity a goal's rate applies to starts: m³/s for Meta 2, PTAR for Meta 3."""
    if goal == "M2":
        return start_point(inputs, FLOW_SERIES)
    start = start_point(inputs, goal)
    if goal == "M3" and start.value is not None:
        return StartPoint(start.year, float(ptar_count(start.value)), start.source)
    return start


def driver_target(inputs: ScenarioInputs, goal: str,
                  total_flow: float | None = None) -> float | None:
    """The 2030 value the driver must reach: Meta 2's % of the total flow, Meta 3's % of 172."""
    target = inputs.series[goal].target_2030
    if target is None or goal not in ("M2", "M3"):
        return target
    whole = PTAR_TOTAL if goal == "M3" else (total_flow or implied_total_flow(inputs))
    return target * whole / 100


# --------------------------------------------------------------------------- evaluation


def evaluate_goal(inputs: ScenarioInputs, params: ScenarioParams, goal: str) -> GoalOutcome:
    """One headline goal (M1…M6) under the scenario."""
    if goal == "M4":
        return _meta4(inputs, params)
    if goal not in params.rates:
        raise UnknownCodeError(msg("scenario.unknown_goal", goal=goal,
                                   codes=", ".join(HEADLINE_GOALS)))
    setting = params.rates[goal]
    if goal == "M2":
        return _meta2(inputs, params, setting)
    if goal == "M3":
        return _meta3(inputs, setting)
    return GoalOutcome(project_goal(inputs, goal, setting.model, setting.rate),
                       notes=_growth_notes(inputs, goal, setting))


def evaluate(inputs: ScenarioInputs, params: ScenarioParams) -> dict[str, GoalOutcome]:
    """Every headline goal under the scenario."""
    return {goal: evaluate_goal(inputs, params, goal) for goal in HEADLINE_GOALS}


def _growth_notes(inputs: ScenarioInputs, goal: str, setting: RateSetting) -> tuple[str, ...]:
    start = driver_start(inputs, goal)
    if setting.model == "growth" and start.value == 0:
        return (msg("scenario.growth_from_zero"),)
    return ()


def _meta2(inputs: ScenarioInputs, params: ScenarioParams, setting: RateSetting) -> GoalOutcome:
    total = params.total_flow
    flow = inputs.series[FLOW_SERIES]
    start = start_point(inputs, FLOW_SERIES)
    flows = project_path(start, setting.model, setting.rate, upper=total)
    driver = Projection(FLOW_SERIES, "m3/s", setting.model, setting.rate, start, flows,
                        dict(flow.targets), driver_target(inputs, "M2", total))
    pct = inputs.series["M2"]
    pct_start = StartPoint(start.year, None if start.value is None
                           else percent_of(start.value, total), start.source)
    headline = Projection("M2", "%", setting.model, setting.rate, pct_start,
                          flow_percent_path(flows, total), dict(pct.targets), pct.target_2030,
                          pct.direction)
    notes = list(_growth_notes(inputs, "M2", setting))
    if pct.actuals and max(pct.actuals) > start.year:
        notes.append(msg("scenario.m2_percent_newer", year=max(pct.actuals), flow_year=start.year))
    return GoalOutcome(headline, driver, tuple(notes))


def _meta3(inputs: ScenarioInputs, setting: RateSetting) -> GoalOutcome:
    series = inputs.series["M3"]
    start = driver_start(inputs, "M3")
    counts = project_path(start, setting.model, setting.rate, upper=float(PTAR_TOTAL))
    targets = {y: None if v is None else v * PTAR_TOTAL / 100 for y, v in series.targets.items()}
    driver = Projection("M3-PTAR", "PTAR", setting.model, setting.rate, start, counts, targets,
                        driver_target(inputs, "M3"))
    pct_start = StartPoint(start.year, None if start.value is None
                           else percent_of(start.value, PTAR_TOTAL), start.source)
    headline = Projection("M3", "%", setting.model, setting.rate, pct_start,
                          ptar_percent_path(counts), dict(series.targets), series.target_2030,
                          series.direction)
    notes = (*_growth_notes(inputs, "M3", setting),
             msg("scenario.m3_footnote", share=f"{100 * 5 / PTAR_TOTAL:.1f}"))
    return GoalOutcome(headline, driver, notes)


def _meta4(inputs: ScenarioInputs, params: ScenarioParams) -> GoalOutcome:
    series = inputs.series["M4"]
    start = start_point(inputs, "M4")
    if params.m4_mode == "plan":
        increments = plan_increments(inputs)
        notes = (msg("scenario.m4_plan_mode"),)
    else:
        increments = constant_increments(params.m4_biogas, params.m4_other, start.year)
        notes = (msg("scenario.m4_constant_mode", biogas=plain_number(params.m4_biogas),
                     other=plain_number(params.m4_other)),)
    headline = Projection("M4", "EPS", params.m4_mode, None, start,
                          cumulative_utilities(start, increments), dict(series.targets),
                          series.target_2030, series.direction)
    return GoalOutcome(headline, None, notes)
