"""«Novedades» (design §3, §9): net moves between the state at the end of ``since`` and the state
at ``until``, read through the pages' GoalSet and status rules."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from hdras.cli import main as cli
from hdras.core import config, db
from hdras.core.errors import InvalidDateError
from hdras.progress import store as progress
from hdras.report import change_tables, changes

T = dt.datetime


def _store(con, at: T, goals=(), activities=(), name="avance.xlsx", by="Ana Pérez") -> int:
    goal_frame = pd.DataFrame(list(goals), columns=["goal_code", "year", "value"])
    activity_frame = pd.DataFrame(list(activities), columns=["activity_code", "year", "status"])
    return progress.record_batch(con, goal_frame, activity_frame, filename=name,
                                 sha256=f"{at:%Y%m%d%H%M}".ljust(64, "0"), imported_by=by,
                                 imported_at=at)


def _rollback(con, monkeypatch, batch_id: int, at: T, by: str = "Luis Soto") -> None:
    with monkeypatch.context() as patch:
        patch.setattr(config, "now", lambda: at)
        progress.rollback_batch(con, batch_id, by)


@pytest.fixture
def history(mini_con, monkeypatch):
    """Two imports separated in time, then the second rolled back:
    10 Jan: M1 2025 = 14 %, activity 1.1.1.1 (2025) En proceso;
    5 Mar: M1 2025 = 15 %, M6 2025 = 36 EPS, 1.1.1.1 Completada; rolled back on 20 Mar."""
    first = _store(mini_con, T(2026, 1, 10, 10), [("M1", 2025, 14.0)],
                   [("1.1.1.1", 2025, "En proceso")])
    second = _store(mini_con, T(2026, 3, 5, 9), [("M1", 2025, 15.0), ("M6", 2025, 36.0)],
                    [("1.1.1.1", 2025, "Completada")], name="avance-marzo.xlsx", by="Rosa Díaz")
    _rollback(mini_con, monkeypatch, second, T(2026, 3, 20, 16, 30))
    return mini_con, first, second


def _none(value):
    return None if pd.isna(value) else value


def _goal_rows(found) -> list[tuple]:
    return [(r.code, r.year, _none(r.before), _none(r.after), r.status_before, r.status_after)
            for r in found.goals.itertuples()]


def test_two_imports_separated_in_time(history):
    con, first, second = history
    found = changes.compute_changes(con, changes.parse_moment("2026-01-31"),
                                    changes.parse_moment("2026-03-10"))
    assert list(found.batches["batch_id"]) == [second]
    assert found.batches.iloc[0]["imported_by"] == "Rosa Díaz"
    assert found.batches.iloc[0]["status"] == "active"  # as of --until: not yet rolled back
    assert found.rollbacks.empty
    assert _goal_rows(found) == [("M1", 2025, 14.0, 15.0, "en_camino", "en_camino"),
                                 ("M6", 2025, None, 36.0, "sin_datos", "retroceso")]
    assert [tuple(r) for r in found.activities[["code", "year", "before", "after"]].itertuples(
        index=False)] == [("1.1.1.1", 2025, "En proceso", "Completada")]
    # From before the first import: the value that counts now against nothing.
    since_start = changes.compute_changes(con, changes.parse_moment("2026-01-01"),
                                          changes.parse_moment("2026-03-10"))
    assert list(since_start.batches["batch_id"]) == [first, second]
    assert _goal_rows(since_start)[0] == ("M1", 2025, None, 15.0, "sin_datos", "en_camino")


def test_a_rollback_brings_back_the_earlier_values(history):
    con, first, second = history
    found = changes.compute_changes(con, changes.parse_moment("2026-03-10"),
                                    changes.parse_moment("2026-03-31"))
    assert found.batches.empty
    assert found.rollbacks[["batch_id", "by"]].values.tolist() == [[second, "Luis Soto"]]
    assert _goal_rows(found) == [("M1", 2025, 15.0, 14.0, "en_camino", "en_camino"),
                                 ("M6", 2025, 36.0, None, "retroceso", "sin_datos")]
    assert found.activities[["before", "after"]].values.tolist() == [["Completada", "En proceso"]]


def test_imported_and_rolled_back_inside_the_window_is_no_change(history):
    con, first, second = history
    found = changes.compute_changes(con, changes.parse_moment("2026-03-01"),
                                    changes.parse_moment("2026-03-31"))
    assert found.batches[["batch_id", "status"]].values.tolist() == [[second, "rolled_back"]]
    assert list(found.rollbacks["batch_id"]) == [second]
    assert found.goals.empty and found.activities.empty


def test_a_value_changed_back_is_no_change(history):
    con, *_ = history
    _store(con, T(2026, 4, 10, 11), [("M1", 2025, 15.0)])
    _store(con, T(2026, 4, 20, 11), [("M1", 2025, 14.0)])
    found = changes.compute_changes(con, changes.parse_moment("2026-04-01"),
                                    changes.parse_moment("2026-04-30"))
    assert len(found.batches) == 2
    assert found.goals.empty
    middle = changes.compute_changes(con, changes.parse_moment("2026-04-01"),
                                     changes.parse_moment("2026-04-15"))
    assert _goal_rows(middle) == [("M1", 2025, 14.0, 15.0, "en_camino", "en_camino")]


def test_a_day_with_nothing(history):
    con, *_ = history
    found = changes.compute_changes(con, changes.parse_moment("2026-02-01"),
                                    changes.parse_moment("2026-02-28"))
    assert found.empty
    assert "Nada cambió entre el 01/02/2026 23:59 y el 28/02/2026 23:59" in \
        change_tables.changes_text(found)


def test_a_date_is_the_end_of_that_day_in_perus_time(mini_con):
    _store(mini_con, T(2026, 1, 10, 23, 59, 59), [("M1", 2025, 14.0)])
    _store(mini_con, T(2026, 1, 11, 0, 0, 0), [("M1", 2025, 15.0)])
    values = lambda moment: changes.goals_as_of(mini_con, moment)["M1"].actuals
    assert values(changes.parse_moment("2026-01-10")) == {2025: 14.0}
    assert values(changes.parse_moment("2026-01-11T00:00")) == {2025: 15.0}
    assert values(changes.parse_moment("2026-01-10T23:59")) == {}  # 23:59:00 < 23:59:59


def test_the_state_now_is_what_the_pages_read(history):
    con, *_ = history
    _store(con, T(2026, 5, 1, 8), [("M4.1", 2025, 1.0), ("M4.2", 2025, 2.0)])
    later = T(2099, 1, 1)
    mine = changes.goal_actuals_as_of(con, later).drop(columns="imported_at")
    pages = progress.current_goal_actuals(con).drop(columns="imported_at")
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), pages.reset_index(drop=True),
                                  check_dtype=False)
    activities = changes.activity_status_as_of(con, later)
    current = progress.current_activity_progress(con)
    assert activities[["activity_code", "year", "status"]].values.tolist() == \
        current[["activity_code", "year", "status"]].values.tolist()


def test_derived_meta_4_moves_with_its_parts(mini_con):
    _store(mini_con, T(2026, 5, 1, 8), [("M4.1", 2025, 1.0), ("M4.2", 2025, 2.0)])
    found = changes.compute_changes(mini_con, changes.parse_moment("2026-04-30"),
                                    changes.parse_moment("2026-05-02"))
    rows = {r.code: (_none(r.before), r.after) for r in found.goals.itertuples()}
    assert rows == {"M4": (None, 4.0), "M4.1": (None, 1.0), "M4.2": (None, 2.0)}


@pytest.mark.parametrize("text", ["2026-13-01", "31/03/2026", "20260331", "2026-03-31T25:00",
                                  "2026-02-30", "ayer", "", "2026-03-31T18"])
def test_malformed_dates_are_refused_in_spanish(text):
    with pytest.raises(InvalidDateError, match="no es válida: escriba AAAA-MM-DD"):
        changes.parse_moment(text)


def test_moments_are_read_to_the_minute_or_second():
    assert changes.parse_moment("2026-03-31T18:30") == T(2026, 3, 31, 18, 30)
    assert changes.parse_moment("2026-03-31 18:30:15") == T(2026, 3, 31, 18, 30, 15)
    assert changes.parse_moment("2026-03-31") == T(2026, 3, 31, 23, 59, 59, 999999)


def test_the_tables_say_names_units_and_icons(history):
    con, *_ = history
    found = changes.compute_changes(con, changes.parse_moment("2026-03-10"),
                                    changes.parse_moment("2026-03-31"))
    goals = change_tables.goals_table(found)
    assert goals.iloc[1].tolist() == ["Meta 6", "2025", "36 EPS", "—", "▼ Retroceso", "○ Sin datos"]
    activities = change_tables.activities_table(found)
    assert activities.iloc[0][["Antes", "Después"]].tolist() == ["✓ Completada", "◐ En proceso"]


def test_quick_choices_are_the_days_of_imports_and_rollbacks(history):
    con, first, second = history
    assert changes.event_days(con) == [
        (dt.date(2026, 3, 20), f"lote {second} revertido"),
        (dt.date(2026, 3, 5), f"lote {second} importado"),
        (dt.date(2026, 1, 10), f"lote {first} importado")]


# --- The command ------------------------------------------------------------------------------

@pytest.fixture
def history_file(mini_env, monkeypatch):
    with db.session(mini_env) as con:
        first = _store(con, T(2026, 1, 10, 10), [("M1", 2025, 14.0)],
                       [("1.1.1.1", 2025, "En proceso")])
        second = _store(con, T(2026, 3, 5, 9), [("M1", 2025, 15.0)], name="marzo.xlsx")
        _rollback(con, monkeypatch, second, T(2026, 3, 20, 16, 30))
    return first, second


def test_changes_json_has_the_keys_of_design_3(history_file, capsys):
    first, second = history_file
    assert cli.main(["changes", "--since", "2026-01-01", "--until", "2026-03-31T12:00",
                     "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"since", "until", "batches", "rollbacks", "goals", "activities"}
    assert report["since"] == "2026-01-01T23:59:59" and report["until"] == "2026-03-31T12:00:00"
    assert report["batches"] == [
        {"batch_id": first, "imported_at": "2026-01-10T10:00:00", "imported_by": "Ana Pérez",
         "filename": "avance.xlsx", "status": "active"},
        {"batch_id": second, "imported_at": "2026-03-05T09:00:00", "imported_by": "Ana Pérez",
         "filename": "marzo.xlsx", "status": "rolled_back"}]
    assert report["rollbacks"] == [{"batch_id": second, "at": "2026-03-20T16:30:00",
                                    "by": "Luis Soto"}]
    assert report["goals"] == [{"code": "M1", "year": 2025, "before": None, "after": 14.0,
                                "status_before": "sin_datos", "status_after": "en_camino"}]
    assert report["activities"] == [{"code": "1.1.1.1", "year": 2025, "before": None,
                                     "after": "En proceso"}]


def test_changes_text_and_default_until(history_file, capsys):
    assert cli.main(["changes", "--since", "2026-03-10"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Novedades del 10/03/2026 23:59 al ")
    assert "Lotes revertidos (1)" in out and "Luis Soto" in out
    assert "Meta 1" in out and "15 %" in out and "14 %" in out


@pytest.mark.parametrize("argv", [["--since", "2026-3-1"], ["--since", "2026-03-01",
                                                             "--until", "mañana"],
                                  ["--since", "2026-04-01", "--until", "2026-03-01"]])
def test_a_bad_date_exits_2_in_spanish(mini_env, capsys, argv):
    assert cli.main(["changes", *argv]) == 2
    err = capsys.readouterr().err
    assert "no es válida" in err or "es posterior a la fecha de fin" in err
    assert "Traceback" not in err
