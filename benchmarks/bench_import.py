"""Import pipeline on a 5,000-row progress workbook: read (calamine vs openpyxl), validate, preview,
commit, and the feedback workbook of a rejected file; the safety scan when every number cell is
formatted as a percentage (the percent-cell pass at its most expensive), and the same workbook as
an .ods. Prints a table; not a timed test.

The plan is the test fixture plan plus synthetic activities (the real plan has 92 activities, so at
most ~600 distinct activity-year keys; 5,000 distinct rows need a larger plan).

Usage: .venv/bin/python benchmarks/bench_import.py [--rows 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests"))  # workbook_builders: the .ods writer of the tests

from hdras.core import db, schema
from hdras.progress import feedback, preview as import_preview  # noqa: E402
from hdras.progress.reading import read_workbook  # noqa: E402
from hdras.core.formatting import format_size  # noqa: E402
from hdras.progress.safety import scan_workbook  # noqa: E402

MINI_PLAN = ROOT / "tests" / "fixtures" / "mini_plan"
STATES = schema.ACTIVITY_STATES


def build_database(path: Path, activities: int):
    """A file database: the fixture plan plus ``activities`` synthetic ones planned 2025–2030."""
    con = db.connect(path)
    db.ensure_schema(con, MINI_PLAN)
    codes = [f"9.{i // 100 + 1}.{i // 10 % 10 + 1}.{i % 10 + 1}" for i in range(activities)]
    activities_frame = pd.DataFrame({"code": codes, "title": [f"Actividad sintética {c}"
                                                              for c in codes]})
    schedule = pd.DataFrame([(c, p) for c in codes for p in ("2025-I", "2026", "2027", "2028",
                                                             "2029", "2030")],
                            columns=["activity_code", "period"])
    con.register("synthetic", activities_frame)
    con.register("synthetic_schedule", schedule)
    con.execute("INSERT INTO activities (code, action_code, title) "
                "SELECT code, '4.1.1', title FROM synthetic")
    con.execute("INSERT INTO activity_schedule "
                "SELECT activity_code, period FROM synthetic_schedule")
    return con, codes


def sheets_rows(codes: list[str], rows: int, variant: int = 0, errors: int = 0) -> dict:
    """The two sheets as lists of rows (header first)."""
    goals = [[g, y, 10.0 + (i % 7) + variant * (i % 2), f"Fuente {i}"] for i, (g, y) in enumerate(
        (g, y) for g in schema.GOAL_CODES for y in range(2025, 2031))]
    activities = [[c, y, STATES[(i + variant) % 4], float(i % 5), f"Evidencia {i}", None]
                  for i, (c, y) in enumerate((c, y) for c in codes for y in range(2025, 2031))]
    activities = activities[: rows - len(goals)]
    for i in range(errors):
        activities[i * 7][3] = "no es número"
    return {"Metas": [["serie", "año", "valor", "fuente"], *goals],
            "Actividades": [["código", "año", "estado", "avance", "evidencia", "comentario"],
                            *activities]}


def percent_formatted(data: bytes) -> bytes:
    """``data`` with every valor and avance cell formatted as a percentage."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for name, letter in (("Metas", "C"), ("Actividades", "D")):
        for cell in book[name][letter][1:]:
            cell.number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_workbook(codes: list[str], rows: int, variant: int = 0, errors: int = 0) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, body in sheets_rows(codes, rows, variant, errors).items():
        ws = book.create_sheet(name)
        for row in body:
            ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(function, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def read_calamine(data: bytes) -> int:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return sum(len(book.get_sheet_by_name(n).to_python()) for n in ("Metas", "Actividades"))


def read_openpyxl(data: bytes) -> int:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return sum(sum(1 for _ in book[n].iter_rows(values_only=True)) for n in ("Metas",
                                                                              "Actividades"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        con, codes = build_database(path, activities=args.rows // 6 + 1)
        first = build_workbook(codes, args.rows)
        second = build_workbook(codes, args.rows, variant=1)
        bad = build_workbook(codes, args.rows, errors=100)
        # the previous state: the first workbook imported, so the preview compares for real
        import_preview.commit_import(con, read_workbook(first, "primero.xlsx", con), "bench")
        rows = []

        def add(stage, seconds, note=""):
            rows.append({"stage": stage, "seconds": round(seconds, 3), "note": note})

        seconds, n = timed(lambda: read_calamine(second), args.repeat)
        add("read: python-calamine (both sheets)", seconds, f"{n} rows")
        seconds, n = timed(lambda: read_openpyxl(second), args.repeat)
        add("read: openpyxl read_only (both sheets)", seconds, f"{n} rows")
        seconds, frame = timed(lambda: pd.read_excel(io.BytesIO(second), sheet_name=None,
                                                     engine="calamine"), args.repeat)
        add("read: pandas engine=calamine", seconds)
        seconds, frame = timed(lambda: pd.read_excel(io.BytesIO(second), sheet_name=None,
                                                     engine="openpyxl"), args.repeat)
        add("read: pandas engine=openpyxl", seconds)
        seconds, _ = timed(lambda: scan_workbook(second), args.repeat)
        add("safety scan (zip, sizes, XML, extents)", seconds, format_size(len(second)))
        seconds, result = timed(lambda: read_workbook(second, "segundo.xlsx", con), args.repeat)
        parts = ", ".join(f"{k} {v:.3f}" for k, v in result.timings.items())
        add("validate: read_workbook (total)", seconds, parts)
        assert result.ok, result.problems[:3]
        seconds, preview = timed(lambda: import_preview.build_preview(con, result), args.repeat)
        add("preview against current data", seconds, import_preview.counts_text(
            preview.counts["activities"]))
        start = time.perf_counter()
        batch = import_preview.commit_import(con, result, "bench")
        add("commit: one batch, one transaction", time.perf_counter() - start,
            f"batch {batch}, {len(result.goals) + len(result.activities)} rows")
        seconds, rejected = timed(lambda: read_workbook(bad, "malo.xlsx", con), args.repeat)
        add("validate a file with 100 errors", seconds, f"{len(rejected.errors)} problems")
        seconds, _ = timed(lambda: feedback.build_feedback_workbook(bad, rejected), 1)
        add("feedback workbook (openpyxl)", seconds)
        percent = percent_formatted(second)
        seconds, scan = timed(lambda: scan_workbook(percent), args.repeat)
        add("safety scan, every number cell in %", seconds,
            f"{sum(len(s.percent_cells) for s in scan.sheets)} percent cells")
        from workbook_builders import ods_bytes
        ods = ods_bytes(sheets_rows(codes, args.rows, variant=1))
        seconds, _ = timed(lambda: scan_workbook(ods), args.repeat)
        add("safety scan of the same rows as .ods", seconds, format_size(len(ods)))
        seconds, result = timed(lambda: read_workbook(ods, "segundo.ods", con), args.repeat)
        add("validate .ods: read_workbook (total)", seconds,
            ", ".join(f"{k} {v:.3f}" for k, v in result.timings.items()))
        assert result.ok, result.problems[:3]
        con.close()
    print(f"Import benchmark: {args.rows} rows, median of {args.repeat} (commit and feedback: 1)")
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
