"""The data version: one cheap key that changes whenever anything the dashboard shows could change.

Opening the database costs about 20 ms, too much for every page run, so the key is read from the
files themselves:
- the database file and its write-ahead log (size and modification time: any write changes them);
- a small token file beside the database (``hdras.duckdb.version``), rewritten with a fresh random
  token after every committed change of progress, saved scenarios or the plan tables — by the
  dashboard and by the command line alike — so that two writes within one tick of the file
  system's clock still give two keys;
- the plan files in data/ (a curated file changed means the plan tables must be rebuilt).

Inside the database, ``hdras_meta.progress_version`` holds the same kind of random token, so a
restored backup or a rebuilt plan never repeats an earlier key (``db.data_version``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from hdras.core import schema

SUFFIX = ".version"


def token_path(database: str | os.PathLike) -> Path:
    """The token file beside ``database``."""
    path = Path(database)
    return path.with_name(path.name + SUFFIX)


def new_token() -> str:
    """A fresh random token (never repeats an earlier one)."""
    return secrets.token_hex(8)


_published = 0  # tokens this process has published: a memo of the stamp is stale after one


def published() -> int:
    """How many tokens this process has published (changes with every write it commits)."""
    return _published


def publish(database: str | os.PathLike, token: str | None = None) -> None:
    """Write ``token`` (else a fresh one) to the token file, atomically; call after COMMIT."""
    global _published
    _published += 1
    path = token_path(database)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(token or new_token(), encoding="ascii")
        os.replace(temporary, path)
    except OSError:  # a read-only folder: the file stamps below still change with the data
        temporary.unlink(missing_ok=True)


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def stamp(database: str | os.PathLike, data_dir: str | os.PathLike) -> tuple:
    """The key: token, database and WAL stamps, and the stamps of the plan files (a few stats and
    one small read, a fraction of a millisecond)."""
    database, data_dir = Path(database), Path(data_dir)
    try:
        token = token_path(database).read_text(encoding="ascii")
    except OSError:
        token = None
    sources = [t.source for t in schema.PLAN_TABLES] + [s[0] for s in schema.SUPPLEMENTS.values()]
    return (token, _file_stamp(database), _file_stamp(database.with_name(database.name + ".wal")),
            tuple(_file_stamp(data_dir / source) for source in sources))
