"""Benchmark: how fast every page answers, for one person and for a whole meeting at once.

Serves app.py (``streamlit run``) on 127.0.0.1 with the fictitious demo batch on a temporary
database, and drives it over Streamlit's own websocket with no browser: a client opens
``/_stcore/stream`` (subprotocol ``streamlit``), sends a ``BackMsg`` whose ``rerun_script`` names
the page (``ClientState.page_name`` = its url path) and reads ``ForwardMsg``s until
``script_finished``. Each run is checked before its time is trusted: it must finish normally,
draw at least the page's expected number of elements, and show no exception and no «page not
found».

1. One session walks every page ``--rounds`` times (the first round warms the caches and is
   reported apart, as "first").
2. ``--sessions`` sessions (default 20) start together and each walks every page ``--rounds``
   times: p50, p95 and max per page, page runs per second over the whole run, failures, and the
   server's peak memory (VmHWM of its process).

With ``--browser`` it also measures, in Chromium, the time from a key press to a quiet page for a
slider step on Escenarios, a filter change on Avance, a year change in the sidebar, and a step of
the slider of a page with one slider and one chart (``benchmarks/one_slider_one_chart.py``).

Usage: ``.venv/bin/python benchmarks/bench_pages.py [--sessions 20] [--rounds 3] [--browser]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from served import PageRun, serve, walk  # noqa: E402  (tests/served.py: the websocket client)

# The least a page draws when it rendered for real (elements and blocks of its first screen).
MIN_ELEMENTS = {"resumen": 40, "metas": 30, "plan": 30, "cronograma": 8, "avance": 25,
                "hitos": 10, "responsables": 10, "escenarios": 25, "cargar": 5, "historial": 5,
                "exportar": 3, "novedades": 5}


def pages() -> list[str]:
    """The url path of every page app.py registers ('' for the default page, Resumen, unless it
    has a path of its own)."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    paths = re.findall(r'url_path="([a-z_]+)"', source)
    return [*([] if "resumen" in paths else [""]), *paths]


# --------------------------------------------------------------------------- sessions


def checked(runs: list[PageRun]) -> list[PageRun]:
    """A run counts only if the page really rendered: enough elements, no exception."""
    for run in runs:
        least = MIN_ELEMENTS.get(run.page or "resumen", 1)
        if run.ok and run.elements < least:
            run.problem = f"solo {run.elements} elementos (se esperan {least})"
    return runs


async def meeting(url: str, names: list[str], sessions: int, rounds: int
                  ) -> tuple[list[PageRun], float]:
    """``sessions`` sessions opening the link together; returns their runs and the wall time."""
    gate = asyncio.Event()
    tasks = [asyncio.create_task(walk(url, names, rounds, gate)) for _ in range(sessions)]
    await asyncio.sleep(0.5)  # every session connected before anyone asks for a page
    start = time.perf_counter()
    gate.set()
    results = await asyncio.gather(*tasks)
    return checked([run for runs in results for run in runs]), time.perf_counter() - start


# --------------------------------------------------------------------------- tables


@dataclass
class Row:
    page: str
    times: list[float] = field(default_factory=list)
    failures: int = 0
    elements: int = 0


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def table(runs: list[PageRun], names: list[str]) -> list[Row]:
    rows = {name: Row(name or "resumen") for name in names}
    for run in runs:
        row = rows[run.page]
        if run.ok:
            row.times.append(run.seconds * 1000)
            row.elements = max(row.elements, run.elements)
        else:
            row.failures += 1
    return list(rows.values())


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"| {'page':<13} | runs | p50 ms | p95 ms | max ms | elements | failures |")
    print("|---------------|-----:|-------:|-------:|-------:|---------:|---------:|")
    for row in rows:
        if row.times:
            p50, p95, top = (statistics.median(row.times), _quantile(row.times, 0.95),
                             max(row.times))
            print(f"| {row.page:<13} | {len(row.times):>4} | {p50:>6.0f} | {p95:>6.0f} | "
                  f"{top:>6.0f} | {row.elements:>8} | {row.failures:>8} |")
        else:
            print(f"| {row.page:<13} |    0 |      — |      — |      — |        — | "
                  f"{row.failures:>8} |")
    for row in rows:
        if row.failures:
            print(f"  {row.page}: {row.failures} fallos")


def first_failures(runs: list[PageRun]) -> None:
    seen = set()
    for run in runs:
        if not run.ok and (run.page, run.problem) not in seen:
            seen.add((run.page, run.problem))
            print(f"  fallo en {run.page}: {run.problem}")


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also the Chromium key-press table")
    args = parser.parse_args()
    names = pages()
    print(f"hdras bench_pages · {os.cpu_count()} núcleos · páginas: "
          f"{', '.join(n or 'resumen' for n in names)}")
    with tempfile.TemporaryDirectory(prefix="hdras-bench-") as folder:
        database = Path(folder) / "bench.duckdb"
        env = {**os.environ, "HDRAS_DB": str(database)}
        subprocess.run([sys.executable, "-m", "hdras", "demo"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        with serve(database) as server:
            warm = checked(asyncio.run(walk(server.url, names, 1)))
            print_table("First visit of each page (cold caches), one session", table(warm, names))
            first_failures(warm)
            single = checked(asyncio.run(walk(server.url, names, args.rounds)))
            print_table(f"One session, {args.rounds} rounds over every page",
                        table(single, names))
            first_failures(single)
            runs, wall = asyncio.run(meeting(server.url, names, args.sessions, args.rounds))
            ok = [r for r in runs if r.ok]
            print_table(f"{args.sessions} sessions at once, {args.rounds} rounds each",
                        table(runs, names))
            first_failures(runs)
            every = [r.seconds * 1000 for r in ok]
            print(f"\nall pages, {args.sessions} sessions: p95 {_quantile(every, 0.95):.0f} ms · "
                  f"{len(ok) / wall:.1f} page runs per second · {len(runs) - len(ok)} failures · "
                  f"server peak memory {server.peak_memory_mb():.0f} MB")
    if args.browser:
        from bench_keys import main as keys_main  # Chromium part, in its own module
        keys_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
