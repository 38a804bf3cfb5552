"""Benchmark: in Chromium, the time from a key press to a quiet page — what a person feels.

Four interactions, each by keyboard on the served app with the demo data:
- a step of the first goal slider on Escenarios (→ on the slider's thumb);
- a filter change on Avance por año (the responsible-unit filter of the activity table);
- a change of the analysis year in the sidebar (↓ then Enter in the year selector);
- a step of the slider of a page with one slider and one chart
  (``benchmarks/one_slider_one_chart.py``), the yardstick: served inside app.py's frame (the
  sidebar, the navigation, the «ficticio» banner every page of the dashboard has), and bare.

Timing happens in the page: a key listener notes the moment of the key press and a
MutationObserver the moment of the last change on screen; the page is quiet when Streamlit is no
longer running and nothing has changed for 0.6 s. Reported: median and p90 of ``--runs`` presses,
and each interaction against the yardstick.

Usage: ``.venv/bin/python benchmarks/bench_keys.py [--runs 9]`` (also run by
``bench_pages.py --browser``). Needs Debian's chromium and chromedriver.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench_scenarios import chromium, wait_for  # noqa: E402
from served import serve  # noqa: E402

QUIET_MS = 600
WATCH = """
window.__hdras = {press: null, last: performance.now()};
document.addEventListener('keydown', () => { window.__hdras.press = performance.now(); }, true);
new MutationObserver(() => { window.__hdras.last = performance.now(); })
  .observe(document.body, {subtree: true, childList: true, attributes: true,
                           characterData: true});
"""
RUNNING = "[data-testid='stStatusWidget'] [data-testid='stStatusWidgetRunningIcon'], " \
          "[data-testid='stStatusWidget'] img"


def quiet_after_press(driver, timeout: float = 30) -> float:
    """Milliseconds from the key press to the last change on screen, once the page is quiet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.05)
        state = driver.execute_script(
            "const s = window.__hdras; return [s.press, s.last, performance.now(), "
            "document.querySelectorAll(arguments[0]).length];", RUNNING)
        press, last, now, running = state
        if press is not None and not running and now - last >= QUIET_MS and last >= press:
            return last - press
    raise TimeoutError("la página no se aquietó")


def measured(driver, act, runs: int) -> list[float]:
    """``act(i)`` presses a key; returns the press-to-quiet time of each of ``runs`` presses."""
    times = []
    for i in range(runs):
        driver.execute_script("window.__hdras.press = null;")
        act(i)
        times.append(quiet_after_press(driver))
    return times


def open_page(driver, url: str, css: str) -> None:
    driver.get(url)
    wait_for(driver, css)
    time.sleep(2)
    driver.execute_script(WATCH)


def slider_step(driver, css: str = "[data-testid=stSlider]", index: int = 0):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def act(i: int) -> None:
        slider = driver.find_elements(By.CSS_SELECTOR, css)[index]
        thumb = slider.find_element(By.CSS_SELECTOR, "input[type=range]")
        driver.execute_script("arguments[0].focus();", thumb)
        thumb.send_keys(Keys.ARROW_RIGHT if i % 2 == 0 else Keys.ARROW_LEFT)
    return act


def choose_option(driver, label: str, clear_first: bool = False):
    """Open a selector by keyboard and take the next option (a year, a unit)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def act(i: int) -> None:
        field = driver.find_element(By.CSS_SELECTOR, f"input[aria-label='{label}']")
        driver.execute_script("arguments[0].focus();", field)
        if clear_first:
            field.send_keys(Keys.BACKSPACE)
            time.sleep(0.8)
            driver.execute_script("window.__hdras.press = null;")
        field.send_keys(Keys.ARROW_DOWN)
        field.send_keys(Keys.ARROW_DOWN if i % 2 == 0 else Keys.ARROW_UP)
        field.send_keys(Keys.ENTER)
    return act


def table(rows: list[tuple[str, list[float]]], yardstick: list[float]) -> None:
    base = statistics.median(yardstick)
    print("\nChromium: de la tecla a la página quieta (ms)")
    print("| interacción | presiones | mediana | p90 | ÷ referencia en el marco |")
    print("|---|---:|---:|---:|---:|")
    for name, times in rows:
        ordered = sorted(times)
        p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
        print(f"| {name} | {len(times)} | {statistics.median(times):.0f} | {p90:.0f} | "
              f"{statistics.median(times) / base:.2f} |")


def main(runs: int = 9) -> int:
    with tempfile.TemporaryDirectory(prefix="hdras-keys-") as folder:
        database = Path(folder) / "bench.duckdb"
        subprocess.run([sys.executable, "-m", "hdras", "demo"], cwd=ROOT, check=True,
                       capture_output=True, env={**os.environ, "HDRAS_DB": str(database)})
        rows = []
        with serve(database) as server, chromium() as driver:
            driver.get(server.url + "/")
            wait_for(driver, "[data-testid=stMetric]")
            open_page(driver, server.url + "/escenarios", "[data-testid=stSlider]")
            rows.append(("Escenarios: un paso de la barra de Meta 1",
                         measured(driver, slider_step(driver), runs)))
            open_page(driver, server.url + "/avance", "input[aria-label='Unidad responsable']")
            rows.append(("Avance: filtro de unidad responsable",
                         measured(driver, choose_option(driver, "Unidad responsable",
                                                        clear_first=True), runs)))
            rows.append(("Barra lateral: año de análisis",
                         measured(driver, choose_option(driver, "Año de análisis"), runs)))
        yardstick_page = ROOT / "benchmarks" / "one_slider_one_chart.py"
        framed = write_framed_app(Path(folder), yardstick_page)
        for name, app in (("Una barra y un gráfico en el marco de app.py (referencia)", framed),
                          ("Una barra y un gráfico, sola", yardstick_page)):
            with serve(database, app=str(app)) as server, chromium() as driver:
                open_page(driver, server.url + "/", "[data-testid=stSlider]")
                rows.append((name, measured(driver, slider_step(driver), runs)))
    table(rows, rows[-2][1])
    return 0


def write_framed_app(folder: Path, page: Path) -> Path:
    """app.py with ``page`` as its only page: the same frame as every page of the dashboard."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    start, end = source.index("PAGES = {"), source.index("\n}\n", source.index("PAGES = {")) + 3
    pages = (f'PAGES = {{"Prueba": [st.Page({str(page)!r}, title="Referencia", '
             'url_path="referencia", default=True)]}\n')
    app = folder / "framed_app.py"
    app.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n" + source[:start] + pages
                   + source[end:], encoding="utf-8")
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    sys.exit(main(parser.parse_args().runs))
