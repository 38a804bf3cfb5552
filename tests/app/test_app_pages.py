"""AppTest: every page opens without an exception, on the real plan and on the fixture plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from apptest_helpers import APP, open_page, table_rows, text_of

# Every page app.py registers, so a new page is opened here without being listed by hand.
PAGES = re.findall(r'st\.Page\("(views/[a-z_]+\.py)"', open(APP, encoding="utf-8").read())


def test_every_view_file_is_registered():
    views = {f"views/{p.name}" for p in (Path(APP).parent / "views").glob("*.py")}
    helpers = {"common", "access", "present", "charts", "models", "scenario_widgets",
               "import_widgets", "meeting_pack"}  # shared by pages, not pages
    assert views - set(PAGES) == {f"views/{name}.py" for name in helpers}


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
    assert "Meta 2027: **10.5 %**" in text
    assert "20 %" in text
    # the plan's footnotes ¹ (Meta 3) and ² (Meta 5) are about 2025: no card points to them
    assert not [c.value for c in at.caption if c.value.startswith(("¹", "²"))]
    at.selectbox(key="year").set_value(2025).run()
    assert "Meta 2025: **2.8 %** ¹" in text_of(at) and "Meta 2025: **0 %** ²" in text_of(at)
    [notes] = [c.value for c in at.caption if c.value.startswith("¹")]
    assert "² " in notes


def test_plan_search_filters_activities(mini_env):
    at = open_page("views/plan.py")
    at.text_input(key="plan_search").input("mercado").run()
    assert not at.exception
    assert any("1 de 6 actividades" in c.value for c in at.caption)
    # the one action left, its heading over the table of its one activity
    [block] = [h.value for h in at.html if "Acción " in h.value]
    assert block.startswith("<p><strong>Acción ") and "Plazo: <strong>" in block
    rows = [row for row in table_rows(at) if row[0] != "Código"]
    assert len(rows) == 1 and "mercado" in " ".join(rows[0]).lower()


@pytest.mark.parametrize("page", ["views/plan.py", "views/metas.py", "views/avance.py"])
def test_busy_database_gives_a_spanish_message_not_a_traceback(db_file, monkeypatch, page):
    """The command line may hold the file for a moment: pages wait, then say so in Spanish."""
    import subprocess
    import sys

    from hdras.core import db

    db.session(db_file).__enter__().close()  # build it first
    monkeypatch.setenv("HDRAS_DB_WAIT_SECONDS", "0.3")
    at = open_page()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ok', flush=True); time.sleep(60)", str(db_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert any("está en uso" in e.value for e in at.error)
    finally:
        holder.kill()
        holder.wait()


def test_a_bug_in_a_page_shows_a_spanish_message_not_streamlits(mini_env, monkeypatch):
    """In production (no HDRAS_DEBUG) an unexpected error becomes a Spanish message; the sidebar
    and the other pages stay usable."""
    from hdras.plan import queries as plan_queries

    def broken(*args, **kwargs):
        raise ZeroDivisionError("un error de programación")
    monkeypatch.setattr(plan_queries, "plan_size", broken)
    monkeypatch.delenv("HDRAS_DEBUG")
    at = open_page()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Esta página tuvo un error inesperado y no se pudo mostrar completa. No se guardó nada a "
        "medias. Pruebe otra vez o abra otra página; si se repite, avise al equipo técnico (el "
        "detalle quedó en el registro del servidor)."]
    assert at.selectbox(key="year").value is not None
    assert "ZeroDivisionError" not in text_of(at)
