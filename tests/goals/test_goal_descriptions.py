"""The Spanish description of every goal chart (its accessible name), from the chart's own data."""

from __future__ import annotations

import pytest

from goal_fixtures import store_actuals
from hdras.goals import chart_text, charts, series as goals
from hdras.progress import store as progress


@pytest.fixture
def fixture_data(mini_con):
    store_actuals(mini_con)
    return goals.load(mini_con)


def test_trajectory_says_baseline_target_latest_and_status(fixture_data):
    """The example of issue 14, with the project's number formatting."""
    assert chart_text.describe_trajectory(fixture_data["M2"], 2026) == (
        "Meta 2: línea base 4 % en 2024, meta 2030 20 %, último dato 5 % en 2025; "
        "progreso limitado.")
    assert chart_text.describe_trajectory(fixture_data["M2-caudal"], 2026) == (
        "Meta 2 (caudal): línea base 3.17 m³/s en 2024, meta 2030 15.9 m³/s, último dato "
        "4.6 m³/s en 2025; requiere aceleración.")


def test_trajectory_without_reports_says_so(fixture_data):
    assert chart_text.describe_trajectory(fixture_data["M5"], 2026) == (
        "Meta 5: línea base 0 % en 2024, meta 2030 50 %; sin avance reportado hasta 2026.")
    # a report after the analysis year does not count for it (status of design §5)
    assert "sin avance reportado hasta 2024" in chart_text.describe_trajectory(
        fixture_data["M1"], 2024)


def test_demo_values_are_called_ficticio(mini_con):
    from goal_fixtures import ACTUALS_2025
    progress.record_batch(mini_con, ACTUALS_2025, None, filename="demo", sha256="d",
                          imported_by="demo", is_demo=True)
    text = chart_text.describe_trajectory(goals.load(mini_con)["M1"], 2025)
    assert "último dato 14 % en 2025 (ficticio); en camino." in text


def test_every_chart_of_every_view_carries_its_description(fixture_data):
    for view in charts.VIEWS:
        for figure in charts.build_view(view, fixture_data, 2026):
            description = figure.chart.to_dict()["description"]
            assert len(description) > 40 and description.endswith("."), figure.key


def test_derived_views_describe_their_numbers(fixture_data):
    reuse = goals.reuse_table(fixture_data)
    assert chart_text.describe_total_flow(reuse) == (
        "Meta 2, caudal total de agua residual implícito: en las metas del plan, de 79.3 m³/s "
        "en 2024 a 79.5 m³/s en 2030; en lo reportado, 92 m³/s en 2025.")
    ptar = goals.biosolids_table(fixture_data)
    assert chart_text.describe_ptar(ptar, 172) == (
        "Meta 3 en PTAR de 172: el plan pide 0 PTAR en 2024 y 26 PTAR en 2030; reportado: "
        "27.5 PTAR equivalentes (16 %) en 2025.")
    _, parts = goals.renewables_tables(fixture_data)
    text = chart_text.describe_increments(parts)
    assert text.startswith("Nuevos prestadores con energía renovable por año, no acumulado. "
                           "Meta 4.1 (biogás): meta 0 en 2025, ")
    assert "3 en total; reportado 0 en 2025" in text and "16 en total; reportado 1 en 2025" in text


def test_charts_drawn_without_data_say_so(fixture_data):
    reuse = goals.reuse_table(fixture_data).assign(total_plan=float("nan"))
    assert chart_text.describe_total_flow(reuse).endswith("gráfico sin datos que mostrar.")
    ptar = goals.biosolids_table(fixture_data)
    assert "sin datos" in chart_text.describe_ptar(ptar.assign(ptar_needed=None), 172)
    _, parts = goals.renewables_tables(fixture_data)
    assert "sin datos" in chart_text.describe_increments(parts.assign(target=float("nan")))
