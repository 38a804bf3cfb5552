"""`hdras backup` and `hdras restore` (design §3): a copy holds everything, a restore puts it back
and keeps the current database aside, an automatic copy undoes an import, and a file that is not
a backup changes nothing."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import duckdb
import pytest

from hdras.cli import main as cli
from hdras.core import backups, db, migrations, schema, version
from schema_fixtures import build_unversioned
from workbook_builders import good_workbook, with_cell


def _import(tmp_path: Path, name: str, data: bytes, capsys) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert cli.main(["import", str(path), "--by", "Ana Pérez"]) == 0
    capsys.readouterr()


def _batches(database: Path) -> list[tuple]:
    with db.session(database) as con:
        return con.execute("SELECT batch_id, status FROM import_batches ORDER BY 1").fetchall()


def _m1_2025(database: Path) -> float | None:
    with db.session(database) as con:
        rows = con.execute("SELECT value FROM current_goal_actuals WHERE goal_code = 'M1' AND "
                           "year = 2025").fetchall()
    return rows[0][0] if rows else None


def _fingerprint(database: Path) -> dict[str, str]:
    """The bytes of the database and its WAL, and the copies folder: what 'unchanged' means."""
    files = [database, database.with_name(database.name + ".wal"),
             *sorted(backups.backup_dir(database).glob("*"))]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.exists()}


def test_backup_restore_round_trip(mini_env, tmp_path, capsys):
    _import(tmp_path, "primero.xlsx", good_workbook(), capsys)
    copy = tmp_path / "copia.duckdb"
    assert cli.main(["backup", str(copy)]) == 0
    out = capsys.readouterr().out
    assert f"Copia escrita en {copy}" in out and "lotes: 1 (último: 1)" in out
    _import(tmp_path, "segundo.xlsx", with_cell("Metas", 2, 3, 14.1), capsys)
    assert _batches(mini_env) == [(1, "active"), (2, "active")] and _m1_2025(mini_env) == 14.1

    assert cli.main(["restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "restaurada desde" in out and "lotes: 1 (último: 1)" in out
    assert _batches(mini_env) == [(1, "active")] and _m1_2025(mini_env) == 13.2
    aside = next(c for c in backups.list_copies(mini_env) if c.kind == "restore").path
    assert f"hdras restore {aside}" in out

    assert cli.main(["restore", str(aside)]) == 0  # and back: nothing was lost on the way
    assert _batches(mini_env) == [(1, "active"), (2, "active")] and _m1_2025(mini_env) == 14.1


def test_an_automatic_copy_made_before_an_import_undoes_it(mini_env, tmp_path, capsys):
    _import(tmp_path, "bueno.xlsx", good_workbook(), capsys)
    _import(tmp_path, "con-error.xlsx", with_cell("Metas", 2, 3, 99.0), capsys)  # the mistake
    assert _m1_2025(mini_env) == 99.0
    assert cli.main(["backup", "--list"]) == 0
    listing = capsys.readouterr().out
    assert listing.count("antes de importar (") == 2 and "(con-error)" in listing
    before_mistake = next(c for c in backups.list_copies(mini_env) if c.detail == "con-error")
    assert str(before_mistake.path) in listing and "lotes: 1 (último: 1)" in listing

    assert cli.main(["restore", str(before_mistake.path)]) == 0
    assert _batches(mini_env) == [(1, "active")] and _m1_2025(mini_env) == 13.2


def test_a_restored_database_has_a_new_data_version(mini_env, tmp_path, capsys):
    """Caches keyed on the data version never show the data from before a restore: the version
    inside the database and the token file beside it both change (hdras.core.version)."""
    _import(tmp_path, "bueno.xlsx", good_workbook(), capsys)
    with db.session(mini_env) as con:
        before = db.data_version(con)
    token_before = version.token_path(mini_env).read_text()
    assert cli.main(["backup", str(tmp_path / "c.duckdb")]) == 0
    assert cli.main(["restore", str(tmp_path / "c.duckdb")]) == 0
    with db.session(mini_env) as con:
        after = db.data_version(con)  # same rows as before: only the version says "changed"
        restored_at = con.execute("SELECT value FROM hdras_meta WHERE key = 'restored_at'"
                                  ).fetchall()
    assert after != before and restored_at
    assert version.token_path(mini_env).read_text() != token_before
    assert not [p for p in tmp_path.iterdir() if "restaurando" in p.name]


def _not_duckdb(path: Path, good: Path) -> None:
    path.write_text("serie;año;valor\nM1;2025;13\n", encoding="utf-8")


def _empty(path: Path, good: Path) -> None:
    path.write_bytes(b"")


def _foreign(path: Path, good: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE clientes (id INTEGER, nombre VARCHAR)")
    con.execute("INSERT INTO clientes VALUES (1, 'x')")
    con.close()


def _newer_schema(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes())
    con = duckdb.connect(str(path))
    migrations.record_version(con, schema.SCHEMA_VERSION + 1)
    con.close()


def _missing_table(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes())
    con = duckdb.connect(str(path))
    con.execute("DROP VIEW current_activity_progress")
    con.execute("DROP TABLE activity_progress")
    con.close()


def _damaged(path: Path, good: Path) -> None:
    data = bytearray(good.read_bytes())
    rng = random.Random(3)
    for i in range(3 * 4096, len(data), 3):  # every block after the headers
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


def _truncated(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes()[:300_000])


NOT_BACKUPS = [  # (how the file is made, what the message says)
    (_not_duckdb, "no es un archivo de base de datos DuckDB"),
    (_empty, "no es un archivo de base de datos DuckDB"),
    (_foreign, "es una base DuckDB, pero no de hdras"),
    (_newer_schema, "es de una versión más nueva de hdras"),
    (_missing_table, "le faltan las tablas activity_progress"),
    (_damaged, "está dañada o incompleta"),
    (_truncated, "está dañada o incompleta"),
]


@pytest.mark.parametrize(("make", "expected"), NOT_BACKUPS, ids=lambda v: getattr(v, "__name__",
                                                                                   "msg"))
def test_a_file_that_is_not_a_backup_changes_nothing(mini_env, tmp_path, capsys, make, expected):
    _import(tmp_path, "bueno.xlsx", good_workbook(), capsys)
    good = tmp_path / "buena.duckdb"
    assert cli.main(["backup", str(good)]) == 0
    capsys.readouterr()
    before = _fingerprint(mini_env)
    candidate = tmp_path / "candidata.duckdb"
    make(candidate, good)
    candidate_bytes = candidate.read_bytes()

    assert cli.main(["restore", str(candidate)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "No se cambió nada." in err and "Traceback" not in err
    assert _fingerprint(mini_env) == before
    assert candidate.read_bytes() == candidate_bytes  # only read, never written
    assert not [p for p in tmp_path.iterdir() if "restaurando" in p.name]
    assert _batches(mini_env) == [(1, "active")]


@pytest.mark.parametrize("argument", ["no-existe.duckdb", "."])
def test_restore_of_something_missing_or_a_folder(mini_env, tmp_path, capsys, argument):
    with db.session(mini_env):
        pass
    before = _fingerprint(mini_env)
    assert cli.main(["restore", str(tmp_path / argument)]) == 1
    assert "No existe el archivo" in capsys.readouterr().err
    assert _fingerprint(mini_env) == before


def test_restore_refuses_the_database_itself(mini_env, capsys):
    with db.session(mini_env):
        pass
    assert cli.main(["restore", str(mini_env)]) == 1
    assert "es la base de datos en uso" in capsys.readouterr().err


def test_restore_migrates_an_old_format_backup(mini_env, tmp_path, capsys):
    old = tmp_path / "antigua.duckdb"
    build_unversioned(old)
    assert cli.main(["restore", str(old)]) == 0
    out = capsys.readouterr().out
    assert "La copia era del esquema 0; se llevó al esquema 1" in out
    assert "No hay" not in out and "quedó guardada" not in out  # there was no database before
    assert _batches(mini_env) == [(1, "active"), (2, "rolled_back"), (3, "active")]
    assert old.exists() and not backups.list_copies(mini_env)


def test_backup_refuses_to_overwrite_and_needs_a_database(mini_env, tmp_path, capsys):
    assert cli.main(["backup", str(tmp_path / "c.duckdb")]) == 1
    assert "No hay base de datos" in capsys.readouterr().err
    with db.session(mini_env):
        pass
    (tmp_path / "c.duckdb").write_text("mío")
    assert cli.main(["backup", str(tmp_path / "c.duckdb")]) == 1
    assert "Ya existe" in capsys.readouterr().err
    assert (tmp_path / "c.duckdb").read_text() == "mío"
    assert cli.main(["backup", str(mini_env)]) == 1
    assert "sobre la propia base" in capsys.readouterr().err
    assert cli.main(["backup"]) == 2
    assert "--list" in capsys.readouterr().err


def test_backup_list_without_copies(mini_env, capsys):
    assert cli.main(["backup", "--list"]) == 0
    assert "Aún no hay copias automáticas" in capsys.readouterr().out
