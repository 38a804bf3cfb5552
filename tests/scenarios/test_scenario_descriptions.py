"""The Spanish description of every scenario chart (its accessible name), from the frame it draws."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from hdras.progress import store as progress
from hdras.scenarios import assumptions as sp, charts, model as sc, outcomes, tables


def _flat(text: str) -> str:
    """The text with its no-break spaces (numbers kept with their unit) as plain spaces."""
    return " ".join(text.split())


@pytest.fixture
def inputs(mini_con):
    frame = pd.DataFrame([("M2", 2025, 6.25, None)],
                         columns=["goal_code", "year", "value", "source"])
    progress.record_batch(mini_con, frame, None, filename="t.xlsx", sha256="x",
                          imported_by="prueba")
    return sc.load_inputs(mini_con)


def test_projection_names_the_plan_the_scenario_and_the_latest_report(inputs):
    params = sp.with_rate(sp.default_params(inputs), "M2", "linear", 1.0)
    outcome = outcomes.evaluate_goal(inputs, params, "M2")
    frame = tables.chart_frame(outcome, inputs)
    text = _flat(charts.describe_projection(frame, "Meta 2 · Reúso"))
    # +1 m³/s a year from 6.25 % of the implied total flow, as the chart labels it
    assert text == ("Meta 2 · Reúso: Meta del plan (Tabla 1) 20 % en 2030; Escenario actual "
                    "11.53 % en 2030; último valor reportado 6.25 % en 2025.")
    assert _flat(charts.projection_chart(frame, "%", "Meta 2 · Reúso").spec["description"]) == text


def test_comparison_lists_every_lines_2030_value(inputs):
    params = sp.default_params(inputs)
    slow = sp.with_rate(params, "M2", "linear", 1.0)
    frame = tables.comparison_frame(inputs, {"Escenario actual": params, "Lento": slow}, "M2")
    assert _flat(charts.describe_comparison(frame, "Meta 2")) == (
        "Meta 2, valores en 2030: Meta del plan (Tabla 1) 20 %, Escenario actual 20.06 % y Lento "
        "11.53 %.")


def test_delay_chart_says_when_the_scenario_finishes(inputs):
    params = dataclasses.replace(sp.default_params(inputs), delay_years=2,
                                 delay_objectives=("OE4",))
    frame = tables.delay_chart_frame(outcomes.delay_outcome(inputs, params))
    text = _flat(charts.describe_delay_completion(frame))
    assert text.startswith("Actividades terminadas (acumulado) por año: en 2030, plan 100 % y "
                           "escenario ")
    assert text.endswith("; el escenario llega a 100 % en 2032.")
    assert _flat(charts.completion_chart(frame).spec["description"]) == text


def test_scenario_charts_without_data_say_so():
    empty = pd.DataFrame(columns=["year", "value", "serie", "label"])
    assert charts.describe_projection(empty, "Meta 1").endswith("sin datos que mostrar.")
    assert charts.describe_comparison(empty, "Meta 1").endswith("sin datos que mostrar.")
    assert "sin datos" in charts.describe_delay_completion(
        pd.DataFrame(columns=["year", "share", "serie", "label"]))
