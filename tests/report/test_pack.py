"""The meeting pack (design §9): the PDF and the slides say what the pages say, in Spanish, with
«FICTICIO» on every page while demo data counts."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pandas as pd
import pypdf
import pytest
from PIL import Image
from pptx import Presentation

from conftest import MINI_PLAN, ROOT
from goal_fixtures import ACTUALS_2025, store_actuals_in_file
from hdras.cli import main as cli
from hdras.core import config, db
from hdras.core.errors import ReportError
from hdras.core.formatting import format_ratio, format_value
from hdras.progress import demo
from hdras.report import output, pack, slides

NOW = dt.datetime(2026, 6, 15, 10, 30)


def _pages(data: bytes) -> list[str]:
    return [p.extract_text(extraction_mode="layout") for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def demo_con():
    """The real plan with the demo batch (every page must say FICTICIO)."""
    con = db.connect(":memory:")
    db.ensure_schema(con, ROOT / "data")
    demo.store_demo_batch(con)
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo_pdf(demo_con) -> bytes:
    return output.build_report(demo_con, ".pdf", 2026)


@pytest.fixture(scope="module")
def demo_pptx(demo_con) -> bytes:
    return output.build_report(demo_con, ".pptx", 2026)


def test_pdf_numbers_equal_status_json(mini_env, tmp_path, capsys):
    """Acceptance: the goals table of the PDF prints the figures of `status --json`."""
    store_actuals_in_file(mini_env)
    assert cli.main(["status", "--year", "2026", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    out = tmp_path / "informe.pdf"
    assert cli.main(["report", str(out), "--year", "2026"]) == 0
    assert "Informe escrito en" in capsys.readouterr().out
    goals_page = next(p for p in _pages(out.read_bytes()) if "Las seis metas · 2026" in p
                      and "Línea" in p)
    lines = goals_page.splitlines()
    units = {"M1": "%", "M2": "%", "M2-caudal": "m3/s", "M3": "%", "M4": "EPS", "M4.1": "EPS",
             "M4.2": "EPS", "M5": "%", "M6": "EPS"}
    labels = {"M2-caudal": "Meta 2 (caudal) ·", "M4.1": "Meta 4.1 ·", "M4.2": "Meta 4.2 ·"}
    checked = 0
    for goal in status["goals"]:
        label = labels.get(goal["code"], goal["code"].replace("M", "Meta ") + " ·")
        row = next(line for line in lines if label in line)
        cells = re.split(r"\s{2,}", row.strip())
        unit = units[goal["code"]]
        expected = [format_value(goal["target"], unit), format_value(goal["actual"], unit),
                    format_ratio(goal["ratio"])]
        if goal["baseline"] is not None:
            expected.insert(0, format_value(goal["baseline"], unit))
        for value in expected:
            assert any(c == value or c.startswith(value + " ") for c in cells), (goal, value, row)
        checked += 1
    assert checked == 9
    # Activities of 2026 per objective: the same counts as status --json.
    text = "\n".join(_pages(out.read_bytes()))
    assert f"Actividades de 2026 por objetivo" in text
    for objective in status["activities"]["by_objective"]:
        if objective["planned"]:
            row = next(line for line in text.splitlines()
                       if line.strip().startswith(objective["objective_code"] + " ·")
                       and re.search(r"\d+\s+%", line))
            numbers = re.findall(r"(?<![\w.])\d+(?![\w.])", row.split("·", 1)[1])
            assert [int(n) for n in numbers[:5]] == [
                objective[k] for k in ("planned", "completed", "in_progress", "rescheduled",
                                       "not_started")], row


def test_every_page_is_numbered_and_says_ficticio_while_demo_data_counts(demo_pdf):
    pages = _pages(demo_pdf)
    assert len(pages) > 8
    for number, text in enumerate(pages, start=1):
        assert "FICTICIO" in text, number
        assert f"Página {number} de {len(pages)}" in text, number
    reader = pypdf.PdfReader(io.BytesIO(demo_pdf))
    assert abs(float(reader.pages[0].mediabox.width) - 595.3) < 1  # A4: 210 mm
    assert abs(float(reader.pages[0].mediabox.height) - 841.9) < 1


def test_the_cover_names_the_plan_year_date_and_batches(demo_pdf):
    cover = " ".join(_pages(demo_pdf)[0].split())
    assert "Informe para la reunión" in cover
    assert "Economía Circular en Agua Potable y Saneamiento al 2030" in cover
    assert "Año de análisis: 2026" in cover
    assert f"Generado el {config.now():%d/%m/%Y}" in cover
    assert "Lote 1 · datos-ficticios-demo.xlsx (ficticio)" in cover
    assert "datos ficticios de demostración" in cover


def test_table_headers_repeat_on_every_page_they_run_to(demo_pdf):
    """The Novedades list of activities runs over several pages; each starts with the header."""
    pages = _pages(demo_pdf)
    start = next(i for i, p in enumerate(pages) if "Actividades cuyo estado cambió" in p)
    following = [p for p in pages[start + 1:] if "Sin reporte" in p]
    assert following
    for text in following:
        header = next(line for line in text.splitlines() if line.strip())
        body = [line for line in text.splitlines() if line.strip()][1:3]
        assert any(re.search(r"Actividad\s+Título\s+Año\s+Antes\s+Después", line)
                   for line in [header, *body])


def test_charts_are_vector_drawings(demo_pdf):
    reader = pypdf.PdfReader(io.BytesIO(demo_pdf))
    assert sum(len(page.images) for page in reader.pages) == 0  # no bitmaps anywhere
    text = "\n".join(page.extract_text() for page in reader.pages)
    for title in ("Meta 2 · Reúso de agua residual", "Caudal (m³/s)", "Meta 3 expresada en PTAR",
                  "ACUMULADO", "nuevos prestadores POR AÑO"):
        assert title in text  # chart texts are text, so a vector drawing


def test_the_plans_footnotes_sit_next_to_the_numbers(demo_pdf):
    text = "\n".join(_pages(demo_pdf)[:3])
    assert re.search(r"2\.8%\s*¹", text) and re.search(r"0%\s*²", text)
    assert "¹ Se asume una meta de partida para el año 1" in text


def test_nothing_english_and_no_raw_codes(demo_pdf, demo_pptx):
    texts = ["\n".join(_pages(demo_pdf)), _pptx_text(demo_pptx)]
    for text in texts:
        for raw in ("en_camino", "requiere_aceleracion", "progreso_limitado", "sin_datos",
                    "meta_alcanzada", "rolled_back", "M2-caudal", "m3/s", "NaN", "nan ",
                    "None", "True", "False", "Page ", "Status", "Goal", "not_started"):
            assert raw not in text, raw


def _pptx_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def test_slides_one_idea_each_ficticio_on_every_slide(demo_pptx):
    deck = Presentation(io.BytesIO(demo_pptx))
    slides_list = list(deck.slides)
    assert len(slides_list) > 15
    title = " ".join(s.text_frame.text for s in slides_list[0].shapes if s.has_text_frame)
    assert "Informe para la reunión" in title and "Año de análisis: 2026" in title
    pictures = 0
    for number, slide in enumerate(slides_list, start=1):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert "FICTICIO" in texts, number
        assert f"Página {number} de {len(slides_list)}" in texts
        shown = [s for s in slide.shapes if s.shape_type == 13 or s.has_table]
        assert len(shown) <= 1  # one chart or one table per slide
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture: a chart at projector resolution
                pictures += 1
                assert Image.open(io.BytesIO(shape.image.blob)).width >= 1800  # 1080p across
                assert shape.width >= slides.WIDTH * 0.6
    assert pictures == 11


def test_long_tables_continue_on_the_next_slide():
    table = pack.PackTable("Vencidas", ["Código", "Actividad"], [["1.1.1.1", "x" * 200]] * 12,
                       [1, 4], [False, False])
    pages = slides.table_pages(table)
    assert len(pages) > 1 and sum(map(len, pages)) == 12


def test_chosen_scenarios_against_the_plan(mini_con):
    from hdras.scenarios import assumptions, model

    inputs = model.load_inputs(mini_con)
    assumptions.save_scenario(mini_con, "Optimista", assumptions.default_params(inputs), "pytest")
    built = pack.build_pack(mini_con, 2026, scenario_names=["Optimista"], now=NOW)
    section = built.sections[-1]
    assert section.title == "Escenarios frente al plan"
    comparison = section.blocks[0]
    assert comparison.columns == ["Meta", "Meta del plan (Tabla 1)", "Optimista"]
    assert comparison.rows[0][0].startswith("Meta 1 ·")
    with pytest.raises(ReportError, match="No existe un escenario guardado «Pesimista»"):
        pack.build_pack(mini_con, 2026, scenario_names=["Pesimista"], now=NOW)


@pytest.mark.parametrize("argv, message", [
    (["informe.docx"], "debe terminar en .pdf o .pptx"),
    (["informe.pdf", "--year", "2040"], "fuera del plan"),
    (["informe.pdf", "--since", "31-03-2026"], "no es válida"),
    (["informe.pptx", "--scenario", "Nadie"], "No existe un escenario guardado «Nadie»"),
])
def test_report_usage_errors_exit_2_in_spanish(mini_env, tmp_path, capsys, argv, message):
    argv = [str(tmp_path / argv[0]), *argv[1:]]
    assert cli.main(["report", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "informe.pdf").exists()


def test_pptx_from_the_command_line(mini_env, tmp_path, capsys):
    out = tmp_path / "informe.pptx"
    assert cli.main(["report", str(out), "--year", "2025", "--since", "2026-01-01"]) == 0
    assert "diapositivas, año 2025, novedades desde el 01/01/2026 23:59" in capsys.readouterr().out
    assert "FICTICIO" not in _pptx_text(out.read_bytes())  # no demo data here
