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
