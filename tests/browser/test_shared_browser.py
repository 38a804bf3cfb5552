"""Real browser against the real `python -m hdras serve --address 127.0.0.1 --port N` (shared
mode, design §8): readers cannot upload, roll back or save a scenario; a signed-in editor can;
each import, rollback and failed sign-in prints a log line; a backup taken right after an import
through the served app holds every batch; an automatic copy undoes that import while the app
serves; five wrong passwords lock sign-in, in a new session too.

Screenshots in tests/artifacts/: shared-reader.png, shared-reader-1366.png (and -sidebar, scrolled
to the notice), shared-editor.png, shared-historial.png, shared-signin.png, shared-locked.png.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MINI_PLAN
from goal_fixtures import store_actuals_in_file
from hdras.admin import auth
from hdras.core import backups, db
from hdras.progress import store as progress
from served import free_port, running, wait_healthy
from test_browser import (ROOT, _body_text, _screenshot, _settle, _sidebar_text,  # noqa: F401
                          _wait_for, driver)  # driver is a fixture
from workbook_builders import good_workbook

pytestmark = pytest.mark.browser
PASSWORD = "clave-de-la-sala"
SIDEBAR = '[data-testid="stSidebar"]'


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[tuple[str, Path, Path]]:
    """The real `hdras serve` on 127.0.0.1 and a free port, on the fixture plan with one batch
    stored; yields (base URL, database, file of its standard output) and always stops it."""
    database = folder / "sala.duckdb"
    env = {**os.environ, "HDRAS_DB": str(database), "HDRAS_DATA_DIR": str(MINI_PLAN),
           "HDRAS_EDITOR_PASSWORD_HASH": auth.hash_password(PASSWORD)}
    env.pop("HDRAS_DEBUG", None)  # as a room gets it: Spanish messages, no tracebacks
    os.environ["HDRAS_DATA_DIR"] = str(MINI_PLAN)
    try:
        store_actuals_in_file(database)
    finally:
        os.environ.pop("HDRAS_DATA_DIR")
    port = free_port()
    args = [sys.executable, "-m", "hdras", "serve", "--address", "127.0.0.1", "--port", str(port)]
    with running(args, env, folder / "serve.out", folder / "serve.err", stop_seconds=15) as process:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, process, log=folder / "serve.err")
        yield url, database, folder / "serve.out"


@pytest.fixture(scope="module")
def room(driver, tmp_path_factory):
    with serving(tmp_path_factory.mktemp("shared")) as served:
        yield served


def _find(browser, css: str):
    from selenium.webdriver.common.by import By
    return browser.find_elements(By.CSS_SELECTOR, css)


def _button(browser, label: str):
    from selenium.webdriver.common.by import By
    found = browser.find_elements(By.XPATH, f'//button[.//p[normalize-space()="{label}"]]')
    return found[0] if found else None


def _open(browser, url: str, text: str) -> None:
    """Load ``url`` in a new session and wait for ``text`` (never the previous page's)."""
    browser.get("about:blank")
    browser.get(url)
    _wait_for(browser, lambda b: text in _body_text(b))
    _settle(browser)


def _go(browser, page: str, text: str) -> None:
    """Open a page from the sidebar, in the same session (a new URL would start a new one)."""
    from selenium.webdriver.common.by import By
    browser.find_element(By.XPATH, f'//a[@data-testid="stSidebarNavLink"][.//span[normalize-'
                                   f'space()="{page}"]]').click()
    _wait_for(browser, lambda b: text in _body_text(b))
    _settle(browser)


def _type(browser, label: str, value: str) -> None:
    from selenium.webdriver.common.keys import Keys
    box = _wait_for(browser, lambda b: _find(b, f'input[aria-label="{label}"]'))[0]
    box.send_keys(Keys.CONTROL, "a")  # replace what is there (clear() does not reach React)
    box.send_keys(value, Keys.ENTER)  # Enter hands the value to the server (a rerun)
    time.sleep(0.8)  # the rerun's status widget shows only after a moment
    _settle(browser)


def _sign_in(browser, name: str, password: str) -> None:
    if not any(box.is_displayed() for box in _find(browser, 'input[aria-label="Contraseña"]')):
        _find(browser, f"{SIDEBAR} [data-testid='stExpander'] summary")[0].click()
        _wait_for(browser, lambda b: any(box.is_displayed() for box in
                                         _find(b, 'input[aria-label="Contraseña"]')))
    _type(browser, "Nombre", name)
    _type(browser, "Contraseña", password)
    _button(browser, "Ingresar").click()
    time.sleep(0.5)
    _settle(browser)


def _upload_disabled(browser) -> bool:
    """The uploader's drop zone and its button are disabled (Streamlit also refuses, on the
    server, a value sent for a disabled widget)."""
    zones = _find(browser, "[data-testid='stFileUploaderDropzone']")
    return bool(zones) and all(z.get_attribute("aria-disabled") == "true" for z in zones) and \
        all(not b.is_enabled() for b in _find(browser, "[data-testid='stFileUploaderDropzone'] "
                                                       "button"))


def _log(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _batches(database: Path) -> list[tuple]:
    with db.session(database, ensure=False) as con:
        return con.execute("SELECT batch_id, status FROM import_batches ORDER BY 1").fetchall()


def test_a_reader_sees_shared_mode_and_cannot_change_anything(driver, room):
    url, database, _ = room
    _open(driver, f"{url}/", "Meta 1")
    sidebar = _sidebar_text(driver)
    assert "Modo compartido" in sidebar and "Acceso de editores" in sidebar
    assert "Modo local" not in sidebar and str(database) not in sidebar
    _screenshot(driver, "shared-reader")
    driver.set_window_size(1366, 768)
    try:
        _open(driver, f"{url}/", "Meta 1")
        _screenshot(driver, "shared-reader-1366")
        notice = _wait_for(driver, lambda b: [e for e in _find(b, f"{SIDEBAR} [data-testid="
                                                                  "'stAlert']")
                                              if "Modo compartido" in e.text])[0]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", notice)
        _screenshot(driver, "shared-reader-1366-sidebar")
    finally:
        driver.set_window_size(1440, 2000)

    _open(driver, f"{url}/cargar", "Solo los editores pueden cargar avance")
    assert _upload_disabled(driver)
    _open(driver, f"{url}/historial", "Solo los editores pueden revertir lotes")
    assert _button(driver, "Revertir lote") is None
    _open(driver, f"{url}/escenarios", "Solo los editores pueden guardar o eliminar escenarios")
    assert _button(driver, "Guardar") is None


def test_an_editor_imports_rolls_back_and_saves_and_each_is_logged(driver, room, tmp_path):
    url, database, log = room
    _open(driver, f"{url}/cargar", "Cargar avance")
    _sign_in(driver, "Ana Pérez", PASSWORD)
    _wait_for(driver, lambda b: "Editor: Ana Pérez" in _sidebar_text(b))
    _screenshot(driver, "shared-editor")

    workbook = tmp_path / "avance-sala.xlsx"
    workbook.write_bytes(good_workbook())
    _find(driver, "input[type='file']")[0].send_keys(str(workbook))
    _wait_for(driver, lambda b: _button(b, "Confirmar e importar") is not None)
    _settle(driver)
    _button(driver, "Confirmar e importar").click()
    _wait_for(driver, lambda b: "guardado como lote 2" in _body_text(b).replace("\n", " ")
              or "Lote 2" in _body_text(b))
    _settle(driver)

    # A backup right after the commit, the session still open: it holds every batch.
    copy = tmp_path / "copia-en-sala.duckdb"
    done = subprocess.run([sys.executable, "-m", "hdras", "backup", str(copy), "--db",
                           str(database)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "lotes: 2 (último: 2)" in done.stdout
    assert _batches(copy) == _batches(database) == [(1, "active"), (2, "active")]

    _go(driver, "Historial", "Historial de cargas")
    from selenium.webdriver.common.by import By
    confirm = "//label[contains(., 'Confirmo que quiero revertir el lote 2')]"
    try:
        _wait_for(driver, lambda b: b.find_elements(By.XPATH, confirm), timeout=20)
    finally:
        _screenshot(driver, "shared-historial")
    driver.find_element(By.XPATH, confirm).click()
    _wait_for(driver, lambda b: _button(b, "Revertir lote").is_enabled())
    _button(driver, "Revertir lote").click()
    _wait_for(driver, lambda b: "Lote 2 revertido" in _body_text(b))

    _go(driver, "Escenarios", "¿qué pasa si…?")
    _type(driver, "Nombre del escenario", "Sala de prueba")
    _button(driver, "Guardar").click()
    _wait_for(driver, lambda b: "Escenario «Sala de prueba» guardado." in _body_text(b))
    with db.session(database, ensure=False) as con:
        assert con.execute("SELECT name, saved_by FROM scenarios").fetchall() == [
            ("Sala de prueba", "Ana Pérez")]
        assert progress.list_batches(con)["status"].tolist() == ["rolled_back", "active"]

    text = _log(log)
    assert "importación · lote 2 · por «Ana Pérez» · archivo «avance-sala.xlsx»" in text
    assert "reversión · lote 2 · por «Ana Pérez»" in text
    assert "inicio de sesión · editor «Ana Pérez»" in text and PASSWORD not in text


def test_an_automatic_copy_undoes_the_import_while_the_app_serves(driver, room):
    url, database, _ = room
    before_import = next(c for c in backups.list_copies(database)
                         if c.kind == "import" and c.detail == "avance-sala")
    done = subprocess.run([sys.executable, "-m", "hdras", "restore", str(before_import.path),
                           "--db", str(database)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "HDRAS_DATA_DIR": str(MINI_PLAN)})
    assert done.returncode == 0, done.stderr
    assert _batches(database) == [(1, "active")]
    _open(driver, f"{url}/historial", "Historial de cargas")
    newest = _wait_for(driver, lambda b: _find(b, 'input[aria-label="Ver un lote"]'))[0]
    assert newest.get_attribute("value") == "Lote 1 · fixture.xlsx · pytest"  # no batch 2


def test_five_wrong_passwords_lock_sign_in_in_a_new_session_too(driver, room):
    url, _, log = room
    _open(driver, f"{url}/cargar", "Cargar avance")  # a new page load is a new session
    for attempt in range(5):
        _sign_in(driver, "Intruso", f"equivocada-{attempt}")
        _wait_for(driver, lambda b: "Contraseña incorrecta." in _body_text(b))
    assert "Demasiados intentos fallidos" in _body_text(driver)
    _screenshot(driver, "shared-signin")

    _open(driver, f"{url}/cargar", "Cargar avance")  # another tab, another session
    _sign_in(driver, "Intruso", PASSWORD)
    _wait_for(driver, lambda b: "Demasiados intentos fallidos" in _body_text(b))
    assert "Editor:" not in _sidebar_text(driver)
    assert _upload_disabled(driver)
    _screenshot(driver, "shared-locked")
    failed = [line for line in _log(log).splitlines() if "inicio de sesión fallido" in line]
    assert len(failed) == 5 and all("nombre «Intruso» · cliente local" in f for f in failed)
    assert failed[-1].endswith("acceso bloqueado 30 s")
    assert "equivocada" not in _log(log)
