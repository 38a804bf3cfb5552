"""AppTest: the Metas page and Resumen's status lines, on the fixture plan with fixture actuals."""

from __future__ import annotations

import json

import pytest

from apptest_helpers import APP, open_page, text_of
from goal_fixtures import EXPECTED, store_actuals_in_file
from hdras.goals import charts, series as goals, status
from views.present import badge_of
from streamlit.testing.v1 import AppTest

PAGE = "views/metas.py"


def open_metas(year: int | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if year is not None:
        at.session_state["year"] = year
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def status_dataframe(at: AppTest):
    """The status table at the top of the page (the page's only dataframe)."""
    assert len(at.dataframe) == 1
    return at.dataframe[0].value


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def test_metas_shows_expected_categories(mini_env):
    store_actuals_in_file(mini_env)
    at = open_metas(2026)
    table = status_dataframe(at)
    shown = dict(zip(table["Serie"], table["Estado"]))
    expected = {goals.goal_label(code): status.CATEGORIES[cat].text()
                for code, cat in EXPECTED.items()}
    assert shown == expected
    assert "Estado de las metas · 2026" in text_of(at)


def test_metas_without_actuals_says_sin_datos(mini_env):
    at = open_metas(2025)
    table = status_dataframe(at)
    assert set(table["Estado"]) == {"○ Sin datos"}
    assert any("Aún no hay avances reportados" in i.value for i in at.info)
    assert len(at.get("vega_lite_chart")) == 1  # the plan is still drawn


@pytest.mark.parametrize("view, n_charts, series", [
    ("M1", 1, ["M1"]), ("M2", 3, ["M2", "M2-caudal"]), ("M3", 2, ["M3"]),
    ("M4", 2, ["M4", "M4.1", "M4.2"]), ("M5", 1, ["M5"]), ("M6", 1, ["M6"])])
def test_each_view_draws_its_charts_status_and_downloads(mini_env, view, n_charts, series):
    store_actuals_in_file(mini_env)
    at = open_metas(2026)
    at.segmented_control(key="vista").set_value(view).run()
    assert not at.exception, at.exception
    specs = chart_specs(at)
    assert len(specs) == n_charts
    downloads = {b.proto.label for b in at.get("download_button")}
    assert downloads == {"PNG", "SVG", "CSV"} and len(at.get("download_button")) == 3 * n_charts
    for code in series:
        label = status.CATEGORIES[EXPECTED[code]].label
        assert any(label in m.value and goals.goal_label(code) in m.value
                   for m in at.markdown), (code, label)
    titles = [" ".join(s["title"]["text"]) for s in specs]
    assert titles[0].startswith(goals.goal_label(series[0]))


def test_reuse_view_shows_percent_flow_and_total(mini_env):
    store_actuals_in_file(mini_env)
    at = open_metas(2026)
    at.segmented_control(key="vista").set_value("M2").run()
    specs = chart_specs(at)
    text = json.dumps(specs, ensure_ascii=False)
    for axis in ("Porcentaje (%)", "Caudal (m³/s)", "Caudal total de agua residual (m³/s)"):
        assert axis in text
    assert any("79.25 m³/s" in c.value for c in at.caption)


def test_renewables_view_explains_increment_status(mini_env):
    store_actuals_in_file(mini_env)
    at = open_metas(2026)
    at.segmented_control(key="vista").set_value("M4").run()
    page = text_of(at)
    assert "acumulado de nuevos prestadores desde 2024" in page  # status basis of 4.1 / 4.2
    specs = json.dumps(chart_specs(at), ensure_ascii=False)
    assert "ACUMULADO" in specs and "POR AÑO" in specs


def test_formula_and_source_in_an_expander(mini_env):
    at = open_metas(2025)
    [expander] = [e for e in at.expander if e.label == status.msg("status.method_title")]
    inner = " ".join(m.value for m in expander.markdown)
    assert "Statistics Canada" in inner and "Open SDG" in inner and status.SOURCE_URL in inner
    assert len(expander.get("latex")) == len(status.FORMULAS)


def test_resumen_shows_status_of_every_goal(mini_env):
    store_actuals_in_file(mini_env)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["year"] = 2026
    at.run()
    assert not at.exception, at.exception
    page = text_of(at)
    for code, category in EXPECTED.items():
        assert badge_of(status.CATEGORIES[category]) in page, code
    assert "R = 1.44 · último dato: 14 % (2025)" in page


def test_metas_opens_on_real_plan(db_file):
    at = open_page(PAGE)
    assert not at.exception, at.exception
    assert len(charts.VIEWS) == len(at.segmented_control(key="vista").options)


def test_a_link_opens_the_named_view(mini_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.query_params["vista"] = "M3"
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.segmented_control(key="vista").value == "M3"
    assert len(at.get("vega_lite_chart")) == 2  # Meta 3 % and its PTAR equivalent
