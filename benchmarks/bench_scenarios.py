"""Benchmark: server-side time of one slider change on Escenarios against a trivial page.

Prints two tables (and saves a 1366×768 Chromium screenshot of Escenarios to look at by eye):

1. **Real server, real browser** — the number that matters in a meeting. Each app is served by
   ``streamlit run`` in a child process whose script runner is timed (the time the server spends
   running the script, or only a fragment of it, for one interaction); Chromium presses → on a
   slider, and the benchmark waits for the run to be logged before the next press. On Escenarios
   the sliders live in fragments, so a slider change reruns only its part of the page.
2. **AppTest full reruns** — no browser: the whole script after a slider change (AppTest always
   reruns the whole page, so this is the worst case: database session, every section).

The trivial page is one slider and one metric. It is measured twice: inside the same frame as
app.py (navigation, sidebar, access box, demo banner — what any page of the dashboard pays on every
interaction) and bare (a script with nothing else). Ratios are given against both.

Usage: ``.venv/bin/python benchmarks/bench_scenarios.py [--runs 15] [--no-browser]
[--screenshot PATH] [--data-dir DIR]``. Needs Debian's chromium and chromedriver for table 1.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_PLAN = ROOT / "tests" / "fixtures" / "mini_plan"
TRIVIAL_PAGE = textwrap.dedent("""\
    import streamlit as st

    value = st.slider("Valor", 0.0, 10.0, 1.0, step=0.01, key="trivial")
    st.metric("Doble", f"{value * 2:.2f}")
""")
LAUNCHER = textwrap.dedent("""\
    # Serve an app with its script runs timed: one JSON line per run (or fragment run).
    import json, sys
    sys.path[:0] = [{root!r}, {benchmarks!r}]
    from bench_scenarios import time_script_runs

    def record(run):
        with open({log!r}, "a") as out:
            out.write(json.dumps(run) + "\\n")

    time_script_runs(record)
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", {app!r}, "--server.headless", "true",
                "--server.address", "127.0.0.1", "--server.port", str({port}),
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    sys.exit(cli.main())
""")


def time_script_runs(record) -> Callable[[], None]:
    """Time every script run (or fragment run) Streamlit makes in this process: ``record`` gets
    {"ms", "fragment"} after each. Returns the function that undoes it."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.exec_func_with_error_handling

    def timed(func, ctx):
        start = time.perf_counter()
        try:
            return original(func, ctx)
        finally:
            record({"ms": (time.perf_counter() - start) * 1000,
                    "fragment": bool(ctx.fragment_ids_this_run)})

    script_runner.exec_func_with_error_handling = timed

    def undo() -> None:
        script_runner.exec_func_with_error_handling = original
    return undo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="slider changes per measurement")
    parser.add_argument("--no-browser", action="store_true", help="only the AppTest table")
    parser.add_argument("--screenshot", default=str(Path(tempfile.gettempdir())
                                                  / "hdras-escenarios-1366x768.png"))
    parser.add_argument("--data-dir", default=None,
                        help="plan folder (default: data/ when complete, else the fixture plan)")
    args = parser.parse_args()
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    work = Path(tempfile.mkdtemp(prefix="hdras-bench-"))
    os.environ["HDRAS_DATA_DIR"] = str(data_dir)
    os.environ["HDRAS_DB"] = str(work / "bench.duckdb")
    trivial_app = write_trivial_app(work)
    print(f"Plan: {data_dir} · {args.runs} cambios de control por medición\n")
    try:
        if not args.no_browser:
            browser_table(args.runs, work, trivial_app, Path(args.screenshot))
        apptest_table(args.runs, trivial_app)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def default_data_dir() -> Path:
    complete = all((ROOT / "data" / name).exists() for name in ("activities.csv",
                                                                "activity_schedule.csv"))
    return ROOT / "data" if complete else FIXTURE_PLAN


def write_trivial_app(work: Path) -> Path:
    """app.py's frame with one trivial page instead of the dashboard's pages."""
    page = work / "trivial.py"
    page.write_text(TRIVIAL_PAGE)
    return write_framed_app(work, page)


def write_framed_app(folder: Path, page: Path) -> Path:
    """app.py with ``page`` as its only page: the same frame as every page of the dashboard
    (everything app.py does on each run but the list of pages)."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    start = source.index("PAGES = {")
    end = source.index("\n}\n", start) + 3
    pages = (f'PAGES = {{"Prueba": [st.Page({str(page)!r}, title="Referencia", '
             'url_path="referencia", default=True)]}\n')
    return write_app(folder / f"framed_{page.stem}.py", source[:start] + pages + source[end:])


def write_app(app: Path, source: str) -> Path:
    """``source`` (app.py, changed) written to ``app``, run from outside the project: it finds the
    project's modules (hdras, views) first. The line that says so goes after the docstring: before
    it, the docstring would be a plain string, and Streamlit's magic would draw it on the page."""
    module = ast.parse(source)
    cut = module.body[0].end_lineno if ast.get_docstring(module) is not None else 0
    lines = source.splitlines(keepends=True)
    header = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
    app.write_text("".join(lines[:cut]) + header + "".join(lines[cut:]), encoding="utf-8")
    return app


# --------------------------------------------------------------------------- real server


def browser_table(runs: int, work: Path, trivial_app: Path, screenshot: Path) -> None:
    rows = []
    with served(ROOT / "app.py", work / "app.log", work) as (port, log):
        with chromium() as driver:
            url = f"http://127.0.0.1:{port}"
            driver.get(url + "/")  # runs app.py once, so st.navigation owns the pages
            wait_for(driver, "[data-testid=stMetric], [data-testid=stMarkdownContainer]")
            driver.get(url + "/escenarios")
            wait_for(driver, "[data-testid=stSlider]")
            time.sleep(2)
            rows.append(("Escenarios", "ritmo de Meta 1 (sección 1)",
                         press(driver, log, "[data-testid=stSlider]", 0, runs)))
            rows.append(("Escenarios", "años de retraso (sección 4)",
                         press(driver, log, "[data-testid=stSlider]", -1, runs)))
            reload = []
            for _ in range(max(3, runs // 3)):
                mark = len(read_log(log))
                driver.refresh()
                wait_for(driver, "[data-testid=stSlider]")
                reload += await_runs(log, mark)
            rows.append(("Escenarios", "página completa (recarga)", reload))
            driver.set_window_size(1366, 768)
            driver.get(url + "/escenarios")
            wait_for(driver, "canvas, svg.marks")
            time.sleep(3)
            driver.save_screenshot(str(screenshot))
    trivial = {}
    for name, app in (("framed", trivial_app), ("bare", work / "trivial.py")):
        with served(app, work / f"{name}.log", work) as (port, log):
            with chromium() as driver:
                driver.get(f"http://127.0.0.1:{port}/")
                wait_for(driver, "[data-testid=stSlider]")
                time.sleep(1)
                trivial[name] = press(driver, log, "[data-testid=stSlider]", 0, runs)
    rows.append(("Página trivial", "con el marco de app.py", trivial["framed"]))
    rows.append(("Página trivial", "sola (sin marco)", trivial["bare"]))
    print_table("1 · Servidor real y Chromium: tiempo en el servidor por interacción", rows,
                trivial["framed"], trivial["bare"])
    print(f"Captura de Escenarios a 1366×768: {screenshot}\n")


class served:
    """``streamlit run`` in a child process with timed script runs; yields (port, log)."""

    def __init__(self, app: Path, log: Path, work: Path):
        self.app, self.log, self.work = app, log, work

    def __enter__(self):
        self.port = free_port()
        launcher = self.work / f"launch_{self.port}.py"
        launcher.write_text(LAUNCHER.format(root=str(ROOT), benchmarks=str(ROOT / "benchmarks"),
                                            log=str(self.log), app=str(self.app), port=self.port))
        self.process = subprocess.Popen([sys.executable, str(launcher)], cwd=ROOT,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self.port, self.log
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("el servidor de Streamlit no arrancó")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def free_port() -> int:
    """A free port in 8600–8699 (the range this project's checks use)."""
    for port in range(8690, 8600, -1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no hay puertos libres entre 8600 y 8699")


class chromium:
    def __enter__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='hdras-chromium-')}",
                     "--window-size=1366,768"):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        return self.driver

    def __exit__(self, *exc):
        self.driver.quit()


def wait_for(driver, css: str, timeout: float = 60) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))


def press(driver, log: Path, css: str, index: int, runs: int) -> list[dict]:
    """Press → (then ←) on the slider's thumb ``runs`` times; the server runs each change."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    timings = []
    for i in range(runs):
        slider = driver.find_elements(By.CSS_SELECTOR, css)[index]
        thumb = slider.find_element(By.CSS_SELECTOR, "input[type=range]")
        mark = len(read_log(log))
        driver.execute_script("arguments[0].focus();", thumb)
        thumb.send_keys(Keys.ARROW_RIGHT if i % 2 == 0 else Keys.ARROW_LEFT)
        timings += await_runs(log, mark)
    return timings


def await_runs(log: Path, mark: int, timeout: float = 20) -> list[dict]:
    """The runs logged after ``mark`` once the server has been quiet for a moment."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(read_log(log)) <= mark:
        time.sleep(0.01)
    time.sleep(0.4)  # a change may trigger a follow-up run (st.rerun); take it too
    return read_log(log)[mark:]


def read_log(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


# --------------------------------------------------------------------------- AppTest


def apptest_table(runs: int, trivial_app: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from streamlit.testing.v1 import AppTest

    logged: list[dict] = []
    undo = time_script_runs(logged.append)
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page("views/escenarios.py").run()
        scenario = change(at, "sc_rate_M1_linear", [0.5, 0.75], runs, logged)
        trivial_at = AppTest.from_file(str(trivial_app), default_timeout=60)
        trivial_at.run()
        framed = change(trivial_at, "trivial", [2.0, 3.0], runs, logged)
        bare_at = AppTest.from_string(TRIVIAL_PAGE, default_timeout=60)
        bare_at.run()
        bare = change(bare_at, "trivial", [2.0, 3.0], runs, logged)
    finally:
        undo()
    print_table("2 · AppTest, script completo tras mover un control (sin navegador)", [
        ("Escenarios", "ritmo de Meta 1, página completa", scenario),
        ("Página trivial", "con el marco de app.py", framed),
        ("Página trivial", "sola (sin marco)", bare)], framed, bare)


def change(at, key: str, values: list[float], runs: int, logged: list[dict]) -> list[dict]:
    at.slider(key=key).set_value(values[0]).run()  # warm caches
    out = []
    for i in range(runs):
        mark = len(logged)
        at.slider(key=key).set_value(values[(i + 1) % 2]).run()
        if at.exception:
            raise RuntimeError(str(at.exception))
        out += logged[mark:]
    return out


# --------------------------------------------------------------------------- report


def print_table(title: str, rows: list[tuple[str, str, list[dict]]], framed: list[dict],
                bare: list[dict]) -> None:
    """Median and p90 per row; ratios of medians against the trivial page with and without the
    app's frame."""
    framed_ms = statistics.median(t["ms"] for t in framed) if framed else float("nan")
    bare_ms = statistics.median(t["ms"] for t in bare) if bare else float("nan")
    print(title)
    header = (f"{'página':<16}{'cambio':<36}{'corridas':>9}{'fragmento':>10}{'mediana ms':>12}"
              f"{'p90 ms':>9}{'÷ trivial con marco':>21}{'÷ trivial sola':>16}")
    print(header)
    print("-" * len(header))
    for page, what, timings in rows:
        values = sorted(t["ms"] for t in timings)
        if not values:
            print(f"{page:<16}{what:<36}{'sin corridas registradas':>40}")
            continue
        median = statistics.median(values)
        p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
        fragments = sum(t["fragment"] for t in timings)
        print(f"{page:<16}{what:<36}{len(values):>9}{fragments:>10}{median:>12.1f}{p90:>9.1f}"
              f"{median / framed_ms:>21.2f}{median / bare_ms:>16.1f}")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
