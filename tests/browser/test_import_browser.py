"""Real browser (issue 11): a unit downloads its workbook from Cargar avance, fills it, uploads it
through the page's file input, confirms, and the result shows on screen; then Responsables says
who has reported. Chromium saves downloads where its download-directory preference says.

Screenshots go to tests/artifacts/ (cargar-unidad*.png, responsables-reporte*.png).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pytest

from hdras.core import config
from test_browser import (_body_text, chromium_driver,
                          _screenshot, _settle, _wait_for, running_app)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def download_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("descargas")


def _screenshot_part(driver, css: str, name: str, window: tuple[int, int] | None = None) -> None:
    """A screenshot with the element ``css`` in the middle of the window (of size ``window`` if
    given, then the window goes back to its size)."""
    size = driver.get_window_size()
    if window:
        driver.set_window_size(*window)
    driver.execute_script(f"document.querySelector('{css}').scrollIntoView({{block: 'center'}});")
    time.sleep(0.5)
    _screenshot(driver, name)
    driver.set_window_size(size["width"], size["height"])


@pytest.fixture(scope="module")
def downloading_driver(tmp_path_factory, download_dir):
    """Chromium whose downloads land in ``download_dir`` without asking."""
    browser = chromium_driver(tmp_path_factory.mktemp("chromium-descargas"), prefs={
        "download.default_directory": str(download_dir), "download.prompt_for_download": False,
        "download.directory_upgrade": True, "safebrowsing.enabled": False})
    try:
        yield browser
    finally:
        browser.quit()


def _css(browser, selector: str):
    from selenium.webdriver.common.by import By
    _wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, selector))
    return browser.find_element(By.CSS_SELECTOR, selector)


def _choose(browser, key: str, value: str) -> None:
    """Pick ``value`` in the selectbox whose widget key is ``key``."""
    from selenium.webdriver.common.keys import Keys
    _settle(browser)
    box = _css(browser, f".st-key-{key} input")
    box.click()
    box.send_keys(value, Keys.ENTER)
    _settle(browser)


def _table_rows(browser, selector: str) -> dict[str, list[str]]:
    """An HTML table's body rows by their first cell, each as the list of its cells' text."""
    from selenium.webdriver.common.by import By
    rows = {}
    for tr in _css(browser, selector).find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = [c.text.strip() for c in tr.find_elements(By.CSS_SELECTOR, "th, td")]
        rows[cells[0]] = cells
    return rows


def _downloaded(folder: Path, name: str, timeout: float = 60) -> Path:
    path = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and not list(folder.glob("*.crdownload")) and path.stat().st_size:
            return path
        time.sleep(0.25)
    raise AssertionError(f"{name} not downloaded; folder has {sorted(folder.iterdir())}")


def _fill_pnsu(path: Path, out: Path) -> None:
    """What the PNSU official does in the workbook: two activities and one goal value."""
    book = openpyxl.load_workbook(path)
    rows = {(r[0].value, r[1].value): r for r in book["Actividades"].iter_rows(min_row=2)
            if r[0].value}
    assert set(code for code, _ in rows) == {"4.1.2.1", "4.1.2.2", "4.2.2.1", "4.2.2.2"}
    rows[("4.1.2.1", 2025)][2].value = "Completada"
    rows[("4.1.2.1", 2025)][3].value = 1
    rows[("4.1.2.2", 2026)][2].value = "En proceso"
    for row in book["Metas"].iter_rows(min_row=2):
        if (row[0].value, row[1].value) == ("M3", 2026):
            row[2].value, row[3].value = 4.5, "RENAPRO"
    book.save(out)


def test_a_unit_downloads_fills_and_uploads_its_workbook(downloading_driver, download_dir,
                                                          tmp_path):
    driver = downloading_driver
    with running_app(tmp_path) as url:  # seeded with the fixture goal actuals (batch 1)
        driver.get(f"{url}/cargar")
        _wait_for(driver, lambda b: "Descargar plantilla" in _body_text(b))
        _choose(driver, "import_unit", "PNSU")
        _wait_for(driver, lambda b: "Descargar plantilla de PNSU (.xlsx)" in _body_text(b))
        _screenshot(driver, "cargar-unidad")
        _css(driver, ".st-key-import_template button").click()
        template = _downloaded(download_dir, "hdras-plantilla-avance-PNSU.xlsx")
        filled = tmp_path / "avance-PNSU.xlsx"
        _fill_pnsu(template, filled)

        _css(driver, ".st-key-import_upload input[type=file]").send_keys(str(filled))
        _wait_for(driver, lambda b: "Vista previa" in _body_text(b), timeout=90)
        _settle(driver)
        body = _body_text(driver)
        assert "Archivo válido: 8 valores de metas y 2 reportes de actividades." in body
        assert "Metas: 1 nuevos · 0 cambian · 7 sin cambio" in body  # carried values unchanged
        assert "Actividades: 2 nuevos · 0 cambian · 0 sin cambio" in body
        _screenshot_part(driver, ".st-key-import_preview_goals", "cargar-unidad-vista-previa-1366",
                         (1366, 768))
        _css(driver, ".st-key-import_confirm button").click()
        _wait_for(driver, lambda b: "Lote 2 guardado" in _body_text(b))
        assert "Lote 2 guardado: 8 valores de metas y 2 reportes de actividades" in \
            _body_text(driver)
        _screenshot(driver, "cargar-unidad-guardado")

        driver.get(f"{url}/responsables")
        _wait_for(driver, lambda b: "Quién ha reportado?" in _body_text(b))
        _choose(driver, "year", "2025")  # the sidebar's year
        _wait_for(driver, lambda b: "Quién ha reportado? · 2025" in _body_text(b))
        today = config.now().date().isoformat()
        table = _table_rows(driver, ".st-key-resp_reporting table")
        assert table["PNSU"] == ["PNSU", "1", "1", "0", today, "—"]
        assert table["DGAA"][1:5] == ["29", "1", "28", today]  # 4.1.2.1 is DGAA's too
        assert table["PNSR"][1:5] == ["1", "1", "0", today]
        _screenshot_part(driver, ".st-key-resp_reporting", "responsables-reporte")
        _screenshot_part(driver, ".st-key-resp_reporting", "responsables-reporte-1366", (1366, 768))
    assert dt.date.fromisoformat(today)


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_libreoffice_files_percentages_and_the_marked_up_copy(downloading_driver, download_dir,
                                                              tmp_path):
    """An .ods with «3,5 %» shows the warning with its cell; a rejected .ods gives back an .xlsx
    copy with the cells marked, downloaded by the browser."""
    driver = downloading_driver
    with running_app(tmp_path) as url:
        driver.get(f"{url}/cargar")
        upload = ".st-key-import_upload input[type=file]"
        _css(driver, upload).send_keys(str(FIXTURES / "libreoffice_percent.ods"))
        _wait_for(driver, lambda b: "Vista previa" in _body_text(b), timeout=90)
        _settle(driver)
        warnings = _css(driver, ".st-key-import_warnings table").text
        assert "Metas!C20: celda con formato de porcentaje: se leyó 3,5 % como 3.5" in warnings
        driver.execute_script("document.querySelector('.st-key-import_warnings')"
                              ".scrollIntoView({block: 'center'});")
        time.sleep(0.5)
        _screenshot(driver, "cargar-ods-porcentaje")

        driver.get(f"{url}/cargar")  # a fresh page, a fresh uploader
        _css(driver, upload).send_keys(str(FIXTURES / "libreoffice_bad.ods"))
        _wait_for(driver, lambda b: "Archivo rechazado: 4 problema(s)" in _body_text(b), timeout=90)
        _settle(driver)
        assert "Su archivo .ods vuelve como copia .xlsx" in _body_text(driver)
        _screenshot(driver, "cargar-ods-rechazado")
        _css(driver, ".st-key-import_feedback button").click()
        copy = _downloaded(download_dir, "observaciones-libreoffice_bad.xlsx")
        book = openpyxl.load_workbook(copy)
        assert book.sheetnames[0] == "Problemas"
        assert "negativo" in book["Metas"]["C8"].comment.text
