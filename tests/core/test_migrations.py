"""Schema versions (hdras.core.migrations): a new database records one, an old-format database is
migrated forward without losing a progress row, a newer one is refused in Spanish."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import MINI_PLAN
from hdras.core import backups, db, migrations, schema
from hdras.core.errors import SchemaVersionError
from hdras.plan import loader
from schema_fixtures import ACTIVITIES, GOALS, build_unversioned

PROGRESS = ("import_batches", "goal_actuals", "activity_progress", "scenarios")


@pytest.fixture(autouse=True)
def _mini_plan(monkeypatch):
    """Sessions rebuild the plan from the fixture plan (as the old databases hold it)."""
    monkeypatch.setenv("HDRAS_DATA_DIR", str(MINI_PLAN))


def progress_rows(path: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").df() for t in PROGRESS}
    finally:
        con.close()


def meta(con) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM hdras_meta").fetchall())


def test_the_steps_lead_to_this_codes_version():
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == list(range(1, schema.SCHEMA_VERSION + 1))
    assert all(m.summary for m in migrations.MIGRATIONS)


def test_a_new_database_records_its_version(mini_con):
    assert migrations.stored_version(mini_con) == schema.SCHEMA_VERSION
    assert meta(mini_con)["schema_version"] == str(schema.SCHEMA_VERSION)


def test_an_unversioned_database_is_version_0_and_a_foreign_one_has_none(tmp_path):
    build_unversioned(tmp_path / "old.duckdb")
    con = duckdb.connect(str(tmp_path / "old.duckdb"), read_only=True)
    assert migrations.stored_version(con) == migrations.UNVERSIONED
    con.close()
    other = duckdb.connect(":memory:")
    other.execute("CREATE TABLE clientes (id INTEGER)")
    assert migrations.stored_version(other) is None


def test_migrating_an_old_database_keeps_every_progress_row(tmp_path):
    path = tmp_path / "hdras.duckdb"
    build_unversioned(path)
    before = progress_rows(path)
    with db.session(path, ensure=False) as con:  # a page's open: version checked, migrated
        assert migrations.stored_version(con) == schema.SCHEMA_VERSION
        values = meta(con)
        plan_counts = db.table_counts(con)
    after = progress_rows(path)
    for table in PROGRESS:
        pd.testing.assert_frame_equal(after[table], before[table], check_dtype=False)
    assert len(after["goal_actuals"]) == len(GOALS) and len(after["import_batches"]) == 3
    assert values["progress_version"] != "4"  # the plan was rebuilt: a new data version
    assert values["plan_fingerprint"] == loader.data_fingerprint(MINI_PLAN)  # plan rebuilt
    assert plan_counts["activities"] == len(loader.load_plan_frames(MINI_PLAN)["activities"])
    copies = backups.list_copies(path)
    assert [c.kind for c in copies] == ["migration"] and copies[0].detail == "v0"
    assert progress_rows(copies[0].path)["goal_actuals"].shape == before["goal_actuals"].shape


def test_the_current_values_read_the_same_after_migration(tmp_path):
    path = tmp_path / "hdras.duckdb"
    build_unversioned(path)
    con = duckdb.connect(str(path), read_only=True)
    current = con.execute("SELECT * FROM current_goal_actuals ORDER BY ALL").df()
    con.close()
    with db.session(path) as con:
        pd.testing.assert_frame_equal(
            con.execute("SELECT * FROM current_goal_actuals ORDER BY ALL").df(), current)


def test_missing_optional_columns_are_added_empty(tmp_path):
    path = tmp_path / "hdras.duckdb"
    build_unversioned(path, {"import_batches": ("is_demo", "rolled_back_by")})
    with db.session(path) as con:
        rows = con.execute("SELECT batch_id, is_demo, rolled_back_by, status FROM import_batches "
                           "ORDER BY batch_id").fetchall()
    assert rows == [(1, None, None, "active"), (2, None, None, "rolled_back"),
                    (3, None, None, "active")]


def test_a_step_that_cannot_run_changes_nothing(tmp_path):
    path = tmp_path / "hdras.duckdb"
    build_unversioned(path, {"goal_actuals": ("value",)})
    before = progress_rows(path)
    with pytest.raises(SchemaVersionError, match="falta la columna obligatoria value"):
        with db.session(path):
            pass
    con = duckdb.connect(str(path), read_only=True)
    assert migrations.stored_version(con) == migrations.UNVERSIONED
    con.close()
    pd.testing.assert_frame_equal(progress_rows(path)["import_batches"],
                                  before["import_batches"])


@pytest.mark.parametrize("ensure", [True, False])
def test_a_newer_database_is_refused_in_spanish(tmp_path, ensure):
    path = tmp_path / "hdras.duckdb"
    with db.session(path, ensure=True) as con:
        migrations.record_version(con, schema.SCHEMA_VERSION + 1)
    with pytest.raises(SchemaVersionError) as refused:
        with db.session(path, ensure=ensure):
            pass
    text = str(refused.value)
    assert "versión más nueva de hdras" in text and f"esquema {schema.SCHEMA_VERSION + 1}" in text
    con = duckdb.connect(str(path), read_only=True)
    assert meta(con)["schema_version"] == str(schema.SCHEMA_VERSION + 1)  # untouched
    con.close()


def test_a_version_that_is_not_a_number_is_reported(mini_con):
    mini_con.execute("UPDATE hdras_meta SET value = 'x' WHERE key = 'schema_version'")
    with pytest.raises(SchemaVersionError, match="no es un número"):
        migrations.stored_version(mini_con)


def test_init_migrates_from_the_command_line(tmp_path, capsys):
    from hdras.cli import main as cli

    path = tmp_path / "hdras.duckdb"
    build_unversioned(path)
    assert cli.main(["init", "--db", str(path)]) == 0
    assert "Base de datos lista" in capsys.readouterr().out
    assert len(progress_rows(path)["activity_progress"]) == len(ACTIVITIES)


def test_a_later_step_runs_after_the_earlier_ones_on_todays_databases(tmp_path, monkeypatch):
    """The framework beyond step 1: a database of this version, plan views included, taken one
    step further by a step the test adds (a new progress column)."""
    path = tmp_path / "hdras.duckdb"
    with db.session(path) as con:
        con.execute("INSERT INTO scenarios VALUES ('a', '{}', '2025-01-01 00:00:00', 'x')")
    before = progress_rows(path)

    def add_note(con) -> None:
        con.execute("ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS note VARCHAR")
    step = migrations.Migration(schema.SCHEMA_VERSION + 1, "prueba: una columna", add_note)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + (step,))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with db.session(path) as con:
        assert migrations.stored_version(con) == schema.SCHEMA_VERSION
        assert con.execute("SELECT name, note FROM scenarios").fetchall() == [("a", None)]
        assert con.execute("SELECT count(*) FROM activity_hierarchy").fetchall()[0][0] > 0
    assert progress_rows(path)["import_batches"].equals(before["import_batches"])
    assert [c.detail for c in backups.list_copies(path)] == [f"v{step.version - 1}"]
