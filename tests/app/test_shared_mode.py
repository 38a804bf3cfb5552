"""Shared mode in the app (design §8), by AppTest: never local single-user mode, «modo
compartido» in the sidebar, a lockout that a new session does not reset, a log line per failed
sign-in; and a restored database shown on the next page run."""

from __future__ import annotations

import pytest
from streamlit import config as st_config

from apptest_helpers import open_page, text_of
from hdras.admin import audit, auth
from hdras.admin import restore as restoring
from hdras.core import backups, db
from hdras.core.messages import msg
from hdras.progress import demo, store as progress
from workbook_builders import good_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_PAGE, HISTORY_PAGE = "views/importar.py", "views/historial.py"
PASSWORD = "clave-de-prueba"


@pytest.fixture
def shared(mini_env, monkeypatch):
    """The environment `hdras serve` gives the app, with the audit log restored afterwards."""
    monkeypatch.setenv("HDRAS_SHARED_MODE", "1")
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", auth.hash_password(PASSWORD))
    handlers = list(audit.logger.handlers)
    yield mini_env
    audit.logger.handlers[:] = handlers


def _sign_in(at, name: str, password: str):
    at.sidebar.text_input(key="auth_name").input(name)
    at.sidebar.text_input(key="auth_password").input(password)
    at.sidebar.button(key="auth_signin").click().run()
    assert not at.exception, at.exception
    return at


def test_shared_mode_says_so_and_readers_cannot_upload(shared):
    at = open_page(IMPORT_PAGE)
    text = text_of(at)
    assert "Modo compartido: cualquiera en la red puede ver el tablero" in text
    assert "Modo local" not in text and "Base de datos:" not in text
    assert at.file_uploader(key="import_upload").disabled
    assert "Solo los editores pueden cargar avance" in text


def test_without_a_hash_at_runtime_nobody_edits(shared, monkeypatch):
    monkeypatch.delenv("HDRAS_EDITOR_PASSWORD_HASH")
    at = open_page(IMPORT_PAGE)
    text = text_of(at)
    assert "Modo compartido" in text and "no tiene contraseña de editor" in text
    assert "Modo local" not in text
    assert at.file_uploader(key="import_upload").disabled
    assert not [w for w in at.sidebar.text_input if w.key == "auth_password"]


def test_a_server_listening_beyond_this_machine_is_never_local(mini_env, monkeypatch):
    """`streamlit run app.py --server.address 0.0.0.0` by hand, without a password: no editor."""
    monkeypatch.delenv("HDRAS_EDITOR_PASSWORD_HASH", raising=False)
    previous = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = open_page(IMPORT_PAGE)
    finally:
        st_config.set_option("server.address", previous)
    assert "Modo compartido" in text_of(at) and "Modo local" not in text_of(at)
    assert at.file_uploader(key="import_upload").disabled


def test_an_editor_signs_in_and_imports_and_a_log_line_is_printed(shared, capsys):
    at = _sign_in(open_page(IMPORT_PAGE), "Luis Ramos", PASSWORD)
    assert "Editor: Luis Ramos" in text_of(at)
    at.file_uploader(key="import_upload").set_value(("bueno.xlsx", good_workbook(), XLSX)).run()
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    with db.session(shared) as con:
        assert progress.list_batches(con)["imported_by"].tolist() == ["Luis Ramos"]
    out = capsys.readouterr().out
    assert "hdras inicio de sesión · editor «Luis Ramos» · cliente local" in out
    assert "hdras importación · lote 1 · por «Luis Ramos» · archivo «bueno.xlsx»" in out
    assert PASSWORD not in out


def test_five_wrong_passwords_lock_sign_in_even_from_a_new_session(shared, capsys):
    import streamlit as st

    at = open_page(IMPORT_PAGE)
    for _ in range(5):
        _sign_in(at, "Intruso", "mal")
    assert "Demasiados intentos fallidos; espere 30 s." in text_of(at)
    st.cache_resource.clear()  # any browser may ask the server for this: the lock stays
    fresh = _sign_in(open_page(IMPORT_PAGE), "Intruso", PASSWORD)  # a new tab: a new session
    assert "Demasiados intentos fallidos" in text_of(fresh)
    assert "Editor:" not in text_of(fresh)
    assert fresh.file_uploader(key="import_upload").disabled
    lines = [line for line in capsys.readouterr().out.splitlines() if "fallido" in line]
    assert len(lines) == 5 and "«Intruso»" in lines[0] and "mal" not in "".join(lines)
    assert lines[-1].endswith("5 intento(s) fallido(s) seguidos · acceso bloqueado 30 s")


def test_a_restore_shows_on_the_next_page_run(mini_env, tmp_path):
    """The page reruns on the restored file: Historial lists its batches, and the «ficticio»
    banner (cached on the file's modification time) follows."""
    copy = tmp_path / "antes-del-demo.duckdb"
    with db.session(mini_env) as con:
        backups.copy_database(con, copy)
        demo.store_demo_batch(con)
    history = open_page(HISTORY_PAGE)
    assert msg("batch.none") not in text_of(history)
    first = open_page()
    assert "ficticio" in text_of(first)
    restoring.restore(copy, mini_env)
    history.run()
    first.run()
    assert not history.exception and not first.exception
    assert msg("batch.none") in text_of(history)
    assert "ficticio" not in text_of(first)


def test_an_editor_loses_editing_when_the_hash_is_removed(shared, monkeypatch):
    at = _sign_in(open_page(IMPORT_PAGE), "Luis Ramos", PASSWORD)
    assert not at.file_uploader(key="import_upload").disabled
    monkeypatch.delenv("HDRAS_EDITOR_PASSWORD_HASH")
    at.run()
    assert at.file_uploader(key="import_upload").disabled
    assert "no tiene contraseña de editor" in text_of(at)
