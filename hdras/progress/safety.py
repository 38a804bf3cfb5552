"""Checks an uploaded file before any spreadsheet library parses it (design §4 and §8).

The order matters: size, then the file's kind (legacy .xls, encrypted, not a zip, not a workbook,
macros), then the zip's real uncompressed size (every part is decompressed and its CRC checked, so a
header that lies about sizes is caught), then each worksheet's extent. The extent check protects the
process itself: calamine allocates the whole used range densely, and a 5 KB file with one cell at
XFD1048576 makes it request 550 GB and abort the interpreter (measured; see the report of issue 5).

An OpenDocument spreadsheet (.ods) gets the same checks; what is particular to its package is in
``hdras.progress.ods``. While it reads each sheet the pass also notes the cells formatted as a
percentage (``hdras.progress.percent``), since calamine returns values without their format.
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
from hdras.progress import ods
from hdras.progress.percent import percent_style_ids
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
_STYLES_PART = "xl/styles.xml"
_XML_SUFFIXES = (".xml", ".rels", ".vml", ".rdf")
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
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 1-based
    columns: dict[str, str] = field(default_factory=dict)  # header → column letter, once read
    too_many_noted: bool = False  # an .ods repeating formula or percentage cells past the limit


@dataclass
class ScanResult:
    """The outcome of ``scan_workbook``: problems (empty when safe) and what was learnt.

    ``kind`` is 'xlsx' or 'ods' once the package is recognised (else None)."""

    problems: list[Problem]
    sheets: list[SheetInfo] = field(default_factory=list)
    uncompressed_bytes: int = 0
    kind: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def scan_workbook(data: bytes) -> ScanResult:
    """Decide whether ``data`` is a plain .xlsx or .ods that is safe to hand to calamine (and, an
    .xlsx, to openpyxl).

    Never raises on any input; returns file-level problems (and sheet-level ones for extents).
    """
    kind_problem = _check_kind(data)
    if kind_problem:
        return ScanResult([kind_problem])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        kind, problem = _check_members(archive, infos)
        if problem:
            return ScanResult([problem], kind=kind)
        return _scan_contents(archive, infos, kind)
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


def _check_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
                   ) -> tuple[str | None, Problem | None]:
    """The package's kind ('xlsx', 'ods', None when neither) and the first problem found."""
    names = {i.filename for i in infos}
    if len(infos) > MAX_ZIP_MEMBERS:
        return None, file_problem(ProblemCode.FILE_CORRUPT, detail=f"{len(infos)} partes internas")
    if "" in names:  # a damaged directory entry (zipfile itself would fail on it later)
        return None, file_problem(ProblemCode.FILE_CORRUPT, detail="una parte interna sin nombre")
    if "mimetype" in names and b"opendocument" in _read_small(archive, "mimetype"):
        return _check_ods_members(archive, infos)
    if any(i.flag_bits & 0x1 for i in infos):
        return None, file_problem(ProblemCode.ENCRYPTED)
    if "[Content_Types].xml" not in names:
        return None, file_problem(ProblemCode.NOT_XLSX, detected="un archivo comprimido .zip")
    types = _read_small(archive, "[Content_Types].xml")
    if any(t.encode() in types for t in _MACRO_MAIN_TYPES):
        return None, file_problem(ProblemCode.MACRO_ENABLED, detail="libro .xlsm")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return None, file_problem(ProblemCode.MACRO_ENABLED, detail="proyecto VBA")
    if not any(t.encode() in types for t in _XLSX_MAIN_TYPES):
        other = next((label for key, label in _OTHER_OOXML.items() if key.encode() in types),
                     "paquete Office que no es un libro de Excel")
        return None, file_problem(ProblemCode.NOT_XLSX, detected=other)
    return "xlsx", _size_problem(infos)


def _check_ods_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
                       ) -> tuple[str | None, Problem | None]:
    names = [i.filename for i in infos]
    other = ods.package_kind(_read_small(archive, "mimetype"))
    if other:
        return None, file_problem(ProblemCode.NOT_XLSX, detected=other)
    encrypted_flag = any(i.flag_bits & 0x1 for i in infos)
    if encrypted_flag or (ods.MANIFEST_PART in names and ods.is_encrypted(
            _read_small(archive, ods.MANIFEST_PART))):
        return "ods", file_problem(ProblemCode.ENCRYPTED)
    macros = ods.macro_parts(names)
    if macros:
        return "ods", file_problem(ProblemCode.MACRO_ENABLED,
                                   detail=f"macros de LibreOffice en «{macros[0]}»")
    if ods.CONTENT_PART not in names:
        return "ods", file_problem(ProblemCode.FILE_CORRUPT, detail="falta content.xml")
    return "ods", _size_problem(infos)


def _size_problem(infos: list[zipfile.ZipInfo]) -> Problem | None:
    """The declared sizes: the whole package, and each large part's compression ratio."""
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


def _scan_contents(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], kind: str
                   ) -> ScanResult:
    """Decompress every part for real (CRC checked, sizes counted), then read the sheet map."""
    total = 0
    kept: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        chunks, size, problem = _read_member(archive, info, config.MAX_UNCOMPRESSED_BYTES - total)
        if problem:
            return ScanResult([problem], kind=kind)
        total += size
        if _keep(kind, info.filename):
            kept[info.filename] = b"".join(chunks)
    sheets = _ods_sheets(kept) if kind == "ods" else _xlsx_sheets(archive, kept)
    problems = [p for sheet in sheets for p in _extent_problems(sheet)]
    return ScanResult(problems, sheets, total, kind)


def _keep(kind: str, name: str) -> bool:
    """The parts the sheet scan reads once their size is known to be safe."""
    if kind == "ods":
        return name == ods.CONTENT_PART
    return name == _STYLES_PART or (name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _xlsx_sheets(archive: zipfile.ZipFile, parts: dict[str, bytes]) -> list[SheetInfo]:
    styles = parts.get(_STYLES_PART)
    percent_styles = percent_style_ids(styles) if styles else frozenset()
    sheets = _sheet_map(archive)
    for sheet in sheets:
        xml = parts.get(sheet.part)
        if xml is not None:
            (sheet.max_row, sheet.max_col, sheet.uncached_formulas,
             sheet.percent_cells) = scan_sheet_xml(xml, percent_styles)
    return sheets


def _ods_sheets(parts: dict[str, bytes]) -> list[SheetInfo]:
    scanned = ods.scan_content(parts[ods.CONTENT_PART], config.MAX_ROWS_PER_SHEET,
                               MAX_COLUMNS_PER_SHEET)
    return [SheetInfo(s.name, ods.CONTENT_PART, s.max_row, s.max_col, s.uncached_formulas,
                      s.percent_cells, too_many_noted=s.too_many_noted) for s in scanned]


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int
                 ) -> tuple[list[bytes], int, Problem | None]:
    chunks: list[bytes] = []
    size = 0
    tail = b""
    is_xml = info.filename.endswith(_XML_SUFFIXES)
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


SheetScan = tuple[int, int, dict[tuple[int, int], str], set[tuple[int, int]]]


def scan_sheet_xml(xml: bytes, percent_styles: frozenset[int] = frozenset()) -> SheetScan:
    """A worksheet's used extent (max row, max column), its formulas with no cached value, and its
    cells whose style (``s``) is one of ``percent_styles``.

    A regular-expression pass when every cell carries its reference and there is no formula (the
    usual case, fast); otherwise a full parse that places cells the way spreadsheet readers do.
    The percent cells cost nothing when no style of the workbook is a percentage (the usual case).
    """
    has_formula = _FORMULA_TAG.search(xml) is not None
    refs = _CELL_REF.findall(xml)
    if not has_formula and len(refs) == len(_CELL_TAG.findall(xml)):
        rows = [int(r) for r in _ROW_REF.findall(xml)]
        max_row = max([int(r) for _, r in refs] + rows + [0])
        max_col = max([column_index(c.decode()) for c, _ in refs] + [0])
        return max_row, max_col, {}, _percent_cells(xml, percent_styles)
    return _parse_sheet_xml(xml, percent_styles)


def _percent_cells(xml: bytes, percent_styles: frozenset[int]) -> set[tuple[int, int]]:
    """Cells whose ``s`` is a percent style: one pattern that matches only those cells' tags."""
    if not percent_styles:
        return set()
    ids = b"|".join(str(i).encode() for i in sorted(percent_styles))
    tags = re.compile(rb"<" + _PREFIX + rb"c\b[^>]*?\ss=\"(?:" + ids + rb")\"[^>]*>")
    cells = set()
    for tag in tags.finditer(xml):
        ref = _CELL_REF.search(tag.group(0))
        if ref:
            cells.add((int(ref.group(2)), column_index(ref.group(1).decode())))
    return cells


def _parse_sheet_xml(xml: bytes, percent_styles: frozenset[int] = frozenset()) -> SheetScan:
    max_row = max_col = 0
    row = col = 0
    uncached: dict[tuple[int, int], str] = {}
    percent: set[tuple[int, int]] = set()
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
            if percent_styles and (elem.get("s") or "").isdigit() and \
                    int(elem.get("s")) in percent_styles:
                percent.add((row, col))
            elem.clear()
    return max_row, max_col, uncached, percent


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
    if sheet.too_many_noted:
        problems.append(Problem(ProblemCode.REPEATED_CELLS, sheet=sheet.name, params={
            "sheet": sheet.name, "limit": f"{ods.MAX_NOTED_CELLS:,}".replace(",", " ")}))
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
