"""The meeting pack for the full plan with a year of progress: time to build the PDF and the slides
(aim: ≤ 3 s each on 2 cores). Prints a table; not a timed test.

"cold" runs the command line in a fresh process (`hdras report OUT`), as a user would, including
Python's start and vl-convert's JavaScript engine; "warm" builds in one process again and again
(the dashboard's button, once the server has drawn a chart). The machine is shared: the CPU
seconds say what the work costs whatever else runs, the wall-clock seconds what a user waited.

Usage: .venv/bin/python benchmarks/bench_report.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdf  # noqa: E402
from pptx import Presentation  # noqa: E402

from hdras.core import config, db  # noqa: E402
from hdras.progress import demo, store as progress  # noqa: E402
from hdras.report import output  # noqa: E402


def build_database(path: Path) -> None:
    """The real plan with a year of progress: 2025 goal actuals and a status for every activity
    planned in 2025, in two imports a month apart (real, not demo, data)."""
    with db.session(path) as con:
        goals = demo.demo_goal_actuals(con)
        activities = demo.demo_activity_progress(con)
        now = config.now()
        half = len(activities) // 2
        progress.record_batch(con, goals.iloc[: len(goals) // 2], activities.iloc[:half],
                              filename="avance-1.xlsx", sha256="1" * 64, imported_by="bench",
                              imported_at=now - dt.timedelta(days=40))
        progress.record_batch(con, goals.iloc[len(goals) // 2:], activities.iloc[half:],
                              filename="avance-2.xlsx", sha256="2" * 64, imported_by="bench",
                              imported_at=now - dt.timedelta(days=10))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold(path: Path, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of `hdras report OUT` in a fresh process."""
    env = {**os.environ, "HDRAS_DB": str(path)}
    env.pop("HDRAS_DATA_DIR", None)
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-m", "hdras", "report", str(out), "--year", "2025"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - cpu


def size_of(fmt: str, data: bytes) -> str:
    if fmt == ".pdf":
        return f"{len(pypdf.PdfReader(io.BytesIO(data)).pages)} páginas"
    return f"{len(Presentation(io.BytesIO(data)).slides)} diapositivas"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.pop("HDRAS_DATA_DIR", None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        build_database(path)
        rows = []
        for fmt in (".pdf", ".pptx"):
            cold_s, cold_cpu = cold(path, Path(folder) / f"informe{fmt}")
            warm, warm_cpu = [], []
            with db.session(path) as con:
                for _ in range(args.repeat):
                    started, cpu = time.perf_counter(), time.process_time()
                    data = output.build_report(con, fmt, 2025)
                    warm.append(time.perf_counter() - started)
                    warm_cpu.append(time.process_time() - cpu)
            rows.append((fmt[1:].upper(), cold_s, cold_cpu, statistics.median(warm),
                         statistics.median(warm_cpu), size_of(fmt, data), len(data) / 1024))
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"Informe para la reunión · plan completo, un año de avance · {os.cpu_count()} núcleos"
          f" · carga del equipo (1, 5, 15 min): {load}")
    print("s = segundos de reloj; CPU = segundos de procesador (no dependen de la carga del equipo)")
    print(f"{'formato':<8}{'en frío s':>11}{'en frío CPU':>13}{'caliente s':>12}"
          f"{'caliente CPU':>14}{'tamaño':>17}{'KB':>7}")
    for name, cold_s, cold_cpu, median, median_cpu, size, kb in rows:
        print(f"{name:<8}{cold_s:>11.2f}{cold_cpu:>13.2f}{median:>12.2f}{median_cpu:>14.2f}"
              f"{size:>17}{kb:>7.0f}")


if __name__ == "__main__":
    main()
