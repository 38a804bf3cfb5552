"""Cronograma: every activity over 2025-I … 2030 (section 2.1), coloured by each year's status."""

import streamlit as st

from hdras.activities import charts as activity_charts, schedule
from hdras.plan import queries as plan_queries
from hdras.core.messages import msg
from views import common

year = common.selected_year()
st.title("Cronograma de actividades 2025–2030")
st.caption("Cada fila es una actividad y cada celda una X del cronograma del plan (sección 2.1). "
           f"La celda toma el estado reportado para su año; la franja amarilla marca {year}, "
           "el año de análisis.")

with common.reading() as con:
    table = plan_queries.activity_table(con)
    rows = schedule.planned_rows(con)

overview = schedule.activity_overview(table, rows, year)
objectives = dict(zip(table["objective_code"], table["objective_title"]))
lines = dict(zip(table["line_code"], table["line_title"]))
statuses = schedule.status_options()

with st.container(border=True):
    c1, c2, c3 = st.columns([2, 1, 1])
    text = c1.text_input("Buscar (código o texto)", key="gantt_search",
                         placeholder="p. ej. biosólidos, 4.1.1, ecoetiqueta")
    chosen_objectives = c2.multiselect(
        "Objetivo estratégico", sorted(objectives, key=plan_queries.code_sort_key),
        key="gantt_objectives", format_func=lambda c: f"{c} · {objectives[c][:60]}", placeholder="Sin filtro: todas")
    chosen_lines = c3.multiselect(
        "Línea de acción", sorted(lines, key=plan_queries.code_sort_key), key="gantt_lines",
        format_func=lambda c: f"{c} · {lines[c][:60]}", placeholder="Sin filtro: todas")
    c4, c5, c6 = st.columns([1, 1, 2])
    responsible = c4.multiselect("Unidad responsable",
                                 plan_queries.unit_options(table, "responsible"),
                                 key="gantt_responsible", placeholder="Sin filtro: todas")
    participants = c5.multiselect("Entidad participante",
                                  plan_queries.unit_options(table, "participants"),
                                  key="gantt_participants", placeholder="Sin filtro: todas")
    chosen_status = c6.multiselect(f"Estado en {year}", list(statuses), key="gantt_status",
                                   format_func=statuses.get,
                                   help=f"Filtra por el estado de la actividad en {year}, el año "
                                        "de análisis elegido en la barra lateral.", placeholder="Sin filtro: todas")

shown = plan_queries.filter_activities(overview, text, responsible, participants,
                                       objectives=chosen_objectives, lines=chosen_lines)
shown = schedule.filter_by_status(shown, chosen_status)
shown_rows = schedule.select_rows(rows, shown["code"])
counts = schedule.summary_counts(schedule.select_rows(shown_rows, year=year))

st.caption(f"{len(shown)} de {len(table)} actividades · cifras de {year} para las actividades "
           "mostradas")
metric_cols = st.columns(5)
metric_cols[0].metric(f"Programadas en {year}", counts["planned"])
for col, key in zip(metric_cols[1:], schedule.CATEGORIES):
    col.metric(schedule.STATUS_STYLES[key].tag, counts[key])

if shown.empty:
    st.info("Ninguna actividad cumple los filtros elegidos.", icon="🔎")
    st.stop()

cells = schedule.schedule_cells(rows, year, shown["code"])
st.altair_chart(activity_charts.build_gantt_chart(cells, year), key="gantt_chart")

with st.expander("Cómo se lee el cronograma"):
    st.markdown(
        "- Las celdas son las X del cronograma del plan: **2025** tiene dos semestres (I y II); "
        "desde **2026** cada celda es un año. Las dos celdas de 2025 muestran el estado de 2025, "
        "porque el avance se reporta por año.\n"
        f"- Iconos: {' · '.join(s.tag for s in schedule.STATUS_STYLES.values())} · "
        f"{schedule.OVERDUE_ICON} vencida (borde rojo).\n"
        "- Las filas se agrupan por línea de acción (con su objetivo) y, dentro de ella, las "
        "acciones alternan una banda gris clara. Pase el cursor sobre una celda para ver el "
        "título completo, la acción, la meta del año y el comentario reportado.")
    st.markdown(f"- {msg('schedule.current_status_rule')}\n"
                f"- {msg('schedule.overdue_rule', year=year)}")

late = schedule.overdue_list(shown_rows, year)
if not late.empty:
    st.subheader(f"{schedule.OVERDUE_ICON} Actividades vencidas antes de {year}")
    st.dataframe(late, hide_index=True, width="stretch", key="gantt_overdue", placeholder="—")
