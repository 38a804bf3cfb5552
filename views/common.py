"""What every page shares: the database session, the selected year, errors, the demo banner.

Not a page itself (app.py lists the pages explicitly). Streamlit lives here and in views/ only.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from hdras.core import config, db, version
from hdras.core.errors import HdrasError
from hdras.core.messages import msg

YEAR_KEY = "year"
# Streamlit serves <html lang="en">; the dashboard speaks Spanish (WCAG 3.1.1: screen readers pick
# their voice from it). Hidden by style.css's rule for its own container.
LANGUAGE_SCRIPT = ('<span id="hdras-lang" hidden></span>'
                   '<script>document.documentElement.lang = "es";</script>')
_OPENING = threading.Lock()  # one session at a time creates, migrates or checks the database


def database_path() -> str:
    return str(config.database_path())


def data_version() -> str:
    """The key every read model is cached on (``views.models``): it changes with any import,
    rollback, saved scenario, demo batch or change in data/, from this dashboard or from the
    command line, and costs a few file stats per run (``hdras.core.version``)."""
    return _opened(*_where())[0]


def _where() -> tuple[str, str, tuple]:
    """Database, data folder and their stamp, read once per page run: a page asks for the data
    version with every read model, and one run shows one version. A write this process
    commits during the run (an import confirmed on the page) is seen at once."""
    path, data_dir = database_path(), str(config.data_dir())
    run, key = _this_run(), (path, data_dir, version.published())
    memo = getattr(_RUN, "memo", None)
    if run is not None and memo is not None and memo[0] is run and memo[1] == key:
        return memo[2]
    where = path, data_dir, version.stamp(path, data_dir)
    _RUN.memo = (run, key, where) if run is not None else None
    return where


_RUN = threading.local()  # each session's script runs on its own thread


def history_navigation() -> bool:
    """True when this run comes from the browser's Back or Forward buttons (Streamlit reruns the
    page with the address of that history entry in ``st.query_params``)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(getattr(ctx, "is_history_navigation", False))  # an internal of Streamlit 1.67


def follow_address(key: str, param: str, read: Callable[[str | None], object]) -> None:
    """Set the widget ``key`` from the address's ``param`` (``read`` turns its text, or None,
    into the widget's value) on the session's first visit, so a shared link opens what it says,
    and after Back or Forward. The page writes its widgets into the address, and Streamlit
    pushes an entry in the browser's history for each change: without this, Back would rerun
    the page with the earlier address and the page would write the session's value back."""
    if key not in st.session_state or history_navigation():
        st.session_state[key] = read(st.query_params.get(param))


def _this_run() -> object | None:
    """An object that stands for the current script run (Streamlit gives each run, page or
    fragment, a fresh cursor table), or None outside a run."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return getattr(ctx, "cursors", None)  # an internal of Streamlit 1.67: without it, no memo


@functools.lru_cache(maxsize=32)
def _opened(path: str, data_dir: str, stamp: tuple) -> tuple[str, tuple[int, ...]]:
    """The first run that sees a new stamp opens the database once: creates it if needed,
    rebuilds the plan tables if data/ changed, and reads the version recorded inside and the
    batches of demo data. A busy or broken database raises its HdrasError (nothing is kept),
    for the page to report. (A plain memo: the key is a tuple of file stamps, cheaper to look up
    than Streamlit's hashed caches, and shared by every session of the process.)"""
    from hdras.progress import demo

    with _OPENING, db.session(path, wait_seconds=config.ui_db_wait_seconds()) as con:
        return f"{path}|{db.data_version(con)}", tuple(demo.demo_batch_ids(con))


def forget_database() -> None:
    """Forget what was learnt of database files (tests start each from scratch)."""
    _opened.cache_clear()


@contextlib.contextmanager
def database() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one operation (the command line may need the file between runs)."""
    data_version()  # the database exists and its plan tables match data/
    with db.session(database_path(), wait_seconds=config.ui_db_wait_seconds(),
                    ensure=False) as con:
        yield con


@contextlib.contextmanager
def domain_errors() -> Iterator[None]:
    """A domain error (a busy or unreadable database…) is shown in Spanish and the page stops."""
    try:
        yield
    except HdrasError as exc:
        show_error(exc)
        st.stop()


@contextlib.contextmanager
def reading() -> Iterator[duckdb.DuckDBPyConnection]:
    """``database()`` for a page's reads, with ``domain_errors``."""
    with domain_errors(), database() as con:
        yield con


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


def page_language() -> None:
    """Tell browsers and screen readers that the page is in Spanish."""
    st.html(LANGUAGE_SCRIPT, unsafe_allow_javascript=True)


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


def demo_banner() -> None:
    """Say "ficticio" on every page while an active batch holds demo data."""
    try:
        batch_ids = _opened(*_where())[1]
    except HdrasError:  # the page itself reports a busy or broken database
        return
    if batch_ids:  # one small line: a badge with icon and word, then the sentence
        st.caption(":orange-badge[:material/science: FICTICIO] "
                   + msg("demo.banner", batch_ids=", ".join(map(str, batch_ids))),
                   help=msg("demo.banner_help"))


# Meeting-ready screens at 1366×768: the first screen carries the page's message, not padding.
STYLE_SHEET = Path(__file__).with_name("style.css")  # the one style block of the dashboard


def compact_frame() -> None:
    """The one style block on every page (views/style.css): smaller titles and top padding
    (titles stay, in fewer lines), and what WCAG 2.1 AA needs beyond Streamlit's own look."""
    st.html(STYLE_SHEET)


# --- Addresses that are not a page ------------------------------------------------------------

RESUMEN_ALIASES = ("resumen", "inicio")


def redirect_unknown_address(pages: dict[str, list]) -> str | None:
    """Before ``st.navigation``: an address that is no page (/resumen, /xyz) opens Resumen
    instead of Streamlit's English «Page not found». Returns the unknown page name, or None.

    Streamlit keeps the requested page name in the script run's context (1.67: its
    ``pages_manager``); clearing it makes ``st.navigation`` fall back to the default page
    quietly. If that internal ever moves, Streamlit's own behaviour is left as it is."""
    known = {p.url_path for section in pages.values() for p in section}
    try:
        manager = get_script_run_ctx().pages_manager
        wanted = manager.intended_page_name
        if manager.intended_page_script_hash or not wanted or wanted in known:
            return None
        manager.set_script_intent("", "")
    except AttributeError:
        return None
    return wanted


def unknown_address_notice(wanted: str | None) -> None:
    """Say in Spanish that an address was not a page (not for /resumen, which is Resumen)."""
    if wanted and wanted.strip("/").lower() not in RESUMEN_ALIASES:
        st.toast(f"La dirección «/{wanted}» no es una página del tablero: se muestra el Resumen.",
                 icon=":material/explore_off:", duration="long")
