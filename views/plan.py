"""Plan: the hierarchy OE → línea → acción → actividad, with search, filters and activity detail.

Everything below the title is a fragment: a search, a filter or a chosen activity redraws the tree
and the detail, and nothing else runs again.
"""

import streamlit as st

from hdras.core import config
from hdras.core.formatting import period_label
from hdras.plan import queries as plan_queries
from views import common, models

st.title("Plan de Implementación: objetivos, líneas, acciones y actividades")

with common.domain_errors():
    table = models.activity_table()


def filtered() -> dict:
    """The tree of the activities the filters on screen keep (their keys hold what was chosen)."""
    state = st.session_state
    with common.domain_errors():
        return models.plan_tree(state.get("plan_search", "") or "",
                                *(tuple(state.get(k) or ()) for k in
                                  ("plan_responsible", "plan_participants", "plan_periods")))


@st.fragment
@common.guarded
def plan_section() -> None:
    with st.container(border=True):
        c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
        c1.text_input("Buscar (código o texto)", key="plan_search",
                      placeholder="p. ej. biosólidos, 4.1.1, ecoetiqueta")
        c2.multiselect("Unidad responsable", plan_queries.unit_options(table, "responsible"),
                       key="plan_responsible", placeholder="Todas")
        c3.multiselect("Entidad participante", plan_queries.unit_options(table, "participants"),
                       key="plan_participants", placeholder="Todas")
        c4.multiselect("Periodo del cronograma", config.PERIODS, key="plan_periods",
                       format_func=period_label, placeholder="Todos")
    shown = filtered()
    st.caption(f"{len(shown['codes'])} de {len(table)} actividades")
    state = st.session_state
    opened = any(state.get(k) for k in ("plan_search", "plan_responsible", "plan_participants",
                                         "plan_periods"))
    for objective in shown["tree"]:
        with st.expander(f"**{objective.code}** · {objective.title}", expanded=opened):
            for line in objective.children:
                st.markdown(f"#### Línea {line.code} · {line.title}")
                for action in line.children:  # one element per action: the tree is ~35 of them
                    st.html(shown["blocks"][action.code])
    st.divider()
    detail_section()


def detail_section() -> None:
    st.subheader("Detalle de una actividad")
    codes = filtered()["codes"] or table["code"].tolist()
    titles = dict(zip(table["code"], table["title"]))
    code = st.selectbox("Actividad", codes, key="plan_activity",
                        format_func=lambda c: f"{c} · {titles[c][:110]}")
    with common.domain_errors():
        detail = models.activity_detail(code)
    act, action = detail.activity, detail.action
    st.markdown(f"### {act['code']} · {act['title']}")
    left, right = st.columns(2)
    left.markdown(f"**Acción {action['code']}:** {action['title']}  \n"
                  f"**Hito de la acción:** {action['milestone'] or '—'}  \n"
                  f"**Plazo de la acción:** {plan_queries.term_label(action['term'])}  \n"
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


plan_section()
