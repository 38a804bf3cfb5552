"""Plan: the hierarchy OE → línea → acción → actividad, with search, filters and activity detail."""

import streamlit as st

from hdras.core import config
from hdras.plan import queries as plan_queries
from hdras.core.formatting import period_label
from views import common

st.title("Plan de Implementación: objetivos, líneas, acciones y actividades")

with common.reading() as con:
    table = plan_queries.activity_table(con)

with st.container(border=True):
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    text = c1.text_input("Buscar (código o texto)", key="plan_search",
                         placeholder="p. ej. biosólidos, 4.1.1, ecoetiqueta")
    responsible = c2.multiselect("Unidad responsable", plan_queries.unit_options(table, "responsible"),
                                 key="plan_responsible", placeholder="Todas")
    participants = c3.multiselect("Entidad participante",
                                  plan_queries.unit_options(table, "participants"),
                                  key="plan_participants", placeholder="Todas")
    periods = c4.multiselect("Periodo del cronograma", config.PERIODS, key="plan_periods",
                             format_func=period_label, placeholder="Todos")

shown = plan_queries.filter_activities(table, text, responsible, participants, periods)
st.caption(f"{len(shown)} de {len(table)} actividades")

for objective in plan_queries.hierarchy(shown):
    with st.expander(f"**{objective.code}** · {objective.title}", expanded=bool(text or responsible
                                                                                or participants
                                                                                or periods)):
        for line in objective.children:
            st.markdown(f"#### Línea {line.code} · {line.title}")
            for action in line.children:
                st.markdown(f"**Acción {action.code}** · {action.title}  \n"
                            f"Plazo: **{plan_queries.term_label(action.term)}** · "
                            f"Hito: {action.milestone or '—'}")
                st.table(action.activities, hide_index=True)

st.divider()
st.subheader("Detalle de una actividad")
codes = shown["code"].tolist() or table["code"].tolist()
titles = dict(zip(table["code"], table["title"]))
code = st.selectbox("Actividad", codes, key="plan_activity",
                    format_func=lambda c: f"{c} · {titles[c][:110]}")
with common.reading() as con:
    detail = plan_queries.activity_detail(con, code)

act, action = detail.activity, detail.action
st.markdown(f"### {act['code']} · {act['title']}")
left, right = st.columns(2)
left.markdown(f"**Acción {action['code']}:** {action['title']}  \n"
              f"**Hito de la acción:** {action['milestone'] or '—'}  \n"
              f"**Plazo:** {plan_queries.term_label(action['term'])}  \n"
              f"**Responsable:** {act['responsible'] or '—'}  \n"
              f"**Entidades participantes:** {act['participants'] or '—'}  \n"
              f"**Fuente de recursos (sección 2.2):** {act['funding_source'] or '—'}")
right.markdown("**Cronograma (sección 2.1):** "
               + (", ".join(period_label(p) for p in detail.periods) or "sin marcas"))
right.table(plan_queries.indicator_display(detail), hide_index=True)
st.markdown("**Metas anuales (sección 2.2)**")
st.table(plan_queries.targets_display(detail), hide_index=True)
if not detail.semester_targets.empty:
    st.markdown("**Metas 2025 por semestre (sección 2.3)**")
    st.table(plan_queries.semester_display(detail), hide_index=True)
with st.expander("Redacción en otras secciones del plan y notas de lectura"):
    st.table(plan_queries.variants_display(detail), hide_index=True)
    if action.get("targets_text"):
        st.markdown(f"**Metas de la acción (sección 1):** {action['targets_text']}")
    for label, note in (("Actividad", act.get("notes")), ("Acción", action.get("notes"))):
        if isinstance(note, str) and note:
            st.caption(f"Nota de lectura ({label}): {note}")
