"""What every page shares: the database session, the selected year, the editor role.

Not a page itself (app.py lists the pages explicitly). Streamlit lives here and in pages only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import duckdb
import streamlit as st

from hdras import config, db
from hdras.errors import HdrasError

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
    with db.session(path, wait_seconds=10, ensure=False) as con:
        yield con


def default_year() -> int:
    """The current year, within the plan's 2025–2030."""
    return min(max(dt.date.today().year, config.PLAN_YEARS[0]), config.PLAN_YEARS[-1])


def selected_year() -> int:
    """The year chosen in the shared sidebar (every page uses it)."""
    if YEAR_KEY not in st.session_state:
        st.session_state[YEAR_KEY] = default_year()
    return int(st.session_state[YEAR_KEY])


def show_error(exc: HdrasError) -> None:
    """A domain error as a Spanish message, never a traceback."""
    st.error(str(exc), icon="⚠️")


def current_user() -> str:
    """Who is acting: the signed-in editor, else 'local' in single-user mode, else 'lector'."""
    return st.session_state.get("editor_name") or ("local" if local_mode() else "lector")


def local_mode() -> bool:
    """No editor password or identity provider configured: one user on this machine edits."""
    return config.editor_password_hash() is None and "editor_password_hash" not in _secrets()


def is_editor() -> bool:
    """May this session upload, roll back and save shared scenarios? (design §8)"""
    return local_mode() or bool(st.session_state.get("editor_signed_in"))


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own error types here
        return {}
