"""What every page shares: the database session, the selected year, the editor role.

Not a page itself (app.py lists the pages explicitly). Streamlit lives here and in views/ only.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
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


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def plain(text: object) -> str:
    """User text (a name, a file name) escaped for markdown-capable elements: shown as typed."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


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


def current_user() -> str:
    """Who is acting: the signed-in editor; in local mode the name typed in the sidebar, else
    'local'; else 'lector'. Every batch and rollback records it (design §8)."""
    if local_mode():
        typed = str(st.session_state.get(LOCAL_NAME_KEY) or "").strip()
        return f"{typed} (modo local)" if typed else "local"
    return st.session_state.get("editor_name") or "lector"


def configured_password_hash() -> str | None:
    """The editor password hash: $HDRAS_EDITOR_PASSWORD_HASH, else secrets.toml's
    ``editor_password_hash`` (format in hdras.admin.auth and .streamlit/secrets.toml.example)."""
    return config.editor_password_hash() or _secrets().get("editor_password_hash") or None


def local_mode() -> bool:
    """No editor password or identity provider configured: one user on this machine edits."""
    return configured_password_hash() is None


def is_editor() -> bool:
    """May this session upload, roll back and save shared scenarios? (design §8)"""
    return local_mode() or bool(st.session_state.get("editor_signed_in"))


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own error types here
        return {}


# --- Editors: sign-in box and gate (design §8) ------------------------------------------------

LOCAL_NAME_KEY = "auth_local_name"
MAX_FAILURES, LOCK_SECONDS = 5, 30


def access_sidebar() -> None:
    """The sidebar box: local single-user mode notice, sign-in form, or who is signed in."""

    if local_mode():
        st.info(msg("auth.local_mode"), icon=":material/computer:")
        st.text_input("Su nombre (queda en el historial)", key=LOCAL_NAME_KEY,
                      placeholder="p. ej. Ana Pérez, DGAA")
        return
    if st.session_state.get("editor_signed_in"):
        st.success(msg("auth.signed_in", name=plain(st.session_state["editor_name"])),
                   icon=":material/edit:")
        if st.button("Cerrar sesión", key="auth_signout"):
            st.session_state.pop("editor_signed_in", None)
            st.session_state.pop("editor_name", None)
            st.rerun()
        return
    with st.expander("Acceso de editores", icon=":material/lock:"):
        st.caption(msg("auth.reader"))
        name = st.text_input("Nombre", key="auth_name")
        password = st.text_input("Contraseña", type="password", key="auth_password")
        if st.button("Ingresar", key="auth_signin"):
            _sign_in(name.strip(), password)


def _sign_in(name: str, password: str) -> None:
    import time

    from hdras.admin import auth

    locked_for = st.session_state.get("auth_locked_until", 0) - time.time()
    if locked_for > 0:
        st.error(msg("auth.locked", seconds=int(locked_for) + 1))
        return
    if not name:
        st.error(msg("auth.name_required"))
        return
    try:
        valid = auth.verify_password(password, configured_password_hash() or "")
    except HdrasError as exc:
        show_error(exc)
        return
    if not valid:
        failures = st.session_state.get("auth_failures", 0) + 1
        st.session_state["auth_failures"] = failures
        if failures >= MAX_FAILURES:
            st.session_state["auth_locked_until"] = time.time() + LOCK_SECONDS
            st.session_state["auth_failures"] = 0
        st.error(msg("auth.wrong_password"))
        return
    st.session_state.update(editor_signed_in=True, editor_name=name, auth_failures=0)
    st.rerun()


def require_editor(action: str) -> bool:
    """True for editors; otherwise say plainly why the controls are off and return False."""

    if is_editor():
        return True
    st.info(msg("auth.editor_required", action=action), icon=":material/lock:")
    return False


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
