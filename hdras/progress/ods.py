"""OpenDocument spreadsheets (.ods, LibreOffice's own format) for the safety pass (design §4).

An .ods is a zip like an .xlsx, so ``hdras.progress.safety`` applies the same limits (file size,
member count, summed uncompressed size and ratio, no DTD or entity in any XML part). What differs
is inside, and is read here:

- ``mimetype`` says what the package is: a text document or a presentation is not a workbook;
- encryption is declared per part in ``META-INF/manifest.xml`` (``manifest:encryption-data``),
  not in the zip's flags;
- macros live under ``Basic/`` (LibreOffice Basic) or ``Scripts/`` (other languages);
- every sheet is in ``content.xml``. Rows and cells repeat (``table:number-rows-repeated``,
  ``table:number-columns-repeated``) and LibreOffice writes a million empty repeated rows after
  the last one used, so the extent counts only cells with content, with their repeats: calamine
  expands repeats when it reads (one repeated row of values becomes that many rows), and it reads
  every sheet of an .ods when the file is opened;
- a formula cell carries its computed value (``office:value-type``); one without it has none;
- a cell formatted as a percentage says ``office:value-type="percentage"``.

Those last two kinds of cell are listed one by one for the importer, so a tiny file repeating one
of them a million times would cost hundreds of megabytes: past ``MAX_NOTED_CELLS`` per sheet the
sheet is refused instead (a real progress workbook has a few hundred rows).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from defusedxml import ElementTree as SafeET

SPREADSHEET_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OTHER_ODF = {b"opendocument.text": "documento de texto OpenDocument (.odt)",
             b"opendocument.presentation": "presentación OpenDocument (.odp)",
             b"opendocument.graphics": "dibujo OpenDocument (.odg)",
             b"opendocument.spreadsheet-template": "plantilla de LibreOffice Calc (.ots)"}
CONTENT_PART = "content.xml"
MANIFEST_PART = "META-INF/manifest.xml"
MACRO_FOLDERS = ("Basic/", "Scripts/")
MAX_NOTED_CELLS = 100_000  # formulas without value + percentage cells listed per sheet

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


@dataclass
class OdsSheet:
    """One sheet of content.xml as the safety pass needs it (rows and columns 1-based)."""

    name: str
    max_row: int = 0
    max_col: int = 0
    uncached_formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    percent_cells: set[tuple[int, int]] = field(default_factory=set)
    too_many_noted: bool = False  # more than MAX_NOTED_CELLS such cells (repeats): refused


def package_kind(mimetype: bytes) -> str | None:
    """None for an OpenDocument spreadsheet, else a Spanish description of what the file is."""
    value = mimetype.strip()
    if value == SPREADSHEET_MIMETYPE:
        return None
    for key, label in OTHER_ODF.items():
        if key in value:
            return label
    return "paquete OpenDocument que no es una hoja de cálculo"


def is_encrypted(manifest: bytes) -> bool:
    """True when the manifest declares encrypted parts (a password to open the file)."""
    return b"encryption-data" in manifest


def macro_parts(names: list[str]) -> list[str]:
    """Parts that hold macros (LibreOffice Basic, or scripts in other languages)."""
    return [n for n in names if n.startswith(MACRO_FOLDERS) and not n.endswith("/")]


def scan_content(xml: bytes, max_rows: int, max_cols: int) -> list[OdsSheet]:
    """Every sheet of ``content.xml`` in order, with its extent, formulas without a computed value
    and percentage cells. Cells are listed one by one only within ``max_rows`` × ``max_cols``
    (beyond that the sheet is refused for its extent anyway)."""
    sheets: list[OdsSheet] = []
    sheet: OdsSheet | None = None
    row = col = 0
    row_repeat, row_used = 1, False
    for event, elem in SafeET.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = elem.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                sheet = OdsSheet(name=elem.get(f"{_TABLE}name", ""))
                sheets.append(sheet)
                row = 0
            elif tag == f"{_TABLE}table-row":
                row_repeat, row_used, col = _repeat(elem, "number-rows-repeated"), False, 0
            continue
        if tag in _CELLS and sheet is not None:
            repeat = _repeat(elem, "number-columns-repeated")
            if _has_content(elem):
                row_used = True
                sheet.max_col = max(sheet.max_col, col + repeat)
                _note_cell(sheet, elem, (row + 1, row_repeat), (col + 1, repeat),
                           (max_rows, max_cols))
            col += repeat
            elem.clear()
        elif tag == f"{_TABLE}table-row" and sheet is not None:
            if row_used:
                sheet.max_row = row + row_repeat
            row += row_repeat
            elem.clear()
    return sheets


def _repeat(elem, name: str) -> int:
    try:
        return max(int(elem.get(f"{_TABLE}{name}", "1")), 1)
    except ValueError:
        return 1


def _has_content(cell) -> bool:
    if cell.get(f"{_OFFICE}value-type") or cell.get(f"{_TABLE}formula"):
        return True
    return any(child.tag == _TEXT_P for child in cell)


def _note_cell(sheet: OdsSheet, cell, rows: tuple[int, int], cols: tuple[int, int],
               limits: tuple[int, int]) -> None:
    """Record a formula without value or a percentage cell, for each cell its repeats cover."""
    formula = cell.get(f"{_TABLE}formula")
    value_type = cell.get(f"{_OFFICE}value-type")
    uncached = formula is not None and value_type is None
    if not uncached and value_type != "percentage":
        return
    (first_row, n_rows), (first_col, n_cols) = rows, cols
    if first_row + n_rows - 1 > limits[0] or first_col + n_cols - 1 > limits[1]:
        return
    noted = len(sheet.uncached_formulas) + len(sheet.percent_cells)
    if sheet.too_many_noted or noted + n_rows * n_cols > MAX_NOTED_CELLS:
        sheet.too_many_noted = True
        return
    for r in range(first_row, first_row + n_rows):
        for c in range(first_col, first_col + n_cols):
            if uncached:
                sheet.uncached_formulas[(r, c)] = "=" + _formula_text(formula)
            else:
                sheet.percent_cells.add((r, c))


def _formula_text(formula: str) -> str:
    """'of:=[.A1]+2' → 'A1+2': the formula as a person reads it in the sheet."""
    text = formula.split(":", 1)[1] if formula.startswith(("of:", "oooc:")) else formula
    return text.lstrip("=").replace("[.", "").replace("]", "") or "…"
