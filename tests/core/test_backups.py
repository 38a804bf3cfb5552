"""Copies of the database (hdras.core.backups): whole, consistent while another session writes,
never over an existing file, and the automatic ones rotated."""

from __future__ import annotations

import threading

import duckdb
import pytest

from goal_fixtures import store_actuals
from hdras.core import backups, db
from hdras.core.errors import BackupError
from hdras.progress import store as progress


@pytest.fixture
def file_con(mini_env):
    with db.session(mini_env) as con:
        yield con


def _rows(path, sql: str):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_copy_holds_every_table_view_and_row(file_con, tmp_path):
    store_actuals(file_con)
    out = backups.copy_database(file_con, tmp_path / "copia.duckdb")
    copied = duckdb.connect(str(out), read_only=True)
    try:
        for table, count in db.table_counts(file_con).items():
            assert copied.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == count
        assert copied.execute("SELECT * FROM current_goal_actuals ORDER BY ALL").fetchall() == \
            file_con.execute("SELECT * FROM current_goal_actuals ORDER BY ALL").fetchall()
        assert copied.execute("SELECT value FROM hdras_meta WHERE key = 'schema_version'"
                              ).fetchall() == [("1",)]
    finally:
        copied.close()
    assert not list(tmp_path.glob("*.partial*"))


def test_a_copy_never_overwrites_a_file(file_con, tmp_path):
    existing = tmp_path / "copia.duckdb"
    existing.write_text("mío")
    with pytest.raises(BackupError, match="Ya existe"):
        backups.copy_database(file_con, existing)
    assert existing.read_text() == "mío"


def test_a_copy_that_cannot_be_written_leaves_nothing(file_con, tmp_path):
    blocker = tmp_path / "no-es-carpeta"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="No se pudo escribir la copia"):
        backups.copy_database(file_con, blocker / "copia.duckdb")
    assert blocker.read_text() == "x"
    assert not any(".partial" in p.name for p in tmp_path.iterdir())


def test_a_copy_while_another_session_writes_holds_whole_batches(file_con, tmp_path):
    """Sessions of one server share the database: COPY FROM DATABASE sees one snapshot, so each
    batch is in a copy with all of its rows, or not at all."""
    stop, path = threading.Event(), db.database_file(file_con)

    def writer() -> None:  # its own connection, as each page run of a server has
        with db.session(path, ensure=False) as con:
            while not stop.is_set():
                store_actuals(con)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backups.copy_database(file_con, tmp_path / f"c{n}.duckdb") for n in range(6)]
    finally:
        stop.set()
        thread.join()
    sizes = []
    for path in copies:
        batches, partial = _rows(path, "SELECT count(*), count(*) FILTER (WHERE rows_goals <> "
                                 "(SELECT count(*) FROM goal_actuals g WHERE g.batch_id = "
                                 "b.batch_id)) FROM import_batches b")[0]
        orphans = _rows(path, "SELECT count(*) FROM goal_actuals WHERE batch_id NOT IN "
                        "(SELECT batch_id FROM import_batches)")[0][0]
        assert partial == 0 and orphans == 0
        sizes.append(batches)
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]  # the writer really ran meanwhile


def test_automatic_copies_are_named_listed_and_rotated(file_con, monkeypatch):
    monkeypatch.setenv("HDRAS_AUTO_BACKUPS", "3")
    for _ in range(5):
        batch = store_actuals(file_con)
        progress.rollback_batch(file_con, batch, "prueba")  # one copy before each rollback
    kept = backups.list_copies(db.database_file(file_con))
    assert [c.kind for c in kept] == ["rollback"] * 3
    assert [c.detail for c in kept] == ["lote-5", "lote-4", "lote-3"]
    assert all(c.path.parent.name == "hdras-copias" and c.size > 0 for c in kept)
    newest = _rows(kept[0].path, "SELECT batch_id, status FROM import_batches ORDER BY 1")
    assert newest[-1] == (5, "active")  # made before batch 5 was rolled back


def test_copies_before_restore_and_migration_are_not_rotated(file_con, monkeypatch):
    monkeypatch.setenv("HDRAS_AUTO_BACKUPS", "1")
    path = db.database_file(file_con)
    backups.automatic_copy(file_con, path, "restore")
    backups.automatic_copy(file_con, path, "migration", "v0")
    for _ in range(3):
        backups.automatic_copy(file_con, path, "import", "Avance DGAA (final).xlsx")
    kinds = [(c.kind, c.detail) for c in backups.list_copies(path)]
    assert sorted(kinds) == [("import", "avance-dgaa-final"), ("migration", "v0"),
                             ("restore", "")]


def test_automatic_copies_can_be_turned_off_and_skip_memory(file_con, mini_con, monkeypatch):
    assert backups.automatic_copy(mini_con, db.database_file(mini_con), "import") is None
    monkeypatch.setenv("HDRAS_AUTO_BACKUPS", "0")  # and off: nothing either
    assert backups.automatic_copy(file_con, db.database_file(file_con), "import", "x") is None
    assert backups.list_copies(db.database_file(file_con)) == []


def test_a_failed_automatic_copy_stops_the_rollback(file_con, monkeypatch):
    batch = store_actuals(file_con)
    folder = backups.backup_dir(db.database_file(file_con))
    folder.write_text("un archivo donde iría la carpeta")
    with pytest.raises(BackupError):
        progress.rollback_batch(file_con, batch, "prueba")
    assert progress.list_batches(file_con)["status"].tolist() == ["active"]


def test_list_ignores_other_files(tmp_path):
    folder = backups.backup_dir(tmp_path / "hdras.duckdb")
    folder.mkdir()
    (folder / "notas.txt").write_text("x")
    (folder / "mi-copia.duckdb").write_text("x")
    (folder / "2026-01-02_030405-antes-de-importar~2.duckdb").write_bytes(b"x" * 10)
    listed = backups.list_copies(tmp_path / "hdras.duckdb")
    assert [(c.made_at, c.kind, c.size) for c in listed] == [("2026-01-02 03:04:05", "import", 10)]



def test_copies_made_in_the_same_second_by_two_sessions_keep_both(file_con, monkeypatch):
    import datetime as dt

    from hdras.core import config
    monkeypatch.setattr(config, "now", lambda: dt.datetime(2026, 3, 2, 10, 15, 0))
    path, made, errors = db.database_file(file_con), [], []

    def session_copy() -> None:
        try:
            with db.session(path, ensure=False) as con:
                made.append(backups.automatic_copy(con, path, "import", "avance.xlsx"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=session_copy) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(made)) == 4 and all(p.exists() for p in made)
    assert sorted(p.name for p in made)[0] == "2026-03-02_101500-antes-de-importar-avance.duckdb"
