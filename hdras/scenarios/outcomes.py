"""What a scenario leads to (design §6): each headline goal in the plan's own terms (Meta 2 through
the reused flow in m³/s and the total wastewater flow, Meta 3 through the PTAR reusing biosolids out
of 172, Meta 4 through the new utilities per year by source, the others by model and rate), and the
activities that slip with their effect on completion by year.

Delays — definitions the page shows:
- An activity's **finish year** in the plan is the last year with an X in its section 2.1 schedule;
  2025-I and 2025-II count as 2025.
- **Completion by year y** is the share of the plan's scheduled activities whose finish year is ≤ y.
- In the scenario, a chosen activity finishes N years later, unless it is already reported
  «Completada» for its last scheduled year or later: then it finishes in the first such year, and no
  delay moves it. Activities not chosen keep the plan's year, or the reported year if finished.
- **Scheduled in year y** counts, as design §5 does, the activities with an X in y (2025: I or II);
  in the scenario the X marks of a moved activity move with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from hdras.core import config
from hdras.core.errors import UnknownCodeError
from hdras.core.formatting import format_number
from hdras.core.messages import msg
from hdras.goals.series import FLOW_SERIES, HEADLINE_GOALS, PTAR_REUSING_2024, PTAR_TOTAL
from hdras.plan import queries as plan_queries
from hdras.scenarios.assumptions import RateSetting, ScenarioParams
from hdras.scenarios.model import (Projection, ScenarioInputs, StartPoint, constant_increments,
                                   cumulative_utilities, driver_start, driver_target,
                                   flow_percent_path, percent_of, plan_increments, project_goal,
                                   project_path, ptar_percent_path, start_point)


@dataclass(frozen=True)
class GoalOutcome:
    """A headline goal under a scenario: its path in the goal's unit and, where the plan links it
    to another quantity (m³/s, PTAR), the path of that driver."""
    headline: Projection
    driver: Projection | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


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
    flow = inputs.goals[FLOW_SERIES]
    start = start_point(inputs, FLOW_SERIES)
    flows = project_path(start, setting.model, setting.rate, upper=total)
    driver = Projection(FLOW_SERIES, "m3/s", setting.model, setting.rate, start, flows,
                        dict(flow.targets), driver_target(inputs, "M2", total))
    pct = inputs.goals["M2"]
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
    series = inputs.goals["M3"]
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
             msg("scenario.m3_footnote", n=PTAR_REUSING_2024, total=PTAR_TOTAL,
                 share=format_number(100 * PTAR_REUSING_2024 / PTAR_TOTAL, 1)))
    return GoalOutcome(headline, driver, notes)


def _meta4(inputs: ScenarioInputs, params: ScenarioParams) -> GoalOutcome:
    series = inputs.goals["M4"]
    start = start_point(inputs, "M4")
    if params.m4_mode == "plan":
        increments = plan_increments(inputs)
        notes = (msg("scenario.m4_plan_mode"),)
    else:
        increments = constant_increments(params.m4_biogas, params.m4_other, start.year)
        notes = (msg("scenario.m4_constant_mode", biogas=format_number(params.m4_biogas),
                     other=format_number(params.m4_other)),)
    headline = Projection("M4", "EPS", params.m4_mode, None, start,
                          cumulative_utilities(start, increments), dict(series.targets),
                          series.target_2030, series.direction)
    return GoalOutcome(headline, None, notes)


# --------------------------------------------------------------------------- delays


@dataclass(frozen=True)
class DelayOutcome:
    """Completion by year, plan against scenario, and which activities moved."""
    table: pd.DataFrame  # year, scheduled_plan, scheduled_scenario, finished_plan,
    #                      finished_scenario, share_plan, share_scenario
    total: int  # activities with at least one X in the schedule
    shifted: tuple[str, ...]  # chosen and moved
    kept: tuple[str, ...]  # chosen but already finished, so not moved
    unscheduled: tuple[str, ...]  # activities without any X (not counted)
    delay_years: int

    finished_after_horizon: int = 0  # activities the scenario finishes after 2030


def selected_activities(inputs: ScenarioInputs, objectives: Iterable[str] = (),
                        lines: Iterable[str] = (), units: Iterable[str] = ()) -> list[str]:
    """Codes of the activities matching every filter given (as on the Plan page); none without
    a filter."""
    objectives, lines, units = list(objectives), list(lines), list(units)
    if not (objectives or lines or units):
        return []
    chosen = plan_queries.filter_activities(inputs.activities, responsible=units or None,
                                            objectives=objectives or None, lines=lines or None)
    return chosen["code"].tolist()


def finish_years(last_years: Mapping[str, int], completed: Mapping[str, int],
                 selected: Iterable[str], delay: int) -> dict[str, int]:
    """Scenario finish year of each scheduled activity (see the module's definitions)."""
    if delay < 0:
        raise ValueError("delay must be ≥ 0")
    chosen = set(selected)
    result = {}
    for code, last in last_years.items():
        if code in completed:
            result[code] = completed[code]
        else:
            result[code] = last + (delay if code in chosen else 0)
    return result


def completion_table(last_years: Mapping[str, int], scenario_years: Mapping[str, int],
                     scheduled: Mapping[str, Iterable[int]],
                     scenario_scheduled: Mapping[str, Iterable[int]]) -> pd.DataFrame:
    """Per year from 2025 to the last finish year (at least 2030): activities scheduled and
    finished by then, in the plan and in the scenario, with shares of the total."""
    total = len(last_years)
    end = max([config.FINAL_YEAR, *scenario_years.values(), *last_years.values()])
    rows = []
    for year in range(config.PLAN_YEARS[0], end + 1):
        finished_plan = sum(1 for y in last_years.values() if y <= year)
        finished_scenario = sum(1 for y in scenario_years.values() if y <= year)
        rows.append({
            "year": year,
            "scheduled_plan": sum(1 for ys in scheduled.values() if year in set(ys)),
            "scheduled_scenario": sum(1 for ys in scenario_scheduled.values() if year in set(ys)),
            "finished_plan": finished_plan, "finished_scenario": finished_scenario,
            "share_plan": finished_plan / total if total else 0.0,
            "share_scenario": finished_scenario / total if total else 0.0,
        })
    return pd.DataFrame(rows)


def delay_outcome(inputs: ScenarioInputs, params: ScenarioParams) -> DelayOutcome:
    """Apply the scenario's delay (``params.delay_*``) to the plan's activities."""
    table = inputs.activities
    schedule = {c: config.scheduled_years(p) for c, p in zip(table["code"], table["periods"])}
    last_years = {c: ys[-1] for c, ys in schedule.items() if ys}
    chosen = [c for c in selected_activities(inputs, params.delay_objectives, params.delay_lines,
                                             params.delay_units) if c in last_years]
    completed = {c: y for c, y in inputs.completed_year.items() if c in last_years}
    delay = params.delay_years
    scenario_years = finish_years(last_years, completed, chosen, delay)
    moved = [c for c in chosen if c not in completed] if delay else []
    scenario_schedule = {c: [y + delay for y in ys] if c in moved else ys
                         for c, ys in schedule.items() if ys}
    return DelayOutcome(
        table=completion_table(last_years, scenario_years,
                               {c: ys for c, ys in schedule.items() if ys}, scenario_schedule),
        total=len(last_years), shifted=tuple(moved),
        kept=tuple(c for c in chosen if c in completed),
        unscheduled=tuple(c for c, ys in schedule.items() if not ys), delay_years=delay,
        finished_after_horizon=sum(1 for y in scenario_years.values() if y > config.FINAL_YEAR))
