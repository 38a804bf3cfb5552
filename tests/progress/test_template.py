"""The template users fill, the feedback workbook for rejected files, and the export workbook."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from hdras.progress import demo, export, feedback, preview as import_preview, store as progress, template
from hdras.goals import status
from hdras.progress.reading import read_workbook
from workbook_builders import Text, good_workbook, with_cell, workbook_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "template_structure.json"
TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def template_book(mini_con):
    return openpyxl.load_workbook(io.BytesIO(template.build_template(mini_con, TODAY)))


def structure(book: openpyxl.Workbook) -> dict:
    """What a reviewer checks by eye: sheets, headers, rows, dropdowns, names, protection."""
    return {
        "sheets": [[ws.title, ws.sheet_state, ws.max_row, ws.protection.sheet] for ws in book],
        "headers": {ws.title: [c.value for c in ws[1]] for ws in book
                    if ws.title in ("Metas", "Actividades")},
        "validations": {ws.title: sorted([str(v.sqref), v.type, v.formula1]
                                         for v in ws.data_validations.dataValidation)
                        for ws in book if ws.title in ("Metas", "Actividades")},
        "names": {name: d.attr_text for name, d in sorted(book.defined_names.items())},
    }


def test_template_structure_matches_snapshot(template_book):
    current = structure(template_book)
    if os.environ.get("HDRAS_UPDATE_SNAPSHOTS") or not SNAPSHOT.exists():
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_template_prefills_every_series_year_and_planned_activity(template_book):
    metas = [row[:2] for row in template_book["Metas"].iter_rows(min_row=2, values_only=True)
             if row[0]]
    assert len(metas) == 9 * 6 and metas[:2] == [("M1", 2025), ("M1", 2026)]
    assert ("M2-caudal", 2030) in metas
    acts = [row for row in template_book["Actividades"].iter_rows(min_row=2, values_only=True)
            if row[0]]
    # 1.1.1.2 is scheduled 2025-I, 2025-II, 2026, 2027: one row per year, 2025 once
    assert [r[:2] for r in acts if r[0] == "1.1.1.2"] == [("1.1.1.2", 2025), ("1.1.1.2", 2026),
                                                          ("1.1.1.2", 2027)]
    first = acts[0]
    assert first[6:] == ("Crear un grupo (mini)", "01 grupo creado", "2025 – sem. I", "DGAA")
    m1_2025 = next(r for r in template_book["Metas"].iter_rows(min_row=2, values_only=True)
                   if r[:2] == ("M1", 2025))
    assert m1_2025[4:6] == (13.6, "%")  # the plan's target as a reference


def test_template_locks_header_and_references_only(template_book):
    ws = template_book["Actividades"]
    assert ws.protection.sheet and ws.freeze_panes == "A2"
    assert all(c.protection.locked for c in ws[1])
    row = ws[2]
    assert [c.protection.locked for c in row] == [False] * 6 + [True] * 4
    assert not ws.cell(row=ws.max_row, column=3).protection.locked  # room to add rows
    assert template_book["Listas"].sheet_state == "hidden"
    estados = [c.value for c in template_book["Listas"]["D"][1:] if c.value]
    assert estados == ["No iniciada", "En proceso", "Completada", "Reprogramada"]


def test_instructions_are_spanish_and_list_allowed_values(template_book):
    text = "\n".join(str(c.value) for c in template_book["Instrucciones"]["A"] if c.value)
    for needed in ("No iniciada, En proceso, Completada o Reprogramada", "2025 a 2030",
                   "M1, M2, M2-caudal, M3, M4, M4.1, M4.2, M5, M6", "Todo o nada",
                   "Generado el 30/06/2025"):
        assert needed in text
    assert template_book.sheetnames[0] == "Instrucciones"


def test_untouched_template_reports_nothing(mini_con):
    result = read_workbook(template.build_template(mini_con), "plantilla.xlsx", mini_con)
    assert [p.code.value for p in result.problems] == ["no_data"]


def test_filled_template_imports(mini_con, template_book):
    for row in template_book["Metas"].iter_rows(min_row=2):
        if (row[0].value, row[1].value) == ("M6", 2025):
            row[2].value, row[3].value = 38, "Informe DGAA"
    for row in template_book["Actividades"].iter_rows(min_row=2):
        if (row[0].value, row[1].value) == ("4.1.1.1", 2026):
            row[2].value, row[3].value = "En proceso", 1
    buffer = io.BytesIO()
    template_book.save(buffer)
    result = read_workbook(buffer.getvalue(), "lleno.xlsx", mini_con)
    assert result.ok, [p.message for p in result.problems]
    assert result.goals[["goal_code", "year", "value"]].values.tolist() == [["M6", 2025, 38.0]]
    assert result.activities[["activity_code", "year", "status", "achieved"]].values.tolist() == [
        ["4.1.1.1", 2026, "En proceso", 1.0]]


def test_workbook_saved_by_libreoffice_is_accepted(mini_con):
    """tests/fixtures/libreoffice_filled.xlsx: the template filled and re-saved by LibreOffice Calc
    7.4 (see make_libreoffice_fixture.py); its M3 value is a formula with a cached result."""
    data = (FIXTURES / "libreoffice_filled.xlsx").read_bytes()
    result = read_workbook(data, "libreoffice.xlsx", mini_con)
    assert result.ok, [p.message for p in result.problems]
    goals = result.goals.set_index("goal_code")
    assert goals["value"].to_dict() == {"M1": 13.2, "M2": 6.5, "M2-caudal": 5.1, "M3": 2.8,
                                        "M4.2": 1.0}
    assert goals.loc["M1", "source"] == "MEF – Consulta amigable, devengado 2025"
    acts = result.activities.set_index("activity_code")
    assert acts["status"].to_dict() == {"1.1.1.1": "Completada", "1.1.1.2": "En proceso",
                                        "1.2.1.1": "Reprogramada"}
    assert acts.loc["1.1.1.2", "comment"] == ("Dos de cuatro reuniones;\nla tercera está "
                                              "prevista en noviembre")


# --- feedback workbook ------------------------------------------------------------------------

def test_feedback_marks_each_faulty_cell_with_a_comment(mini_con):
    sheets_data = with_cell("Metas", 3, 3, "seis y medio")
    result = read_workbook(sheets_data, "malo.xlsx", mini_con)
    book = openpyxl.load_workbook(io.BytesIO(feedback.build_feedback_workbook(sheets_data, result)))
    assert book.sheetnames == ["Problemas", "Metas", "Actividades"]
    cell = book["Metas"]["C3"]
    assert cell.value == "seis y medio"  # the user's data is untouched
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "«seis y medio» no es un número" in cell.comment.text
    assert book["Metas"]["C2"].comment is None
    rows = list(book["Problemas"].iter_rows(min_row=2, values_only=True))
    assert rows == [("Error", "Metas", 3, "C", result.problems[0].message, "Metas!C3")]
    assert book["Problemas"]["F2"].hyperlink.location == "'Metas'!C3"
    assert book.active.title == "Problemas"


def test_feedback_combines_problems_of_one_cell_and_sheet_level_ones(mini_con):
    sheets = {"Metas": [["serie", "año", "Valor", "valor"], ["M1", 2025, 1, 2]]}
    data = workbook_bytes(sheets)
    result = read_workbook(data, "columnas.xlsx", mini_con)
    book = openpyxl.load_workbook(io.BytesIO(feedback.build_feedback_workbook(data, result)))
    assert "aparece dos veces" in book["Metas"]["D1"].comment.text


def test_feedback_neutralises_text_it_writes(mini_con):
    data = with_cell("Metas", 2, 1, "=HYPERLINK(\"http://x\",\"clic\")")
    result = read_workbook(data, "formula.xlsx", mini_con)
    book = openpyxl.load_workbook(io.BytesIO(feedback.build_feedback_workbook(data, result)))
    for row in book["Problemas"].iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"


@pytest.mark.parametrize("name", ["legacy.xls", "encrypted.xlsx"])
def test_no_feedback_workbook_for_files_that_cannot_be_opened(mini_con, name):
    data = (FIXTURES / name).read_bytes()
    result = read_workbook(data, name, mini_con)
    assert not feedback.can_build_feedback(result)
    assert feedback.build_feedback_workbook(data, result) is None


# --- export -----------------------------------------------------------------------------------

def _store(con, data: bytes) -> int:
    result = read_workbook(data, "lote.xlsx", con)
    assert result.ok, [p.message for p in result.problems]
    return import_preview.commit_import(con, result, "=Ana")


def test_export_has_plan_progress_and_status(mini_con):
    _store(mini_con, good_workbook())
    book = openpyxl.load_workbook(io.BytesIO(export.build_export(mini_con, 2025)))
    assert book.sheetnames == ["Léame", "Estado 2025", "Actividades 2025", "Metas", "Actividades",
                               "Acciones", "Lotes"]
    metas = pd.DataFrame(book["Metas"].values)
    metas.columns = metas.iloc[0]
    m1 = metas[(metas["Serie"] == "M1") & (metas["Año"] == 2025)].iloc[0]
    assert (m1["Meta del plan"], m1["Valor reportado"], m1["Lote"]) == (13.6, 13.2, 1)
    estado = {row[0]: row[-1] for row in book["Estado 2025"].iter_rows(min_row=2, values_only=True)}
    report = {g["code"]: g["status"] for g in status.status_report(mini_con, 2025)["goals"]}
    for code in ("M1", "M3"):  # label and icon, never colour alone
        assert estado[code] == status.CATEGORIES[report[code]].text()
    assert report["M3"] == "sin_datos" and estado["M3"].endswith("Sin datos")
    # the value the status rests on, as the pages say it, and ratios formatted as on the pages
    sheet = book["Estado 2025"]
    header = [c.value for c in sheet[1]]
    m1 = dict(zip(header, sheet[2]))
    assert (m1["Último dato"].value, m1["Año del último dato"].value) == (13.2, 2025)
    assert m1["Ficticio"].value == "no"
    assert (m1["Logro del hito"].number_format, m1["Razón de trayectoria"].number_format) == (
        "0%", "0.00")
    summary = list(book["Actividades 2025"].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert summary == ("Todo el plan", 3, 1, 1, 1, 0)


def test_export_neutralises_formula_like_text(mini_con):
    _store(mini_con, with_cell("Actividades", 2, 6, Text("=HYPERLINK(\"http://x\")")))
    book = openpyxl.load_workbook(io.BytesIO(export.build_export(mini_con, 2025)))
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    comments = [r[12] for r in book["Actividades"].iter_rows(min_row=2, values_only=True) if r[12]]
    assert comments[0] == "'=HYPERLINK(\"http://x\")" and len(comments) == 3
    lotes = list(book["Lotes"].iter_rows(min_row=2, values_only=True))
    assert lotes[0][3] == "'=Ana"


def test_export_survives_control_characters_from_a_workbook(mini_con):
    _store(mini_con, with_cell("Actividades", 2, 5, "Acta_x001F_ firmada"))
    stored = progress.current_activity_progress(mini_con)
    assert stored.loc[stored["activity_code"] == "1.1.1.1", "evidence"].item() == "Acta firmada"
    assert export.build_export(mini_con, 2025)


def test_export_marks_demo_data(mini_con):
    demo.store_demo_batch(mini_con)
    book = openpyxl.load_workbook(io.BytesIO(export.build_export(mini_con, 2025)))
    readme = " ".join(str(c.value) for c in book["Léame"]["A"] if c.value)
    assert "ficticio" in readme.lower()
    assert "sí (ficticio)" in [r[-1] for r in book["Metas"].iter_rows(values_only=True)]
