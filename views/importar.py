"""Cargar avance: download the template (all units or one, with the values already reported),
upload it (.xlsx or .ods), see every problem or a preview, then confirm."""

import streamlit as st

from hdras.progress import feedback, preview as import_preview, reading as importer
from hdras.core.errors import HdrasError, StalePreviewError
from hdras.core.messages import msg
from views import access, common, import_widgets as widgets, present

STATE, DONE, NOTICE = "import_state", "import_done", "import_notice"


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


def _key(uploaded) -> tuple:
    return uploaded.name, uploaded.size, getattr(uploaded, "file_id", None)


st.title("Cargar avance")
st.caption("Descargue la plantilla (de todo el plan o de una unidad responsable), llénela en "
           "Excel o LibreOffice y cárguela aquí (.xlsx u .ods): se revisa completa y se importa "
           "todo o nada. Una fila que deja vacía no se importa ni borra lo que otra unidad "
           "reportó.")
widgets.template_download()
st.page_link("views/responsables.py", label="¿Quién falta por reportar? Véalo en Responsables",
             icon=":material/groups:")

editor = access.require_editor("cargar avance")
st.html(widgets.UPLOADER_TEXT_ES)
uploaded = st.file_uploader("Libro de avance (.xlsx u .ods)", key="import_upload",
                            disabled=not editor,
                            help="Libro .xlsx (Excel) u .ods (LibreOffice) de hasta 10 MB, con "
                                 "las hojas «Metas» y/o «Actividades» de la plantilla.")
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
        widgets.problem_table(result.problems)
    if state["feedback"]:
        st.download_button("Descargar mi libro con las celdas marcadas", data=state["feedback"],
                           file_name=feedback.feedback_filename(uploaded.name), mime=widgets.XLSX,
                           key="import_feedback", icon=":material/rate_review:", type="primary")
        st.caption("Cada celda con problema está resaltada y tiene un comentario; la primera "
                   "hoja «Problemas» lista todo con un enlace a cada celda."
                   + (" Su archivo .ods vuelve como copia .xlsx de sus valores (las mismas "
                      "filas y columnas), que LibreOffice abre y puede volver a cargarse."
                      if result.kind == "ods" else ""))
    st.stop()

st.success(result.summary_message(), icon=":material/task_alt:")
warnings = result.warnings + preview.warnings
if warnings:
    st.warning(f"{len(warnings)} aviso(s): se guardarán, revíselos.", icon=":material/info:")
    with st.container(key="import_warnings"):
        widgets.problem_table(warnings)
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
             icon=":material/cloud_upload:") and editor:  # Streamlit drops forged clicks too
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
