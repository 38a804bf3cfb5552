"""Real browser: the Cronograma (Gantt of the 92 activities) and Avance por año views in Chromium.

Reuses the server and driver helpers of tests/browser/test_browser.py. Screenshots go to tests/artifacts/
(cronograma.png, avance-2025.png) for a look by eye.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from activity_fixtures import spread_progress
from hdras.core import db
from hdras.progress import store as progress
from hdras.activities import schedule
from test_browser import (_body_text, _charts, _screenshot, _settle, _sidebar_text, _wait_for,
                          driver, running_app)  # noqa: F401 - driver is a fixture

pytestmark = pytest.mark.browser


def _seed_activity_reports(path: Path) -> None:
    with db.session(path) as con:
        rows = schedule.planned_rows(con)
        progress.record_batch(con, None, spread_progress(rows), filename="avance.xlsx",
                              sha256="0" * 64, imported_by="pytest")


@pytest.fixture(scope="module")
def activity_server(driver, tmp_path_factory):  # noqa: F811 - the imported fixture
    """`streamlit run app.py` on the real plan with deterministic activity reports."""
    with running_app(tmp_path_factory.mktemp("activity-browser"), _seed_activity_reports) as url:
        driver.get(f"{url}/")
        _wait_for(driver, lambda b: "Año de análisis" in _sidebar_text(b))
        yield url


def _choose_year(browser, year: int) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    css = '[data-testid="stSidebar"] [data-testid="stSelectbox"] input'
    _wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, css))
    _settle(browser)
    box = browser.find_element(By.CSS_SELECTOR, css)
    box.click()
    box.send_keys(str(year), Keys.ENTER)
    _settle(browser)


def test_gantt_of_92_activities_renders(driver, activity_server):  # noqa: F811
    driver.get(f"{activity_server}/cronograma")
    _wait_for(driver, lambda b: "92 de 92 actividades" in _body_text(b) and _charts(b))
    _settle(driver)
    time.sleep(1)  # let Vega finish drawing before measuring and the screenshot
    chart = _charts(driver)[0]
    assert chart.size["height"] > 92 * 20  # one row of about 22 px per activity, plus headers
    assert "Año de análisis" in _sidebar_text(driver)
    _screenshot(driver, "cronograma")


def test_gantt_fits_a_projector_screen(driver, activity_server):  # noqa: F811
    """At 1366 px with the sidebar open, every period, legend and line heading of the Gantt
    stays inside the page's content column (nothing cut at the right edge)."""
    size = driver.get_window_size()
    driver.set_window_size(1366, 900)
    try:
        driver.get(f"{activity_server}/cronograma")
        _wait_for(driver, lambda b: "92 de 92 actividades" in _body_text(b) and _charts(b))
        _settle(driver)
        time.sleep(1)
        chart_right, content_right = driver.execute_script(
            "const svg = document.querySelector('[data-testid=stVegaLiteChart] svg.marks');"
            "const main = document.querySelector('[data-testid=stMainBlockContainer]');"
            "const pad = parseFloat(getComputedStyle(main).paddingRight);"
            "return [svg.getBoundingClientRect().right,"
            "        main.getBoundingClientRect().right - pad];")
        assert chart_right <= content_right + 1, (chart_right, content_right)
        _screenshot(driver, "cronograma-1366")
    finally:
        driver.set_window_size(size["width"], size["height"])


def test_yearly_view_2025_renders(driver, activity_server):  # noqa: F811
    driver.get(f"{activity_server}/avance")
    _wait_for(driver, lambda b: "Avance de actividades por año" in _body_text(b))
    _choose_year(driver, 2025)
    _wait_for(driver, lambda b: "Avance de actividades por año · 2025" in _body_text(b)
              and len(_charts(b)) >= 2)
    _settle(driver)
    body = _body_text(driver)
    assert "Programadas en 2025" in body and "metas semestrales de 2025 (sección 2.3)" in body
    time.sleep(1)
    _screenshot(driver, "avance-2025")
