"""AppTest: every page opens without an exception, on the real plan and on the fixture plan."""

from __future__ import annotations

import pytest

from apptest_helpers import open_page, text_of

PAGES = ["views/resumen.py", "views/plan.py"]


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_on_real_plan(db_file, page):
    at = open_page(page)
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_on_fixture_plan(mini_env, page):
    at = open_page(page)
    assert not at.exception, at.exception


def test_resumen_shows_six_goals_for_selected_year(mini_env):
    at = open_page()
    at.selectbox(key="year").set_value(2027).run()
    assert not at.exception
    text = text_of(at)
    for n in range(1, 7):
        assert f"Meta {n} ·" in text
    # Meta 2 target for 2027 is 10.5 % and 2030 is 20 % (Tabla 1)
    assert "Meta 2027 10.5 %" in text
    assert "20 %" in text


def test_plan_search_filters_activities(mini_env):
    at = open_page("views/plan.py")
    at.text_input(key="plan_search").input("mercado").run()
    assert not at.exception
    assert any("1 de 6 actividades" in c.value for c in at.caption)
