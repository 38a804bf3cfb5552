"""AppTest: on every page that draws charts, each chart carries its Spanish description (its
accessible name) and a «Ver datos» table under it; a chart without data says so on screen."""

from __future__ import annotations

import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import APP, open_chart_data, open_page
from hdras.core import db
from hdras.core.messages import msg
from hdras.progress import demo

GENERIC_NAME = "Vega visualization"


@pytest.fixture
def demo_env(mini_env):
    """The fixture plan with the fictitious demo batch (goals and activities reported)."""
    with db.session(mini_env) as con:
        demo.store_demo_batch(con)
    return mini_env


def _descriptions(at) -> list[str]:
    return [json.loads(chart.proto.spec).get("description", "")
            for chart in at.get("vega_lite_chart")]


def _data_expanders(at) -> list:
    return [e for e in at.expander if e.label == msg("chart.see_data")]


def _table_of(expander) -> str:
    """The table «Ver datos» holds (HTML, views/present.table_html)."""
    [table] = expander.get("html")
    return table.value


@pytest.mark.parametrize("page, charts", [
    ("views/metas.py", 1), ("views/avance.py", 4), ("views/cronograma.py", 1),
    ("views/responsables.py", 1), ("views/escenarios.py", 2)])
def test_every_chart_has_a_description_and_its_numbers_under_it(demo_env, page, charts):
    at = open_page(page)
    assert not at.exception, at.exception
    descriptions = _descriptions(at)
    assert len(descriptions) == charts
    assert all(len(d) > 40 and d != GENERIC_NAME for d in descriptions), descriptions
    expanders = _data_expanders(at)
    assert len(expanders) == charts
    assert not any(e.get("html") for e in expanders)  # folded: no table to redraw
    open_chart_data(at)
    assert not at.exception, at.exception
    name = html.escape(msg("chart.data_region"))
    assert all(_table_of(e).startswith(  # in a named box that scrolls a wide table sideways
        f'<div class="hdras-scroll" role="region" tabindex="0" aria-label="{name}">'
        '<table class="hdras-table">') for e in _data_expanders(at))


@pytest.mark.parametrize("view, charts", [("M2", 3), ("M3", 2), ("M4", 2), ("M6", 1)])
def test_every_goal_view_describes_its_charts(demo_env, view, charts):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["vista"] = view
    at.run()
    at.switch_page("views/metas.py").run()
    assert not at.exception, at.exception
    descriptions = _descriptions(at)
    assert len(descriptions) == len(_data_expanders(at)) == charts
    assert "(ficticio)" in descriptions[0]  # demo values are labelled everywhere they show
    for expander in _data_expanders(open_chart_data(at)):  # «Ver datos» heads its columns in words, not the CSV's
        header = re.findall(r"<th [^>]*>(.*?)</th>", _table_of(expander).split("</thead>")[0])
        assert header and not any("_" in h for h in header), header


def test_a_chart_without_data_says_so_on_screen():
    def page():
        import pandas as pd
        from views import present
        present.chart_data(present.data_text(pd.DataFrame()), "vacio")

    at = AppTest.from_function(page).run()
    assert [i.value for i in at.info] == [msg("chart.no_data_screen")]
    assert not at.expander


def test_a_table_given_as_a_function_is_built_only_while_open():
    """Escenarios builds its charts on every slider step: the «Ver datos» table is built only
    when someone reads it, and then it is the same table."""
    def page():
        import pandas as pd
        import streamlit as st
        from views import present

        def build() -> str:
            st.session_state["built"] = st.session_state.get("built", 0) + 1
            return present.data_text(pd.DataFrame({"Año": [2030], "Valor": ["20 %"]}))

        present.chart_data(build, "perezosa")

    at = AppTest.from_function(page).run()
    assert len(_data_expanders(at)) == 1 and "built" not in at.session_state
    opened = open_chart_data(at)
    assert not opened.exception, opened.exception
    assert opened.session_state["built"] == 1
    assert "<td>2030</td>" in _table_of(_data_expanders(opened)[0])


def test_escenarios_announces_what_a_slider_step_changed(demo_env):
    """The goal chart keeps its name while a slider moves (the browser swaps its data only); the
    scenario's 2030 value is in a status region screen readers announce, and it follows the
    slider."""
    at = open_page("views/escenarios.py")

    def live() -> list[str]:
        return [m.value for m in at.markdown if 'role="status"' in m.value]

    before, name = live(), _descriptions(at)[0]
    assert len(before) == 2 and "Escenario actual" in before[0]  # the goal and the delays
    at.slider(key="sc_rate_M1_linear").set_value(0.5).run()
    assert not at.exception, at.exception
    after = live()
    assert after[0] != before[0] and "Escenario actual" in after[0]
    assert _descriptions(at)[0] == name
