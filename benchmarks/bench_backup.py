"""Copies and restores of the database: how long they take as the progress grows, what the schema
check costs each page operation, and which way of copying is consistent while a session writes.
Prints tables; not a timed test.

Table 1: the real plan plus N batches of a full workbook (every goal series and every planned
activity-year). It times the automatic copy made before each import (``copy_database``),
``hdras backup`` as a user runs it (a new process), ``hdras restore`` (check, copy every row,
swap), and the file sizes.

Table 2: opening the database for one page operation, with and without the schema-version check
that ``db.session`` now makes.

Table 3: a writer thread commits batches (a batch row plus its goal rows, in one transaction) while
copies are taken three ways. A copy is "whole" when every batch in it has all of its rows and
it opens.

Usage: .venv/bin/python benchmarks/bench_backup.py [--batches 10 100 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hdras.admin import restore  # noqa: E402
from hdras.core import backups, config, db, schema  # noqa: E402
from hdras.progress import store  # noqa: E402


def build(path: Path, batches: int) -> int:
    """The real plan and ``batches`` full batches; returns the rows per batch."""
    with db.session(path, ensure=True) as con:
        goals = [(g, y, 10.0 + y % 7, "bench") for g in schema.GOAL_CODES
                 for y in config.PLAN_YEARS]
        activities = [(a, y, "En proceso", 1.0, "acta", "bench")
                      for (a,) in con.execute("SELECT code FROM activities").fetchall()
                      for y in config.PLAN_YEARS]
        goal_frame = pd.DataFrame(goals, columns=store.GOAL_COLUMNS)
        activity_frame = pd.DataFrame(activities, columns=store.ACTIVITY_COLUMNS)
        for n in range(batches):
            store.record_batch(con, goal_frame, activity_frame, filename=f"b{n}.xlsx",
                               sha256="0" * 64, imported_by="bench")
    return len(goals) + len(activities)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def sizes_table(batch_counts: list[int], repeat: int, folder: Path) -> pd.DataFrame:
    rows = []
    for count in batch_counts:
        database = folder / f"db{count}.duckdb"
        per_batch = build(database, count)
        counter = iter(range(10_000))

        def automatic() -> None:
            with db.session(database, ensure=False) as con:
                backups.copy_database(con, folder / f"auto{count}-{next(counter)}.duckdb")

        def command() -> None:
            out = folder / f"cli{count}-{next(counter)}.duckdb"
            subprocess.run([sys.executable, "-m", "hdras", "backup", str(out), "--db",
                            str(database)], cwd=ROOT, check=True, capture_output=True)

        source = folder / f"source{count}.duckdb"
        with db.session(database, ensure=False) as con:
            backups.copy_database(con, source)
        rows.append({
            "batches": count, "progress rows": count * per_batch,
            "file MB": round(database.stat().st_size / 1e6, 1),
            "automatic copy ms": round(best(automatic, repeat) * 1000),
            "hdras backup ms (new process)": round(best(command, repeat) * 1000),
            "hdras restore ms": round(best(lambda: restore.restore(source, database),
                                           repeat) * 1000),
            "copy MB": round(source.stat().st_size / 1e6, 1),
        })
    return pd.DataFrame(rows)


def open_table(folder: Path, repeat: int) -> pd.DataFrame:
    database = folder / "db-open.duckdb"
    build(database, 10)
    n = 200

    def plain() -> None:
        for _ in range(n):
            db.connect(database).close()

    def checked() -> None:
        for _ in range(n):
            with db.session(database, ensure=False):
                pass
    bare, session = best(plain, repeat) / n, best(checked, repeat) / n
    return pd.DataFrame([{"open + close ms": round(bare * 1000, 2),
                          "db.session(ensure=False) ms": round(session * 1000, 2),
                          "version check ms": round((session - bare) * 1000, 2)}])


def _whole(path: Path) -> tuple[bool, int]:
    """(opens and every batch has all its goal rows, batches in it)."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False, 0
    try:
        batches, partial = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE rows_goals <> (SELECT count(*) FROM "
            "goal_actuals g WHERE g.batch_id = b.batch_id)) FROM import_batches b").fetchall()[0]
        return partial == 0, batches
    except duckdb.Error:
        return False, 0
    finally:
        con.close()


def consistency_table(folder: Path, copies: int) -> pd.DataFrame:
    database = folder / "db-writes.duckdb"
    build(database, 0)
    goals = pd.DataFrame([(g, 2025, 1.0, None) for g in schema.GOAL_CODES],
                         columns=store.GOAL_COLUMNS)
    stop = threading.Event()

    def writer() -> None:
        with db.session(database, ensure=False) as con:
            while not stop.is_set():
                store.record_batch(con, goals, None, filename="w.xlsx", sha256="0",
                                   imported_by="bench")

    methods = {
        "ATTACH + COPY FROM DATABASE (hdras)": lambda con, out: backups.copy_database(con, out),
        "CHECKPOINT, then copy the file": lambda con, out: (con.execute("CHECKPOINT"),
                                                            shutil.copyfile(database, out)),
        "copy the file (no WAL)": lambda con, out: shutil.copyfile(database, out),
    }
    thread = threading.Thread(target=writer)
    thread.start()
    rows = []
    try:
        time.sleep(0.3)
        for name, method in methods.items():
            results = []
            for n in range(copies):
                out = folder / f"w-{len(rows)}-{n}.duckdb"
                with db.session(database, ensure=False) as con:
                    committed = con.execute("SELECT count(*) FROM import_batches").fetchall()[0][0]
                    try:
                        method(con, out)
                    except duckdb.Error:
                        results.append((False, 0, committed))
                        continue
                whole, held = _whole(out)
                results.append((whole, held, committed))
            rows.append({"method": name, "copies": copies,
                         "whole": sum(r[0] for r in results),
                         "missing committed batches (median)": statistics.median(
                             max(0, r[2] - r[1]) for r in results)})
    finally:
        stop.set()
        thread.join()
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pd.set_option("display.width", 200)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("Copies and restores, real plan + N full batches (best of "
              f"{args.repeat}):\n{sizes_table(args.batches, args.repeat, folder).to_string(index=False)}\n")
        print(f"One page operation's open:\n{open_table(folder, args.repeat).to_string(index=False)}\n")
        print("Copies taken while another session commits batches:\n"
              f"{consistency_table(folder, 10).to_string(index=False)}")


if __name__ == "__main__":
    main()
