"""Cronograma: every activity over 2025-I … 2030 (section 2.1), coloured by each year's status."""

import streamlit as st

from hdras.activities import schedule
from hdras.plan import queries as plan_queries
from hdras.core.messages import msg
from views import charts as chart_ui, common, models, present

year = common.selected_year()
st.title("Cronograma de actividades 2025–2030")
st.caption("Cada fila es una actividad y cada celda una X del cronograma del plan (sección 2.1). "
           f"La celda toma el estado reportado para su año; la franja amarilla marca {year}, "
           "el año de análisis.")

with common.domain_errors():
    page = models.cronograma(year)
table, overview = page["table"], page["overview"]
objectives = dict(zip(table["objective_code"], table["objective_title"]))
lines = dict(zip(table["line_code"], table["line_title"]))
statuses = schedule.status_options()


@st.fragment
@common.guarded
def schedule_section() -> None:
    """Filters, figures, the Gantt and the overdue list (a filter reruns only this part)."""
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        text = c1.text_input("Buscar (código o texto)", key="gantt_search",
                             placeholder="p. ej. biosólidos, 4.1.1, ecoetiqueta")
        chosen_objectives = c2.multiselect(
            "Objetivo estratégico", sorted(objectives, key=plan_queries.code_sort_key),
            key="gantt_objectives", format_func=lambda c: f"{c} · {objectives[c][:60]}",
            placeholder="Sin filtro: todas")
        chosen_lines = c3.multiselect(
            "Línea de acción", sorted(lines, key=plan_queries.code_sort_key), key="gantt_lines",
            format_func=lambda c: f"{c} · {lines[c][:60]}", placeholder="Sin filtro: todas")
        c4, c5, c6 = st.columns([1, 1, 2])
        responsible = c4.multiselect("Unidad responsable", page["responsible"],
                                     key="gantt_responsible", placeholder="Sin filtro: todas")
        participants = c5.multiselect("Entidad participante", page["participants"],
                                      key="gantt_participants", placeholder="Sin filtro: todas")
        chosen_status = c6.multiselect(
            f"Estado en {year}", list(statuses), key="gantt_status", format_func=statuses.get,
            help=f"Filtra por el estado de la actividad en {year}, el año de análisis elegido en "
                 "la barra lateral.", placeholder="Sin filtro: todas")

    shown = plan_queries.filter_activities(overview, text, responsible, participants,
                                           objectives=chosen_objectives, lines=chosen_lines)
    shown = schedule.filter_by_status(shown, chosen_status)
    with common.domain_errors():
        gantt = models.gantt(year, tuple(shown["code"]))
    counts = gantt["counts"]

    st.caption(f"{len(shown)} de {len(table)} actividades · cifras de {year} para las actividades "
               "mostradas")
    metric_cols = st.columns(5)
    metric_cols[0].metric(f"Programadas en {year}", counts["planned"])
    for col, key in zip(metric_cols[1:], schedule.CATEGORIES):  # «– Sin reporte» cells count
        col.metric(schedule.STATUS_STYLES[key].tag, counts[key],  # as «No iniciada»: say so
                   help=msg("schedule.no_report_counts") if key == "not_started" else None)

    if shown.empty:
        st.info("Ninguna actividad cumple los filtros elegidos.", icon="🔎")
        st.stop()

    chart_ui.draw(gantt["chart"].spec, key="gantt_chart")
    present.chart_data(gantt["see_data"], "gantt_chart")

    with st.expander("Cómo se lee el cronograma"):
        st.markdown(
            "- Las celdas son las X del cronograma del plan: **2025** tiene dos semestres (I y II); "
            "desde **2026** cada celda es un año. Las dos celdas de 2025 muestran el estado de 2025, "
            "porque el avance se reporta por año.\n"
            f"- Iconos: {' · '.join(s.tag for s in schedule.STATUS_STYLES.values())} · "
            f"{schedule.OVERDUE_ICON} vencida (borde naranja).\n"
            "- Las filas se agrupan por línea de acción (con su objetivo) y, dentro de ella, las "
            "acciones alternan una banda gris clara. Pase el cursor sobre una celda para ver el "
            "título completo, la acción, la meta del año y el comentario reportado.")
        st.markdown(f"- {msg('schedule.current_status_rule')}\n"
                    f"- {msg('schedule.overdue_rule', year=year)}")

    late = gantt["overdue"]
    if not late.empty:
        st.subheader(f"{schedule.OVERDUE_ICON} Actividades vencidas antes de {year}")
        st.dataframe(late, hide_index=True, width="stretch", key="gantt_overdue", placeholder="—",
                     column_config=present.fit_headers(gantt["overdue_widths"]))


schedule_section()
