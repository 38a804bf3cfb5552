"""Hitos: each action's milestone and whether the progress reports show it reached."""

import streamlit as st

from hdras.activities import milestones
from hdras.plan import queries as plan_queries
from hdras.core.messages import msg
from views import common, models, present

year = common.selected_year()
st.title("Hitos de las acciones")
st.caption("Cada acción del plan tiene un hito (sección 1). Su estado se deduce del avance "
           "reportado de sus actividades; los atrasos se juzgan con "
           f"{year} como año de análisis.")

with common.domain_errors():
    page = models.hitos(year)
rows, table, counts = page["rows"], page["table"], page["counts"]
cols = st.columns(len(milestones.MILESTONE_STYLES) + 1)
cols[0].metric("Acciones con hito", len(table))
for col, (key, style) in zip(cols[1:], milestones.MILESTONE_STYLES.items()):
    col.metric(style.tag, counts[key])

with st.expander("Cómo se decide si un hito está alcanzado", expanded=False):
    st.markdown(msg("milestone.rule", year=year))
    st.markdown(msg("schedule.overdue_rule", year=year))

@st.fragment
@common.guarded
def milestones_section() -> None:
    """The filtered table of milestones (its filters rerun only this part)."""
    objectives = sorted(table["objective_code"].unique(), key=plan_queries.code_sort_key)
    c1, c2 = st.columns(2)
    chosen_status = c1.multiselect(
        "Estado del hito", list(milestones.MILESTONE_STYLES), key="hitos_status",
        format_func=lambda k: milestones.MILESTONE_STYLES[k].tag, placeholder="Sin filtro: todas")
    chosen_objectives = c2.multiselect("Objetivo estratégico", objectives,
                                       key="hitos_objectives", placeholder="Sin filtro: todas")
    shown = milestones.filter_milestones(table, chosen_status, chosen_objectives)
    st.caption(f"{len(shown)} de {len(table)} acciones")

    shown_table = milestones.milestone_display(shown)  # per filter, as before: so its widths
    st.dataframe(shown_table, hide_index=True, width="stretch",
                 key="hitos_table", placeholder="—",
                 column_config=present.fit_headers(present.header_widths(shown_table), {
                     "Hito": st.column_config.TextColumn(width="large"),
                     "Pendiente": st.column_config.TextColumn(width="large"),
                     "Año previsto": st.column_config.NumberColumn(
                         format="%d", help="Último año en que el cronograma programa alguna "
                                           "actividad de la acción."),
                 }))


milestones_section()

@st.fragment
@common.guarded
def action_section() -> None:
    """One action's activities, year by year (its selector reruns only this part)."""
    st.subheader("Detalle de una acción")
    titles = dict(zip(table["action_code"], table["action_title"]))
    action = st.selectbox("Acción", list(table["action_code"]), key="hitos_action",
                          format_func=lambda c: f"{c} · {titles[c][:110]}")
    chosen = milestones.filter_milestones(table, actions=[action]).iloc[0]
    style = milestones.MILESTONE_STYLES[chosen["status"]]
    st.markdown(f"**Hito:** {chosen['milestone'] or '—'}  \n**Estado:** {style.tag}"
                + (f" · {chosen['rule']}" if chosen["rule"] else "")
                + f"  \n**Responsable:** {chosen['action_responsible'] or '—'} · "
                  f"**Año previsto:** {chosen['expected_year']}")
    st.dataframe(milestones.action_detail(rows, action, year), hide_index=True, width="stretch",
                 key="hitos_detail", placeholder="—",
                 column_config={"Título": st.column_config.TextColumn(width="large")})


action_section()
