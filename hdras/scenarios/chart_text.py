"""The Spanish description of each scenario chart, from the frame the chart draws: the 2030 value
of every line (plan, scenario, saved scenarios) and the latest reported value, written as the
chart writes them (the frame's ``label``)."""

from __future__ import annotations

import pandas as pd

from hdras.core import config
from hdras.core.chart_text import no_data, spanish_list
from hdras.core.messages import msg
from hdras.scenarios.tables import ACTUAL_LABEL, PLAN_LABEL, SCENARIO_LABEL


def _last_points(frame: pd.DataFrame) -> dict[str, dict]:
    """Per line, its last point (by year) that has a value: {'year', 'label'} (plain Python
    over the columns: it runs on every slider step)."""
    last: dict[str, dict] = {}
    for serie, year, value, label in zip(frame["serie"], frame["year"], frame["value"],
                                         frame["label"]):
        if value is None or pd.isna(value):
            continue
        if serie not in last or year > last[serie]["year"]:
            last[serie] = {"year": year, "label": label}
    return last


def describe_projection(frame: pd.DataFrame, title: str) -> str:
    """The plan's and the scenario's 2030 values, and the latest reported value."""
    last = _last_points(frame) if len(frame) else {}
    plan, scenario = last.get(PLAN_LABEL), last.get(SCENARIO_LABEL)
    if plan is None or scenario is None:
        return no_data(title)
    actual = last.get(ACTUAL_LABEL)
    reported = "" if actual is None else msg("describe.projection_reported",
                                             value=actual["label"], year=int(actual["year"]))
    return msg("describe.projection", title=title, plan_label=PLAN_LABEL, plan=plan["label"],
               scenario_label=SCENARIO_LABEL, scenario=scenario["label"],
               final_year=config.FINAL_YEAR, reported=reported)


def describe_comparison(frame: pd.DataFrame, title: str) -> str:
    """Each line's 2030 value: the plan and every scenario compared."""
    final = frame[frame["year"] == config.FINAL_YEAR].drop_duplicates("serie")
    if final.empty:
        return no_data(title)
    values = spanish_list(f"{serie} {label}" for serie, label in zip(final["serie"],
                                                                     final["label"]))
    return msg("describe.comparison", title=title, final_year=config.FINAL_YEAR, values=values)


def describe_delay_completion(frame: pd.DataFrame) -> str:
    """Share of activities finished by 2030 in the plan and in the scenario, and when the
    scenario finishes them all if that is later."""
    at_end = frame[frame["year"] == config.FINAL_YEAR].set_index("serie")["label"]
    if not {"Plan", "Escenario"} <= set(at_end.index):
        return no_data(msg("describe.completion_years_title"))
    later = frame[(frame["serie"] == "Escenario") & (frame["year"] > config.FINAL_YEAR)]
    return msg("describe.delay_completion", final_year=config.FINAL_YEAR,
               plan=at_end["Plan"], scenario=at_end["Escenario"],
               later=msg("describe.delay_later", share=later.iloc[-1]["label"],
                         year=int(later.iloc[-1]["year"])) if len(later) else "")
