"""AppTest of the Actividades pages (Cronograma, Avance por año, Hitos, Responsables) with fixture
progress (tests/activity_fixtures.py, case "un_lote"), and a check that the pages stay thin."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from activity_fixtures import store_case_in_file
from apptest_helpers import open_page, text_of

PAGES = ["views/cronograma.py", "views/avance.py", "views/hitos.py", "views/responsables.py"]
ROOT = Path(__file__).resolve().parents[2]


def _open(page: str, year: int):
    return _run(open_page(page), year)


def _run(at, year: int):
    """Rerun with the shared year set. After switch_page AppTest runs the page without app.py's
    sidebar, so the year selectbox's state is not kept between runs: set it before each run."""
    at.session_state["year"] = year  # the sidebar selectbox's key (common.YEAR_KEY)
    at.run()
    assert not at.exception, at.exception
    return at


def _table(at, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has ``column``."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def _chart_rows(at, index: int = 0) -> list[dict]:
    chart = at.get("vega_lite_chart")[index]
    spec = json.loads(chart.proto.spec)
    datasets = spec.get("datasets") or {}
    if datasets:
        return next(iter(datasets.values()))
    return [r for d in chart.proto.datasets for r in _decode(d)]


def _decode(dataset) -> list[dict]:
    import pyarrow as pa
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()


@pytest.fixture
def progress_env(mini_env):
    store_case_in_file(mini_env, "un_lote")
    return mini_env


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("year", [2025, 2026, 2030])
def test_page_opens_with_fixture_progress(progress_env, page, year):
    at = _open(page, year)
    assert str(year) in text_of(at)


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_on_real_plan_without_progress(db_file, page):
    at = _open(page, 2026)
    assert not at.error


def test_cronograma_gantt_and_counts(progress_env):
    at = _open("views/cronograma.py", 2025)
    text = text_of(at)
    assert "6 de 6 actividades" in text
    assert "Programadas en 2025 3" in text and "✓ Completada 1" in text
    assert "↻ Reprogramada 1" in text
    rows = _chart_rows(at)
    assert len(rows) == 12  # every X of the fixture schedule
    cell = next(r for r in rows
                if r["activity_code"] == "1.1.1.2" and r["period_text"] == "2025 – sem. II")
    assert cell["status_label"] == "◐ En proceso" and cell["title"] == "Reuniones del grupo (mini)"


def test_cronograma_status_filter_uses_selected_year(progress_env):
    at = _open("views/cronograma.py", 2025)
    at.multiselect(key="gantt_status").set_value(["completed"])
    _run(at, 2025)
    assert "1 de 6 actividades" in text_of(at)
    assert {r["activity_code"] for r in _chart_rows(at)} == {"1.1.1.1"}


@pytest.mark.parametrize("widget, value, shown", [
    ("gantt_search", "catálogo", "1 de 6"),
    ("gantt_responsible", ["DGPRCS"], "4 de 6"),
    ("gantt_participants", ["EPS"], "4 de 6"),
    ("gantt_objectives", ["OE4"], "3 de 6"),
    ("gantt_lines", ["1.2"], "1 de 6"),
])
def test_cronograma_filters(progress_env, widget, value, shown):
    at = _open("views/cronograma.py", 2025)
    if isinstance(value, str):
        at.text_input(key=widget).input(value)
    else:
        at.multiselect(key=widget).set_value(value)
    _run(at, 2025)
    assert f"{shown} actividades" in text_of(at)


def test_cronograma_lists_overdue_activities(progress_env):
    at = _open("views/cronograma.py", 2026)
    late = _table(at, "Años vencidos (estado reportado)")
    assert late["Código"].tolist() == ["1.1.1.2", "1.2.1.1"]


def test_avance_yearly_view_2025(progress_env):
    at = _open("views/avance.py", 2025)
    text = text_of(at)
    assert "Programadas en 2025 3" in text
    years = _table(at, "Metas semestrales 2025 (sección 2.3)").set_index("Año")
    assert years.loc["2025", "Programadas"] == 3 and years.loc["2025", "✓ Completada"] == 1
    semesters = years.loc["2025", "Metas semestrales 2025 (sección 2.3)"]
    assert semesters == "2 con meta en sem. I · 2 en sem. II"
    detail = _table(at, "Meta sem. I (2.3)").set_index("Código")
    assert detail.loc["1.1.1.2", "Meta sem. II (2.3)"] == "02 reuniones"
    units = _table(at, "Unidad responsable").set_index("Unidad responsable")
    assert units.loc["DGAA", "Programadas"] == 2 and units.loc["DGPRCS", "↻ Reprogramada"] == 1
    assert "Alcanzan su meta 1" in text
    assert len(at.get("vega_lite_chart")) == 4  # all years + objective, line and unit


def test_avance_year_without_semester_columns(progress_env):
    at = _open("views/avance.py", 2027)
    detail = _table(at, "Meta (texto del plan)")
    assert "Meta sem. I (2.3)" not in detail.columns
    assert detail["Código"].tolist() == ["1.1.1.2", "4.1.1.1", "4.1.1.2"]


def test_hitos_states_and_detail(progress_env):
    at = _open("views/hitos.py", 2026)
    text = text_of(at)
    assert "Acciones con hito 4" in text and "⚠ Con atraso 2" in text
    table = _table(at, "Hito").set_index("Acción")
    assert table.loc["1.2.1", "Estado"] == "⚠ Con atraso"
    assert table.loc["4.1.1", "Estado"] == "◐ En avance"
    at.selectbox(key="hitos_action").set_value("4.1.2")
    _run(at, 2026)
    detail = _table(at, "Vencida")
    assert detail["Actividad"].tolist() == ["4.1.2.1", "4.1.2.1"]
    at.multiselect(key="hitos_status").set_value(["overdue"])
    _run(at, 2026)
    assert "2 de 4 acciones" in text_of(at)


def test_responsables_scorecard_and_overdue_list(progress_env):
    at = _open("views/responsables.py", 2028)
    card = _table(at, "Años vencidos").set_index("Unidad responsable")
    assert card.loc["DGAA", "Vencidas antes de 2028 (actividades)"] == 3
    assert card.loc["DGAA", "Años vencidos"] == 5
    at.selectbox(key="resp_unit").set_value("DGPRCS")
    _run(at, 2028)
    late = _table(at, "Años vencidos (estado reportado)")
    assert late["Código"].tolist() == ["1.2.1.1", "4.1.1.1", "4.1.1.2"]


def test_responsables_without_overdue(progress_env):
    at = _open("views/responsables.py", 2025)
    assert any("Ninguna actividad vencida antes de 2025" in s.value for s in at.success)


@pytest.mark.parametrize("page", PAGES)
def test_pages_are_thin(page):
    """Pages read state, call hdras and render: no SQL, no pandas, at most ~150 lines."""
    source = (ROOT / page).read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 150
    for pattern in (r"\bSELECT\b", r"\.execute\(", r"import pandas", r"\bpd\.", r"\.groupby\(",
                    r"\.merge\(", r"except Exception"):
        assert not re.search(pattern, source), pattern


def test_avance_unit_filter_narrows_the_activity_table(db_file):
    at = open_page("views/avance.py")
    unit = at.multiselect(key="avance_units").options[0]
    whole = len(at.dataframe[-1].value)
    at.multiselect(key="avance_units").set_value([unit]).run()
    assert not at.exception, at.exception
    shown = at.dataframe[-1].value
    assert 0 < len(shown) < whole
    assert all(unit in {u.strip() for u in re.split(r",|;|\s+y\s+", r)} for r in shown["Responsable"])
