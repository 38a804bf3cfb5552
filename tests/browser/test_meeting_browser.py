"""Real browser: the meeting pack downloaded from Resumen, addresses that are not a page, and the
first screen of every page at 1366×768 (screenshots in tests/artifacts/ for a look by eye; the
PDF is kept there too, for `pdftoppm -png`)."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

import pypdf
import pytest

from goal_fixtures import ACTUALS_2025
from hdras.core import db
from hdras.progress import demo, store as progress
from test_browser import (ARTIFACTS, _body_text, _screenshot, _settle, _wait_for,  # noqa: F401
                          driver, running_app)

pytestmark = pytest.mark.browser

PAGES = ("", "novedades", "metas", "plan", "cronograma", "avance", "hitos", "responsables",
         "escenarios", "cargar", "historial", "exportar")


def _seed(path: Path) -> None:
    """A real import some weeks ago, then the demo batch (every page says FICTICIO)."""
    with db.session(path) as con:
        progress.record_batch(con, ACTUALS_2025, None, filename="avance-2025.xlsx",
                              sha256="1" * 64, imported_by="Ana Pérez",
                              imported_at=dt.datetime.now() - dt.timedelta(days=20))
        demo.store_demo_batch(con)


@pytest.fixture(scope="module")
def meeting_server(driver, tmp_path_factory):  # noqa: F811 - the imported fixture
    with running_app(tmp_path_factory.mktemp("meeting-browser"), _seed) as url:
        yield url


def _open(browser, url: str) -> None:
    browser.get(url)
    _wait_for(browser, lambda b: "Año de análisis" in _body_text(b))
    _settle(browser)


def _click_text(browser, tag: str, text: str):
    from selenium.webdriver.common.by import By
    element = _wait_for(browser, lambda b: next(
        (e for e in b.find_elements(By.TAG_NAME, tag) if text in e.text and e.is_displayed()),
        False))
    element.click()
    return element


def test_the_pdf_downloads_from_the_resumen_button(driver, meeting_server, tmp_path):
    folder = tmp_path / "descargas"
    folder.mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(folder)})
    _open(driver, f"{meeting_server}/")
    _click_text(driver, "button", "Informe para la reunión")
    _click_text(driver, "button", "PDF (A4)")
    pdf = _wait_for(driver, lambda b: next((p for p in folder.glob("*.pdf")
                                            if p.stat().st_size > 10_000), False), timeout=120)
    time.sleep(0.5)  # let Chromium finish writing
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and pdf.name.startswith("hdras-informe-")
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]
    assert len(pages) > 8 and all("FICTICIO" in p for p in pages)
    assert "Informe para la reunión" in pages[0] and "Ana Pérez" in pages[0]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "informe.pdf").write_bytes(data)


@pytest.mark.parametrize("path, notice", [("resumen", False), ("no-existe", True),
                                          ("informe-2026", True)])
def test_unknown_addresses_open_resumen_in_spanish(driver, meeting_server, path, notice):
    _open(driver, f"{meeting_server}/{path}")
    _wait_for(driver, lambda b: all(f"Meta {n} ·" in _body_text(b) for n in range(1, 7)))
    body = _body_text(driver)
    assert "Page not found" not in body and "not found" not in body.lower()
    if notice:
        assert "no es una página del tablero: se muestra el Resumen" in body
    _screenshot(driver, f"address-{path.replace('/', '-')}")


def test_first_screens_at_1366x768(driver, meeting_server):
    """Every page's first screen at a projector's 1366×768; on Resumen the six goals and their
    status are visible without scrolling."""
    from selenium.webdriver.common.by import By

    driver.set_window_size(1366, 768)
    try:
        for page in PAGES:
            _open(driver, f"{meeting_server}/{page}")
            time.sleep(1.5)  # let charts finish drawing before the screenshot
            _screenshot(driver, f"screen-1366-{page or 'resumen'}")
        _open(driver, f"{meeting_server}/")
        height = driver.execute_script("return window.innerHeight")
        for code in ("M1", "M2", "M3", "M4", "M5", "M6"):
            card = driver.find_element(By.CSS_SELECTOR, f".st-key-goal-card-{code}")
            badge = card.find_elements(By.CSS_SELECTOR, "[data-testid='stMarkdownContainer']")[0]
            assert badge.rect["y"] + badge.rect["height"] <= height, (code, badge.rect, height)
        assert "FICTICIO" in _body_text(driver)
        # Metas: the status table and the chosen view's first chart; Escenarios: the chosen
        # goal's controls and its chart
        for page, selectors in (("metas", ("[data-testid='stDataFrame']", ".vega-embed")),
                                ("escenarios", ("[data-testid='stSlider']", ".vega-embed"))):
            _open(driver, f"{meeting_server}/{page}")
            _wait_for(driver, lambda b: b.find_elements(By.CSS_SELECTOR, ".vega-embed .marks"))
            for selector in selectors:
                rect = driver.find_elements(By.CSS_SELECTOR, selector)[0].rect
                assert rect["height"] > 50 and rect["y"] + rect["height"] <= height, \
                    (page, selector, rect, height)
    finally:
        driver.set_window_size(1440, 2000)
