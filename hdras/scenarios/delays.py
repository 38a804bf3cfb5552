"""Activity delays (design §6): move chosen activities N years later and compare completion by year
with the plan.

Definitions (the page shows them):
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
from dataclasses import dataclass

import pandas as pd

from hdras.core import config
from hdras.plan import queries as plan_queries
from hdras.scenarios.model import ScenarioInputs


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


def scheduled_years(periods) -> list[int]:
    """Years with an X (2025-I and 2025-II both give 2025), in order, without repeats."""
    return sorted({int(str(p)[:4]) for p in (periods if periods is not None else [])})


def delay_outcome(inputs: ScenarioInputs, params) -> DelayOutcome:
    """Apply the scenario's delay (``params.delay_*``) to the plan's activities."""
    table = inputs.activities
    schedule = {c: scheduled_years(p) for c, p in zip(table["code"], table["periods"])}
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
