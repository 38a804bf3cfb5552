"""OpenDocument spreadsheets (.ods) accepted like .xlsx (design §4, issue 11): the same sheets, the
same checks, the same safety limits, and a marked-up copy for a rejected file. Fixtures from a real
LibreOffice (tests/fixtures/make_libreoffice_fixture.py) and .ods built in code."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from hdras.cli import main as cli
from hdras.core import config, db
from hdras.progress import feedback, ods, store as progress
from hdras.progress.reading import read_workbook
from hdras.progress.safety import scan_workbook
from workbook_builders import (Formula, Percent, good_ods, good_sheets, ods_bytes, ods_content,
                               ods_with_cell, rezip)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI_PLAN = FIXTURES / "mini_plan"
ENTITY = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
          '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
          '>&e;</office:document-content>')
BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">'
                  ']><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                  'office:1.0">&b;</office:document-styles>')


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _bomb() -> bytes:
    """content.xml inflating to 20 MB from a few KB: a zip bomb inside an .ods."""
    filler = "<!-- " + "A" * (20 * 1_048_576) + " -->"
    return ods_bytes(good_sheets(), parts={"settings.xml": filler.encode()})


def test_a_good_ods_saved_by_libreoffice_reads_like_its_xlsx(mini_con):
    ods_result = read_workbook(_fixture("libreoffice_filled.ods"), "avance.ods", mini_con)
    xlsx_result = read_workbook(_fixture("libreoffice_filled.xlsx"), "avance.xlsx", mini_con)
    assert ods_result.ok and ods_result.problems == [] and ods_result.kind == "ods"
    assert ods_result.sheets == ["Metas", "Actividades"]
    for frame in ("goals", "activities"):
        assert getattr(ods_result, frame).equals(getattr(xlsx_result, frame)), frame
    assert ods_result.goals.set_index("goal_code").loc["M3", "value"] == 2.8  # formula's value


def test_a_bad_ods_reports_every_defect_at_once(mini_con):
    """libreoffice_bad.ods: one defect in each of four rows of the filled template."""
    result = read_workbook(_fixture("libreoffice_bad.ods"), "malo.ods", mini_con)
    assert [p.where for p in result.problems] == [
        ("Actividades", 2, "C", "unknown_status"),
        ("Actividades", 3, "D", "not_a_number"),
        ("Metas", 2, "C", "not_a_number"),
        ("Metas", 8, "C", "negative")]
    assert not result.ok and result.goals.empty and result.activities.empty
    assert result.problems[0].message.startswith("«Terminada» no es un estado válido")


# (id, .ods, every expected problem as (sheet, row, column, code)): as the .xlsx defects
CASES = [
    ("good", good_ods, []),
    ("text_in_value", lambda: ods_with_cell("Metas", 2, 3, "doce"),
     [("Metas", 2, "C", "not_a_number")]),
    ("number_typed_as_text", lambda: ods_with_cell("Metas", 2, 3, "12,5"),
     [("Metas", 2, "C", "number_as_text")]),
    ("year_as_text", lambda: ods_with_cell("Metas", 2, 2, "2025"), []),
    ("status_with_spaces", lambda: ods_with_cell("Actividades", 2, 3, "  completada "), []),
    ("unknown_activity", lambda: ods_with_cell("Actividades", 3, 1, "9.9.9.9"),
     [("Actividades", 3, "A", "unknown_activity")]),
    ("formula_without_value", lambda: ods_with_cell("Metas", 2, 3, Formula("of:=[.E2]+1")),
     [("Metas", 2, "C", "formula_no_value")]),
    ("extra_column", lambda: ods_bytes({**good_sheets(), "Metas": [
        row + [extra] for row, extra in zip(good_sheets()["Metas"], ["notas", "a", "b", "c"])]}),
     []),
]


@pytest.mark.parametrize("make, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_ods_defect_gives_exactly_its_problem(mini_con, make, expected):
    result = read_workbook(make(), "hoja.ods", mini_con)
    assert [p.where for p in result.problems] == expected
    assert result.ok is (expected == [])


def test_the_formula_message_shows_the_formula_as_written(mini_con):
    result = read_workbook(ods_with_cell("Metas", 2, 3, Formula("of:=[.E2]+1")), "f.ods",
                           mini_con)
    assert "(=E2+1)" in result.problems[0].message


# --- the same safety limits --------------------------------------------------------------------

SAFETY_CASES = [
    ("zip_bomb", _bomb, "compression_ratio"),
    ("external_entity_in_content", lambda: rezip(good_ods(), replace={
        "content.xml": ENTITY.encode()}), "xml_unsafe"),
    ("billion_laughs_in_styles", lambda: ods_bytes(good_sheets(), parts={
        "styles.xml": BILLION_LAUGHS.encode()}), "xml_unsafe"),
    ("doctype_in_manifest_rdf", lambda: ods_bytes(good_sheets(), parts={
        "manifest.rdf": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><r/>'}),
     "xml_unsafe"),
    ("encrypted", lambda: rezip(good_ods(), replace={"META-INF/manifest.xml": (
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
        b"</manifest:file-entry></manifest:manifest>")}), "encrypted"),
    ("basic_macros", lambda: ods_bytes(good_sheets(), parts={
        "Basic/Standard/Module1.xml": b"<module/>"}), "macro_enabled"),
    ("no_content", lambda: _without_content(), "file_corrupt"),
    ("text_document", lambda: rezip(good_ods(), replace={
        "mimetype": b"application/vnd.oasis.opendocument.text"}), "not_xlsx"),
    ("truncated", lambda: good_ods()[:600], "file_corrupt"),
]


def _without_content() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        target.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        target.writestr("styles.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("make, code", [c[1:] for c in SAFETY_CASES],
                         ids=[c[0] for c in SAFETY_CASES])
def test_hostile_ods_files_are_refused_before_parsing(mini_con, make, code):
    result = read_workbook(make(), "hostil.ods", mini_con)
    assert [p.where for p in result.problems] == [(None, None, None, code)]
    assert result.problems[0].message


def test_ods_size_limits(mini_con, monkeypatch):
    monkeypatch.setattr(config, "MAX_UNCOMPRESSED_BYTES", 2_000)
    result = read_workbook(good_ods(), "inflada.ods", mini_con)
    assert [p.where for p in result.problems] == [(None, None, None, "uncompressed_too_large")]
    monkeypatch.setattr(config, "MAX_UPLOAD_BYTES", 500)
    result = read_workbook(good_ods(), "pesada.ods", mini_con)
    assert [p.where for p in result.problems] == [(None, None, None, "file_too_large")]


def test_ods_with_too_many_zip_members(mini_con):
    parts = {f"Pictures/{i}.txt": b"x" for i in range(2_001)}
    result = read_workbook(ods_bytes(good_sheets(), parts=parts), "partes.ods", mini_con)
    assert [p.where for p in result.problems] == [(None, None, None, "file_corrupt")]


# Repeats make a small file describe a huge sheet; calamine expands repeats (and reads every sheet
# of an .ods when it opens it), so the extent is checked before, in a child process in case not.
EXTENT_CASES = [
    ("far_row", '<table:table-row table:number-rows-repeated="1048570"><table:table-cell/>'
                '</table:table-row><table:table-row><table:table-cell office:value-type="float" '
                'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>',
     ["too_many_rows"]),
    ("repeated_rows_of_values", '<table:table-row table:number-rows-repeated="1000000">'
                                '<table:table-cell office:value-type="float" office:value="1" '
                                'table:number-columns-repeated="3"><text:p>1</text:p>'
                                "</table:table-cell></table:table-row>", ["too_many_rows"]),
    ("repeated_columns_of_values", '<table:table-row><table:table-cell office:value-type="float" '
                                   'office:value="1" table:number-columns-repeated="16384">'
                                   "<text:p>1</text:p></table:table-cell></table:table-row>",
     ["too_many_columns"]),
    ("a_million_formulas_without_value", '<table:table-row table:number-rows-repeated="19000">'
                                         '<table:table-cell table:formula="of:=1" '
                                         'table:number-columns-repeated="60"/>'
                                         "</table:table-row>", ["repeated_cells"]),
    ("empty_repeats_are_harmless", '<table:table-row table:number-rows-repeated="1048000">'
                                   '<table:table-cell table:number-columns-repeated="16384"/>'
                                   "</table:table-row>", []),
]


@pytest.mark.parametrize("rows, codes", [c[1:] for c in EXTENT_CASES],
                         ids=[c[0] for c in EXTENT_CASES])
def test_huge_repeated_sheets_never_reach_the_reader(tmp_path, rows, codes):
    path = tmp_path / "repetido.ods"
    path.write_bytes(ods_bytes({"Metas": good_sheets()["Metas"]}, extra_rows=rows))
    script = ("import sys; from hdras.core import db; from hdras.progress.reading import "
              "read_workbook; from pathlib import Path; con = db.connect(':memory:'); "
              f"db.ensure_schema(con, Path({str(MINI_PLAN)!r})); "
              "r = read_workbook(Path(sys.argv[1]).read_bytes(), 'x.ods', con); "
              "print(','.join(p.code.value for p in r.problems if p.is_error))")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert [c for c in done.stdout.strip().split(",") if c] == codes


def test_content_scan_extents_agree_with_calamine():
    for name in ("libreoffice_filled.ods", "libreoffice_bad.ods", "libreoffice_percent.ods"):
        data = _fixture(name)
        scan = scan_workbook(data)
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet in scan.sheets:
            grid = book.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
            assert (sheet.max_row, sheet.max_col) == (len(grid), max(map(len, grid))), sheet.name


def test_content_scan_counts_repeats_and_ignores_empty_cells():
    xml = ods_content({"A": [["x", None, 1]], "B": []}, extra_rows=(
        '<table:table-row table:number-rows-repeated="3"><table:table-cell '
        'table:number-columns-repeated="2"/><table:table-cell office:value-type="percentage" '
        'office:value="0.5" table:number-columns-repeated="2"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="50"><table:table-cell/></table:table-row>'))
    sheets = ods.scan_content(xml.encode(), 100, 100)
    assert [(s.name, s.max_row, s.max_col) for s in sheets] == [("A", 1, 3), ("B", 3, 4)]
    assert sheets[1].percent_cells == {(r, c) for r in (1, 2, 3) for c in (3, 4)}


# --- the marked-up copy, and the command line --------------------------------------------------

def test_feedback_for_a_rejected_ods_is_an_xlsx_copy_with_the_cells_marked(mini_con):
    data = _fixture("libreoffice_bad.ods")
    result = read_workbook(data, "malo.ods", mini_con)
    copy = feedback.build_feedback_workbook(data, result)
    assert feedback.feedback_filename("malo.ods") == "observaciones-malo.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(copy))
    assert book.sheetnames == ["Problemas", "Instrucciones", "Metas", "Actividades", "Listas"]
    for problem in result.problems:
        cell = book[problem.sheet][f"{problem.column}{problem.row}"]
        assert problem.message in cell.comment.text
        assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert book["Metas"]["C2"].value == "doce" and book["Metas"]["C8"].value == -1
    grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(
        "Actividades").to_python(skip_empty_area=False)
    copied = [[("" if v is None else v) for v in row] for row in book["Actividades"].iter_rows(
        values_only=True)]
    assert [row[:len(grid[0])] for row in copied[:len(grid)]] == grid


def test_feedback_copy_keeps_percent_cells_as_percentages(mini_con):
    data = ods_bytes({"Metas": [["serie", "año", "valor"], ["M2-caudal", 2025, Percent(0.055)]]})
    result = read_workbook(data, "p.ods", mini_con)
    assert [p.code.value for p in result.problems] == ["percent_not_allowed"]
    book = openpyxl.load_workbook(io.BytesIO(feedback.build_feedback_workbook(data, result)))
    assert book["Metas"]["C2"].number_format == "0.0%" and book["Metas"]["C2"].value == 0.055


def test_cli_imports_an_ods(mini_env, tmp_path, capsys):
    good, bad = tmp_path / "avance.ods", tmp_path / "malo.ods"
    good.write_bytes(_fixture("libreoffice_filled.ods"))
    bad.write_bytes(_fixture("libreoffice_bad.ods"))
    assert cli.main(["import", str(bad), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [e["code"] for e in report["errors"]] == ["unknown_status", "not_a_number",
                                                     "not_a_number", "negative"]
    assert cli.main(["import", str(good), "--by", "Ana"]) == 0
    out = capsys.readouterr().out
    assert "Lote 1 guardado: 5 valores de metas y 3 reportes de actividades" in out
    with db.session(mini_env) as con:
        assert len(progress.current_activity_progress(con)) == 3


GOOD_ODS = good_ods()


@pytest.fixture(scope="module")
def shared_con():
    con = db.connect(":memory:")
    db.ensure_schema(con, MINI_PLAN)
    yield con
    con.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_corrupted_ods_files_never_raise(shared_con, data):
    """Bytes flipped anywhere in a valid .ods: a clear problem or a valid import, never a bug."""
    raw = bytearray(GOOD_ODS)
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    result = read_workbook(bytes(raw), "azar.ods", shared_con)
    assert not any("error interno" in p.message for p in result.problems), result.problems
