"""AppTest: the Novedades page (design §9) and the «Informe para la reunión» button on Resumen."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from apptest_helpers import open_page, text_of
from hdras.core import config, db
from hdras.progress import store as progress


def _seed(path, days_ago: int = 10) -> None:
    when = config.now() - dt.timedelta(days=days_ago)
    with db.session(path) as con:
        progress.record_batch(con, pd.DataFrame([("M1", 2025, 14.0, None)], columns=[
            "goal_code", "year", "value", "source"]), pd.DataFrame(
            [("1.1.1.1", 2025, "Completada")], columns=["activity_code", "year", "status"]),
            filename="avance.xlsx", sha256="2" * 64, imported_by="Ana Pérez", imported_at=when)


def test_novedades_shows_the_last_90_days_by_default(mini_env):
    _seed(mini_env)
    at = open_page("views/novedades.py")
    assert not at.exception, at.exception
    text = text_of(at)
    assert "Lotes importados (1)" in text and "Ana Pérez" in text
    assert "Meta 1 | 2025 | — | 14 % | ○ Sin datos | ✔ En camino" in text
    assert "1.1.1.1 |" in text and "✓ Completada" in text
    since = at.date_input(key="nov_since").value
    assert since == config.now().date() - dt.timedelta(days=90)


def test_a_window_with_nothing_says_so(mini_env):
    _seed(mini_env, days_ago=200)
    at = open_page("views/novedades.py")
    assert "Nada cambió entre el" in text_of(at)


def test_one_click_on_an_import_day(mini_env):
    _seed(mini_env, days_ago=200)
    at = open_page("views/novedades.py")
    day = (config.now() - dt.timedelta(days=200)).date()
    at.button_group(key="nov_quick").set_value(day).run()  # st.pills
    assert not at.exception, at.exception
    assert at.date_input(key="nov_since").value == day - dt.timedelta(days=1)
    assert "Lotes importados (1)" in text_of(at)


def test_resumen_offers_the_meeting_pack_in_both_formats(mini_env):
    at = open_page()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["PDF (A4)", "Diapositivas (PPTX)"]


def test_back_and_forward_take_the_window_of_the_address(mini_env, monkeypatch):
    """The window is written into the address (?desde=…) and each change is an entry of the
    browser's history: a run from Back or Forward takes that entry's window, a plain run keeps
    the session's (views/common.follow_address; the browser tests press Back on Metas)."""
    from views import common
    _seed(mini_env, days_ago=200)
    at = open_page("views/novedades.py")
    default = at.date_input(key="nov_since").value
    day = (config.now() - dt.timedelta(days=201)).date()
    at.date_input(key="nov_since").set_value(day).run()
    assert at.query_params["desde"] in (day.isoformat(), [day.isoformat()])
    assert "Lotes importados (1)" in text_of(at)

    at.query_params["desde"] = default.isoformat()  # the earlier entry's address
    at.run()  # a plain run: the session's window stays, and so does the address
    assert at.date_input(key="nov_since").value == day
    at.query_params["desde"] = default.isoformat()
    monkeypatch.setattr(common, "history_navigation", lambda: True)  # Back
    at.run()
    assert not at.exception, at.exception
    assert at.date_input(key="nov_since").value == default
    assert "Nada cambió entre el" in text_of(at)
