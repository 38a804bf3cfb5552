"""What every page shares: the database session, the selected year, errors, the demo banner.

Not a page itself (app.py lists the pages explicitly). Streamlit lives here and in views/ only.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import streamlit as st

from hdras.core import config, db
from hdras.core.errors import HdrasError
from hdras.core.messages import msg

YEAR_KEY = "year"


@st.cache_resource(show_spinner=False)
def _ensure_database(path: str, data_dir: str) -> str:
    """Create or refresh the database once per server process (and per data/ folder)."""
    with db.session(path):
        pass
    return path


def database_path() -> str:
    return str(config.database_path())


@contextlib.contextmanager
def database() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for this script run only (the CLI may need the file between runs)."""
    path = _ensure_database(database_path(), str(config.data_dir()))
    with db.session(path, wait_seconds=config.ui_db_wait_seconds(), ensure=False) as con:
        yield con


@contextlib.contextmanager
def reading() -> Iterator[duckdb.DuckDBPyConnection]:
    """``database()`` for a page's reads: a domain error is shown in Spanish and the page stops."""
    try:
        with database() as con:
            yield con
    except HdrasError as exc:
        show_error(exc)
        st.stop()


def selected_year() -> int:
    """The year chosen in the shared sidebar (every page uses it)."""
    if YEAR_KEY not in st.session_state:
        st.session_state[YEAR_KEY] = config.default_year()
    return int(st.session_state[YEAR_KEY])


@contextlib.contextmanager
def unexpected_errors(where: str) -> Iterator[None]:
    """A bug inside the block shows a Spanish message (the traceback goes to the server log);
    HDRAS_DEBUG=1, which the tests set, lets it propagate so it is seen."""
    try:
        yield
    except Exception:  # st.stop and st.rerun are not Exceptions, so they pass through
        if os.environ.get("HDRAS_DEBUG"):
            raise
        logging.getLogger("hdras").exception("Error inesperado en %s", where)
        st.error(msg("app.unexpected"), icon=":material/error:")


def run_page(navigation) -> None:
    """Run the chosen page, a bug in it shown as a Spanish message."""
    with unexpected_errors(f"la página {getattr(navigation, 'title', '?')}"):
        navigation.run()


def guarded(section: Callable[[], None]) -> Callable[[], None]:
    """For a fragment, which reruns on its own without app.py: the same Spanish message."""
    @functools.wraps(section)
    def run() -> None:
        with unexpected_errors(section.__name__):
            section()
    return run


def show_error(exc: HdrasError) -> None:
    """A domain error as a Spanish message, never a traceback."""
    st.error(str(exc), icon="⚠️")


def database_stamp() -> tuple:
    """Modification times of the database file and its WAL: they change with every write, so
    caches keyed on them stay valid without opening the database on every run."""
    path = Path(database_path())
    wal = path.with_name(path.name + ".wal")
    return tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (path, wal))


@st.cache_data(show_spinner=False, max_entries=4)
def _demo_batch_ids(path: str, stamp: tuple) -> list[int]:
    from hdras.progress import demo
    with database() as con:
        return demo.demo_batch_ids(con)


def demo_banner() -> None:
    """Say "ficticio" on every page while an active batch holds demo data."""

    try:
        _ensure_database(database_path(), str(config.data_dir()))
        batch_ids = _demo_batch_ids(database_path(), database_stamp())
    except HdrasError:  # the page itself reports a busy or broken database
        return
    if batch_ids:
        st.warning(msg("demo.banner", batch_ids=", ".join(map(str, batch_ids))),
                   icon=":material/science:")
