"""Percent-formatted cells (design §4, issue 11): a cell formatted as a percentage holds a fraction
(«3,5 %» is 0.035); for a series in % it is read as the percentage meant, with a warning naming the
cell, and 0.035 is never stored. Also the fraction-typed-by-mistake rule from Tabla 1."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hdras.core import db
from hdras.progress import percent, preview as import_preview, store as progress
from hdras.progress.reading import read_workbook
from hdras.progress.safety import scan_sheet_xml, scan_workbook
from workbook_builders import (Percent, good_sheets, ods_with_cell, sheet_part, with_cell,
                               workbook_bytes)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _formatted(sheet: str, excel_row: int, column: int, value: float, number_format: str) -> bytes:
    """The valid workbook with one cell holding ``value`` in ``number_format``, as Excel saves a
    cell the user typed «3,5 %» into (openpyxl writes the same styles.xml structure)."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(good_sheets())))
    cell = book[sheet].cell(row=excel_row, column=column, value=value)
    cell.number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("code, expected", [
    ("0%", True), ("0.00%", True), ("0.0%", True), ("#,##0.0 %", True), ("0.0%;[Red]-0.0%", True),
    ('0.0" %"', False), ("0.0\\%", False), ("[$%-409]0", False), ("General", False), ("", False),
    ("0.00", False)])
def test_which_number_formats_are_percentages(code, expected):
    assert percent.is_percent_format(code) is expected


def test_percent_styles_come_from_cellxfs_and_numfmts():
    data = _formatted("Metas", 2, 3, 0.132, "0.0%")
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml")
    ids = percent.percent_style_ids(styles)
    assert len(ids) == 1
    cells = scan_workbook(data).sheets[0].percent_cells
    assert cells == {(2, 3)}


# (id, workbook, every expected problem as (sheet, row, column, code), the stored M-values)
EXCEL_CASES = [
    ("builtin_9_whole_percent", lambda: _formatted("Metas", 3, 3, 0.07, "0%"),
     [("Metas", 3, "C", "percent_cell")], {"M1": 13.2, "M2": 7.0, "M4": 2.0}),
    ("builtin_10_two_decimals", lambda: _formatted("Metas", 2, 3, 0.1325, "0.00%"),
     [("Metas", 2, "C", "percent_cell")], {"M1": 13.25, "M2": 6.5, "M4": 2.0}),
    ("custom_one_decimal", lambda: _formatted("Metas", 3, 3, 0.065, "0.0%"),
     [("Metas", 3, "C", "percent_cell")], {"M1": 13.2, "M2": 6.5, "M4": 2.0}),
    ("literal_percent_sign_is_not_a_percentage", lambda: _formatted("Metas", 3, 3, 6.5,
                                                                    '0.0" %"'),
     [], {"M1": 13.2, "M2": 6.5, "M4": 2.0}),
    ("percent_format_elsewhere_is_ignored", lambda: _formatted("Metas", 2, 2, 2025, "0%"),
     [], {"M1": 13.2, "M2": 6.5, "M4": 2.0}),
]


@pytest.mark.parametrize("make, expected, values", [c[1:] for c in EXCEL_CASES],
                         ids=[c[0] for c in EXCEL_CASES])
def test_percent_cells_in_an_excel_workbook(mini_con, make, expected, values):
    result = read_workbook(make(), "excel.xlsx", mini_con)
    assert [p.where for p in result.problems] == expected
    assert result.ok
    assert result.goals.set_index("goal_code")["value"].to_dict() == values


def test_the_warning_names_the_cell_and_both_readings(mini_con):
    result = read_workbook(_formatted("Metas", 2, 3, 0.035, "0.0%"), "excel.xlsx", mini_con)
    assert [p.message for p in result.warnings] == [
        "Metas!C2: celda con formato de porcentaje: se leyó 3,5 % como 3.5 (la hoja guarda "
        "3,5 % como la fracción 0.035; la serie M1 se mide en %). Revise que sea el porcentaje "
        "que quiso escribir."]
    assert result.warnings[0].severity == "warning"


# Where a percentage has no sensible reading: a series in m³/s or EPS, and avance (a quantity)
REFUSED = [
    ("flow_series", lambda: _formatted("Metas", 2, 1, "M2-caudal", "General"), 2, 3, 0.055,
     "Metas!C2: la celda tiene formato de porcentaje (muestra 5,5 %), pero la serie M2-caudal "
     "(m³/s) no se mide en %. Quite el formato de porcentaje de la celda y escriba el valor en "
     "m³/s."),
    ("eps_series", None, 4, 3, 0.02, None),
    ("avance", None, 2, 4, 0.5,
     "Actividades!D2: la celda tiene formato de porcentaje (muestra 50 %), pero el avance (la "
     "cantidad lograda hacia la meta del año) no se mide en %. Quite el formato de porcentaje de "
     "la celda y escriba la cantidad lograda, por ejemplo 2 (reuniones, informes…)."),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_percent_cells_without_a_sensible_reading_are_errors(mini_con, case):
    name, _, row, column, value, message = case
    sheet = "Actividades" if name == "avance" else "Metas"
    sheets = good_sheets()
    if name == "flow_series":
        sheets["Metas"][1][0] = "M2-caudal"
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(sheets)))
    cell = book[sheet].cell(row=row, column=column, value=value)
    cell.number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    result = read_workbook(buffer.getvalue(), "malo.xlsx", mini_con)
    letter = "D" if name == "avance" else "C"
    assert [p.where for p in result.problems] == [(sheet, row, letter, "percent_not_allowed")]
    assert not result.ok
    if message:
        assert result.problems[0].message == message


def test_a_percentage_over_100_is_still_refused(mini_con):
    result = read_workbook(_formatted("Metas", 3, 3, 1.5, "0%"), "excel.xlsx", mini_con)
    assert [p.where for p in result.problems] == [("Metas", 3, "C", "percent_cell"),
                                                  ("Metas", 3, "C", "percent_over_100")]
    assert "El valor 150 supera el 100 %" in result.problems[1].message


# The fraction rule: 0 < v < 1 and v at least ten times below max(baseline 2024, target of year)
SUSPECT_CASES = [
    ("M1", 2025, 0.136, True),   # target 13.6, baseline 12.1: tens
    ("M1", 2025, 0.9, True),
    ("M1", 2025, 1.0, False),    # 1 or more is a plausible percentage
    ("M1", 2025, 0.0, False),    # zero is a real figure
    ("M2", 2025, 0.07, True),    # target 7
    ("M2", 2025, 0.8, False),    # 0.8 × 10 = 8 > 7
    ("M2", 2027, 0.9, True),     # target 10.5
    ("M3", 2025, 0.028, True),   # target 2.8
    ("M3", 2025, 0.5, False),
    ("M5", 2025, 0.5, False),    # target 0 % (footnote ²), baseline 0
    ("M5", 2026, 0.043, True),   # target 4.3
]


@pytest.mark.parametrize("series, year, value, flagged", SUSPECT_CASES)
def test_a_fraction_typed_where_the_plan_has_tens_is_warned(mini_con, series, year, value,
                                                            flagged):
    sheets = good_sheets()
    sheets["Metas"][1:] = [[series, year, value, None]]
    result = read_workbook(workbook_bytes(sheets), "fraccion.xlsx", mini_con)
    assert result.ok
    expected = [("Metas", 2, "C", "percent_suspect")] if flagged else []
    assert [p.where for p in result.problems] == expected
    assert result.goals.loc[0, "value"] == value  # a warning never changes the value


def test_the_fraction_warning_says_what_the_plan_expects(mini_con):
    result = read_workbook(with_cell("Metas", 2, 3, 0.136), "fraccion.xlsx", mini_con)
    assert result.warnings[0].message == (
        "Metas!C2: el valor 0.136 es menor que 1 y al menos diez veces menor que la cifra del plan "
        "para M1 en 2025 (13.6 %). ¿Lo escribió como fracción? Si quiso decir 13.6 %, escriba "
        "13.6; si el dato real es 0.136 %, puede confirmarlo así.")


def test_plan_figures_are_the_larger_of_baseline_and_target(mini_con):
    from hdras.progress.sheets import PlanReference
    figures = PlanReference.from_db(mini_con).goal_figures
    assert figures[("M1", 2025)] == 13.6 and figures[("M5", 2025)] == 0
    assert figures[("M6", 2025)] == 37 and ("M4.2", 2024) not in figures


# --- files saved by LibreOffice ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["libreoffice_percent.xlsx", "libreoffice_percent.ods"])
def test_percent_cell_in_a_file_saved_by_libreoffice(mini_con, name):
    """Meta 3 · 2025 typed «3,5 %» (see make_libreoffice_fixture.py): LibreOffice writes its own
    styles.xml for the .xlsx and office:value-type="percentage" for the .ods."""
    result = read_workbook((FIXTURES / name).read_bytes(), name, mini_con)
    assert result.ok
    assert [p.where for p in result.problems] == [("Metas", 20, "C", "percent_cell")]
    assert "se leyó 3,5 % como 3.5" in result.problems[0].message
    assert result.goals.set_index("goal_code")["value"].to_dict() == {"M1": 13.2, "M3": 3.5}


def test_percent_cell_in_an_ods_built_in_code(mini_con):
    result = read_workbook(ods_with_cell("Metas", 3, 3, Percent(0.065)), "hoja.ods", mini_con)
    assert [p.where for p in result.problems] == [("Metas", 3, "C", "percent_cell")]
    assert result.goals.set_index("goal_code").loc["M2", "value"] == 6.5


def test_the_fraction_is_never_stored(mini_con):
    result = read_workbook((FIXTURES / "libreoffice_percent.xlsx").read_bytes(), "p.xlsx",
                           mini_con)
    preview = import_preview.build_preview(mini_con, result)
    assert "percent_cell" in [p.code.value for p in result.warnings]
    import_preview.commit_import(mini_con, result, "prueba", preview.data_version)
    stored = progress.current_goal_actuals(mini_con).set_index("goal_code")["value"].to_dict()
    assert stored == {"M1": 13.2, "M3": 3.5}


def test_cli_import_json_lists_the_percent_warning(mini_env, tmp_path, capsys):
    import json

    from hdras.cli import main as cli

    path = tmp_path / "porcentaje.ods"
    path.write_bytes((FIXTURES / "libreoffice_percent.ods").read_bytes())
    assert cli.main(["import", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["errors"] == []
    assert [(w["sheet"], w["row"], w["column"], w["code"], w["severity"])
            for w in report["warnings"]] == [("Metas", 20, "C", "percent_cell", "warning")]
    with db.session(mini_env) as con:
        assert progress.current_goal_actuals(con).set_index("goal_code").loc["M3", "value"] == 3.5


def test_sheet_scan_finds_percent_cells_in_both_paths():
    """The fast pattern pass and the full parse (cells without a reference) agree."""
    data = _formatted("Metas", 3, 3, 0.065, "0.0%")
    xml = sheet_part(data)
    styles = percent.percent_style_ids(zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml"))
    fast = scan_sheet_xml(xml, styles)
    no_refs = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", xml)
    parsed = scan_sheet_xml(no_refs, styles)
    assert fast[3] == parsed[3] == {(3, 3)}
    assert scan_sheet_xml(xml)[3] == set()  # no percent style in the workbook: nothing to find
