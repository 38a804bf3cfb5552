"""AppTest flows of the data pages, by widget key: upload → problems or preview → confirm → history
→ rollback; editors and readers (design §8); the demo-data banner."""

from __future__ import annotations

import pytest

from apptest_helpers import open_page, text_of
from hdras.admin import auth
from hdras.core import db
from hdras.progress import demo, reading as importer, store as progress
from workbook_builders import GOAL_HEADER, good_workbook, with_cell, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_PAGE, HISTORY_PAGE, EXPORT_PAGE = "views/importar.py", "views/historial.py", \
    "views/exportar.py"


def _upload(at, name: str, data: bytes):
    at.file_uploader(key="import_upload").set_value((name, data, XLSX)).run()
    assert not at.exception, at.exception
    return at


def _table(at, key: str):
    """The DataFrame shown in the container with this key (tables are not widgets)."""
    container = at.get_by_key(key)
    return (container.table or container.dataframe)[0].value


def _batches(path) -> list[list]:
    with db.session(path) as con:
        return progress.list_batches(con)[["batch_id", "status", "imported_by"]].values.tolist()


@pytest.mark.parametrize("page", [IMPORT_PAGE, HISTORY_PAGE, EXPORT_PAGE])
def test_data_pages_open(mini_env, page):
    at = open_page(page)
    assert not at.exception, at.exception


def test_bad_upload_shows_problem_table_and_feedback_workbook(mini_env):
    at = _upload(open_page(IMPORT_PAGE), "malo.xlsx", with_cell("Metas", 3, 3, -4))
    table = _table(at, "import_problems")
    assert table[["Hoja", "Fila", "Columna", importer.PROBLEM_CODE]].values.tolist() == [
        ["Metas", "3", "C", "negative"]]
    assert "El valor -4 es negativo" in table.loc[0, "Problema"]
    assert [b.key for b in at.get("download_button")] == ["import_template", "import_feedback"]
    assert "Archivo rechazado: 1 problema(s)" in text_of(at)
    assert not _has_key(at, "import_confirm")
    assert _batches(mini_env) == []


def test_problem_messages_are_shown_whole_and_a_long_list_scrolls(mini_env):
    """Up to 40 problems: a table that wraps each message in full; more: a scrollable grid."""
    at = _upload(open_page(IMPORT_PAGE), "malo.xlsx", with_cell("Metas", 3, 3, -4))
    assert at.get_by_key("import_problems").table and not at.get_by_key("import_problems").dataframe
    rows = [["M1", 2025, -n, None] for n in range(1, 42)]
    at = _upload(open_page(IMPORT_PAGE), "muchos.xlsx",
                 workbook_bytes({"Metas": [GOAL_HEADER, *rows]}))
    container = at.get_by_key("import_problems")
    assert container.dataframe and not container.table
    assert len(container.dataframe[0].value) > 40
    assert "pase el cursor" in text_of(at)


def _has_key(at, key: str) -> bool:
    try:
        at.button(key=key)
    except KeyError:
        return False
    return True


def test_legacy_file_is_rejected_without_feedback_workbook(mini_env):
    at = _upload(open_page(IMPORT_PAGE), "viejo.xls",
                 b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") * 4)
    assert _table(at, "import_problems")[importer.PROBLEM_CODE].tolist() == ["legacy_xls"]
    assert [b.key for b in at.get("download_button")] == ["import_template"]


def test_good_upload_preview_confirm_history_and_rollback(mini_env):
    at = open_page(IMPORT_PAGE)
    at.sidebar.text_input(key="auth_local_name").input("Ana Pérez").run()
    _upload(at, "bueno.xlsx", good_workbook())
    goals = _table(at, "import_preview_goals")
    assert goals["Serie"].tolist() == ["M1", "M2", "M4"]
    assert goals["Cambio"].tolist() == ["+ nuevo"] * 3
    assert "3 nuevos · 0 cambian · 0 sin cambio" in text_of(at)
    assert _batches(mini_env) == []  # nothing stored before confirmation
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    assert "Lote 1 guardado" in text_of(at)
    assert _batches(mini_env) == [[1, "active", "Ana Pérez (modo local)"]]

    at.switch_page(HISTORY_PAGE).run()
    history = _table(at, "history_table")
    assert history[["Lote", "Archivo", "Importado por"]].values.tolist() == [
        [1, "bueno.xlsx", "Ana Pérez (modo local)"]]
    assert _table(at, "history_goals")["Serie"].tolist() == ["M1", "M2", "M4"]
    assert at.button(key="history_rollback").disabled  # needs the confirmation box
    at.checkbox(key="history_confirm").check().run()
    at.button(key="history_rollback").click().run()
    assert not at.exception, at.exception
    assert "Lote 1 revertido" in text_of(at)
    assert _batches(mini_env) == [[1, "rolled_back", "Ana Pérez (modo local)"]]
    assert _table(at, "history_table").loc[0, "Estado"] == "↩ Revertido"


def test_second_upload_previews_changes_against_current_data(mini_env):
    at = _upload(open_page(IMPORT_PAGE), "bueno.xlsx", good_workbook())
    at.button(key="import_confirm").click().run()
    _upload(at, "cambio.xlsx", with_cell("Metas", 2, 3, 14.1))
    assert _table(at, "import_preview_goals")["Cambio"].tolist() == [
        "✎ cambia", "= sin cambio", "= sin cambio"]


def test_preview_goes_stale_when_someone_else_imports(mini_env):
    at = _upload(open_page(IMPORT_PAGE), "bueno.xlsx", good_workbook())
    with db.session(mini_env) as con:  # another session imports meanwhile
        demo.store_demo_batch(con)
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    assert "Los datos cambiaron desde la vista previa" in text_of(at)
    assert [b[0] for b in _batches(mini_env)] == [1]
    at.button(key="import_confirm").click().run()
    assert [b[0] for b in _batches(mini_env)] == [2, 1]


def test_local_mode_says_so_on_screen(mini_env):
    at = open_page(IMPORT_PAGE)
    assert "Modo local de un solo usuario" in text_of(at)
    assert not at.file_uploader(key="import_upload").disabled


def test_readers_cannot_upload_until_an_editor_signs_in(mini_env, monkeypatch):
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", auth.hash_password("clave-de-prueba"))
    at = open_page(IMPORT_PAGE)
    assert "Modo local" not in text_of(at)
    assert at.file_uploader(key="import_upload").disabled
    assert "Solo los editores pueden cargar avance" in text_of(at)
    at.sidebar.text_input(key="auth_name").input("Luis Ramos")
    at.sidebar.text_input(key="auth_password").input("equivocada")
    at.sidebar.button(key="auth_signin").click().run()
    assert "Contraseña incorrecta." in text_of(at)
    assert at.file_uploader(key="import_upload").disabled
    at.sidebar.text_input(key="auth_password").input("clave-de-prueba")
    at.sidebar.button(key="auth_signin").click().run()
    assert "Editor: Luis Ramos" in text_of(at)
    _upload(at, "bueno.xlsx", good_workbook())
    at.button(key="import_confirm").click().run()
    assert _batches(mini_env) == [[1, "active", "Luis Ramos"]]


def test_repeated_wrong_passwords_lock_the_form(mini_env, monkeypatch):
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", auth.hash_password("clave-de-prueba"))
    at = open_page(IMPORT_PAGE)
    at.sidebar.text_input(key="auth_name").input("X")
    for _ in range(5):
        at.sidebar.text_input(key="auth_password").input("mal")
        at.sidebar.button(key="auth_signin").click().run()
    at.sidebar.text_input(key="auth_password").input("clave-de-prueba")
    at.sidebar.button(key="auth_signin").click().run()
    assert "Demasiados intentos fallidos" in text_of(at)


def test_readers_see_history_but_cannot_roll_back(mini_env, monkeypatch):
    with db.session(mini_env) as con:
        demo.store_demo_batch(con)
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", auth.hash_password("clave-de-prueba"))
    at = open_page(HISTORY_PAGE)
    assert len(_table(at, "history_table")) == 1
    assert not _has_key(at, "history_rollback")
    assert "Solo los editores pueden revertir lotes" in text_of(at)


def test_demo_data_is_labelled_ficticio(mini_env):
    """The banner is drawn by app.py before the page. AppTest drops what app.py draws before
    ``navigation.run()`` after ``switch_page`` (sidebar included), so this checks the first page;
    the browser check covers the others (see the issue 5 report)."""
    with db.session(mini_env) as con:
        demo.store_demo_batch(con)
    at = open_page()
    assert not at.exception, at.exception
    assert "Datos ficticios de demostración (lote 1)" in \
        text_of(at)
    with db.session(mini_env) as con:
        progress.rollback_batch(con, 1, "prueba")
    assert "ficticio" not in text_of(open_page())


def test_typed_names_are_shown_as_text_not_markdown(mini_env):
    at = open_page(IMPORT_PAGE)
    at.sidebar.text_input(key="auth_local_name").input("**Ana** :red[x]").run()
    _upload(at, "bueno.xlsx", good_workbook())
    caption = next(c.value for c in at.caption if "Se registrará como importado por" in c.value)
    assert r"\*\*Ana\*\* \:red\[x\]" in caption
    at.button(key="import_confirm").click().run()
    assert _batches(mini_env) == [[1, "active", "**Ana** :red[x] (modo local)"]]


# --- issue 11: a template per unit, .ods uploads, percent warnings -------------------------------

ODS = "application/vnd.oasis.opendocument.spreadsheet"


def test_unit_selector_beside_the_download_button(mini_env):
    at = open_page(IMPORT_PAGE)
    unit = at.selectbox(key="import_unit")
    assert unit.options == ["Todas las unidades", "DGAA", "DGPRCS"]
    assert at.get("download_button")[0].proto.label == "Descargar plantilla (.xlsx)"
    unit.set_value("DGPRCS").run()
    assert not at.exception, at.exception
    assert at.get("download_button")[0].proto.label == "Descargar plantilla de DGPRCS (.xlsx)"
    assert at.checkbox(key="import_prefill").value is True


def test_an_ods_upload_previews_and_a_bad_one_offers_an_xlsx_copy(mini_env):
    from pathlib import Path
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    at = open_page(IMPORT_PAGE)
    at.file_uploader(key="import_upload").set_value(
        ("malo.ods", (fixtures / "libreoffice_bad.ods").read_bytes(), ODS)).run()
    assert _table(at, "import_problems")[importer.PROBLEM_CODE].tolist() == [
        "unknown_status", "not_a_number", "not_a_number", "negative"]
    assert [b.key for b in at.get("download_button")] == ["import_template", "import_feedback"]
    assert "Su archivo .ods vuelve como copia .xlsx" in text_of(at)
    at.file_uploader(key="import_upload").set_value(
        ("porcentaje.ods", (fixtures / "libreoffice_percent.ods").read_bytes(), ODS)).run()
    assert not at.exception, at.exception
    warnings = _table(at, "import_warnings")
    assert warnings[["Tipo", "Hoja", "Fila", "Columna", importer.PROBLEM_CODE]].values.tolist() == [
        ["Aviso", "Metas", "20", "C", "percent_cell"]]
    assert "se leyó 3,5 % como 3.5" in warnings.loc[0, "Problema"]
    assert _table(at, "import_preview_goals")["Valor nuevo"].tolist() == ["13.2", "3.5"]
    at.button(key="import_confirm").click().run()
    assert [b[:2] for b in _batches(mini_env)] == [[1, "active"]]
