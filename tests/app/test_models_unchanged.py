"""Read models are shared by every session without copies (views/models.SharedCache): no page may
change one. Every page is opened and its main choices made with the demo data, and each cached
model must still be what was built."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from apptest_helpers import open_page
from hdras.core import db
from hdras.progress import demo
from test_app_pages import PAGES
from views import models


@pytest.fixture
def checked(db_file, monkeypatch):
    with db.session(db_file) as con:
        demo.store_demo_batch(con)
    monkeypatch.setattr(models.SharedCache, "CHECK", True)
    return db_file


# Per page: the choices a person makes there (widget key, value), one run each.
CHOICES = {
    "views/plan.py": [("plan_search", "biosólidos"), ("plan_responsible", ["DGAA"])],
    "views/metas.py": [("vista", "M2"), ("vista", "M4")],
    "views/cronograma.py": [("gantt_responsible", ["PNSU"]), ("gantt_search", "PTAR")],
    "views/avance.py": [("avance_units", ["DGPRCS"])],
    "views/hitos.py": [("hitos_objectives", ["OE1"])],
    "views/responsables.py": [("resp_unit", "DGAA")],
    "views/escenarios.py": [("sc_rate_M1_linear", 2.0), ("sc_focus", "M2")],
}


def _choose(at, key: str, value) -> None:
    for kind in ("selectbox", "multiselect", "text_input", "slider", "segmented_control"):
        widgets = [w for w in at.get(kind) if getattr(w, "key", None) == key]
        if widgets:
            widgets[0].set_value(value).run()
            return
    raise AssertionError(f"no widget with key {key}")


def test_no_page_changes_a_read_model(checked):
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, (page, at.exception)
        for key, value in CHOICES.get(page, []):
            _choose(at, key, value)
            assert not at.exception, (page, key, at.exception)
        at.selectbox(key="year").set_value(2030).run()
        assert not at.exception, (page, at.exception)
    assert sum(len(cache._items) for cache in models._CACHES) > 20  # the walk used the caches
    assert models.changed_models() == []


def test_a_changed_model_is_found(monkeypatch):
    monkeypatch.setattr(models.SharedCache, "CHECK", True)
    cache = models.SharedCache(2)
    cache.get(("v1",), lambda: {"rows": [1, 2]})["rows"].append(3)
    frame = cache.get(("v2",), lambda: pd.DataFrame({"code": ["1.1.1", "1.1.2"], "n": [1, 2]}))
    assert cache.changed() == [("v1",)]
    frame[frame["n"] > 1]  # filtering may re-lay the frame out in memory: no change
    assert cache.changed() == [("v1",)]
    frame.loc[0, "n"] = 5
    assert cache.changed() == [("v1",), ("v2",)]


def test_one_build_per_key_while_sessions_wait():
    cache, builds, started = models.SharedCache(4), [], threading.Event()

    def build():
        builds.append(1)
        started.wait(1)
        return "modelo"

    threads = [threading.Thread(target=cache.get, args=(("v1", 2026), build)) for _ in range(8)]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join()
    assert builds == [1] and cache.get(("v1", 2026), build) == "modelo"


def test_the_cache_keeps_its_newest_entries():
    cache = models.SharedCache(2)
    for version in ("v1", "v2", "v3"):
        cache.get((version,), lambda v=version: v)
    assert list(cache._items) == [("v2",), ("v3",)]


def test_a_failed_build_is_not_kept():
    cache = models.SharedCache(2)
    with pytest.raises(RuntimeError):
        cache.get(("v1",), lambda: (_ for _ in ()).throw(RuntimeError("ocupado")))
    assert cache.get(("v1",), lambda: "bien") == "bien"
