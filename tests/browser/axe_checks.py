"""axe-core (bundled by axe-selenium-python) on the dashboard's pages: what is run, how a page is
waited for, and the one narrow exclusion (Streamlit's own sidebar navigation markup).

Shared by tests/browser/test_accessibility.py and benchmarks/axe_audit.py (the before/after
summary per page). Not a test module itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from hdras.core import db

# Vega-Embed's accessible name for a chart drawn without a description
GENERIC_NAME = "Vega visualization"

ROOT = Path(__file__).resolve().parents[2]
# WCAG 2.1 level A and AA rules (axe tags): what the issue asks for, nothing best-practice.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# Streamlit renders the sidebar navigation's sections as <ul> whose children are not all <li>
# (axe: list/listitem). That markup is Streamlit's, not ours: these two rules, and only inside
# the navigation, are left out; every other finding there still counts.
STREAMLIT_NAV = '[data-testid="stSidebarNav"]'
STREAMLIT_NAV_RULES = frozenset({"list", "listitem"})
MAX_HEIGHT = 12_000  # px: the Gantt of 92 activities is about 3 000
# The Metas views with charts of their own (Meta 2 %/m³/s/total, Meta 3 PTAR, Meta 4 increments),
# audited beside every page app.py registers.
METAS_VIEWS = ("M2", "M3", "M4")


def registered_pages() -> list[tuple[str, str]]:
    """(name, address) of every page app.py registers: its url_path, '' for the default page."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    pages = []
    for match in re.finditer(r'st\.Page\("views/(\w+)\.py"([^)]*)\)', source):
        name, args = match.groups()
        url = re.search(r'url_path="([^"]*)"', args)
        pages.append((name, "" if "default=True" in args else (url.group(1) if url else name)))
    return pages


def audited_pages() -> list[tuple[str, str]]:
    """Every registered page, and after Metas its views with charts of their own."""
    pages = []
    for name, path in registered_pages():
        pages.append((name, path))
        if name == "metas":
            pages += [(f"metas-{v}", f"{path}?vista={v}") for v in METAS_VIEWS]
    return pages


PAGES = tuple(audited_pages())


def seed_empty(path: Path) -> None:
    """The plan only: no progress reported."""
    with db.session(path):
        pass


def seed_demo(path: Path) -> None:
    """The plan and the fictitious demo batch, stored as a user would (``python -m hdras demo``)."""
    subprocess.run([sys.executable, "-m", "hdras", "demo", "--db", str(path)], cwd=ROOT,
                   check=True, capture_output=True)


SEEDS = {"sin datos": seed_empty, "demo": seed_demo}


def open_page(driver, base_url: str, path: str, ready_text: str = "", timeout: float = 90) -> None:
    """Load a page and wait until Streamlit has finished it (its title shown, and
    ``ready_text`` if given) and every chart is drawn."""
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get(f"{base_url}/{path}")
    wait = WebDriverWait(driver, timeout, poll_frequency=0.25)
    wait.until(lambda d: d.execute_script(
        "const main = document.querySelector('[data-testid=stMain]');"
        "return main !== null && main.querySelector('h1') !== null"
        " && main.innerText.includes(arguments[0]);", ready_text))
    wait.until(lambda d: d.execute_script(
        "if (document.querySelector('[data-testid=stStatusWidget], [data-testid=stSkeleton],"
        " [data-stale=true]')) return false;"
        "const embeds = [...document.querySelectorAll('.vega-embed')];"
        "return embeds.every(e => e.querySelector('svg.marks, canvas.marks'));"))
    _wait_until_still(driver, timeout)
    time.sleep(0.5)  # Vega's last layout pass


def _wait_until_still(driver, timeout: float) -> None:
    """Until the page's text and element count stop changing (Streamlit sends a page in several
    deltas; the first ones can satisfy the checks above)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        now = driver.execute_script(
            "const main = document.querySelector('[data-testid=stMain]');"
            "return [main.innerText.length, main.querySelectorAll('*').length,"
            " !!document.querySelector('[data-testid=stStatusWidget], [data-stale=true]')];")
        if now == last and not now[2]:
            return
        last = now
        time.sleep(0.6)


def run_axe(driver) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the whole page as it is now.

    Streamlit scrolls its main area inside the window, and axe judges the contrast of text only
    where it can see it: the window is made as tall as the page for the run (else what lies below
    the first screen is silently skipped), then put back."""
    from axe_selenium_python import Axe
    size = driver.get_window_size()
    height = driver.execute_script(
        "return document.querySelector('[data-testid=stMain]').scrollHeight;")
    if height + 40 > size["height"]:
        driver.set_window_size(size["width"], min(int(height) + 40, MAX_HEIGHT))
        _wait_until_still(driver, 60)
        time.sleep(0.5)
    try:
        driver.set_script_timeout(180)
        axe = Axe(driver)
        axe.inject()
        options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
                   "resultTypes": ["violations"]}
        return axe.run(options=json.dumps(options))["violations"]
    finally:
        driver.set_window_size(size["width"], size["height"])


def _in_navigation(driver, target: list[str]) -> bool:
    return bool(driver.execute_script(
        "const el = document.querySelector(arguments[0]);"
        "return el !== null && el.closest(arguments[1]) !== null;", target[-1], STREAMLIT_NAV))


def without_streamlit_navigation(driver, violations: list[dict]) -> list[dict]:
    """``violations`` less the list/listitem nodes inside Streamlit's sidebar navigation."""
    kept = []
    for violation in violations:
        nodes = violation["nodes"]
        if violation["id"] in STREAMLIT_NAV_RULES:
            nodes = [n for n in nodes if not _in_navigation(driver, n["target"])]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def summary(violations: list[dict]) -> Counter:
    """Rule id → number of failing elements."""
    return Counter({v["id"]: len(v["nodes"]) for v in violations})


def describe(violations: list[dict], limit: int = 6) -> str:
    """A readable list of the failures (for an assertion message)."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:limit]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]!r}")
    return "\n".join(lines)


def chart_names(driver) -> list[str]:
    """The accessible name of every chart on the page: Vega-Embed's aria-label on the chart's
    container (role graphics-document), taken from the spec's description."""
    return driver.execute_script(
        "return [...document.querySelectorAll('.vega-embed')]"
        ".map(e => e.getAttribute('aria-label') || '');")
