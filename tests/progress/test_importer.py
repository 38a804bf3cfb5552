"""The importer's validation (design §4): one workbook per defect, the whole problem list compared.

Also: header matching, the clean frames, the preview against current data, commit and rollback, and
the command line's ``import/history/rollback`` exit codes and JSON (design §3).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from hdras.cli import main as cli
from hdras.core import config, db
from hdras.core.errors import InvalidImportError, StalePreviewError
from hdras.progress import preview as import_preview, store as progress
from hdras.progress.reading import PlanReference, read_workbook
from hdras.progress.problems import ProblemCode
from workbook_builders import (ACTIVITY_HEADER, GOAL_HEADER, good_sheets, good_workbook,
                               with_cell, with_row, workbook_bytes)

E = ProblemCode


def _without_column(sheet: str, header: str) -> bytes:
    sheets = good_sheets()
    index = sheets[sheet][0].index(header)
    sheets[sheet] = [row[:index] + row[index + 1:] for row in sheets[sheet]]
    return workbook_bytes(sheets)


def _header(sheet: str, header: list) -> bytes:
    sheets = good_sheets()
    body = [row + [None] * (len(header) - len(row)) for row in sheets[sheet][1:]]
    sheets[sheet] = [header] + body
    return workbook_bytes(sheets)


def _only_keys() -> bytes:
    """What the template is before anyone fills it: keys, no reported values."""
    sheets = good_sheets()
    sheets["Metas"] = [GOAL_HEADER] + [[r[0], r[1], None, None] for r in sheets["Metas"][1:]]
    sheets["Actividades"] = [ACTIVITY_HEADER] + [[r[0], r[1]] + [None] * 4
                                                 for r in sheets["Actividades"][1:]]
    return workbook_bytes(sheets)


# (id, workbook, every expected problem as (sheet, Excel row, column, code))
CASES = [
    ("text_in_value", lambda: with_cell("Metas", 2, 3, "doce"),
     [("Metas", 2, "C", "not_a_number")]),
    ("number_stored_as_text", lambda: with_cell("Metas", 2, 3, "12,5"),
     [("Metas", 2, "C", "number_as_text")]),
    ("unit_in_value", lambda: with_cell("Metas", 3, 3, "6.5 %"),
     [("Metas", 3, "C", "not_a_number")]),
    ("boolean_in_value", lambda: with_cell("Metas", 2, 3, True),
     [("Metas", 2, "C", "not_a_number")]),
    ("text_in_achieved", lambda: with_cell("Actividades", 2, 4, "uno"),
     [("Actividades", 2, "D", "not_a_number")]),
    ("negative_value", lambda: with_cell("Metas", 3, 3, -1),
     [("Metas", 3, "C", "negative")]),
    ("negative_achieved", lambda: with_cell("Actividades", 3, 4, -2),
     [("Actividades", 3, "D", "negative")]),
    ("percent_over_100", lambda: with_cell("Metas", 3, 3, 100.5),
     [("Metas", 3, "C", "percent_over_100")]),
    ("eps_not_whole", lambda: with_cell("Metas", 4, 3, 2.5),
     [("Metas", 4, "C", "not_whole")]),
    ("year_before_plan", lambda: with_cell("Metas", 2, 2, 2024),
     [("Metas", 2, "B", "year_out_of_range")]),
    ("year_after_plan", lambda: with_cell("Actividades", 4, 2, 2031),
     [("Actividades", 4, "B", "year_out_of_range")]),
    ("year_not_a_year", lambda: with_cell("Actividades", 2, 2, "dos mil veinticinco"),
     [("Actividades", 2, "B", "year_invalid")]),
    ("year_fraction", lambda: with_cell("Metas", 2, 2, 2025.5),
     [("Metas", 2, "B", "year_invalid")]),
    ("unknown_goal", lambda: with_cell("Metas", 2, 1, "M7"),
     [("Metas", 2, "A", "unknown_goal")]),
    ("unknown_activity", lambda: with_cell("Actividades", 3, 1, "9.9.9.9"),
     [("Actividades", 3, "A", "unknown_activity")]),
    ("unknown_status", lambda: with_cell("Actividades", 2, 3, "Terminada"),
     [("Actividades", 2, "C", "unknown_status")]),
    ("duplicate_goal_key", lambda: with_row("Metas", ["M1", 2025, 14, None]),
     [("Metas", 5, "A", "duplicate_key")]),
    ("duplicate_activity_key", lambda: with_row("Actividades", ["1.1.1.2", 2025, "Completada",
                                                                None, None, None]),
     [("Actividades", 5, "A", "duplicate_key")]),
    ("formula_without_cached_value", lambda: with_cell("Metas", 2, 3, "=10+3.2"),
     [("Metas", 2, "C", "formula_no_value")]),
    ("missing_goal_code", lambda: with_cell("Metas", 2, 1, None),
     [("Metas", 2, "A", "missing_value")]),
    ("missing_status", lambda: with_cell("Actividades", 2, 3, None),
     [("Actividades", 2, "C", "missing_value")]),
    ("source_without_value", lambda: with_cell("Metas", 2, 3, None),
     [("Metas", 2, "C", "missing_value")]),
    ("text_too_long", lambda: with_cell("Actividades", 3, 6, "x" * 2001),
     [("Actividades", 3, "F", "text_too_long")]),
    ("missing_column", lambda: _without_column("Metas", "valor"),
     [("Metas", 1, None, "missing_column")]),
    ("duplicate_column", lambda: _header("Metas", ["serie", "año", "valor", "Valor"]),
     [("Metas", 1, "D", "duplicate_column")]),
    ("missing_sheets", lambda: workbook_bytes({"Hoja1": [["serie", "año", "valor"]]}),
     [(None, None, None, "missing_sheets")]),
    ("duplicate_sheet", lambda: workbook_bytes({**good_sheets(), "Métas": [GOAL_HEADER]}),
     [("Metas", None, None, "duplicate_sheet")]),
    ("nothing_reported", _only_keys,
     [(None, None, None, "no_data")]),
]


@pytest.mark.parametrize("make, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_defect_gives_exactly_its_problem(mini_con, make, expected):
    result = read_workbook(make(), "defecto.xlsx", mini_con)
    assert [p.where for p in result.problems] == expected
    assert not result.ok
    assert result.goals.empty and result.activities.empty  # rejected: nothing to store
    assert all(p.message and "{" not in p.message for p in result.problems)


def test_valid_workbook_gives_clean_frames(mini_con):
    result = read_workbook(good_workbook(), "bueno.xlsx", mini_con)
    assert result.ok and result.problems == []
    assert result.goals.drop(columns="excel_row").to_dict("records") == [
        {"goal_code": "M1", "year": 2025, "value": 13.2, "source": "MEF – Consulta amigable"},
        {"goal_code": "M2", "year": 2025, "value": 6.5, "source": None},
        {"goal_code": "M4", "year": 2025, "value": 2.0, "source": "SUNASS"}]
    assert result.activities["status"].tolist() == ["Completada", "En proceso", "Reprogramada"]
    assert result.activities["excel_row"].tolist() == [2, 3, 4]
    assert result.sheets == ["Metas", "Actividades"]


def test_every_problem_of_a_file_is_reported_at_once(mini_con):
    sheets = good_sheets()
    sheets["Metas"][1][2] = "trece"           # C2
    sheets["Metas"][2][1] = 2031              # B3
    sheets["Actividades"][3][0] = "7.7.7.7"   # A4
    sheets["Actividades"][1][2] = "Lista"     # C2
    result = read_workbook(workbook_bytes(sheets), "varios.xlsx", mini_con)
    assert [p.where for p in result.problems] == [
        ("Actividades", 2, "C", "unknown_status"), ("Actividades", 4, "A", "unknown_activity"),
        ("Metas", 2, "C", "not_a_number"), ("Metas", 3, "B", "year_out_of_range")]


def test_headers_and_values_match_case_and_accent_insensitively(mini_con):
    sheets = good_sheets()
    sheets["Metas"][0] = ["SERIE", "Ano", " Valor ", "Fuente"]
    sheets["Actividades"][0] = ["Codigo", "AÑO", "ESTADO", "Avance", "Evidencia", "Comentario"]
    sheets["Actividades"][1][2] = "completada"
    sheets["Actividades"][2][2] = "en  PROCESO"
    sheets["Metas"][2][0] = "m2"
    data = workbook_bytes({"metas": sheets["Metas"], "ACTIVIDADES": sheets["Actividades"]})
    result = read_workbook(data, "mayusculas.xlsx", mini_con)
    assert result.ok, [p.message for p in result.problems]
    assert result.goals["goal_code"].tolist() == ["M1", "M2", "M4"]
    assert result.activities["status"].tolist()[:2] == ["Completada", "En proceso"]


def test_reference_columns_and_extra_sheets_are_ignored(mini_con):
    sheets = good_sheets()
    sheets["Metas"][0] += ["Meta del plan (referencia)"]
    for row in sheets["Metas"][1:]:
        row.append("=texto que no se lee")
    sheets["Notas"] = [["cualquier cosa"], ["=1+1"]]
    result = read_workbook(workbook_bytes(sheets), "extra.xlsx", mini_con)
    assert result.ok, [p.message for p in result.problems]


def test_one_sheet_is_enough(mini_con):
    result = read_workbook(workbook_bytes({"Actividades": good_sheets()["Actividades"]}),
                           "solo-actividades.xlsx", mini_con)
    assert result.ok and len(result.activities) == 3 and result.goals.empty


def test_rows_left_empty_are_not_reported(mini_con):
    result = read_workbook(with_row("Metas", ["M5", 2026, None, None]), "vacia.xlsx", mini_con)
    assert result.ok and len(result.goals) == 3


def test_header_may_start_below_and_right(mini_con):
    rows = [[None, None, None], [None] + GOAL_HEADER, [None, "M1", 2025, 13.0, None]]
    result = read_workbook(workbook_bytes({"Metas": rows}), "desplazado.xlsx", mini_con)
    assert result.ok
    assert result.goals["excel_row"].tolist() == [3]
    bad = [[None, None], [None] + GOAL_HEADER, [None, "M1", 2025, "x", None]]
    assert [p.where for p in read_workbook(workbook_bytes({"Metas": bad}), "d.xlsx",
                                           mini_con).problems] == [("Metas", 3, "D",
                                                                    "not_a_number")]


def test_unplanned_year_is_a_warning_and_is_stored(mini_con):
    # 4.1.1.1 is planned 2026–2028 only: a 2025 report is kept with a warning (see problems.py)
    result = read_workbook(with_row("Actividades", ["4.1.1.1", 2025, "En proceso", None, None,
                                                    "Empezó antes"]), "adelantada.xlsx", mini_con)
    assert result.ok
    assert [p.where for p in result.warnings] == [("Actividades", 5, "B", "not_planned")]
    assert "2026, 2027, 2028" in result.warnings[0].message
    assert "4.1.1.1" in result.activities["activity_code"].tolist()


def test_problem_dict_has_the_design_shape(mini_con):
    problem = read_workbook(with_cell("Metas", 2, 3, "x"), "f.xlsx", mini_con).problems[0]
    assert problem.as_dict() == {
        "sheet": "Metas", "row": 2, "column": "C", "code": "not_a_number",
        "message": problem.message, "field": "valor", "severity": "error"}
    assert "«x» no es un número" in problem.message


def test_reference_can_be_read_once_and_reused(mini_con):
    reference = PlanReference.from_db(mini_con)
    assert reference.activity_years["1.1.1.2"] == (2025, 2026, 2027)
    assert reference.goal_code("m2-CAUDAL") == "M2-caudal"
    assert read_workbook(good_workbook(), "x.xlsx", reference=reference).ok


def test_progress_is_reported_until_done(mini_con):
    seen = []
    read_workbook(good_workbook(), "x.xlsx", mini_con, progress=lambda f, t: seen.append((f, t)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert "Revisión terminada." == seen[-1][1]


# --- preview, commit, rollback ----------------------------------------------------------------

def _store(con, data: bytes, by: str = "prueba") -> int:
    result = read_workbook(data, "lote.xlsx", con)
    return import_preview.commit_import(con, result, by)


def test_preview_tells_new_changed_and_unchanged(mini_con):
    _store(mini_con, good_workbook())
    sheets = good_sheets()
    sheets["Metas"][1][2] = 13.9                        # M1 changed
    sheets["Metas"].append(["M6", 2025, 37, None])      # new
    sheets["Actividades"][2][5] = "Tres de cuatro"      # comment changed
    result = read_workbook(workbook_bytes(sheets), "segundo.xlsx", mini_con)
    preview = import_preview.build_preview(mini_con, result)
    assert preview.goals["change"].tolist() == ["changed", "unchanged", "unchanged", "new"]
    assert preview.counts == {"goals": {"new": 1, "changed": 1, "unchanged": 2},
                              "activities": {"new": 0, "changed": 1, "unchanged": 2}}
    assert preview.goals.loc[0, "current_value"] == 13.2
    display = import_preview.goals_display(preview)
    assert display["Cambio"].tolist()[0] == "✎ cambia"


def test_preview_notes_a_file_imported_before(mini_con):
    # The same bytes twice: two builds of the workbook differ in their save timestamps.
    data = good_workbook()
    batch = _store(mini_con, data)
    preview = import_preview.build_preview(mini_con, read_workbook(data, "x.xlsx", mini_con))
    assert [b["batch_id"] for b in preview.same_file_batches] == [batch]
    assert f"lote {batch}" in preview.notes()[0]
    assert not preview.has_changes


def test_commit_stores_one_batch_with_history_and_rollback_restores(mini_con):
    first = _store(mini_con, good_workbook(), by="Ana")
    second = _store(mini_con, with_cell("Metas", 2, 3, 14.0), by="Luis")
    batches = progress.list_batches(mini_con)
    assert batches[["batch_id", "imported_by", "filename", "rows_goals", "rows_activities",
                    "status"]].values.tolist() == [[second, "Luis", "lote.xlsx", 3, 3, "active"],
                                                   [first, "Ana", "lote.xlsx", 3, 3, "active"]]
    assert len(batches.loc[0, "sha256"]) == 64
    current = progress.current_goal_actuals(mini_con).set_index("goal_code")
    assert current.loc["M1", "value"] == 14.0
    assert progress.rollback_batch(mini_con, second, "Ana") is True
    current = progress.current_goal_actuals(mini_con).set_index("goal_code")
    assert current.loc["M1", "value"] == 13.2
    counts = db.table_counts(mini_con)
    assert counts["goal_actuals"] == 6 and counts["activity_progress"] == 6  # nothing deleted
    assert progress.rollback_batch(mini_con, second, "Ana") is False


def test_commit_refuses_invalid_results_and_stale_previews(mini_con):
    bad = read_workbook(with_cell("Metas", 2, 3, "x"), "malo.xlsx", mini_con)
    with pytest.raises(InvalidImportError):
        import_preview.commit_import(mini_con, bad, "x")
    good = read_workbook(good_workbook(), "bueno.xlsx", mini_con)
    preview = import_preview.build_preview(mini_con, good)
    _store(mini_con, with_cell("Metas", 2, 3, 14.0))  # someone else imports meanwhile
    with pytest.raises(StalePreviewError):
        import_preview.commit_import(mini_con, good, "x", expected_version=preview.data_version)
    assert len(progress.list_batches(mini_con)) == 1


def test_history_display_is_spanish_with_icons(mini_con):
    batch = _store(mini_con, good_workbook())
    progress.rollback_batch(mini_con, batch, "Ana")
    table = import_preview.history_display(progress.list_batches(mini_con))
    assert table.loc[0, "Estado"] == "↩ Revertido"
    assert table.loc[0, "Revertido por"] == "Ana"
    # dates as every page writes them (Novedades, the meeting pack): 06/12/2026 07:47
    for column in ("Importado el", "Revertido el"):
        assert re.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d", table.loc[0, column]), table.loc[0, column]
    goals, activities = import_preview.batch_rows(mini_con, batch)
    assert list(goals.columns) == ["Serie", "Año", "Valor", "Fuente"] and len(activities) == 3


# --- command line (design §3) -----------------------------------------------------------------

def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_json_contract(mini_env, tmp_path, capsys):
    bad = tmp_path / "malo.xlsx"
    bad.write_bytes(with_cell("Metas", 2, 3, "doce"))
    code, out, _ = _cli(capsys, "import", str(bad), "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["batch_id"] is None
    assert [{k: e[k] for k in ("sheet", "row", "column", "code")} for e in report["errors"]] == [
        {"sheet": "Metas", "row": 2, "column": "C", "code": "not_a_number"}]
    good = tmp_path / "bueno.xlsx"
    good.write_bytes(good_workbook())
    code, out, _ = _cli(capsys, "import", str(good), "--json", "--dry-run")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["batch_id"] is None
    assert report["summary"]["changes"]["goals"] == {"new": 3, "changed": 0, "unchanged": 0}
    code, out, _ = _cli(capsys, "import", str(good), "--json", "--by", "Ana Pérez")
    report = json.loads(out)
    assert code == 0 and report["batch_id"] == 1 and report["summary"]["imported_by"] == "Ana Pérez"
    assert report["summary"]["rows"] == {"goals": 3, "activities": 3}


def test_cli_history_and_rollback(mini_env, tmp_path, capsys):
    good = tmp_path / "bueno.xlsx"
    good.write_bytes(good_workbook())
    assert _cli(capsys, "import", str(good), "--by", "Ana")[0] == 0
    code, out, _ = _cli(capsys, "history", "--json")
    batches = json.loads(out)["batches"]
    assert code == 0 and [(b["batch_id"], b["imported_by"], b["status"]) for b in batches] == [
        (1, "Ana", "active")]
    assert batches[0]["imported_at"][10] == "T"
    assert _cli(capsys, "rollback", "1", "--by", "Luis")[0] == 0
    code, _, err = _cli(capsys, "rollback", "1")
    assert code == 1 and "ya estaba revertido" in err
    code, _, err = _cli(capsys, "rollback", "99")
    assert code == 1 and "No existe el lote 99" in err
    code, out, _ = _cli(capsys, "history")
    assert "Revertido" in out and "Luis" in out


def test_cli_import_usage_errors(mini_env, tmp_path, capsys):
    code, _, err = _cli(capsys, "import", str(tmp_path / "no-existe.xlsx"))
    assert code == 2 and "No existe el archivo" in err
    with pytest.raises(SystemExit) as exc:
        cli.main(["import"])
    assert exc.value.code == 2


def test_cli_import_reports_a_busy_database(mini_env, tmp_path):
    """Another process holds the file: exit 1 with a plain message (JSON too), never a traceback."""
    good = tmp_path / "bueno.xlsx"
    good.write_bytes(good_workbook())
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from hdras.core import db; con = db.connect(sys.argv[1]); "
        "print('held', flush=True); time.sleep(30)"), str(mini_env)], stdout=subprocess.PIPE,
        text=True, env=os.environ.copy())
    try:
        assert holder.stdout.readline().strip() == "held"
        done = subprocess.run([sys.executable, "-m", "hdras", "import", str(good), "--json"],
                              capture_output=True, text=True, env=os.environ.copy(), timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["errors"][0]["code"] == "db_busy" and "en uso" in report["errors"][0]["message"]


def test_cli_import_too_large_file_reports_its_real_size(mini_env, tmp_path, capsys,
                                                         monkeypatch):
    """Regression: the command line reads one byte past the limit, and the message then said
    "pesa 10 MB; el máximo permitido es 10 MB" (and gave that prefix's size and sha256)."""
    monkeypatch.setattr(config, "MAX_UPLOAD_BYTES", 2 * 1_048_576)
    big = tmp_path / "grande.xlsx"
    big.write_bytes(good_workbook() + b"\0" * (3 * 1_048_576))
    code, out, _ = _cli(capsys, "import", str(big), "--json")
    report = json.loads(out)
    assert code == 1 and [e["code"] for e in report["errors"]] == ["file_too_large"]
    assert report["errors"][0]["message"] == "El archivo pesa 3 MB; el máximo permitido es 2 MB."
    assert report["summary"]["bytes"] == big.stat().st_size and report["summary"]["sha256"] is None
    with db.session(mini_env) as con:
        assert con.execute("SELECT count(*) FROM import_batches").fetchall() == [(0,)]


def test_cli_import_and_rollback_work_for_a_user_without_a_name(mini_env, tmp_path, capsys,
                                                                 monkeypatch):
    """Regression: without --by, getpass.getuser() raised KeyError (a uid with no passwd entry,
    as in containers and cron) and the command ended in a traceback."""
    def no_name():
        raise KeyError("getpwuid(): uid not found: 4242")
    monkeypatch.setattr("getpass.getuser", no_name)
    good = tmp_path / "bueno.xlsx"
    good.write_bytes(good_workbook())
    code, out, _ = _cli(capsys, "import", str(good), "--json")
    assert code == 0
    assert json.loads(out)["summary"]["imported_by"].startswith("usuario sin nombre (uid ")
    assert _cli(capsys, "rollback", "1")[0] == 0
    assert json.loads(_cli(capsys, "history", "--json")[1])["batches"][0]["rolled_back_by"] \
        .startswith("usuario sin nombre")


def test_cli_import_of_an_unreadable_file_says_so(mini_env, tmp_path, capsys, monkeypatch):
    """Regression: a file without read permission ended in a PermissionError traceback."""
    locked = tmp_path / "ajeno.xlsx"
    locked.write_bytes(good_workbook())
    real_open = type(locked).open

    def refuse(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)
    monkeypatch.setattr(type(locked), "open", refuse)
    code, out, err = _cli(capsys, "import", str(locked), "--json")
    assert code == 2 and out == "" and err.strip() == f"No se pudo leer {locked}: Permission denied"


def test_cli_template_and_export_write_files(mini_env, tmp_path, capsys):
    code, out, _ = _cli(capsys, "template", str(tmp_path / "plantilla.xlsx"))
    assert code == 0 and "54 filas en Metas y 11 en Actividades" in out
    code, out, _ = _cli(capsys, "export", str(tmp_path / "export.xlsx"), "--year", "2025")
    assert code == 0 and (tmp_path / "export.xlsx").stat().st_size > 5000
    code, _, err = _cli(capsys, "export", str(tmp_path / "x.xlsx"), "--year", "2040")
    assert code == 2
    code, _, err = _cli(capsys, "template", str(tmp_path / "no" / "dir" / "p.xlsx"))
    assert code == 1 and "No se pudo escribir" in err
    frame = pd.read_excel(tmp_path / "plantilla.xlsx", sheet_name="Metas", engine="calamine")
    assert list(frame.columns[:4]) == GOAL_HEADER
