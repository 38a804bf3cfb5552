"""Who has reported (design §3 ``reporting``, issue 11): the figures per unit and year against an
independent pandas computation on data/, the JSON contract, and the section on Responsables."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from hdras.cli import main as cli
from hdras.core import config, db
from hdras.progress import reporting, store as progress

DATA = Path(__file__).resolve().parents[2] / "data"
T1, T2, T3 = (dt.datetime(2025, 6, 10, 9, 0), dt.datetime(2025, 7, 1, 15, 30),
              dt.datetime(2025, 8, 1, 11, 0))
# (batch time, rolled back?, reports as (code, year, estado)) — codes from data/activities.csv:
# 1.1.1.1 DGAA 2025 · 1.2.1.1 DGPRCS+DGAA 2025 · 4.1.2.1 DGAA+PNSR+PNSU 2025, 2026 ·
# 1.1.3.2 DGPRCS 2025, 2026 · 5.3.2.1 DGAA 2026 · 4.2.2.1 DGAA+PNSR+PNSU 2027
BATCHES = [
    (T1, False, [("1.1.1.1", 2025, "Completada"), ("1.2.1.1", 2025, "No iniciada"),
                 ("4.1.2.1", 2025, "En proceso"), ("5.3.2.1", 2025, "En proceso")]),  # not planned
    (T2, False, [("4.1.2.1", 2025, "Completada"), ("1.1.3.2", 2026, "Reprogramada"),
                 ("4.1.2.1", 2026, "En proceso")]),
    (T3, True, [("1.1.3.2", 2025, "Completada"), ("4.2.2.1", 2027, "En proceso")]),
]


def _store(con) -> None:
    for imported_at, rolled_back, reports in BATCHES:
        frame = pd.DataFrame([(c, y, s, None, None, None) for c, y, s in reports],
                             columns=progress.ACTIVITY_COLUMNS)
        batch = progress.record_batch(con, None, frame, filename="avance.xlsx", sha256="0" * 64,
                                      imported_by="pytest", imported_at=imported_at)
        if rolled_back:
            progress.rollback_batch(con, batch, "pytest")


def _oracle(year: int) -> dict:
    """Straight from the CSV files and BATCHES, without hdras: unit → (planned codes, reported
    codes, latest report date)."""
    activities = pd.read_csv(DATA / "activities.csv", dtype=str)
    schedule = pd.read_csv(DATA / "activity_schedule.csv", dtype=str)
    planned = set(schedule.loc[schedule["period"].str.startswith(str(year)), "activity_code"])
    current: dict[tuple[str, int], dt.datetime] = {}
    for imported_at, rolled_back, reports in BATCHES:
        if not rolled_back:
            for code, y, _ in reports:
                current[(code, y)] = imported_at
    result = {}
    for _, row in activities.iterrows():
        for unit in {u.strip() for u in re.split(r",| y ", row["responsible"]) if u.strip()}:
            mine = result.setdefault(unit, (set(), set(), []))
            if row["code"] in planned:
                mine[0].add(row["code"])
                if (row["code"], year) in current:
                    mine[1].add(row["code"])
                    mine[2].append(current[(row["code"], year)].date())
    return {u: (p, r, max(d) if d else None) for u, (p, r, d) in result.items()}


@pytest.fixture
def reported_con(plan_con):
    _store(plan_con)
    return plan_con


@pytest.mark.parametrize("year", config.PLAN_YEARS)
def test_reporting_figures_match_an_independent_computation(reported_con, year):
    frame = reporting.unit_reporting(reporting.reporting_rows(reported_con), year)
    oracle = _oracle(year)
    assert frame["unit"].tolist() == sorted(oracle) == ["DGAA", "DGPRCS", "PNSR", "PNSU"]
    for row in frame.itertuples(index=False):
        planned, reported, latest = oracle[row.unit]
        assert row.planned == len(planned), row.unit
        assert row.reported == len(reported), row.unit
        assert set(row.missing) == planned - reported and len(row.missing) == len(set(row.missing))
        assert row.last_report == latest, row.unit


def test_reporting_counts_shared_activities_for_each_unit(reported_con):
    frame = reporting.unit_reporting(reporting.reporting_rows(reported_con), 2025).set_index("unit")
    # 4.1.2.1 (DGAA, PNSR, PNSU) reported in 2025 counts for the three; 1.2.1.1 «No iniciada»
    # is a report for DGAA and DGPRCS; 5.3.2.1's 2025 report (not planned) counts for nobody.
    assert frame.loc["PNSU", "reported"] == frame.loc["PNSR", "reported"] == 1
    assert frame.loc["DGAA", "reported"] == 3 and frame.loc["DGPRCS", "reported"] == 1
    assert frame.loc["PNSU", "last_report"] == dt.date(2025, 7, 1)
    assert frame.loc["DGPRCS", "last_report"] == dt.date(2025, 6, 10)
    assert frame.loc["PNSU", "planned"] == 1 and frame.loc["PNSU", "missing"] == []
    titles = dict(zip(frame.loc["DGAA", "missing"], frame.loc["DGAA", "missing_titles"]))
    assert titles["1.1.1.2"] == "Desarrollar las reuniones de la CECAS en la CNEC."
    assert "1.1.3.2" in frame.loc["DGPRCS", "missing"]  # its report was rolled back


def test_reporting_json_has_the_design_shape(reported_con):
    frame = reporting.unit_reporting(reporting.reporting_rows(reported_con), 2026)
    document = reporting.reporting_json(frame, 2026)
    assert list(document) == ["year", "units"] and document["year"] == 2026
    assert [list(u) for u in document["units"]] == [
        ["unit", "planned", "reported", "missing", "last_report"]] * 4
    pnsu = next(u for u in document["units"] if u["unit"] == "PNSU")
    assert pnsu == {"unit": "PNSU", "planned": 2, "reported": 1, "missing": ["4.1.2.2"],
                    "last_report": "2025-07-01"}
    assert json.loads(json.dumps(document)) == document


def test_cli_reporting(mini_env, capsys):
    assert cli.main(["reporting", "--year", "2025", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document == {"year": 2025, "units": [
        {"unit": "DGAA", "planned": 2, "reported": 0, "missing": ["1.1.1.1", "1.1.1.2"],
         "last_report": None},
        {"unit": "DGPRCS", "planned": 1, "reported": 0, "missing": ["1.2.1.1"],
         "last_report": None}]}
    with db.session(mini_env) as con:
        progress.record_batch(con, None, pd.DataFrame(
            [("1.1.1.2", 2025, "En proceso", 2.0, None, None)], columns=progress.ACTIVITY_COLUMNS),
            filename="a.xlsx", sha256="1" * 64, imported_by="Ana",
            imported_at=dt.datetime(2025, 9, 3, 8, 0))
    assert cli.main(["reporting", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Quién ha reportado · 2025" in out
    assert re.search(r"DGAA\s+2\s+1\s+1\s+2025-09-03", out)
    assert "DGAA: 1 actividad(es) programada(s) en 2025 sin reporte:" in out
    assert "1.1.1.1  Crear un grupo (mini)" in out
    assert cli.main(["reporting", "--year", "2031"]) == 2
    assert "fuera del plan" in capsys.readouterr().err


def test_reporting_section_on_responsables(mini_env):
    from apptest_helpers import open_page, text_of

    with db.session(mini_env) as con:
        progress.record_batch(con, None, pd.DataFrame(
            [("1.2.1.1", 2025, "Completada", None, None, None)],
            columns=progress.ACTIVITY_COLUMNS), filename="a.xlsx", sha256="1" * 64,
            imported_by="Luis", imported_at=dt.datetime(2025, 9, 3, 8, 0))
    at = open_page("views/responsables.py")
    at.session_state["year"] = 2025  # the sidebar's year (views.common.YEAR_KEY)
    at.run()
    assert not at.exception, at.exception
    table = at.get_by_key("resp_reporting").table[0].value
    assert table.values.tolist() == [["DGAA", 2, 0, 2, "—", "1.1.1.1, 1.1.1.2"],
                                     ["DGPRCS", 1, 1, 0, "2025-09-03", "—"]]
    missing = at.get_by_key("resp_missing").dataframe[0].value
    assert missing.values.tolist() == [["DGAA", "1.1.1.1", "Crear un grupo (mini)"],
                                       ["DGAA", "1.1.1.2", "Reuniones del grupo (mini)"]]
    assert "Quién ha reportado? · 2025" in text_of(at)

