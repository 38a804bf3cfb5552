"""The words of every scenario chart, from the frame it draws: its accessible name (what does not
move with the sliders) and its summary (where the scenario's lines end, announced on each change)."""

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
    text = _flat(charts.projection_words(frame, "Meta 2 · Reúso")[1])
    # +1 m³/s a year from 6.25 % of the implied total flow, as the chart labels it
    assert text == ("Meta 2 · Reúso: Meta del plan (Tabla 1) 20 % en 2030; Escenario actual "
                    "11.53 % en 2030; último valor reportado 6.25 % en 2025.")
    drawn = charts.projection_chart(frame, "%", "Meta 2 · Reúso")
    assert _flat(drawn.summary) == text
    assert _flat(drawn.spec["description"]) == (
        "Meta 2 · Reúso: Meta del plan (Tabla 1) 20 % en 2030; último valor reportado 6.25 % en "
        "2025. La línea «Escenario actual» sigue los supuestos; sus valores, bajo el gráfico y en "
        "«Ver datos».")


def test_a_slider_step_changes_the_data_and_the_summary_never_the_spec(inputs):
    """The same spec while a slider moves: the browser swaps the data instead of rebuilding the
    chart (Streamlit keys a chart's view on its spec)."""
    drawn = [charts.projection_chart(tables.chart_frame(outcomes.evaluate_goal(
        inputs, sp.with_rate(sp.default_params(inputs), "M2", "linear", rate), "M2"), inputs),
        "%", "Meta 2 · Reúso") for rate in (1.0, 1.1)]
    assert drawn[0].spec == drawn[1].spec
    assert not drawn[0].data.equals(drawn[1].data)
    assert drawn[0].summary != drawn[1].summary
    delayed = [charts.completion_chart(tables.delay_chart_frame(outcomes.delay_outcome(
        inputs, dataclasses.replace(sp.default_params(inputs), delay_years=1,
                                    delay_objectives=objectives))))
        for objectives in (("OE4",), ("OE4", "OE5"))]
    assert delayed[0].spec == delayed[1].spec


def test_comparison_lists_every_lines_2030_value(inputs):
    params = sp.default_params(inputs)
    slow = sp.with_rate(params, "M2", "linear", 1.0)
    frame = tables.comparison_frame(inputs, {"Escenario actual": params, "Lento": slow}, "M2")
    drawn = charts.comparison_chart(frame, "%", "Meta 2")
    assert _flat(drawn.summary) == (
        "Meta 2, valores en 2030: Meta del plan (Tabla 1) 20 %, Escenario actual 20.06 % y Lento "
        "11.53 %.")
    assert _flat(drawn.spec["description"]) == (
        "Meta 2: Meta del plan (Tabla 1) 20 % en 2030, frente a Escenario actual y Lento; sus valores en "
        "2030, en la tabla de comparación y en «Ver datos».")


def test_delay_chart_says_when_the_scenario_finishes(inputs):
    params = dataclasses.replace(sp.default_params(inputs), delay_years=2,
                                 delay_objectives=("OE4",))
    frame = tables.delay_chart_frame(outcomes.delay_outcome(inputs, params))
    text = _flat(charts.delay_completion_words(frame)[1])
    assert text.startswith("Actividades terminadas (acumulado) por año: en 2030, plan 100 % y "
                           "escenario ")
    assert text.endswith("; el escenario llega a 100 % en 2032.")
    drawn = charts.completion_chart(frame)
    assert _flat(drawn.summary) == text
    assert _flat(drawn.spec["description"]) == (
        "Actividades terminadas (acumulado) por año: plan 100 % en 2030; la línea del escenario "
        "sigue los retrasos elegidos; sus valores, en «Ver datos».")


def test_scenario_charts_without_data_say_so():
    empty = pd.DataFrame(columns=["year", "value", "serie", "label"])
    assert charts.projection_words(empty, "Meta 1")[1].endswith("sin datos que mostrar.")
    assert charts.projection_words(empty, "Meta 1")[0].endswith("sin datos que mostrar.")
    assert charts.comparison_words(empty, "Meta 1")[0].endswith("sin datos que mostrar.")
    assert charts.comparison_words(empty, "Meta 1")[1].endswith("sin datos que mostrar.")
    assert "sin datos" in charts.delay_completion_words(
        pd.DataFrame(columns=["year", "share", "serie", "label"]))[1]
