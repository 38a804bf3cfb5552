"""Historial: every imported batch (who, when, file, sha256, rows), its rows, and rollback."""

import streamlit as st

from hdras.core import config
from hdras.progress import store as progress
from hdras.core.errors import HdrasError
from hdras.core.messages import msg
from views import access, common, models, present

NOTICE = "history_notice"

st.title("Historial de cargas")
st.caption("Cada archivo importado es un lote. Revertir un lote no borra nada: sus valores dejan "
           "de contar y vuelve a regir el valor anterior de cada serie o actividad.")
if NOTICE in st.session_state:
    st.success(st.session_state.pop(NOTICE), icon=":material/undo:")

with common.domain_errors():
    history = models.batches()
batches = history["stored"]
if batches.empty:
    st.info(msg("batch.none"), icon=":material/inbox:")
    st.page_link("views/importar.py", label="Cargar avance", icon=":material/upload_file:")
    st.stop()

with st.container(key="history_table"):
    st.dataframe(history["display"], hide_index=True, width="stretch",
                 column_config=present.fit_headers(history["widths"]))
st.caption(f"Fechas y horas en {config.timezone_label()}.")

labels = {row.batch_id: f"Lote {row.batch_id} · {row.filename} · {row.imported_by}"
          for row in batches.itertuples()}
chosen = st.selectbox("Ver un lote", list(labels), key="history_batch", format_func=labels.get)
with common.domain_errors():
    goals, activities = models.batch_rows(int(chosen))
tab_goals, tab_activities = st.tabs([f"Metas ({len(goals)})", f"Actividades ({len(activities)})"])
with tab_goals:
    with st.container(key="history_goals"):
        st.dataframe(goals, hide_index=True, width="stretch")
with tab_activities:
    with st.container(key="history_activities"):
        st.dataframe(activities, hide_index=True, width="stretch")

st.subheader("Revertir")
row = batches[batches["batch_id"] == chosen].iloc[0]
if row["status"] == "rolled_back":
    st.caption(msg("batch.is_rolled_back", batch_id=chosen))  # also right after reverting it
    st.stop()
if not access.require_editor("revertir lotes"):
    st.stop()
confirmed = st.checkbox(f"Confirmo que quiero revertir el lote {chosen} "
                        f"({present.plain(row['filename'])})", key="history_confirm")
if st.button("Revertir lote", key="history_rollback", disabled=not confirmed,
             icon=":material/undo:"):
    try:
        with common.database() as con:
            progress.rollback_batch(con, int(chosen), access.current_user())
    except HdrasError as exc:
        common.show_error(exc)
    else:
        st.session_state[NOTICE] = msg("batch.rolled_back", batch_id=chosen)
        st.session_state.pop("history_confirm", None)
        st.rerun()
