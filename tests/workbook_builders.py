"""Workbooks built in code for the importer tests: a valid one, and helpers to add one defect.

Rows refer to the fixture plan (tests/fixtures/mini_plan). Excel row 1 is the header, so the n-th
data row is Excel row n + 1.
"""

from __future__ import annotations

import copy
import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

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


# --- OpenDocument (.ods) built in code: the few parts calamine and LibreOffice need ------------

_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"')
ODS_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.'
                'oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


class Percent(float):
    """A value in a cell formatted as a percentage (what a user's «3,5 %» is: 0.035)."""


class Formula(str):
    """A formula cell of an .ods saved without its computed value ('of:=2+2')."""


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Formula):
        return f"<table:table-cell table:formula={quoteattr(value)}/>"
    if isinstance(value, Percent):
        return (f'<table:table-cell office:value-type="percentage" office:value="{float(value)!r}">'
                f"<text:p>{float(value) * 100:g} %</text:p></table:table-cell>")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>")


def ods_content(sheets: dict[str, list[list]], extra_rows: str = "") -> str:
    """content.xml of an .ods with the given sheets (``extra_rows`` is appended raw to the last)."""
    tables = []
    for index, (name, rows) in enumerate(sheets.items()):
        body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row)
                       + "</table:table-row>" for row in rows)
        tail = extra_rows if index == len(sheets) - 1 else ""
        tables.append(f"<table:table table:name={quoteattr(name)}>{body}{tail}</table:table>")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f"<office:document-content {_ODS_NS}><office:body><office:spreadsheet>"
            + "".join(tables) + "</office:spreadsheet></office:body></office:document-content>")


def ods_bytes(sheets: dict[str, list[list]], extra_rows: str = "",
              parts: dict[str, bytes] | None = None) -> bytes:
    """An .ods as LibreOffice packs it: ``mimetype`` first and stored, then the XML parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                        compress_type=zipfile.ZIP_STORED)
        target.writestr("content.xml", ods_content(sheets, extra_rows))
        target.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        for name, content in (parts or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()


def good_ods() -> bytes:
    return ods_bytes(good_sheets())


def ods_with_cell(sheet: str, excel_row: int, column: int, value: object) -> bytes:
    """The valid .ods with one cell changed (column is 1-based)."""
    sheets = good_sheets()
    rows = sheets[sheet]
    while len(rows) < excel_row:
        rows.append([None] * len(rows[0]))
    rows[excel_row - 1][column - 1] = value
    return ods_bytes(sheets)
