"""Workbooks built in code for the importer tests: a valid one, and helpers to add one defect.

Rows refer to the fixture plan (tests/fixtures/mini_plan). Excel row 1 is the header, so the n-th
data row is Excel row n + 1.
"""

from __future__ import annotations

import copy
import io
import zipfile

import openpyxl

GOAL_HEADER = ["serie", "año", "valor", "fuente"]
ACTIVITY_HEADER = ["código", "año", "estado", "avance", "evidencia", "comentario"]

# Excel rows 2–4 (Metas) and 2–4 (Actividades)
GOOD_GOALS = [
    ["M1", 2025, 13.2, "MEF – Consulta amigable"],
    ["M2", 2025, 6.5, None],
    ["M4", 2025, 2, "SUNASS"],
]
GOOD_ACTIVITIES = [
    ["1.1.1.1", 2025, "Completada", 1, "Resolución Ministerial 123-2025", None],
    ["1.1.1.2", 2025, "En proceso", 2, None, "Dos de cuatro reuniones"],
    ["1.2.1.1", 2025, "Reprogramada", None, None, "Pasa a 2026"],
]


def good_sheets() -> dict[str, list[list]]:
    """A fresh copy of the valid workbook's sheets: {name: [header, *rows]}."""
    return {"Metas": [list(GOAL_HEADER)] + copy.deepcopy(GOOD_GOALS),
            "Actividades": [list(ACTIVITY_HEADER)] + copy.deepcopy(GOOD_ACTIVITIES)}


class Text(str):
    """A value stored as text even when it starts with '=' (as a user typing '=…' as text)."""


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx with the given sheets, in order (str values starting with '=' become formulas
    without a cached value, as openpyxl writes them; wrap them in ``Text`` to keep them text)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(row)
            for value, cell in zip(row, ws[ws.max_row]):
                if isinstance(value, Text):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_workbook() -> bytes:
    return workbook_bytes(good_sheets())


def with_cell(sheet: str, excel_row: int, column: int, value: object) -> bytes:
    """The valid workbook with one cell changed (column is 1-based; rows may be appended)."""
    sheets = good_sheets()
    rows = sheets[sheet]
    while len(rows) < excel_row:
        rows.append([None] * len(rows[0]))
    rows[excel_row - 1][column - 1] = value
    return workbook_bytes(sheets)


def with_row(sheet: str, row: list) -> bytes:
    """The valid workbook with one more row at the end of ``sheet``."""
    sheets = good_sheets()
    sheets[sheet].append(row)
    return workbook_bytes(sheets)


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Rewrite an .xlsx's zip, replacing or adding parts."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return buffer.getvalue()


def sheet_part(data: bytes, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)
