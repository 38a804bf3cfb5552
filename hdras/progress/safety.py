"""Checks an uploaded file before any spreadsheet library parses it (design §4 and §8).

The order matters: size, then the file's kind (legacy .xls, encrypted, not a zip, not a workbook,
macros), then the zip's real uncompressed size (every part is decompressed and its CRC checked, so a
header that lies about sizes is caught), then each worksheet's extent. The extent check protects the
process itself: calamine allocates the whole used range densely, and a 5 KB file with one cell at
XFD1048576 makes it request 550 GB and abort the interpreter (measured; see the report of issue 5).
"""

from __future__ import annotations

import io
import logging
import lzma
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from defusedxml import ElementTree as SafeET

from hdras.core import config
from hdras.core.formatting import format_size
from hdras.progress.problems import Problem, ProblemCode, file_problem

log = logging.getLogger(__name__)

MAX_COLUMNS_PER_SHEET = 100
MAX_ZIP_MEMBERS = 2_000
_RATIO_MIN_BYTES = 1_000_000  # small parts compress wildly (repeated tags) and are harmless
_CHUNK = 1 << 16

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XLSX_MAIN_TYPES = ("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml")
_MACRO_MAIN_TYPES = ("sheet.macroEnabled.main+xml", "template.macroEnabled.main+xml",
                     "addin.macroEnabled.main+xml")
_OTHER_OOXML = {"wordprocessingml": "documento de Word (.docx)",
                "presentationml": "presentación de PowerPoint (.pptx)",
                "sheet.binary": "libro binario de Excel (.xlsb)"}

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_CELL_TAG = re.compile(rb"<" + _PREFIX + rb"c[\s/>]")
# Only cells carry an attribute named exactly "r" holding letters and digits ('<c r="B7">'); rows
# carry digits only. Matching the attribute alone is much faster than matching whole tags.
_CELL_REF = re.compile(rb"\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_ROW_REF = re.compile(rb"<" + _PREFIX + rb"row\s[^>]*?\br=\"([0-9]{1,7})\"")
_FORMULA_TAG = re.compile(rb"<" + _PREFIX + rb"f[\s/>]")
_UNSAFE_XML = (b"<!DOCTYPE", b"<!ENTITY")

# What the standard library raises on a damaged zip or XML part (all mean "corrupt file"; each one
# was raised by zipfile, zlib, lzma or the XML parser on bytes the Hypothesis tests generated). The
# list is wide, so the scan logs what it caught: a bug of ours would show there, not be hidden.
_CORRUPT_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError,
                       struct.error, ValueError, OSError, EOFError, NotImplementedError, KeyError,
                       SafeET.ParseError, RuntimeError, UnicodeError)



@dataclass
class SheetInfo:
    """One worksheet as the safety pass saw it."""

    name: str
    part: str
    max_row: int = 0
    max_col: int = 0
    uncached_formulas: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class ScanResult:
    """The outcome of ``scan_workbook``: problems (empty when safe) and what was learnt."""

    problems: list[Problem]
    sheets: list[SheetInfo] = field(default_factory=list)
    uncompressed_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def scan_workbook(data: bytes) -> ScanResult:
    """Decide whether ``data`` is a plain .xlsx that is safe to hand to calamine and openpyxl.

    Never raises on any input; returns file-level problems (and sheet-level ones for extents).
    """
    kind_problem = _check_kind(data)
    if kind_problem:
        return ScanResult([kind_problem])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        problem = _check_members(archive, infos)
        if problem:
            return ScanResult([problem])
        return _scan_contents(archive, infos)
    except _CORRUPT_ZIP_ERRORS as exc:
        log.info("Archivo rechazado como dañado: %r", exc, exc_info=True)
        return ScanResult([file_problem(ProblemCode.FILE_CORRUPT, detail=_short(exc))])


def _check_kind(data: bytes) -> Problem | None:
    if not data:
        return file_problem(ProblemCode.FILE_EMPTY)
    if len(data) > config.MAX_UPLOAD_BYTES:
        return file_problem(ProblemCode.FILE_TOO_LARGE, size=format_size(len(data)),
                            limit=format_size(config.MAX_UPLOAD_BYTES))
    if data.startswith(CFB_SIGNATURE):
        # Office keeps both legacy .xls and password-encrypted .xlsx in an OLE compound file.
        if _ENCRYPTED_STREAM in data:
            return file_problem(ProblemCode.ENCRYPTED)
        if any(stream in data for stream in _WORKBOOK_STREAMS):
            return file_problem(ProblemCode.LEGACY_XLS)
        return file_problem(ProblemCode.NOT_XLSX, detected="documento de Office antiguo (OLE)")
    if not data.startswith(ZIP_SIGNATURES):
        return file_problem(ProblemCode.NOT_XLSX, detected=describe_bytes(data))
    return None


def describe_bytes(data: bytes) -> str:
    """A guess, in Spanish, at what a non-zip file is (for the message only)."""
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "parece un PDF"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "parece una página HTML"
    if lowered.lstrip().startswith(b"<?xml"):
        return "parece un archivo XML"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return "formato no reconocido"
    if any(sep in text for sep in (",", ";", "\t")):
        return "parece un archivo de texto o CSV"
    return "parece un archivo de texto"


def _check_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Problem | None:
    names = {i.filename for i in infos}
    if len(infos) > MAX_ZIP_MEMBERS:
        return file_problem(ProblemCode.FILE_CORRUPT, detail=f"{len(infos)} partes internas")
    if "mimetype" in names and b"opendocument" in _read_small(archive, "mimetype"):
        return file_problem(ProblemCode.NOT_XLSX, detected="hoja de cálculo OpenDocument (.ods)")
    if any(i.flag_bits & 0x1 for i in infos):
        return file_problem(ProblemCode.ENCRYPTED)
    if "[Content_Types].xml" not in names:
        return file_problem(ProblemCode.NOT_XLSX, detected="un archivo comprimido .zip")
    types = _read_small(archive, "[Content_Types].xml")
    if any(t.encode() in types for t in _MACRO_MAIN_TYPES):
        return file_problem(ProblemCode.MACRO_ENABLED, detail="libro .xlsm")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return file_problem(ProblemCode.MACRO_ENABLED, detail="proyecto VBA")
    if not any(t.encode() in types for t in _XLSX_MAIN_TYPES):
        other = next((label for key, label in _OTHER_OOXML.items() if key.encode() in types),
                     "paquete Office que no es un libro de Excel")
        return file_problem(ProblemCode.NOT_XLSX, detected=other)
    total = sum(i.file_size for i in infos)
    if total > config.MAX_UNCOMPRESSED_BYTES:
        return file_problem(ProblemCode.UNCOMPRESSED_TOO_LARGE, size=format_size(total),
                            limit=format_size(config.MAX_UNCOMPRESSED_BYTES))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_MIN_BYTES and ratio > config.MAX_COMPRESSION_RATIO:
            return file_problem(ProblemCode.COMPRESSION_RATIO, part=info.filename,
                                ratio=int(ratio))
    return None


def _read_small(archive: zipfile.ZipFile, name: str, limit: int = 1 << 20) -> bytes:
    with archive.open(name) as handle:
        return handle.read(limit)


def _scan_contents(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> ScanResult:
    """Decompress every part for real (CRC checked, sizes counted), then read the sheet map."""
    total = 0
    worksheet_xml: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        keep = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        chunks, size, problem = _read_member(archive, info, config.MAX_UNCOMPRESSED_BYTES - total)
        if problem:
            return ScanResult([problem])
        total += size
        if keep:
            worksheet_xml[info.filename] = b"".join(chunks)
    sheets = _sheet_map(archive)
    problems: list[Problem] = []
    for sheet in sheets:
        xml = worksheet_xml.get(sheet.part)
        if xml is None:
            continue
        sheet.max_row, sheet.max_col, sheet.uncached_formulas = scan_sheet_xml(xml)
        problems += _extent_problems(sheet)
    return ScanResult(problems, sheets, total)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int
                 ) -> tuple[list[bytes], int, Problem | None]:
    chunks: list[bytes] = []
    size = 0
    tail = b""
    is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                return [], size, file_problem(
                    ProblemCode.UNCOMPRESSED_TOO_LARGE, size=f"más de {format_size(budget)}",
                    limit=format_size(config.MAX_UNCOMPRESSED_BYTES))
            if is_xml:
                window = (tail + chunk).upper()
                if any(marker in window for marker in _UNSAFE_XML):
                    return [], size, file_problem(ProblemCode.XML_UNSAFE, part=info.filename)
                tail = chunk[-16:]
            chunks.append(chunk)
    return chunks, size, None


def _sheet_map(archive: zipfile.ZipFile) -> list[SheetInfo]:
    """Sheet names in workbook order with the worksheet part each one lives in."""
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels_name = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels_name in archive.namelist():
        rels = SafeET.fromstring(archive.read(rels_name))
        for rel in rels.iter(f"{{{_NS_PKG_REL}}}Relationship"):
            targets[rel.get("Id")] = rel.get("Target", "")
    sheets = []
    for node in workbook.iter(f"{{{_NS_MAIN}}}sheet"):
        target = targets.get(node.get(f"{{{_NS_REL}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheets.append(SheetInfo(name=node.get("name", ""), part=_normalize_part(part)))
    return sheets


def _normalize_part(part: str) -> str:
    stack: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if stack:
                stack.pop()
        elif piece not in ("", "."):
            stack.append(piece)
    return "/".join(stack)


def scan_sheet_xml(xml: bytes) -> tuple[int, int, dict[tuple[int, int], str]]:
    """A worksheet's used extent (max row, max column) and its formulas with no cached value.

    A regular-expression pass when every cell carries its reference and there is no formula (the
    usual case, fast); otherwise a full parse that places cells the way spreadsheet readers do.
    """
    has_formula = _FORMULA_TAG.search(xml) is not None
    refs = _CELL_REF.findall(xml)
    if not has_formula and len(refs) == len(_CELL_TAG.findall(xml)):
        rows = [int(r) for r in _ROW_REF.findall(xml)]
        max_row = max([int(r) for _, r in refs] + rows + [0])
        max_col = max([column_index(c.decode()) for c, _ in refs] + [0])
        return max_row, max_col, {}
    return _parse_sheet_xml(xml)


def _parse_sheet_xml(xml: bytes) -> tuple[int, int, dict[tuple[int, int], str]]:
    max_row = max_col = 0
    row = col = 0
    uncached: dict[tuple[int, int], str] = {}
    for event, elem in SafeET.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = elem.tag.rsplit("}", 1)[-1]
        if event == "start" and tag == "row":
            row = int(elem.get("r") or row + 1)
            col = 0
            max_row = max(max_row, row)
        elif event == "end" and tag == "c":
            ref = elem.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                col = column_index(letters)
                row = int(ref[len(letters):] or row)
            else:
                col += 1
            max_row, max_col = max(max_row, row), max(max_col, col)
            formula = _uncached_formula(elem)
            if formula is not None:
                uncached[(row, col)] = formula
            elem.clear()
    return max_row, max_col, uncached


def _uncached_formula(cell) -> str | None:
    """The formula text of a cell whose formula has no stored result, else None."""
    formula = value = None
    for child in cell:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "f":
            formula = child
        elif tag == "v":
            value = child
    if formula is None:
        return None
    cached = value is not None and (bool(value.text) or cell.get("t") == "str")
    return None if cached else "=" + (formula.text or "…")


def _extent_problems(sheet: SheetInfo) -> list[Problem]:
    problems = []
    if sheet.max_row > config.MAX_ROWS_PER_SHEET:
        problems.append(Problem(ProblemCode.TOO_MANY_ROWS, sheet=sheet.name, params={
            "sheet": sheet.name, "rows": sheet.max_row, "limit": config.MAX_ROWS_PER_SHEET}))
    if sheet.max_col > MAX_COLUMNS_PER_SHEET:
        problems.append(Problem(ProblemCode.TOO_MANY_COLUMNS, sheet=sheet.name, params={
            "sheet": sheet.name, "column": column_letter(sheet.max_col),
            "limit": MAX_COLUMNS_PER_SHEET}))
    return problems


def column_index(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index


def column_letter(index: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters





def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:120]
