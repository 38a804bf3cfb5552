"""One workbook per responsible unit (design §3 ``template --unit``, issue 11): only that unit's
activity rows (checked against the plan's responsible column in data/), every Metas row, the values
already reported carried over, and uploads by two units that never erase each other."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from hdras.cli import main as cli
from hdras.core import db
from hdras.core.errors import UnknownUnitError
from hdras.progress import preview as import_preview, store as progress, template
from hdras.progress.reading import read_workbook

DATA = Path(__file__).resolve().parents[2] / "data"
UNITS = ["DGAA", "DGPRCS", "PNSR", "PNSU"]


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _keys(book: openpyxl.Workbook, sheet: str) -> list[tuple]:
    return [tuple(r[:2]) for r in book[sheet].iter_rows(min_row=2, values_only=True) if r[0]]


def _plan_rows_of(unit: str) -> list[tuple[str, int]]:
    """An independent reading of data/: activities whose «responsible» names ``unit`` (the plan
    joins units with ',' and ' y '), one row per year with an X."""
    activities = pd.read_csv(DATA / "activities.csv", dtype=str)
    names = activities["responsible"].fillna("").map(
        lambda text: {p.strip().upper() for p in re.split(r",| y ", text) if p.strip()})
    codes = set(activities.loc[names.map(lambda n: unit in n), "code"])
    schedule = pd.read_csv(DATA / "activity_schedule.csv", dtype=str)
    schedule["year"] = schedule["period"].str[:4].astype(int)
    rows = schedule[schedule["activity_code"].isin(codes)][["activity_code", "year"]]
    return sorted(set(rows.itertuples(index=False, name=None)))


def test_the_plan_names_four_responsible_units(plan_con):
    from hdras.plan import queries as plan_queries
    assert plan_queries.responsible_units(plan_con) == UNITS


@pytest.mark.parametrize("unit", UNITS)
def test_unit_template_holds_that_units_activities_and_every_goal(plan_con, unit):
    book = _book(template.build_template(plan_con, unit=unit))
    assert sorted(_keys(book, "Actividades")) == _plan_rows_of(unit)
    assert len(_keys(book, "Metas")) == 9 * 6
    responsible = [r[9] for r in book["Actividades"].iter_rows(min_row=2, values_only=True)
                   if r[0]]
    assert all(unit in r for r in responsible)
    text = "\n".join(str(c.value) for c in book["Instrucciones"]["A"] if c.value)
    assert f"· Unidad {unit}" in text and f"Libro de la unidad {unit}" in text


def test_an_activity_shared_by_two_units_is_in_both_workbooks(plan_con):
    dgaa = {k[0] for k in _keys(_book(template.build_template(plan_con, unit="DGAA")),
                                "Actividades")}
    dgprcs = {k[0] for k in _keys(_book(template.build_template(plan_con, unit="DGPRCS")),
                                  "Actividades")}
    activities = pd.read_csv(DATA / "activities.csv", dtype=str)
    shared = set(activities.loc[activities["responsible"].str.contains("DGAA")
                                & activities["responsible"].str.contains("DGPRCS"), "code"])
    assert len(shared) == 46 and shared <= dgaa & dgprcs
    full = {k[0] for k in _keys(_book(template.build_template(plan_con)), "Actividades")}
    assert dgaa | dgprcs == full  # every activity of the plan has DGAA or DGPRCS


@pytest.mark.parametrize("typed, unit", [("dgaa", "DGAA"), (" DgPrCs ", "DGPRCS"),
                                         ("PNSÚ", "PNSU"), ("pnsr", "PNSR")])
def test_units_match_case_and_accent_insensitively(plan_con, typed, unit):
    assert template.resolve_unit(plan_con, typed) == unit


def test_an_unknown_unit_lists_the_valid_ones(plan_con):
    with pytest.raises(UnknownUnitError) as exc:
        template.resolve_unit(plan_con, "OTASS")
    assert str(exc.value) == ("«OTASS» no es una unidad responsable del plan. Unidades válidas: "
                              "DGAA, DGPRCS, PNSR, PNSU.")


def test_cli_template_for_a_unit(db_file, tmp_path, capsys):
    out = tmp_path / "pnsu.xlsx"
    assert cli.main(["template", str(out), "--unit", "pnsu"]) == 0
    assert "Plantilla de la unidad PNSU escrita" in capsys.readouterr().out
    assert sorted(_keys(_book(out.read_bytes()), "Actividades")) == _plan_rows_of("PNSU")
    assert cli.main(["template", str(tmp_path / "x.xlsx"), "--unit", "SUNASS"]) == 2
    captured = capsys.readouterr()
    assert "Unidades válidas: DGAA, DGPRCS, PNSR, PNSU." in captured.err
    assert not (tmp_path / "x.xlsx").exists()


# --- values carried over, and two units uploading ---------------------------------------------
# The fixture plan: 1.1.1.1 and 1.1.1.2 are DGAA's, 1.2.1.1 and 4.1.2.1 DGPRCS's, 4.1.1.1 and
# 4.1.1.2 belong to both.

def _fill(data: bytes, activities: dict | None = None, goals: dict | None = None) -> bytes:
    """A template with some rows filled: {(code, year): (estado, avance, evidencia, comentario)}
    and {(serie, year): (valor, fuente)}; every other row stays as the template had it."""
    book = _book(data)
    for sheet, values, width in (("Actividades", activities or {}, 4), ("Metas", goals or {}, 2)):
        for row in book[sheet].iter_rows(min_row=2):
            value = values.get((row[0].value, row[1].value))
            if value is not None:
                for cell, v in zip(row[2:2 + width], value):
                    cell.value = v
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(con, data: bytes, name: str, by: str) -> tuple:
    result = read_workbook(data, name, con)
    assert result.ok, [p.message for p in result.problems]
    preview = import_preview.build_preview(con, result)
    batch = import_preview.commit_import(con, result, by, preview.data_version)
    return batch, preview


def _current(con) -> dict:
    acts = progress.current_activity_progress(con)
    goals = progress.current_goal_actuals(con)
    return {**{(r.activity_code, r.year): r.status for r in acts.itertuples()},
            **{(r.goal_code, r.year): r.value for r in goals.itertuples()}}


def test_two_units_upload_their_partial_workbooks_and_neither_erases_the_other(mini_con):
    # both download before anyone reported
    dgaa_blank = template.build_template(mini_con, unit="DGAA")
    dgprcs_blank = template.build_template(mini_con, unit="DGPRCS")
    assert {k[0] for k in _keys(_book(dgprcs_blank), "Actividades")} == {
        "1.2.1.1", "4.1.1.1", "4.1.1.2", "4.1.2.1"}
    _upload(mini_con, _fill(dgaa_blank, {("1.1.1.1", 2025): ("Completada", 1, "RM 1", None),
                                         ("4.1.1.1", 2026): ("En proceso", None, None, None)},
                            {("M1", 2025): (13.2, "MEF")}), "dgaa.xlsx", "Ana, DGAA")
    batch, preview = _upload(mini_con, _fill(dgprcs_blank, {
        ("1.2.1.1", 2025): ("Reprogramada", None, None, "Pasa a 2026")}), "dgprcs.xlsx",
        "Luis, DGPRCS")
    # DGPRCS's file held 4.1.1.1 · 2026 and M1 · 2025 as blank rows: not reports, nothing erased
    assert preview.counts == {"goals": {"new": 0, "changed": 0, "unchanged": 0},
                              "activities": {"new": 1, "changed": 0, "unchanged": 0}}
    assert _current(mini_con) == {("1.1.1.1", 2025): "Completada", ("4.1.1.1", 2026): "En proceso",
                                  ("1.2.1.1", 2025): "Reprogramada", ("M1", 2025): 13.2}
    stored = mini_con.execute("SELECT batch_id, count(*) FROM activity_progress GROUP BY ALL "
                              "ORDER BY 1").fetchall()
    assert stored == [(1, 2), (batch, 1)]


def test_the_template_carries_reported_values_and_an_unchanged_upload_changes_nothing(mini_con):
    first = template.build_template(mini_con, unit="DGAA")
    _upload(mini_con, _fill(first, {("1.1.1.2", 2025): ("En proceso", 2, None,
                                                        "- dos reuniones; =faltan dos"),
                                    ("4.1.1.1", 2026): ("En proceso", None, None, None)},
                            {("M6", 2025): (38, "Informe")}), "dgaa.xlsx", "Ana")
    carried = _book(template.build_template(mini_con, unit="DGAA"))
    rows = {r[:2]: r[2:6] for r in carried["Actividades"].iter_rows(min_row=2, values_only=True)}
    assert rows[("1.1.1.2", 2025)] == ("En proceso", 2, None, "'- dos reuniones; =faltan dos")
    assert rows[("1.1.1.1", 2025)] == (None,) * 4
    metas = {r[:2]: r[2:4] for r in carried["Metas"].iter_rows(min_row=2, values_only=True)}
    assert metas[("M6", 2025)] == (38, "Informe")
    assert "3 filas ya traen los valores reportados hasta el lote 1" in carried["Instrucciones"]["A3"].value
    buffer = io.BytesIO()
    carried.save(buffer)
    result = read_workbook(buffer.getvalue(), "otra-vez.xlsx", mini_con)
    assert result.activities.set_index("activity_code").loc["1.1.1.2", "comment"] == (
        "- dos reuniones; =faltan dos")  # the template's neutralising apostrophe is read back
    preview = import_preview.build_preview(mini_con, result)
    assert preview.counts == {"goals": {"new": 0, "changed": 0, "unchanged": 1},
                              "activities": {"new": 0, "changed": 0, "unchanged": 2}}
    assert preview.warnings == []
    shown = import_preview.activities_display(preview)["Cambio"].tolist()
    assert shown == ["= sin cambio", "= sin cambio"]


def test_demo_values_are_never_carried_into_a_template(mini_con):
    from hdras.progress import demo
    demo.store_demo_batch(mini_con)
    assert len(progress.current_activity_progress(mini_con)) > 0
    book = _book(template.build_template(mini_con))
    filled = [r for sheet in ("Metas", "Actividades")
              for r in book[sheet].iter_rows(min_row=2, values_only=True) if r[0] and r[2]]
    assert filled == []
    assert template.build_template(mini_con, prefill=False)  # and the option still works


def test_a_row_that_would_replace_a_newer_report_is_warned(mini_con):
    _upload(mini_con, _fill(template.build_template(mini_con, unit="DGAA"), {
        ("4.1.1.1", 2026): ("En proceso", None, None, None)}), "dgaa.xlsx", "Ana, DGAA")
    dgprcs = template.build_template(mini_con, unit="DGPRCS")  # carries «En proceso», base 1
    _upload(mini_con, _fill(template.build_template(mini_con, unit="DGAA"), {
        ("4.1.1.1", 2026): ("Completada", 1, "Informe final", None)}), "dgaa2.xlsx", "Ana, DGAA")
    result = read_workbook(_fill(dgprcs, {("1.2.1.1", 2025): ("Completada", None, None, None)}),
                           "dgprcs.xlsx", mini_con)
    assert result.template_base == 1
    preview = import_preview.build_preview(mini_con, result)
    assert [p.where for p in preview.warnings] == [("Actividades", 3, "C", "newer_report")]
    message = preview.warnings[0].message
    assert message.startswith("Actividades!C3: 4.1.1.1 · 2026 ya tiene «Completada», reportado "
                              "después de generar su plantilla (lote 2, importado por Ana, DGAA "
                              "el ")
    assert message.endswith("). Su archivo lo cambiaría a «En proceso». Si no quiso cambiarlo, "
                            "deje la fila vacía o descargue una plantilla nueva.")
    report = import_preview.import_report(result, preview, None, dry_run=True, imported_by="x",
                                          seconds=0)
    assert [w["code"] for w in report["warnings"]] == ["newer_report"]


def test_two_units_through_the_command_line(mini_env, tmp_path, capsys):
    dgaa, dgprcs = tmp_path / "dgaa.xlsx", tmp_path / "dgprcs.xlsx"
    assert cli.main(["template", str(dgaa), "--unit", "DGAA"]) == 0
    assert cli.main(["template", str(dgprcs), "--unit", "dgprcs"]) == 0
    dgaa.write_bytes(_fill(dgaa.read_bytes(), {("1.1.1.2", 2026): ("En proceso", 1, None, None)},
                           {("M2", 2025): (6.5, None)}))
    dgprcs.write_bytes(_fill(dgprcs.read_bytes(), {("4.1.2.1", 2029): ("No iniciada", None, None,
                                                                       None)}))
    assert cli.main(["import", str(dgaa), "--by", "DGAA"]) == 0
    assert cli.main(["import", str(dgprcs), "--by", "DGPRCS", "--json"]) == 0
    assert cli.main(["template", str(tmp_path / "again.xlsx"), "--unit", "DGAA"]) == 0
    capsys.readouterr()
    again = _book((tmp_path / "again.xlsx").read_bytes())
    assert {r[:3] for r in again["Actividades"].iter_rows(min_row=2, values_only=True)
            if r[0] and r[2]} == {("1.1.1.2", 2026, "En proceso")}
    with db.session(mini_env) as con:
        assert _current(con) == {("1.1.1.2", 2026): "En proceso",
                                 ("4.1.2.1", 2029): "No iniciada", ("M2", 2025): 6.5}
    assert cli.main(["import", str(tmp_path / "again.xlsx"), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["changes"] == {"goals": {"new": 0, "changed": 0, "unchanged": 1},
                                            "activities": {"new": 0, "changed": 0,
                                                           "unchanged": 1}}
