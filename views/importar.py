"""Cargar avance: download the template, upload it, see every problem or a preview, then confirm."""

import streamlit as st

from hdras.progress import feedback, preview as import_preview, reading as importer, template
from hdras.core.errors import HdrasError, StalePreviewError
from hdras.core.messages import msg
from views import access, common, present

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATE, DONE, NOTICE = "import_state", "import_done", "import_notice"
WRAPPED_PROBLEMS = 40  # up to this many problems, a table that wraps long messages
# Streamlit's uploader has no option for its button and hint text (English): CSS replaces them.
UPLOADER_TEXT_ES = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "Elegir archivo"; font-size: 14px; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "o arrástrelo aquí · .xlsx de hasta 10 MB"; font-size: 14px; }
</style>"""


def _template_bytes() -> bytes:
    with common.database() as con:
        return template.build_template(con)


def _check(uploaded) -> dict:
    """Validate the upload once (kept in the session) with a progress bar; preview if valid."""
    data = uploaded.getvalue()
    bar = st.progress(0.0, text=msg("import.progress.checking"))
    with common.reading() as con:
        reference = importer.PlanReference.from_db(con)
    result = importer.read_workbook(data, uploaded.name, reference=reference,
                                    progress=lambda f, text: bar.progress(f, text=text))
    bar.empty()
    state = {"key": _key(uploaded), "result": result, "preview": None, "feedback": None}
    if result.ok:
        with common.reading() as con:
            state["preview"] = import_preview.build_preview(con, result)
    else:
        state["feedback"] = feedback.build_feedback_workbook(data, result)
    return state


def _problem_table(problems: list) -> None:
    """Every problem with its message in full: a wrapped table; a scrollable grid when long."""
    frame = importer.problems_frame(problems)
    if len(frame) <= WRAPPED_PROBLEMS:
        st.table(frame, hide_index=True)
        return
    st.dataframe(frame, hide_index=True, width="stretch",
                 column_config={"Problema": st.column_config.TextColumn(width="large"),
                                **{c: st.column_config.TextColumn(width="small") for c in
                                   ("Tipo", "Hoja", "Fila", "Columna", "Campo", "Código")}})
    st.caption(f"{len(frame)} filas: pase el cursor sobre un mensaje para leerlo completo, o "
               "descargue su libro con las celdas marcadas.")


def _key(uploaded) -> tuple:
    return uploaded.name, uploaded.size, getattr(uploaded, "file_id", None)


st.title("Cargar avance")
st.caption("Descargue la plantilla con todos los códigos del plan, llénela en Excel o "
           "LibreOffice y cárguela aquí: se revisa completa y se importa todo o nada.")
st.download_button("Descargar plantilla (.xlsx)", data=_template_bytes, mime=XLSX,
                   file_name="hdras-plantilla-avance.xlsx", key="import_template",
                   icon=":material/download:")

editor = access.require_editor("cargar avance")
st.html(UPLOADER_TEXT_ES)
uploaded = st.file_uploader("Libro de avance (.xlsx)", key="import_upload", disabled=not editor,
                            help="Libro .xlsx de hasta 10 MB, con las hojas «Metas» y/o "
                                 "«Actividades» de la plantilla.")
if NOTICE in st.session_state:
    st.warning(st.session_state.pop(NOTICE), icon=":material/sync_problem:")
if uploaded is None:
    st.session_state.pop(STATE, None)
    st.stop()

state = st.session_state.get(STATE)
if state is None or state["key"] != _key(uploaded):
    state = st.session_state[STATE] = _check(uploaded)
result, preview = state["result"], state["preview"]
done = st.session_state.setdefault(DONE, {})

if not result.ok:
    st.error(result.summary_message(), icon=":material/block:")
    with st.container(key="import_problems"):
        _problem_table(result.problems)
    if state["feedback"]:
        st.download_button("Descargar mi libro con las celdas marcadas", data=state["feedback"],
                           file_name=f"observaciones-{uploaded.name}", mime=XLSX,
                           key="import_feedback", icon=":material/rate_review:", type="primary")
        st.caption("Cada celda con problema está resaltada y tiene un comentario; la primera "
                   "hoja «Problemas» lista todo con un enlace a cada celda.")
    st.stop()

st.success(result.summary_message(), icon=":material/task_alt:")
if result.warnings:
    st.warning(f"{len(result.warnings)} aviso(s): se guardarán, revíselos.",
               icon=":material/info:")
    with st.container(key="import_warnings"):
        _problem_table(result.warnings)
for note in preview.notes():
    st.info(note, icon=":material/content_copy:")

st.subheader("Vista previa: qué cambia frente a los datos actuales")
counts = preview.counts
st.markdown(f"**Metas:** {import_preview.counts_text(counts['goals'])}  \n"
            f"**Actividades:** {import_preview.counts_text(counts['activities'])}")
tab_goals, tab_activities = st.tabs([f"Metas ({len(preview.goals)})",
                                     f"Actividades ({len(preview.activities)})"])
with tab_goals:
    with st.container(key="import_preview_goals"):
        st.dataframe(import_preview.goals_display(preview),
                     hide_index=True, width="stretch")
with tab_activities:
    with st.container(key="import_preview_activities"):
        st.dataframe(import_preview.activities_display(preview),
                     hide_index=True, width="stretch")

if state["key"] in done:
    batch_id, by = done[state["key"]]
    st.success(msg("import.stored", batch_id=batch_id, goals=result.rows["goals"],
                   activities=result.rows["activities"], by=present.plain(by)),
               icon=":material/database:")
    st.page_link("views/historial.py", label="Ver el historial de cargas",
                 icon=":material/history:")
    st.stop()

by = access.current_user()
st.caption(f"Se registrará como importado por **{present.plain(by)}** · archivo "
           f"{present.plain(result.filename)} · sha256 `{result.sha256[:12]}…`")
if st.button("Confirmar e importar", key="import_confirm", type="primary", disabled=not editor,
             icon=":material/cloud_upload:"):
    try:
        with common.database() as con:
            batch_id = import_preview.commit_import(con, result, by,
                                                    expected_version=preview.data_version)
    except StalePreviewError as exc:
        st.session_state[NOTICE] = str(exc)
        st.session_state.pop(STATE, None)
        st.rerun()
    except HdrasError as exc:
        common.show_error(exc)
    else:
        done[state["key"]] = (batch_id, by)
        st.rerun()
