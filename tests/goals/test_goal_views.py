"""Goal frames (hdras.goals.series) and their charts (hdras.goals.charts): numbers, specs, snapshots, export."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from hdras.core import schema

from goal_fixtures import ACTUALS_2025, store_actuals
from scenegraph import drawn_texts
from hdras.goals import charts, series as goals

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots"
UPDATE = os.environ.get("HDRAS_UPDATE_SNAPSHOTS") == "1"


@pytest.fixture
def fixture_data(mini_con):
    store_actuals(mini_con)
    return goals.load(mini_con)


# --- Frames ------------------------------------------------------------------------------------

def test_series_has_every_year_of_every_goal(plan_con):
    data = goals.load(plan_con)
    assert list(data) == list(schema.GOAL_CODES) and not data.has_actuals
    assert all(data[code].frame()["year"].tolist() == list(range(2024, 2031)) for code in data)
    assert data.children("M2") == ["M2-caudal"] and data.children("M4") == ["M4.1", "M4.2"]
    assert pd.isna(data["M4.2"].frame().loc[0, "target"]) and data["M4.2"].baseline is None


def test_reuse_total_flow_implied_by_the_plan(plan_con):
    table = goals.reuse_table(goals.load(plan_con)).set_index("year")
    assert table.loc[2024, "total_plan"] == pytest.approx(3.17 / 0.04)  # 79.25 m³/s
    assert table.loc[2030, "total_plan"] == pytest.approx(15.9 / 0.20)
    assert table["total_plan"].between(78, 80).all()
    assert table["total_actual"].isna().all()


def test_reuse_total_flow_from_reported_pair(fixture_data):
    table = goals.reuse_table(fixture_data).set_index("year")
    assert table.loc[2025, "total_actual"] == pytest.approx(4.6 / 0.05)
    assert goals.implied_total_flow(pd.Series([1.0]), pd.Series([0.0])).isna().all()


def test_biosolids_in_ptar(fixture_data):
    table = goals.biosolids_table(fixture_data).set_index("year")
    assert table.loc[2025, "ptar_target"] == pytest.approx(2.8 * 172 / 100)
    assert table.loc[2025, "ptar_needed"] == 5                    # footnote ¹: 5 of 172
    assert table.loc[2030, "ptar_needed"] == 26                   # 15 % of 172 = 25.8
    assert table.loc[2024, "ptar_needed"] == 0
    assert table.loc[2025, "ptar_actual"] == pytest.approx(27.5)  # 16 % of 172


def test_renewables_cumulative_equals_baseline_plus_increments(plan_con):
    cumulative, parts = goals.renewables_tables(goals.load(plan_con))
    assert (cumulative["target"] == cumulative["plan_check"]).all()  # 3, 5, 7, 10, 12, 20
    assert cumulative["target"].tolist() == [1, 3, 5, 7, 10, 12, 20]
    assert parts.groupby("code")["target"].sum().to_dict() == {"M4.1": 3, "M4.2": 16}


def test_m4_is_derived_only_when_both_sources_report(mini_con):
    store_actuals(mini_con)
    data = goals.load(mini_con)
    m4 = data["M4"].frame().set_index("year")
    assert m4.loc[2025, "actual"] == 2 and m4.loc[2025, "derived"]
    assert pd.isna(m4.loc[2026, "actual"])
    store_actuals(mini_con, pd.DataFrame([("M4.2", 2026, 3.0, None)], columns=ACTUALS_2025.columns))
    assert 2026 not in goals.load(mini_con)["M4"].reports


def test_reported_m4_wins_over_the_derived_value(mini_con):
    frame = pd.concat([ACTUALS_2025, pd.DataFrame([("M4", 2025, 4.0, "SUNASS")],
                                                  columns=ACTUALS_2025.columns)])
    store_actuals(mini_con, frame)
    m4 = goals.load(mini_con)["M4"].reports[2025]
    assert m4.value == 4 and not m4.derived and m4.source == "SUNASS" and m4.batch_id == 1



# --- Charts ------------------------------------------------------------------------------------

def _spec(chart) -> dict:
    return json.loads(chart.to_json())


def _titles(spec: dict) -> set[str]:
    """Every axis title and text in a spec (walks layers)."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "title" and isinstance(value, str):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(spec)
    return found


@pytest.mark.parametrize("code, axis", [("M1", "Porcentaje (%)"), ("M2-caudal", "Caudal (m³/s)"),
                                        ("M6", "Prestadores (EPS)")])
def test_trajectory_chart_has_units_target_line_and_tooltips(fixture_data, code, axis):
    figure = charts.trajectory_figure(fixture_data, code, 2026)
    spec = _spec(figure.chart)
    assert axis in _titles(spec) and "Año" in _titles(spec)
    layers = spec["layer"]
    rules = [layer for layer in layers if layer["mark"]["type"] == "rule"]
    assert len(rules) == 2  # the 2030 target and the analysis year
    texts = [d for ds in spec["datasets"].values() for d in ds if "Meta 2030" in str(d)]
    assert texts, "the 2030 target line is labelled"
    tooltips = [layer["encoding"]["tooltip"] for layer in layers
                if "tooltip" in layer.get("encoding", {})]
    assert any({t["field"] for t in tip} >= {"year", "serie", "label"} for tip in tooltips)
    csv = figure.data
    assert csv["año"].tolist() == list(range(2024, 2031)) and "avance_reportado" in csv


def test_legend_lists_only_series_drawn(plan_con):
    spec = _spec(charts.trajectory_figure(goals.load(plan_con), "M1", 2025).chart)
    domains = [layer["encoding"]["color"]["scale"]["domain"] for layer in spec["layer"]
               if "color" in layer.get("encoding", {})]
    assert domains == [["Línea base 2024", "Meta del plan"]]


def test_renewables_view_says_which_series_is_cumulative(fixture_data):
    cumulative, yearly = charts.build_view("M4", fixture_data, 2026)
    assert "ACUMULADO" in " ".join(_spec(cumulative.chart)["title"]["text"])
    assert "POR AÑO" in " ".join(_spec(yearly.chart)["title"]["text"])
    assert "Nuevos prestadores en el año (EPS)" in _titles(_spec(yearly.chart))
    assert any("**acumulado**" in n and "**nuevos por año**" in n for n in yearly.notes)
    assert yearly.data.columns.tolist() == [
        "año", "meta4_acumulado_plan", "comprobacion_1_mas_nuevos_4_1_y_4_2",
        "meta4_acumulado_avance", "derivado", "M4.1_nuevos_plan", "M4.1_nuevos_avance",
        "M4.2_nuevos_plan", "M4.2_nuevos_avance"]


def test_reuse_and_biosolids_views_explain_their_numbers(fixture_data):
    reuse = charts.build_view("M2", fixture_data, 2026)
    assert [f.key for f in reuse] == ["M2", "M2-caudal", "M2-total"]
    assert "79.25 m³/s" in reuse[2].notes[0]
    bio = charts.build_view("M3", fixture_data, 2026)
    assert any(n.startswith("Nota del plan · Meta 3: ¹") for n in bio[0].notes)
    assert "26 PTAR" in bio[1].notes[0] and "5 de 172" in bio[1].notes[0]


@pytest.mark.parametrize("view", charts.VIEWS)
def test_every_view_builds_with_and_without_actuals(plan_con, view):
    data = goals.load(plan_con)
    for year in (2025, 2030):
        figures = charts.build_view(view, data, year)
        assert figures and len({f.key for f in figures}) == len(figures)
        for figure in figures:
            assert not figure.data.empty
            _spec(figure.chart)


def test_chart_image_png_and_svg(fixture_data):
    chart = charts.trajectory_figure(fixture_data, "M2", 2026).chart
    png = charts.chart_image(chart, "png")
    svg = charts.chart_image(chart, "svg")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert svg.lstrip().startswith(b"<svg") and "Porcentaje (%)".encode() in svg
    with pytest.raises(ValueError):
        charts.chart_image(chart, "gif")


@pytest.mark.parametrize("view", ["M2", "M4"])
def test_chart_specs_match_snapshots(fixture_data, view):
    """Chart specs reviewed by eye; refresh with HDRAS_UPDATE_SNAPSHOTS=1 only on purpose."""
    for figure in charts.build_view(view, fixture_data, 2026):
        path = SNAPSHOTS / f"chart_{figure.key}_2026.json"
        spec = _spec(figure.chart)
        if UPDATE:
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                            encoding="utf-8")
        assert path.exists(), f"{path.name} missing: run with HDRAS_UPDATE_SNAPSHOTS=1"
        assert spec == json.loads(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("code, value, over", [("M2", 9.1, True), ("M3", 1.54, False)])
def test_a_reported_value_is_written_clear_of_the_plans_marker(mini_con, code, value, over):
    """At or over that year's target (2025: M2 7 %, M3 2.8 %), a reported value is written above
    its point, else below: the plan's marker sits on the other side."""
    store_actuals(mini_con, pd.DataFrame([(code, 2025, value, None)], columns=ACTUALS_2025.columns))
    chart = charts.trajectory_chart(goals.load(mini_con)[code], 2026)
    [offset] = [dy for text, dy in drawn_texts(chart.to_dict())
                if isinstance(text, str) and text.startswith(f"{value:g} ")]
    assert (offset < 0) == over


def test_demo_actuals_are_labelled_ficticio(mini_con):
    from hdras.progress import store as progress
    progress.record_batch(mini_con, ACTUALS_2025, None, filename="demo", sha256="d",
                          imported_by="demo", is_demo=True)
    figure = charts.trajectory_figure(goals.load(mini_con), "M1", 2025)
    assert figure.data.set_index("año").loc[2025, "ficticio"] == "Sí"
    assert figure.data.set_index("año").loc[2026, "ficticio"] == ""
    sources = {d["source"] for ds in _spec(figure.chart)["datasets"].values() for d in ds
               if d.get("line") == "actual" and d.get("marker")}
    assert sources == {"DGPPCS · Datos ficticios de demostración"}


@pytest.mark.parametrize("value, view", [("M2", "M2"), ("m4", "M4"), (" M6 ", "M6"),
                                         ("M9", "M1"), ("", "M1"), (None, "M1")])
def test_view_from_link(value, view):
    assert charts.view_from_link(value) == view
