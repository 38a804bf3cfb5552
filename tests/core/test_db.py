"""The database life cycle: create, refresh the plan when data/ changes, never lose progress."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import MINI_PLAN
from hdras.core import db, schema
from hdras.progress import store as progress
from hdras.core.errors import DatabaseBusyError, DatabaseFileError


def _store_progress(con) -> int:
    return progress.record_batch(
        con, pd.DataFrame({"goal_code": ["M2"], "year": [2025], "value": [5.1], "source": ["x"]}),
        pd.DataFrame({"activity_code": ["1.1.1.1"], "year": [2025], "status": ["Completada"]}),
        filename="avance.xlsx", sha256="ab" * 32, imported_by="prueba")


def test_every_declared_table_exists(mini_con):
    names = {r[0] for r in mini_con.execute("SELECT table_name FROM information_schema.tables"
                                           ).fetchall()}
    assert {t.name for t in schema.ALL_TABLES} | set(schema.VIEWS) <= names


def test_init_twice_keeps_progress_rows(db_file):
    with db.session(db_file) as con:
        _store_progress(con)
    with db.session(db_file) as con:  # second init: nothing to rebuild, progress intact
        assert not db.ensure_schema(con)
        assert con.execute("SELECT count(*) FROM goal_actuals").fetchall()[0][0] == 1
        assert con.execute("SELECT count(*) FROM activity_progress").fetchall()[0][0] == 1


def test_changed_plan_files_rebuild_plan_tables_and_keep_progress(tmp_path, db_file):
    data = tmp_path / "data"
    shutil.copytree(MINI_PLAN, data)
    con = db.connect(db_file)
    db.ensure_schema(con, data)
    _store_progress(con)
    with open(data / "objectives.csv", "a", encoding="utf-8") as f:
        f.write("OE5,Fomentar el mercado (mini)\n")
    assert db.ensure_schema(con, data)  # fingerprint changed → rebuilt
    assert con.execute("SELECT count(*) FROM objectives").fetchall()[0][0] == 3
    assert con.execute("SELECT count(*) FROM goal_actuals").fetchall()[0][0] == 1
    assert con.execute("SELECT count(*) FROM import_batches").fetchall()[0][0] == 1
    con.close()


def test_broken_plan_file_leaves_previous_plan_in_place(tmp_path, db_file):
    from hdras.core.errors import PlanDataError
    data = tmp_path / "data"
    shutil.copytree(MINI_PLAN, data)
    con = db.connect(db_file)
    db.ensure_schema(con, data)
    (data / "goal_targets.csv").write_text("goal_code,year,value,value_text\nM1,2024,doce,x\n",
                                           encoding="utf-8")
    with pytest.raises(PlanDataError, match="no numérico"):
        db.ensure_schema(con, data)
    assert con.execute("SELECT count(*) FROM goal_targets").fetchall()[0][0] == 63
    con.close()


def test_database_held_by_another_process_gives_spanish_message(db_file):
    db.session(db_file).__enter__().close()  # create it
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ok', flush=True); time.sleep(30)", str(db_file)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatabaseBusyError, match="está en uso"):
            db.connect(db_file, wait_seconds=0.5)
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("kind, expected", [
    ("not_duckdb", "no es una base de datos DuckDB"),
    ("folder", "es una carpeta"),
    ("under_a_file", "No se pudo abrir la base de datos"),
])
def test_a_path_that_cannot_be_a_database_gives_spanish_message(tmp_path, kind, expected):
    """Regression: DuckDB's IOException (and mkdir's OSError) reached the user as a traceback."""
    blocker = tmp_path / "notas.txt"
    blocker.write_text("no soy una base de datos\n", encoding="utf-8")
    target = {"not_duckdb": blocker, "folder": tmp_path,
              "under_a_file": blocker / "hdras.duckdb"}[kind]
    with pytest.raises(DatabaseFileError, match=expected):
        db.connect(target)
    assert blocker.read_text(encoding="utf-8") == "no soy una base de datos\n"


def test_real_plan_builds(plan_con):
    counts = db.table_counts(plan_con)
    assert counts["activities"] == 92 and counts["goal_targets"] == 63
    terms = plan_con.execute("SELECT DISTINCT term FROM actions").fetchall()
    assert {t[0] for t in terms} <= {"C", "M", "L"}
