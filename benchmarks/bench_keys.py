"""Benchmark: in Chromium, the time from a key press to a quiet page — what a person feels.

Interactions, each by keyboard on the served app with the demo data:
- a step of the first goal slider on Escenarios (→ on the slider's thumb);
- a filter change on Avance por año (the responsible-unit filter of the activity table);
- a change of the analysis year in the sidebar (↓ then Enter in the year selector);
- a step of the slider of a page with one slider and one chart
  (``benchmarks/one_slider_one_chart.py``), the yardstick: served inside app.py's frame (the
  sidebar, the year, the «ficticio» banner every page of the dashboard has; with one page,
  Streamlit shows no navigation), bare, and as one more page of the dashboard (its frame with the
  navigation of all the pages);
- the same step on Escenarios with its goal panel (the fragment a goal slider reruns: sections
  1–3) replaced by the yardstick's slider and chart: what the rest of the page costs a step, so
  what is left of the ratio for the panel itself;
- with ``--costs``, the same step on two measuring copies of Escenarios, never shown to users:
  one that keeps the scenario in the session but does not write it to the address bar, and one
  without sections 4 and 5. A third table gives what each part costs a step: the difference
  from Escenarios press by press (the presses take turns), its mean ± two standard errors.

Each interaction has its own browser, and the presses take turns (one of each, then again), so a
moment when the machine is busy falls on every row alike and the ratios stay fair. Timing happens
in the page: a key listener notes the moment of the key press and a MutationObserver the moment of
the last change on screen; the page is quiet when Streamlit is no longer running and nothing has
changed for 0.6 s. Reported: median and p90 of ``--runs`` presses, and each interaction against
the yardstick in the frame.

A second table says where a press's time goes (medians, from the key press): the first message
of the server's run, the browser's first redraw of the run (it marks the run's elements as
running, the attribute ``data-stale`` on their containers, and draws with it the outputs that
arrived by then), and the quiet page. What comes after that redraw is the browser drawing the
rest of the outputs as they arrive.

Usage: ``.venv/bin/python benchmarks/bench_keys.py [--runs 9] [--costs]`` (also run by
``bench_pages.py --browser``). Needs Debian's chromium and chromedriver.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench_scenarios import chromium, wait_for, write_app, write_framed_app  # noqa: E402
from served import serve  # noqa: E402

QUIET_MS = 600
# before the page loads: the time of every message from the server, for the breakdown
MESSAGES = """
window.__hdrasMessages = [];
const Socket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Socket(...args);
  socket.addEventListener('message', () => {
    const times = window.__hdrasMessages;
    times.push(performance.now());
    if (times.length > 200) times.splice(0, 100);
  });
  return socket;
};
window.WebSocket.prototype = Socket.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
"""
WATCH = """
window.__hdras = {press: null, last: performance.now(), marked: null};
document.addEventListener('keydown', () => {
  window.__hdras.press = performance.now(); window.__hdras.marked = null;
}, true);
new MutationObserver((records) => {
  const now = performance.now(), state = window.__hdras;
  state.last = now;
  if (state.press !== null && state.marked === null
      && records.some((r) => r.attributeName === 'data-stale')) state.marked = now;
}).observe(document.body, {subtree: true, childList: true, attributes: true,
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


def press_time(driver, act, i: int) -> float:
    """``act(i)`` presses a key; returns the time from that press to a quiet page."""
    driver.execute_script("window.__hdras.press = null;")
    act(i)
    return quiet_after_press(driver)


def phases(driver) -> tuple[float | None, float | None]:
    """For the press just timed: ms from the key to the first message from the server, and to
    the browser's first redraw of the run (None when not seen)."""
    press, marked, messages = driver.execute_script(
        "return [window.__hdras.press, window.__hdras.marked, window.__hdrasMessages || []];")
    first = next((t for t in messages if t >= press), None)
    return (None if first is None else first - press,
            None if marked is None else marked - press)


def open_page(driver, url: str, css: str) -> None:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": MESSAGES})
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


def table(rows: list[tuple[str, list[float]]], yardstick: list[float],
          in_dashboard: list[float]) -> None:
    base, page = statistics.median(yardstick), statistics.median(in_dashboard)
    print("\nChromium: de la tecla a la página quieta (ms)")
    print("| interacción | presiones | mediana | p90 | ÷ referencia en el marco "
          "| ÷ referencia en el tablero |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, times in rows:
        ordered = sorted(times)
        p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
        median = statistics.median(times)
        print(f"| {name} | {len(times)} | {median:.0f} | {p90:.0f} | {median / base:.2f} | "
              f"{median / page:.2f} |")


def breakdown(rows: list[tuple[str, list[float], list[tuple]]]) -> None:
    """Where the time of a press goes (``phases``), medians from the key press."""
    def median(values) -> str:
        seen = [v for v in values if v is not None]
        return f"{statistics.median(seen):.0f}" if seen else "—"
    print("\nDónde se va el tiempo (medianas, ms desde la tecla)")
    print("| interacción | primer mensaje del servidor | primer redibujo de la ejecución "
          "| página quieta |")
    print("|---|---:|---:|---:|")
    for name, times, parts in rows:
        print(f"| {name} | {median(p[0] for p in parts)} | {median(p[1] for p in parts)} "
              f"| {statistics.median(times):.0f} |")


def part_costs(escenarios: list[float], parts: list[tuple[str, list[float]]]) -> None:
    """What each part of Escenarios costs a step: Escenarios' time minus the time of the copy
    without it, press by press (the i-th press of each, taken in turn), as mean ± two standard
    errors and median; a part whose interval holds 0 costs nothing this run could see."""
    print("\nLo que cuesta cada parte de Escenarios en un paso (ms, Escenarios menos la copia "
          "sin esa parte, presión por presión)")
    print("| parte | presiones | media ± 2 errores estándar | mediana |")
    print("|---|---:|---:|---:|")
    for name, times in parts:
        saved = [a - b for a, b in zip(escenarios, times)]
        spread = 2 * statistics.stdev(saved) / len(saved) ** 0.5 if len(saved) > 1 else 0.0
        print(f"| {name} | {len(saved)} | {statistics.mean(saved):+.1f} ± "
              f"{spread:.1f} | {statistics.median(saved):+.1f} |")


YARDSTICK = ROOT / "benchmarks" / "one_slider_one_chart.py"
FRAMED = "Una barra y un gráfico en el marco de app.py (referencia)"
IN_DASHBOARD = "Una barra y un gráfico como una página más del tablero"
ESCENARIOS = "Escenarios: un paso de la barra de Meta 1"


def main(runs: int = 9, costs: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix="hdras-keys-") as folder, \
            contextlib.ExitStack() as stack:
        database = Path(folder) / "bench.duckdb"
        subprocess.run([sys.executable, "-m", "hdras", "demo"], cwd=ROOT, check=True,
                       capture_output=True, env={**os.environ, "HDRAS_DB": str(database)})
        app = stack.enter_context(serve(database)).url
        framed = stack.enter_context(serve(database, app=str(
            write_framed_app(Path(folder), YARDSTICK)))).url
        bare = stack.enter_context(serve(database, app=str(YARDSTICK))).url
        floor = stack.enter_context(serve(database, app=str(write_floor_app(Path(folder))))).url
        in_dashboard = stack.enter_context(serve(database, app=str(
            write_dashboard_app(Path(folder), YARDSTICK)))).url
        parts = {name: stack.enter_context(serve(database, app=str(
            write_escenarios_app(Path(folder), f"escenarios_{i}", change)))).url
            for i, (name, (_, change)) in enumerate(PARTS.items())} if costs else {}

        def session(url: str, css: str, act) -> tuple:
            driver = stack.enter_context(chromium())
            open_page(driver, url, css)
            return driver, act(driver)

        slider = "[data-testid=stSlider]"
        sessions = {
            ESCENARIOS: session(app + "/escenarios", slider, slider_step),
            "Avance: filtro de unidad responsable":
                session(app + "/avance", "input[aria-label='Unidad responsable']",
                        lambda d: choose_option(d, "Unidad responsable", clear_first=True)),
            "Barra lateral: año de análisis":
                session(app + "/avance", "input[aria-label='Año de análisis']",
                        lambda d: choose_option(d, "Año de análisis")),
            FRAMED: session(framed + "/", slider, slider_step),
            "Una barra y un gráfico, sola": session(bare + "/", slider, slider_step),
            IN_DASHBOARD: session(in_dashboard + "/referencia", slider, slider_step),
            "Escenarios con su panel de metas cambiado por una barra y un gráfico":
                session(floor + "/escenarios", slider, slider_step),
            **{name: session(url + "/escenarios", slider, slider_step)
               for name, url in parts.items()},
        }
        times: dict[str, list[float]] = {name: [] for name in sessions}
        phases_of: dict[str, list[tuple]] = {name: [] for name in sessions}
        for i in range(runs):  # one press of each, in turn
            for name, (driver, act) in sessions.items():
                times[name].append(press_time(driver, act, i))
                phases_of[name].append(phases(driver))
    table(list(times.items()), times[FRAMED], times[IN_DASHBOARD])
    breakdown([(name, times[name], phases_of[name]) for name in sessions])
    if costs:
        part_costs(times[ESCENARIOS], [(PARTS[name][0], times[name]) for name in PARTS])
    return 0


def without_address(page: ast.Module) -> None:
    """The page keeps the scenario in the session but never writes it to the address bar: each
    ``w.commit(...)`` becomes ``w.keep(...)``, the half of it that keeps the scenario."""
    calls = [node for node in ast.walk(page) if isinstance(node, ast.Call)
             and ast.unparse(node.func) == "w.commit"]
    if not calls:
        raise SystemExit("views/escenarios.py no llama a w.commit: actualice bench_keys.py")
    for call in calls:
        call.func.attr = "keep"


def without_sections_4_5(page: ast.Module) -> None:
    """The page ends after its goal panel: no activity delays (4), no open and save (5)."""
    calls = [i for i, node in enumerate(page.body)
             if isinstance(node, ast.Expr) and ast.unparse(node) == "delays_section()"]
    if not calls:
        raise SystemExit("views/escenarios.py no llama a delays_section: actualice bench_keys.py")
    del page.body[calls[0]:]


# the measuring copies of Escenarios (``--costs``): their row, the part they lack, the change
PARTS = {
    "Escenarios sin escribir el escenario en la dirección (copia de medida)":
        ("escribir el escenario en la dirección en cada paso", without_address),
    "Escenarios sin las secciones 4 y 5 (copia de medida)":
        ("las secciones 4 y 5 (retrasos; abrir y guardar)", without_sections_4_5),
}


def write_escenarios_app(folder: Path, stem: str, change) -> Path:
    """app.py whose Escenarios page is views/escenarios.py changed by ``change`` (a function that
    edits the page's syntax tree in place); every other page and the frame as they are."""
    page = ast.parse((ROOT / "views" / "escenarios.py").read_text(encoding="utf-8"))
    change(page)
    changed = folder / f"{stem}.py"
    changed.write_text(ast.unparse(page), encoding="utf-8")
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    source = source.replace('"views/escenarios.py"', repr(str(changed)))
    return _write_dashboard(folder / f"{stem}_app.py", source)


def write_floor_app(folder: Path) -> Path:
    """app.py whose Escenarios page has its goal panel (``goals_section``, sections 1–3) replaced
    by the yardstick's one slider and one chart; every other page and the frame as they are."""
    def yardstick_panel(page: ast.Module) -> None:
        panel = [node for node in page.body
                 if isinstance(node, ast.FunctionDef) and node.name == "goals_section"]
        if not panel:
            raise SystemExit("views/escenarios.py no tiene goals_section: actualice bench_keys.py")
        panel[0].body = ast.parse(YARDSTICK.read_text(encoding="utf-8")).body
    return write_escenarios_app(folder, "escenarios_floor", yardstick_panel)


def write_dashboard_app(folder: Path, page: Path) -> Path:
    """app.py with ``page`` as one more page of its navigation (under «Análisis», at
    /referencia): the dashboard's whole frame around it, the list of pages included."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    group = '    "Análisis": [\n'
    if group not in source:
        raise SystemExit("app.py no tiene el grupo «Análisis»: actualice bench_keys.py")
    extra = (f'        st.Page({str(page)!r}, title="Referencia", icon=":material/straighten:", '
             'url_path="referencia"),\n')
    source = source.replace(group, group + extra, 1)
    return _write_dashboard(folder / "dashboard_app.py", source)


def _write_dashboard(app: Path, source: str) -> Path:
    """app.py, changed, written to ``app``: its pages found from there (absolute paths)."""
    return write_app(app, source.replace('st.Page("views/', f'st.Page("{ROOT}/views/'))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--costs", action="store_true",
                        help="también lo que cuestan la dirección y las secciones 4 y 5")
    arguments = parser.parse_args()
    sys.exit(main(arguments.runs, arguments.costs))
