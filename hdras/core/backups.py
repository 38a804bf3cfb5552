"""Copies of the database. ``hdras backup`` makes one on demand. An automatic copy is made before
every import, rollback, restore and migration. The copies before imports and rollbacks are kept
to a rotating number; they live in a folder beside the database.

A copy is written by DuckDB itself on a connection that already has the database open: ATTACH a
new file, ``COPY FROM DATABASE``, DETACH. That one statement runs in one transaction, so it sees
one snapshot. A batch committed by another session of the same server is in the copy whole, or
not at all, and what is still only in the ``.wal`` file is included. A plain file copy could miss
the WAL or catch a checkpoint half written. The copy is written under a temporary name and
renamed into place, so a copy that exists is complete.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from hdras.core import config
from hdras.core.errors import BackupError
from hdras.core.messages import msg

# Why a copy was made → the words in its file name (people read the folder).
LABELS = {"import": "antes-de-importar", "rollback": "antes-de-revertir",
          "restore": "antes-de-restaurar", "migration": "antes-de-migrar"}
ROTATED = ("import", "rollback")  # kept to config.auto_backups_kept(); the others are kept
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{2})(\d{2})(\d{2})-(antes-de-[a-z]+)(?:-(.+?))?"
                   r"(?:~\d+)?\.duckdb$")


@dataclass(frozen=True)
class Copy:
    """One automatic copy: its file, when and why it was made, and its size."""

    path: Path
    made_at: str  # 'YYYY-MM-DD HH:MM:SS' in config.timezone()
    kind: str  # a key of LABELS
    detail: str  # what it was about (the file imported, the batch rolled back), may be ''
    size: int


def backup_dir(database: str | os.PathLike) -> Path:
    """The folder of automatic copies: beside the database, ``<name>-copias`` (var/hdras-copias)."""
    path = Path(database)
    return path.with_name(f"{path.stem}-copias")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _identifier(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def copy_database(con: duckdb.DuckDBPyConnection, out: str | os.PathLike) -> Path:
    """Write a consistent copy of ``con``'s database (tables, views, data) to the new file ``out``.

    Call it outside a transaction. Raises BackupError, in Spanish, when ``out`` exists or
    cannot be written; nothing is left behind then.
    """
    out = Path(out).absolute()
    if out.exists():
        raise BackupError(msg("backup.exists", path=out))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(msg("backup.write_error", path=out, detail=exc.strerror or exc)) from exc
    temporary = out.with_name(f".{out.stem}.{uuid.uuid4().hex[:8]}.partial")
    alias = f"hdras_copy_{uuid.uuid4().hex}"  # attached databases are shared by the process
    source = con.execute("SELECT current_database()").fetchall()[0][0]
    attached = False
    try:
        con.execute(f"ATTACH {_sql_text(str(temporary))} AS {alias}")
        attached = True
        con.execute(f"COPY FROM DATABASE {_identifier(source)} TO {alias}")
        con.execute(f"CHECKPOINT {alias}")
        con.execute(f"DETACH {alias}")
        attached = False
        _sync(temporary)
        _place(temporary, out)
    except BackupError:
        _remove(temporary)
        raise
    except (duckdb.Error, OSError) as exc:
        if attached:
            with contextlib.suppress(duckdb.Error):
                con.execute(f"DETACH {alias}")
        _remove(temporary)
        detail = getattr(exc, "strerror", None) or str(exc).removeprefix("IO Error: ")
        raise BackupError(msg("backup.write_error", path=out, detail=detail)) from exc
    return out


def _place(temporary: Path, out: Path) -> None:
    """Give the finished copy its name, never over a file that appeared meanwhile (a hard link
    fails if ``out`` exists; where the file system has no hard links, check and rename)."""
    try:
        os.link(temporary, out)
    except FileExistsError as exc:
        raise BackupError(msg("backup.exists", path=out)) from exc
    except OSError:
        if out.exists():
            raise BackupError(msg("backup.exists", path=out)) from None
        os.replace(temporary, out)
        return
    temporary.unlink()


def _sync(path: Path) -> None:
    """Flush the copy to the disk before it takes its final name."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def automatic_copy(con: duckdb.DuckDBPyConnection, database: Path | None, kind: str,
                   detail: str = "") -> Path | None:
    """Copy ``con``'s database, the file ``database`` (``db.database_file(con)``), before a
    change (``kind``: a key of LABELS); returns the copy's path.

    Nothing happens for an in-memory database (``database`` None), or for imports and
    rollbacks when $HDRAS_AUTO_BACKUPS is 0. Copies of imports and rollbacks beyond that number are deleted,
    oldest first. Raises BackupError when the copy cannot be written: the caller then does not
    make the change.
    """
    keep = config.auto_backups_kept()
    if database is None or (kind in ROTATED and keep == 0):
        return None
    folder = backup_dir(database)
    stem = f"{config.now():%Y-%m-%d_%H%M%S}-{LABELS[kind]}{_slug(detail)}"
    for _ in range(20):  # another session of the server may take the same name in this second
        path = _free_name(folder, stem)
        try:
            copy_database(con, path)
            break
        except BackupError:
            if not path.exists():
                raise
    else:
        raise BackupError(msg("backup.exists", path=path))
    if kind in ROTATED:
        rotate(folder, keep)
    return path


def _slug(detail: str) -> str:
    """``detail`` as safe file-name words: 'Avance DGAA.xlsx' → '-avance-dgaa'."""
    words = re.sub(r"[^a-z0-9]+", "-", Path(detail).stem.lower() if "." in detail else
                   detail.lower()).strip("-")
    return f"-{words[:40].rstrip('-')}" if words else ""


def _free_name(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}.duckdb", 2
    while path.exists():  # two copies within one second
        path, n = folder / f"{stem}~{n}.duckdb", n + 1
    return path


def list_copies(database: str | os.PathLike) -> list[Copy]:
    """The automatic copies of a database, newest first."""
    return _copies_in(backup_dir(database))


def _copies_in(folder: Path) -> list[Copy]:
    kinds = {label: kind for kind, label in LABELS.items()}
    found = []
    for path in folder.glob("*.duckdb") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if not match or match.group(5) not in kinds:
            continue
        day, hh, mm, ss, label, detail = match.groups()
        with contextlib.suppress(FileNotFoundError):  # rotated away meanwhile
            found.append(Copy(path, f"{day} {hh}:{mm}:{ss}", kinds[label], detail or "",
                              path.stat().st_size))
    return sorted(found, key=lambda c: (c.made_at, c.path.name), reverse=True)


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete the copies made before imports and rollbacks beyond the ``keep`` newest."""
    removed = []
    for old in [c for c in _copies_in(folder) if c.kind in ROTATED][keep:]:
        with contextlib.suppress(FileNotFoundError):  # another session rotated it already
            old.path.unlink()
            removed.append(old.path)
    return removed
