"""Hostile and broken files (design §4, §8), never-raise properties, crashes, concurrent imports."""

from __future__ import annotations

import io
import os
import signal
import struct
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hdras.core import config, db
from hdras.progress import preview as import_preview, store as progress
from hdras.progress.reading import read_workbook
from hdras.progress.safety import scan_sheet_xml
from workbook_builders import good_workbook, rezip, sheet_part, with_cell, workbook_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI_PLAN = FIXTURES / "mini_plan"
CONTENT_TYPES = "[Content_Types].xml"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""


def _sheet_xml(rows: str) -> bytes:
    return (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + rows.encode() + b"</sheetData></worksheet>")


def _with_content_type(data: bytes, old: bytes, new: bytes) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(data)).read(CONTENT_TYPES)
    return rezip(data, replace={CONTENT_TYPES: types.replace(old, new)})


def _zip_encrypted_flag(data: bytes) -> bytes:
    """Set the 'encrypted' bit of every entry (legacy zip password protection)."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            flags = struct.unpack_from("<H", raw, start + offset)[0]
            struct.pack_into("<H", raw, start + offset, flags | 0x1)
            start += 4
    return bytes(raw)


def _lying_sizes(data: bytes) -> bytes:
    """Declare a tiny uncompressed size for the sheet part (a bomb that hides its size)."""
    raw = bytearray(data)
    name = b"xl/worksheets/sheet1.xml"
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            if raw[start + name_offset:start + name_offset + len(name)] == name:
                struct.pack_into("<I", raw, start + size_offset, 10)
            start += 4
    return bytes(raw)


def _zip_with(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


def _bomb_workbook(megabytes: int) -> bytes:
    rows = "".join(f'<row r="{i}"/>' for i in range(1, 2))
    filler = b"<!-- " + b"A" * (megabytes * 1_048_576) + b" -->"
    return rezip(good_workbook(), replace={"xl/worksheets/sheet1.xml": _sheet_xml(rows) + filler})


# (id, bytes, expected file-level code); the sheet/row/column are None for all of them
FILE_CASES = [
    ("empty", lambda: b"", "file_empty"),
    ("csv", lambda: "serie;año;valor\nM1;2025;13,2\n".encode(), "not_xlsx"),
    ("pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_xlsx"),
    ("html", lambda: b"<html><body><table><tr><td>M1</td></tr></table></body></html>",
     "not_xlsx"),
    ("plain_zip", lambda: _zip_with({"notas.txt": b"hola"}), "not_xlsx"),
    ("docx", lambda: _with_content_type(good_workbook(), b"spreadsheetml.sheet.main+xml",
                                        b"wordprocessingml.document.main+xml"), "not_xlsx"),
    ("odt", lambda: _zip_with({"mimetype": b"application/vnd.oasis.opendocument.text",
                               "content.xml": b"<x/>"}), "not_xlsx"),
    ("ods_without_sheets", lambda: _zip_with({
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<x/>"}), "missing_sheets"),
    ("legacy_xls", lambda: (FIXTURES / "legacy.xls").read_bytes(), "legacy_xls"),
    ("encrypted_ooxml", lambda: (FIXTURES / "encrypted.xlsx").read_bytes(), "encrypted"),
    ("zip_password", lambda: _zip_encrypted_flag(good_workbook()), "encrypted"),
    ("xlsm", lambda: _with_content_type(
        good_workbook(), b"spreadsheetml.sheet.main+xml",
        b"../vnd.ms-excel.sheet.macroEnabled.main+xml"), "macro_enabled"),
    ("vba_project", lambda: rezip(good_workbook(), add={"xl/vbaProject.bin": b"\x00" * 64}),
     "macro_enabled"),
    ("truncated", lambda: good_workbook()[:1500], "file_corrupt"),
    ("lying_sizes", lambda: _lying_sizes(good_workbook()), "file_corrupt"),
    ("billion_laughs", lambda: rezip(good_workbook(),
                                     replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS}),
     "xml_unsafe"),
    ("external_entity", lambda: rezip(good_workbook(),
                                      replace={"xl/worksheets/sheet1.xml": EXTERNAL_ENTITY}),
     "xml_unsafe"),
    ("compression_bomb", lambda: _bomb_workbook(20), "compression_ratio"),
]


@pytest.mark.parametrize("make, code", [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_each_bad_file_is_rejected_with_one_clear_problem(mini_con, make, code):
    result = read_workbook(make(), "archivo.xlsx", mini_con)
    assert [p.where for p in result.problems] == [(None, None, None, code)]
    assert result.problems[0].message


def test_file_over_the_upload_limit(mini_con, monkeypatch):
    monkeypatch.setattr(config, "MAX_UPLOAD_BYTES", 4_000)
    result = read_workbook(good_workbook(), "grande.xlsx", mini_con)
    assert [p.where for p in result.problems] == [(None, None, None, "file_too_large")]
    assert result.problems[0].message.endswith("el máximo permitido es 3.9 KB.")


def test_uncompressed_size_limit(mini_con, monkeypatch):
    monkeypatch.setattr(config, "MAX_UNCOMPRESSED_BYTES", 3_000)
    result = read_workbook(good_workbook(), "inflado.xlsx", mini_con)
    assert [p.where for p in result.problems] == [(None, None, None, "uncompressed_too_large")]


def test_row_limit(mini_con, monkeypatch):
    monkeypatch.setattr(config, "MAX_ROWS_PER_SHEET", 3)
    result = read_workbook(good_workbook(), "largo.xlsx", mini_con)
    assert [p.where for p in result.problems] == [("Actividades", None, None, "too_many_rows"),
                                                  ("Metas", None, None, "too_many_rows")]


SPARSE_CASES = [
    # one cell at the last column of the last row: calamine would allocate 550 GB and abort
    ("giant_range", '<row r="1"><c r="A1" t="inlineStr"><is><t>serie</t></is></c></row>'
                    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
     ["too_many_columns", "too_many_rows"]),
    ("cells_without_reference", '<row r="1048576">' + '<c><v>1</v></c>' * 200 + "</row>",
     ["too_many_columns", "too_many_rows"]),
]


@pytest.mark.parametrize("rows, codes", [c[1:] for c in SPARSE_CASES],
                         ids=[c[0] for c in SPARSE_CASES])
def test_sparse_giant_sheets_never_reach_the_reader(tmp_path, rows, codes):
    """Run in a child process: if the check failed, calamine would abort the interpreter."""
    data = rezip(good_workbook(), replace={"xl/worksheets/sheet1.xml": _sheet_xml(rows)})
    path = tmp_path / "disperso.xlsx"
    path.write_bytes(data)
    script = ("import sys; from hdras.core import db; from hdras.progress.reading import read_workbook; "
              "from pathlib import Path; con = db.connect(':memory:'); "
              f"db.ensure_schema(con, Path({str(MINI_PLAN)!r})); "
              "r = read_workbook(Path(sys.argv[1]).read_bytes(), 'x', con); "
              "print(','.join(p.code.value for p in r.problems))")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().split(",") == codes


def test_sheet_extent_scan_agrees_with_a_full_parse():
    data = sheet_part(with_cell("Metas", 9, 3, "=1+1"))
    fast = scan_sheet_xml(data.replace(b"<f>1+1</f>", b""))
    parsed = scan_sheet_xml(data)
    assert fast[:2] == parsed[:2] == (9, 4)
    assert parsed[2] == {(9, 3): "=1+1"}


def test_defusedxml_guards_openpyxl_too():
    """Second layer: even without our scan, openpyxl (with defusedxml) refuses entity tricks."""
    import openpyxl.xml
    assert openpyxl.xml.DEFUSEDXML is True
    data = rezip(good_workbook(), replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS})
    with pytest.raises(ValueError) as exc:
        openpyxl.load_workbook(io.BytesIO(data))
    cause = exc.value.__cause__ or exc.value.__context__
    assert type(cause).__name__ == "EntitiesForbidden" and type(cause).__module__.startswith(
        "defusedxml")



def test_user_text_is_kept_as_text(mini_con):
    """Text that looks like markup or a formula is stored verbatim, to be shown as text."""
    text = "<script>alert(1)</script> **negrita** =1+1"
    result = read_workbook(with_cell("Actividades", 2, 6, text), "texto.xlsx", mini_con)
    assert result.ok and result.activities.loc[0, "comment"] == text


# --- never raise, never write ------------------------------------------------------------------

@pytest.fixture(scope="module")
def shared_con():
    con = db.connect(":memory:")
    db.ensure_schema(con, MINI_PLAN)
    yield con
    con.close()


def _state(con) -> tuple:
    return db.data_version(con), tuple(sorted(db.table_counts(con).items()))


def _assert_harmless(con, data: bytes) -> None:
    before = _state(con)
    result = read_workbook(data, "azar.xlsx", con)
    if result.ok:
        import_preview.build_preview(con, result)
    assert _state(con) == before
    assert not any("error interno" in p.message for p in result.problems), result.problems


PREFIXES = st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x05\x06"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PREFIXES, body=st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise_nor_write(shared_con, prefix, body):
    _assert_harmless(shared_con, prefix + body)


GOOD_BYTES = good_workbook()  # once: openpyxl stamps the time, and Hypothesis needs fixed input


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_corrupted_workbooks_never_raise_nor_write(shared_con, data):
    raw = bytearray(GOOD_BYTES)
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _assert_harmless(shared_con, bytes(raw))


CELLS = st.one_of(
    st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(),
    st.dates(), st.sampled_from(["M1", "m2", "M2-caudal", "M4.1", "M9", "1.1.1.1", "4.1.1.1",
                                 "9.9.9.9", "Completada", "en proceso", "2025", "=1+1", "=A1",
                                 "100", "-1", " ", "=1/0", "a_x001F_b", "_x0000_"]),
    st.sampled_from([2024, 2025, 2026, 2030, 2031, 2025.5, 150, 0, 13.6]))
HEADERS = st.lists(st.sampled_from(["serie", "SERIE", "año", "Año", "valor", "fuente", "código",
                                    "codigo", "estado", "avance", "evidencia", "comentario",
                                    "otra", "", "valor"]), min_size=0, max_size=7)
SHEETS = st.dictionaries(
    st.sampled_from(["Metas", "Actividades", "metas", "Hoja1", "Listas"]),
    st.tuples(HEADERS, st.lists(st.lists(CELLS, max_size=7), max_size=12)), max_size=3)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sheets=SHEETS)
def test_random_workbooks_never_raise_nor_write(shared_con, sheets):
    book = {name: [header] + rows for name, (header, rows) in sheets.items()}
    if not book:
        book = {"Hoja": [[]]}
    _assert_harmless(shared_con, workbook_bytes(book))


# --- a crash in the middle of an import, and two imports at once ------------------------------

def _env(db_path: Path, **extra: str) -> dict:
    env = os.environ.copy()
    env.update(HDRAS_DB=str(db_path), HDRAS_DATA_DIR=str(MINI_PLAN), **extra)
    return env


def _import(path: Path, db_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hdras", "import", str(path), "--json"],
                          capture_output=True, text=True, env=_env(db_path, **env), timeout=120)


def _current(db_path: Path) -> tuple:
    con = db.connect(db_path)
    try:
        return (progress.list_batches(con)[["batch_id", "status"]].values.tolist(),
                progress.current_goal_actuals(con)[["goal_code", "value"]].values.tolist(),
                len(progress.current_activity_progress(con)))
    finally:
        con.close()


# The command line's import, paused inside its transaction (rows inserted, not committed) by
# wrapping the last statement before COMMIT; the test kills the process there.
_PAUSED_IMPORT = """
import sys, time
from hdras.cli import main
from hdras.core import db
bump = db.bump_progress_version
def paused(con):
    bump(con)
    print("hdras: paused inside the batch transaction", file=sys.stderr, flush=True)
    time.sleep(60)
db.bump_progress_version = paused
sys.exit(main.main(["import", sys.argv[1]]))
"""


def test_process_killed_mid_import_leaves_previous_state(tmp_path):
    db_path = tmp_path / "hdras.duckdb"
    first, second = tmp_path / "primero.xlsx", tmp_path / "segundo.xlsx"
    first.write_bytes(good_workbook())
    second.write_bytes(with_cell("Metas", 2, 3, 19.9))
    assert _import(first, db_path).returncode == 0
    before = _current(db_path)
    child = subprocess.Popen([sys.executable, "-c", _PAUSED_IMPORT, str(second)],
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                             env=_env(db_path))
    try:
        line = child.stderr.readline()
        assert "paused inside the batch transaction" in line  # rows inserted, not committed
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert _current(db_path) == before == ([[1, "active"]], [["M1", 13.2], ["M2", 6.5],
                                                             ["M4", 2.0]], 3)
    again = _import(second, db_path)
    assert again.returncode == 0 and '"batch_id": 2' in again.stdout


def test_two_imports_in_one_process_at_the_same_time(tmp_path, monkeypatch):
    """Two dashboard sessions confirm together: both inside their transaction with the same new
    batch id; the second commit conflicts, is retried, and both batches are stored whole."""
    db_path = tmp_path / "hdras.duckdb"
    with db.session(db_path, ensure=False) as con:
        db.ensure_schema(con, MINI_PLAN)
        reference_con = con
        results = [read_workbook(good_workbook(), "a.xlsx", reference_con),
                   read_workbook(with_cell("Metas", 2, 3, 15.0), "b.xlsx", reference_con)]
    barrier = threading.Barrier(2, timeout=10)
    calls = {"n": 0}

    bump = db.bump_progress_version

    def meet_inside_transaction(con):
        calls["n"] += 1
        if calls["n"] <= 2:
            barrier.wait()
        bump(con)
    monkeypatch.setattr(db, "bump_progress_version", meet_inside_transaction)
    ids, errors = [], []

    def run(result):
        try:
            con = db.connect(db_path)
            try:
                ids.append(import_preview.commit_import(con, result, "hilo"))
            finally:
                con.close()
        except Exception as exc:  # reported below
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(r,)) for r in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and sorted(ids) == [1, 2]
    assert calls["n"] == 3  # the loser went round once more
    batches, goals, activities = _current(db_path)
    assert batches == [[2, "active"], [1, "active"]] and activities == 3
    con = db.connect(db_path)
    try:
        assert db.table_counts(con)["goal_actuals"] == 6
    finally:
        con.close()


def test_two_command_line_imports_at_the_same_time(tmp_path):
    db_path = tmp_path / "hdras.duckdb"
    files = []
    for i, value in enumerate((14.0, 15.0)):
        path = tmp_path / f"archivo{i}.xlsx"
        path.write_bytes(with_cell("Metas", 2, 3, value))
        files.append(path)
    assert _import(files[0], db_path, ).returncode == 0  # create the database first
    children = [subprocess.Popen([sys.executable, "-m", "hdras", "import", str(f), "--json"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=_env(db_path)) for f in files]
    outputs = [c.communicate(timeout=120) for c in children]
    assert [c.returncode for c in children] == [0, 0], outputs
    batches, _, _ = _current(db_path)
    assert batches == [[3, "active"], [2, "active"], [1, "active"]]
