"""Real browser: `streamlit run app.py` on a free port, headless Chromium through Selenium.

Skipped when Chromium or its driver is missing, unless HDRAS_REQUIRE_BROWSER=1 (CI), which turns the
skip into a failure so these tests cannot silently stop running. Screenshots go to tests/artifacts/.
HDRAS_DATA_DIR is inherited: unset, the app serves the real plan in data/.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from goal_fixtures import store_actuals_in_file
from served import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,2000", "--lang=es-PE")
CHART = ".vega-embed canvas, .vega-embed svg"


def _browser_missing(reason: str) -> None:
    if os.environ.get("HDRAS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (HDRAS_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@contextlib.contextmanager
def running_app(tmp_path: Path, seed=None) -> Iterator[str]:
    """`streamlit run app.py` on a free port of 127.0.0.1 with $HDRAS_DB on a temp file
    (``served.serve``); yields the base URL and always stops the server. ``seed(db_path)`` puts
    progress in first (default: the fixture goal actuals of tests/goal_fixtures.py)."""
    db_path = tmp_path / "browser.duckdb"
    (seed or store_actuals_in_file)(db_path)
    with serve(db_path) as served:
        yield served.url


@pytest.fixture(scope="module")
def server(driver, tmp_path_factory):
    """One dashboard for the module (started after the browser check, so a missing browser
    starts nothing)."""
    with running_app(tmp_path_factory.mktemp("browser")) as url:
        yield url


def chromium_driver(profile: Path, prefs: dict | None = None):
    """Headless Chromium (Debian's, through chromedriver) with its own profile folder and
    ``prefs`` (downloads…); a missing browser fails when CI requires it, else skips."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        _browser_missing("Chromium or chromedriver not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _browser_missing("selenium not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    if prefs:
        options.add_experimental_option("prefs", prefs)
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(60)
    return browser


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    browser = chromium_driver(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield browser
    finally:
        browser.quit()


def _wait_for(browser, condition, timeout: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(browser, timeout, poll_frequency=0.25).until(condition)


def _body_text(browser) -> str:
    from selenium.webdriver.common.by import By
    return browser.find_element(By.TAG_NAME, "body").text


def _sidebar_text(browser) -> str:
    from selenium.webdriver.common.by import By
    return " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR,
                                                          '[data-testid="stSidebar"]'))


def _charts(browser) -> list:
    from selenium.webdriver.common.by import By
    return browser.find_elements(By.CSS_SELECTOR, CHART)


def _screenshot(browser, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    return path


def _settle(browser) -> None:
    """Wait until Streamlit has finished the script run (no 'running' status widget)."""
    from selenium.webdriver.common.by import By
    _wait_for(browser, lambda b: not b.find_elements(By.CSS_SELECTOR,
                                                      '[data-testid="stStatusWidget"]'))


def test_resumen_and_metas_render_in_chromium(driver, server):
    driver.get(f"{server}/")  # Resumen is the default page
    _wait_for(driver, lambda b: all(f"Meta {n} ·" in _body_text(b) for n in range(1, 7)))
    _settle(driver)
    body = _body_text(driver)
    assert "Año de análisis" in _sidebar_text(driver)  # app.py's frame: st.navigation ran
    assert "Meta alcanzada" in body and "Retroceso" in body  # status lines of the goal cards
    _screenshot(driver, "resumen")

    driver.get(f"{server}/metas")
    _wait_for(driver, lambda b: len(_charts(b)) >= 1)
    _settle(driver)
    assert "Estado de las metas" in _body_text(driver)
    assert "Año de análisis" in _sidebar_text(driver)
    _screenshot(driver, "metas")


@pytest.mark.parametrize("view, n_charts", [("M2", 3), ("M3", 2), ("M4", 2), ("M6", 1)])
def test_named_views_open_from_a_link(driver, server, view, n_charts):
    """A link ?vista=M2 opens that view, so a meeting can share the same picture."""
    driver.get(f"{server}/")
    _wait_for(driver, lambda b: "Meta 1 ·" in _body_text(b))
    driver.get(f"{server}/metas?vista={view}")
    _wait_for(driver, lambda b: len(_charts(b)) >= n_charts)
    _settle(driver)
    assert f"vista={view}" in driver.current_url
    time.sleep(1)  # let Vega finish drawing the last chart before the screenshot
    _screenshot(driver, f"metas-{view}")


def test_back_returns_to_the_view_before(driver, server):
    """Choosing a view writes it into the address (?vista=M2) and Streamlit pushes that address
    in the browser's history: Back shows the view before, Forward the one chosen."""
    from selenium.webdriver.common.by import By
    chosen = "return document.querySelector('.st-key-vista [aria-checked=true]').innerText;"
    driver.get(f"{server}/metas?vista=M1")
    _wait_for(driver, lambda b: len(_charts(b)) >= 1)
    _settle(driver)
    assert driver.execute_script(chosen).startswith("Meta 1")
    [button] = [b for b in driver.find_elements(By.CSS_SELECTOR, ".st-key-vista button")
                if b.text.startswith("Meta 2")]
    button.click()
    _wait_for(driver, lambda b: "vista=M2" in b.current_url)
    _settle(driver)
    driver.back()
    _wait_for(driver, lambda b: "vista=M1" in b.current_url
              and b.execute_script(chosen).startswith("Meta 1"))
    _settle(driver)
    assert "vista=M1" in driver.current_url  # the page did not write M2 back
    driver.forward()
    _wait_for(driver, lambda b: "vista=M2" in b.current_url
              and b.execute_script(chosen).startswith("Meta 2"))


def test_deep_link_on_a_fresh_server(driver, tmp_path):
    """A shared link opened first on a fresh server still goes through app.py.

    Streamlit routes requests through its legacy multipage mode while a ``pages/`` folder sits
    next to the entry script and ``st.navigation`` has not run yet; the views live in ``views/``
    for that reason.
    """
    with running_app(tmp_path) as url:
        driver.get(f"{url}/metas?vista=M2")
        _wait_for(driver, lambda b: len(_charts(b)) >= 1)
        _settle(driver)
        assert "Año de análisis" in _sidebar_text(driver)
