"""Widgets of the Cargar avance page: the template download (all units or one) and the problem
table. Kept apart so the page stays a short read → call → render script."""

import functools

import streamlit as st

from hdras.plan import queries as plan_queries
from hdras.progress import reading as importer, template
from views import common

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WRAPPED_PROBLEMS = 40  # up to this many problems, a table that wraps long messages
ALL_UNITS = "Todas las unidades"
# Streamlit's uploader has no option for its button and hint text (English): CSS replaces them.
UPLOADER_TEXT_ES = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "Elegir archivo"; font-size: 14px; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "o arrástrelo aquí · .xlsx u .ods de hasta 10 MB"; font-size: 14px; }
</style>"""


def _template_bytes(unit: str | None, prefill: bool) -> bytes:
    with common.database() as con:
        return template.build_template(con, unit=unit, prefill=prefill)


def template_download() -> None:
    """The unit selector and the values option beside the template's download button."""
    with common.reading() as con:
        units = plan_queries.responsible_units(con)
    pick, download = st.columns([2, 3], vertical_alignment="bottom")
    below = st.container()  # drawn under the row, filled first: the button depends on it
    choice = pick.selectbox("Unidad responsable", [ALL_UNITS, *units], key="import_unit",
                            help="Con una unidad, la hoja «Actividades» trae solo sus "
                                 "actividades (las compartidas van en el libro de cada unidad); "
                                 "«Metas» va completa.")
    unit = None if choice == ALL_UNITS else choice
    prefill = below.checkbox("Con los valores ya reportados", value=True, key="import_prefill",
                            help="Las filas traen lo último reportado (nunca datos ficticios): "
                                 "actualice solo lo que cambió.")
    download.download_button(
        f"Descargar plantilla{f' de {unit}' if unit else ''} (.xlsx)", mime=XLSX,
        data=functools.partial(_template_bytes, unit, prefill), key="import_template",
        file_name=template.template_filename(unit), icon=":material/download:")


def problem_table(problems: list) -> None:
    """Every problem with its message in full: a wrapped table; a scrollable grid when long."""
    frame = importer.problems_frame(problems)
    if len(frame) <= WRAPPED_PROBLEMS:
        st.table(frame, hide_index=True)
        return
    st.dataframe(frame, hide_index=True, width="stretch",
                 column_config={"Problema": st.column_config.TextColumn(width="large"),
                                **{c: st.column_config.TextColumn(width="small") for c in
                                   ("Tipo", "Hoja", "Fila", "Columna", "Campo")},
                                importer.PROBLEM_CODE: st.column_config.TextColumn(
                                    width="medium")})
    st.caption(f"{len(frame)} filas: pase el cursor sobre un mensaje para leerlo completo, o "
               "descargue su libro con las celdas marcadas.")
