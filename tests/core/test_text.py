"""hdras.core.text: one ``neutralize`` for every writer (CSV, export, template, feedback), and ``fold``.

Each OWASP formula trigger goes through each writer: what a spreadsheet reads back must be text
that starts with an apostrophe, never a formula.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from hdras.core import text
from hdras.progress import export, feedback, preview, template
from hdras.progress.reading import read_workbook
from workbook_builders import Text, good_sheets, with_cell, workbook_bytes

TRIGGERS = [("=", '=HYPERLINK("http://x","clic")'), ("+", "+51 999 888"), ("-", "-5 EPS"),
            ("@", "@SUM(A1:A9)"), ("tab", "\t=1+1"), ("cr", "\r=1+1")]
IDS = [name for name, _ in TRIGGERS]
VALUES = [value for _, value in TRIGGERS]


def _texts(book: openpyxl.Workbook) -> list[str]:
    return [c.value for ws in book for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)]


def _assert_neutral(cells: list[str], typed: str) -> None:
    """``typed`` is in ``cells`` behind an apostrophe (XML reads a carriage return back as a line
    feed), and no cell starts as a formula would."""
    assert ("'" + typed).replace("\r", "\n") in [c.replace("\r", "\n") for c in cells], typed
    assert not any(c.startswith(text.FORMULA_TRIGGERS) for c in cells)


def test_the_trigger_list_is_owasp_s():
    assert text.FORMULA_TRIGGERS == ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("typed", VALUES, ids=IDS)
def test_neutralize(typed):
    assert text.neutralize(typed) == "'" + typed
    assert text.neutralize("Texto normal") == "Texto normal" and text.neutralize(-5.0) == -5.0


@pytest.mark.parametrize("typed", VALUES, ids=IDS)
def test_csv_writer(typed):
    frame = pd.DataFrame({"fuente": [typed, "Biogás"], "valor": [-1.5, 2.0]})
    data = text.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    read = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert read["fuente"].tolist() == ["'" + typed, "Biogás"]
    assert read["valor"].tolist() == [-1.5, 2.0]  # numbers are not text: never touched


@pytest.mark.parametrize("typed", VALUES, ids=IDS)
def test_export_writer(mini_con, typed):
    sheets = good_sheets()
    sheets["Actividades"][1][5] = Text(typed)  # comentario
    result = read_workbook(workbook_bytes(sheets), "lote.xlsx", mini_con)
    assert result.ok, [p.message for p in result.problems]
    preview.commit_import(mini_con, result, typed)
    book = openpyxl.load_workbook(io.BytesIO(export.build_export(mini_con, 2025)))
    _assert_neutral(_texts(book), typed.strip())  # the importer trims what users typed


@pytest.mark.parametrize("typed", VALUES, ids=IDS)
def test_feedback_writer(mini_con, typed):
    data = with_cell("Metas", 2, 3, Text(typed))  # text where a number goes: a problem quoting it
    result = read_workbook(data, "lote.xlsx", mini_con)
    assert not result.ok
    book = openpyxl.load_workbook(io.BytesIO(feedback.build_feedback_workbook(data, result)))
    messages = [row[4] for row in book["Problemas"].iter_rows(min_row=2, values_only=True)]
    assert messages and all(not m.startswith(text.FORMULA_TRIGGERS) for m in messages)
    assert all(c.data_type != "f" for row in book["Problemas"].iter_rows() for c in row)


@pytest.mark.parametrize("typed", VALUES, ids=IDS)
def test_template_writer(mini_con, monkeypatch, typed):
    original = template.activity_rows

    def rows(con, unit=None):
        frame = original(con, unit)
        frame.loc[0, "title"] = typed
        return frame
    monkeypatch.setattr(template, "activity_rows", rows)
    book = openpyxl.load_workbook(io.BytesIO(template.build_template(mini_con)))
    _assert_neutral([c.value for row in book["Actividades"].iter_rows(min_row=2) for c in row
                     if isinstance(c.value, str)], typed)


@pytest.mark.parametrize("a, b", [(" Año ", "ano"), ("CÓDIGO", "codigo"),
                                  ("En  proceso", "en proceso"), ("Meta\u00a01", "meta 1")])
def test_fold(a, b):
    assert text.fold(a) == text.fold(b)
