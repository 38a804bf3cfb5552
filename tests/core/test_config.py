"""hdras.core.config: the default year and the users' clock (Peru), whatever the server's zone."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from hdras.core import config
from hdras.progress import store as progress


@pytest.mark.parametrize(("today", "year"), [
    (dt.date(2024, 12, 31), 2025), (dt.date(2025, 1, 1), 2025), (dt.date(2027, 6, 30), 2027),
    (dt.date(2030, 12, 31), 2030), (dt.date(2031, 1, 1), 2030)])
def test_default_year_is_this_year_within_the_plan(today, year):
    assert config.default_year(today) == year


def test_times_are_peru_time_by_default(monkeypatch):
    monkeypatch.delenv("HDRAS_TIMEZONE", raising=False)
    utc = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    lima = config.now()
    assert lima.tzinfo is None and lima.microsecond == 0
    assert abs((utc - dt.timedelta(hours=5)) - lima) < dt.timedelta(seconds=5)  # Peru: UTC−5
    assert config.timezone_label() == "hora de Perú"


def test_timezone_can_be_set_and_a_bad_name_falls_back_to_lima(monkeypatch):
    monkeypatch.setenv("HDRAS_TIMEZONE", "Europe/Madrid")
    assert config.timezone().key == "Europe/Madrid"
    assert config.timezone_label() == "hora de Europe/Madrid"
    for bad in ("Marte/Olympus", "../etc/passwd", " "):
        monkeypatch.setenv("HDRAS_TIMEZONE", bad)
        assert config.timezone().key == "America/Lima"


def test_a_batch_records_peru_time(mini_con, monkeypatch):
    monkeypatch.delenv("HDRAS_TIMEZONE", raising=False)
    frame = pd.DataFrame({"goal_code": ["M1"], "year": [2025], "value": [13.0], "source": [None]})
    batch = progress.record_batch(mini_con, frame, None, filename="x.xlsx", sha256="0" * 64,
                                  imported_by="prueba")
    stored = mini_con.execute("SELECT imported_at FROM import_batches WHERE batch_id = ?",
                              [batch]).fetchall()[0][0]
    assert abs(stored - config.now()) < dt.timedelta(seconds=5)
