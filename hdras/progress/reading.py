"""Reading and validating a progress workbook (design §4) into clean frames and a list of problems.

``read_workbook`` never raises on user data: whatever the bytes are, it returns an ``ImportResult``
whose ``problems`` say, in Spanish, every reason the file cannot be stored (sheet, Excel row, column
letter). Nothing here writes to the database; ``hdras.progress.preview`` compares and commits. The
rules for each sheet, row and cell are in ``hdras.progress.sheets``.

Reading uses python-calamine (about ten times faster than openpyxl), for .xlsx and .ods alike;
openpyxl is used only to build the template and the feedback workbook. Formula cells are found by the safety pass, which reads the
sheet XML itself, so a formula saved without its computed value is reported, not read as empty.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from hdras.core import config
from hdras.progress.sheets import (ACTIVITIES_SHEET, BASE_HEADER, GOALS_SHEET, LISTS_SHEET, SHEETS,
                                   PlanReference, Progress, SheetSpec, empty_frame,
                                   validate_sheet)
from hdras.core.messages import msg
from hdras.core.text import fold
from hdras.progress.problems import Problem, ProblemCode, file_problem, sort_problems
from hdras.core.formatting import format_size
from hdras.progress.safety import SheetInfo, scan_workbook

log = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """Everything learnt from one workbook: its identity, its problems and the clean rows."""

    filename: str
    sha256: str
    size: int
    problems: list[Problem] = field(default_factory=list)
    goals: pd.DataFrame = field(default_factory=lambda: empty_frame(GOALS_SHEET))
    activities: pd.DataFrame = field(default_factory=lambda: empty_frame(ACTIVITIES_SHEET))
    sheets: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    kind: str | None = None  # 'xlsx' or 'ods' once the safety pass recognised the package
    percent_cells: dict[str, set[tuple[int, int]]] = field(default_factory=dict)  # by sheet
    # per sheet spec ('Metas'): the sheet's name in the file and its header → column letter
    layout: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    template_base: int | None = None  # the newest batch when the template was made, if known

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """True when the file may be stored: no blocking problem."""
        return not self.errors

    @property
    def rows(self) -> dict[str, int]:
        return {"goals": len(self.goals), "activities": len(self.activities)}

    def summary_message(self) -> str:
        if self.ok:
            return msg("import.accepted", goals=len(self.goals), activities=len(self.activities))
        return msg("import.rejected", errors=len(self.errors))


PROBLEM_CODE = "Código del problema (soporte)"


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as the table users see: Spanish headers, text only. The last column is the
    problem's code for support («unknown_activity»), headed so that it is not read as the
    activity's «código» of the «Campo» column."""
    rows = [{"Tipo": "Aviso" if not p.is_error else "Error", "Hoja": p.sheet or "—",
             "Fila": str(p.row) if p.row else "—", "Columna": p.column or "—",
             "Campo": p.field or "—", "Problema": p.message, PROBLEM_CODE: p.code.value}
            for p in problems]
    columns = ["Tipo", "Hoja", "Fila", "Columna", "Campo", "Problema", PROBLEM_CODE]
    return pd.DataFrame(rows, columns=columns).astype("string")


def read_workbook(data: bytes, filename: str, con: duckdb.DuckDBPyConnection | None = None,
                  reference: PlanReference | None = None,
                  progress: Progress | None = None, size: int | None = None) -> ImportResult:
    """Validate ``data`` (the bytes of an uploaded workbook) against the plan.

    Parameters: ``con`` or an already read ``reference`` (the plan's codes); ``progress`` is
    called with (fraction 0–1, Spanish text) while a large file is read; ``size`` is the whole
    file's size when ``data`` is only its beginning (the command line reads one byte past the
    limit), so the message gives the real size (the result's ``sha256`` is then "").
    Returns an ``ImportResult``; it never raises on what the file contains.
    """
    partial = size is not None and size > len(data)
    result = ImportResult(filename=filename,
                          sha256="" if partial else hashlib.sha256(data).hexdigest(),
                          size=size if partial else len(data))
    reference = reference or PlanReference.from_db(con)
    notify = progress or (lambda fraction, text: None)
    try:
        if partial:
            result.problems.append(file_problem(
                ProblemCode.FILE_TOO_LARGE, size=format_size(result.size),
                limit=format_size(config.MAX_UPLOAD_BYTES)))
        else:
            _read_into(result, data, reference, notify)
    except Exception as exc:  # a reader bug must not become a traceback for the user
        log.exception("importer failed on %s", filename)
        result.problems.append(file_problem(ProblemCode.UNREADABLE,
                                            detail=f"error interno ({type(exc).__name__})"))
    result.problems = sort_problems(result.problems)
    if result.errors:
        result.goals = empty_frame(GOALS_SHEET)
        result.activities = empty_frame(ACTIVITIES_SHEET)
    notify(1.0, msg("import.progress.done"))
    return result


def _read_into(result: ImportResult, data: bytes, reference: PlanReference,
               notify: Progress) -> None:
    start = time.perf_counter()
    notify(0.02, msg("import.progress.checking"))
    scan = scan_workbook(data)
    result.timings["scan"] = time.perf_counter() - start
    result.problems += scan.problems
    result.kind = scan.kind
    result.percent_cells = {s.name: s.percent_cells for s in scan.sheets if s.percent_cells}
    if not scan.ok:
        return
    chosen = _choose_sheets(scan.sheets, result.problems)
    if result.problems:
        return
    workbook = _open_calamine(data, result.problems)
    if workbook is None:
        return
    frames = {}
    for i, (spec, info) in enumerate(chosen):
        share = (0.1 + 0.85 * i / len(chosen), 0.85 / len(chosen))
        grid = _read_grid(workbook, info, result, notify, share)
        if grid is None:
            return
        result.sheets.append(info.name)
        start = time.perf_counter()
        frames[spec.name] = validate_sheet(spec, info, grid, reference, result.problems, notify,
                                           share)
        result.layout[spec.name] = (info.name, dict(info.columns))
        result.timings["validate"] = (result.timings.get("validate", 0.0)
                                      + time.perf_counter() - start)
    result.template_base = _template_base(workbook, scan.sheets)
    result.goals = frames.get(GOALS_SHEET.name, empty_frame(GOALS_SHEET))
    result.activities = frames.get(ACTIVITIES_SHEET.name, empty_frame(ACTIVITIES_SHEET))
    if not result.problems and result.goals.empty and result.activities.empty:
        result.problems.append(file_problem(ProblemCode.NO_DATA))


def _choose_sheets(sheets: list[SheetInfo], problems: list[Problem]
                   ) -> list[tuple[SheetSpec, SheetInfo]]:
    chosen = []
    for spec in SHEETS:
        matches = [s for s in sheets if fold(s.name) == fold(spec.name)]
        if len(matches) > 1:
            problems.append(Problem(ProblemCode.DUPLICATE_SHEET, sheet=spec.name, params={
                "sheet": spec.name, "names": ", ".join(f"«{s.name}»" for s in matches)}))
        elif matches:
            chosen.append((spec, matches[0]))
    if not chosen and not problems:
        found = ", ".join(f"«{s.name}»" for s in sheets) or "ninguna"
        problems.append(file_problem(ProblemCode.MISSING_SHEETS, found=found))
    return chosen


def _open_calamine(data: bytes, problems: list[Problem]):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine's own error types (zip, XML, password, …)
        problems.append(file_problem(ProblemCode.UNREADABLE, detail=_short_error(exc)))
        return None


def _read_grid(workbook, info: SheetInfo, result: ImportResult, notify: Progress,
               share: tuple[float, float]) -> list[list] | None:
    notify(share[0], msg("import.progress.reading", sheet=info.name))
    start = time.perf_counter()
    try:
        grid = workbook.get_sheet_by_name(info.name).to_python(skip_empty_area=False)
    except Exception as exc:
        result.problems.append(file_problem(ProblemCode.UNREADABLE, detail=_short_error(exc)))
        return None
    result.timings["read"] = result.timings.get("read", 0.0) + time.perf_counter() - start
    return grid


def _template_base(workbook, sheets: list[SheetInfo]) -> int | None:
    """The batch the template was made at (hidden «Listas» sheet, F1 'lote_base', F2 the id)."""
    info = next((s for s in sheets if fold(s.name) == fold(LISTS_SHEET)), None)
    if info is None:
        return None
    try:
        grid = workbook.get_sheet_by_name(info.name).to_python(skip_empty_area=False)
    except Exception:  # a damaged helper sheet only loses the warning, never the import
        return None
    if len(grid) < 2:
        return None
    for index, header in enumerate(grid[0]):
        value = grid[1][index] if index < len(grid[1]) else None
        if isinstance(header, str) and fold(header) == BASE_HEADER and isinstance(
                value, (int, float)) and not isinstance(value, bool) and value >= 0 and \
                float(value).is_integer():
            return int(value)
    return None


def _short_error(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:100]}" if text else type(exc).__name__
