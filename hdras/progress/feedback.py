"""The user's own workbook back, each faulty cell highlighted with a comment saying what is wrong.

Only a file that passed the safety checks is opened (with openpyxl, defusedxml in place). A first
sheet «Problemas» lists every problem with a link to its cell, so problems about a whole column or
the whole file are not lost. Our own text written into the workbook is neutralised (it may quote
cells).

An .ods comes back as an .xlsx copy of its values (every sheet, the same rows and columns, so each
message's cell is the same cell), marked the same way. openpyxl cannot write OpenDocument, and
editing content.xml by hand to add a comment to one cell means splitting repeated cells and
rewriting styles, which is fragile; LibreOffice opens the .xlsx, and either format can be uploaded
again. What the copy loses is the .ods's own formatting and formulas (their values stay).
"""

from __future__ import annotations

import io
import logging
from collections import defaultdict

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink

from hdras.progress.reading import ImportResult
from hdras.progress.problems import Problem, ProblemCode
from hdras.core.text import neutralize

log = logging.getLogger(__name__)

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
PROBLEMS_SHEET = "Problemas"
AUTHOR = "Tablero HdR-AS"
# File-level problems mean the file could not be opened safely: no feedback workbook for those.
_UNOPENABLE = {ProblemCode.FILE_EMPTY, ProblemCode.FILE_TOO_LARGE, ProblemCode.NOT_XLSX,
               ProblemCode.LEGACY_XLS, ProblemCode.ENCRYPTED, ProblemCode.MACRO_ENABLED,
               ProblemCode.FILE_CORRUPT, ProblemCode.UNCOMPRESSED_TOO_LARGE,
               ProblemCode.COMPRESSION_RATIO, ProblemCode.XML_UNSAFE, ProblemCode.UNREADABLE,
               ProblemCode.TOO_MANY_ROWS, ProblemCode.TOO_MANY_COLUMNS,
               ProblemCode.REPEATED_CELLS}


def can_build_feedback(result: ImportResult) -> bool:
    """True when the file is a safe, readable workbook whose problems can be marked in it."""
    return bool(result.problems) and not any(p.code in _UNOPENABLE for p in result.problems)


def feedback_filename(filename: str) -> str:
    """'avance.xlsx' → 'observaciones-avance.xlsx'; an .ods comes back as .xlsx."""
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return f"observaciones-{stem}.xlsx"


def build_feedback_workbook(data: bytes, result: ImportResult) -> bytes | None:
    """The uploaded workbook with problems marked (an .ods as an .xlsx copy of its values), or
    None when it cannot be built safely."""
    if not can_build_feedback(result):
        return None
    try:
        workbook = (_ods_copy(data, result) if result.kind == "ods"
                    else load_workbook(io.BytesIO(data), rich_text=False))
        _mark_cells(workbook, result.problems)
        _problems_sheet(workbook, result.problems)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    except Exception:  # openpyxl's many error types; the page then shows the table only
        log.exception("feedback workbook failed for %s", result.filename)
        return None


def _ods_copy(data: bytes, result: ImportResult) -> Workbook:
    """Every sheet of an .ods as values in a new workbook, cell for cell (percentages kept)."""
    from python_calamine import CalamineWorkbook

    source = CalamineWorkbook.from_filelike(io.BytesIO(data))
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in source.sheet_names:
        ws = workbook.create_sheet(name)
        for row in source.get_sheet_by_name(name).to_python(skip_empty_area=False):
            ws.append([None if value == "" else neutralize(value) for value in row])
        for row, column in result.percent_cells.get(name, ()):
            ws.cell(row=row, column=column).number_format = "0.0%"
    return workbook


def _cell_ref(problem: Problem) -> str | None:
    """Where to attach a problem: its cell, else the first cell of its row, else A1."""
    if problem.sheet is None:
        return None
    if problem.row is None:
        return "A1"
    return f"{problem.column or 'A'}{problem.row}"


def _mark_cells(workbook: Workbook, problems: list[Problem]) -> None:
    by_cell: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        ref = _cell_ref(problem)
        if ref and problem.sheet in workbook.sheetnames:
            by_cell[(problem.sheet, ref)].append(problem)
    for (sheet, ref), cell_problems in by_cell.items():
        cell = workbook[sheet][ref]
        cell.fill = ERROR_FILL if any(p.is_error for p in cell_problems) else WARNING_FILL
        text = "\n".join(f"• {p.message}" for p in cell_problems)
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 360, 40 + 40 * len(cell_problems)
        cell.comment = comment


def _problems_sheet(workbook: Workbook, problems: list[Problem]) -> None:
    if PROBLEMS_SHEET in workbook.sheetnames:
        del workbook[PROBLEMS_SHEET]
    ws = workbook.create_sheet(PROBLEMS_SHEET, 0)
    ws.append(["Tipo", "Hoja", "Fila", "Columna", "Problema", "Ir a la celda"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        ref = _cell_ref(problem)
        ws.append([neutralize("Error" if problem.is_error else "Aviso"),
                   neutralize(problem.sheet or "(todo el archivo)"), problem.row,
                   neutralize(problem.column or ""), neutralize(problem.message),
                   neutralize(f"{problem.sheet}!{ref}") if ref else ""])
        link_cell = ws.cell(row=ws.max_row, column=6)
        if ref and problem.sheet in workbook.sheetnames:
            link_cell.hyperlink = Hyperlink(ref=link_cell.coordinate,
                                            location=f"'{problem.sheet}'!{ref}")
            link_cell.font = Font(color="0B6E99", underline="single")
    for letter, width in zip("ABCDEF", (8, 14, 6, 9, 100, 18)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == PROBLEMS_SHEET
