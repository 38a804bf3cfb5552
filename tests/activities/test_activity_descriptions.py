"""The Spanish description of every activity chart, and the Gantt as a table («Ver datos»)."""

from __future__ import annotations

import pandas as pd
import pytest

from activity_fixtures import MINI_PLAN, store_case
from hdras.activities import chart_text, charts as activity_charts, schedule
from hdras.core import db


@pytest.fixture(scope="module")
def rows():
    """The fixture plan's planned rows with the batch of the case 'un_lote'."""
    con = db.connect(":memory:")
    db.ensure_schema(con, MINI_PLAN)
    store_case(con, "un_lote")
    yield schedule.planned_rows(con)
    con.close()


def test_gantt_description_counts_activities_periods_statuses_and_overdue(rows):
    cells = schedule.schedule_cells(rows, 2026)
    # Fixture schedule: 6 activities, 12 X marks; in 2026 1.1.1.2 (no report) and 4.1.1.1
    # (Completada); before 2026, 1.1.1.2's two 2025 cells (En proceso) and 1.2.1.1 (Reprogramada)
    # are overdue.
    assert chart_text.describe_gantt(cells, 2026) == (
        "Cronograma de 6 actividades, de 2025 – sem. I a 2030: 12 periodos programados. En 2026, "
        "2 actividades programadas: Completada 1, Sin reporte 1. Periodos vencidos antes de "
        "2026: 3.")
    built = activity_charts.build_gantt_chart(cells, 2026).to_dict()
    assert built["description"] == chart_text.describe_gantt(cells, 2026)


def test_gantt_table_has_a_row_per_activity_and_a_column_per_period(rows):
    table = chart_text.gantt_table(schedule.schedule_cells(rows, 2026))
    assert list(table.columns[:2]) == ["Actividad", "Título"]
    assert list(table.columns[2:]) == ["2025 – sem. I", "2025 – sem. II", "2026", "2027", "2028",
                                       "2029", "2030"]
    assert table["Actividad"].tolist() == ["1.1.1.1", "1.1.1.2", "1.2.1.1", "4.1.1.1", "4.1.1.2",
                                           "4.1.2.1"]
    row = table.set_index("Actividad").loc["1.1.1.2"]
    assert row["2025 – sem. I"] == "◐ En proceso ⚠" and row["2028"] == ""
    assert table.set_index("Actividad").loc["4.1.1.1", "2026"] == "✓ Completada"


def test_completion_descriptions_follow_the_counts(rows):
    by_year = pd.DataFrame({"year": [2025, 2026], "planned": [3, 0], "completed": [1, 0],
                            "in_progress": [1, 0], "rescheduled": [1, 0], "not_started": [0, 0]})
    text = chart_text.describe_completion_by_year(by_year)
    assert text == ("Actividades programadas por año y su estado: 2025: 3 programadas "
                    "(Completada 1, En proceso 1, Reprogramada 1).")
    counts = schedule.breakdown(schedule.select_rows(rows, year=2025), "objective")
    assert chart_text.describe_breakdown(counts, "Objetivo").startswith(
        "Actividades programadas en el año de análisis, por objetivo: OE1: 3 programadas")
    chart = activity_charts.build_breakdown_chart(counts, "Objetivo").to_dict()
    assert chart["description"] == chart_text.describe_breakdown(counts, "Objetivo")


def test_activity_charts_without_data_say_so():
    assert chart_text.describe_gantt(pd.DataFrame(), 2026) == (
        "Cronograma de actividades: gráfico sin datos que mostrar.")
    assert chart_text.gantt_table(pd.DataFrame()).empty
    empty = pd.DataFrame({"year": [2025], "planned": [0], "completed": [0], "in_progress": [0],
                          "rescheduled": [0], "not_started": [0]})
    assert "sin datos" in chart_text.describe_completion_by_year(empty)
    assert "sin datos" in chart_text.describe_breakdown(pd.DataFrame(), "Unidad responsable")


def test_counts_and_icons_on_fills_take_the_readable_colour(rows):
    cells = schedule.schedule_cells(rows, 2026)
    frame = activity_charts.gantt_frame(cells, 2026)
    assert set(frame["ink"]) <= {"#ffffff", "#111111"}
    spec = activity_charts.build_completion_by_year_chart(
        pd.DataFrame({"year": [2025], "planned": [2], "completed": [1], "in_progress": [1],
                      "rescheduled": [0], "not_started": [0]}), 2025).to_dict()
    text_layer = spec["layer"][1]
    assert text_layer["encoding"]["color"] == {
        "condition": {"test": "(datum.ink === '#ffffff')", "value": "#ffffff"}, "value": "#111111"}
    assert "field" not in text_layer["encoding"]["color"]  # so the legend keeps its squares
