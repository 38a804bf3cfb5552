"""Avance por año: each year's planned activities by status; by objective, line and unit."""

import streamlit as st

from hdras.activities import schedule
from hdras.core import config
from hdras.core.formatting import format_percent
from hdras.core.frames import filter_rows
from hdras.core.messages import msg
from views import charts as chart_ui, common, models, present

year = common.selected_year()
st.title(f"Avance de actividades por año · {year}")
st.caption(msg("schedule.planned_rule", year=year))

with common.domain_errors():
    page = models.avance(year)
counts = page["counts"]
cols = st.columns(5)
cols[0].metric(f"Programadas en {year}", counts["planned"])
for col, key in zip(cols[1:], schedule.CATEGORIES):
    share = counts[key] / counts["planned"] if counts["planned"] else None
    col.metric(schedule.STATUS_STYLES[key].tag, counts[key], format_percent(share),
               delta_color="off", delta_arrow="off", delta_description="del total")
st.caption(msg("schedule.current_status_rule"))

st.subheader("Todos los años del plan")
chart_ui.draw(page["years_chart"].spec, key="avance_years")
st.caption(f"◆ marca {year}, el año de análisis. {msg('schedule.semester_note')}")
present.chart_data(page["years_see_data"], "avance_years")
st.dataframe(page["years_table"], hide_index=True, width="stretch",
             key="avance_years_table", placeholder="—", column_config=present.fit_headers(
                 page["years_widths"], {"% completadas": st.column_config.NumberColumn(
                     format="%.0f %%")}))

st.subheader(f"{year} por objetivo, línea de acción y unidad responsable")
if page["empty"]:
    st.info(f"El cronograma no programa actividades en {year}.", icon="🗓️")
else:
    tabs = st.tabs(["Por objetivo", "Por línea de acción", "Por unidad responsable"])
    for tab, by in zip(tabs, ("objective", "line", "unit")):
        with tab:
            part = page["breakdowns"][by]
            chart_ui.draw(part["chart"].spec, key=f"avance_chart_{by}")
            present.chart_data(part["see_data"], f"avance_chart_{by}")
            st.dataframe(part["table"], hide_index=True,
                         width="stretch", key=f"avance_table_{by}", placeholder="—",
                         column_config=present.fit_headers(part["widths"], {
                             "% completadas": st.column_config.NumberColumn(format="%.0f %%")}))
            if by == "unit":
                st.caption(msg("schedule.units_rule"))
            with st.expander("Completadas / programadas en cada año"):
                st.dataframe(part["matrix"], hide_index=True,
                             width="stretch", key=f"avance_matrix_{by}")

st.subheader(f"Avance frente a la meta de cada actividad · {year}")
targets = page["targets"]
t1, t2, t3 = st.columns(3)
t1.metric("Con meta numérica en el plan", targets["with_target"])
t2.metric("Con avance reportado", targets["reported"])
t3.metric("Alcanzan su meta", targets["reached"])
st.caption("«Avance» es el número reportado en el libro de avance (columna «avance») y «Meta» el "
           "número que el plan fija para ese año (sección 2.2); «Logro» = avance ÷ meta. Las metas "
           "solo de texto se muestran tal como las escribe el plan.")
if year == config.PLAN_YEARS[0]:
    st.info(msg("schedule.semester_note"), icon="ℹ️")


@st.fragment
@common.guarded
def detail_section() -> None:
    """The year's activities, narrowed to some responsible units (this part reruns alone)."""
    units = page["unit_codes"]
    chosen = st.multiselect("Unidad responsable", list(units), key="avance_units",
                            placeholder="Todas las unidades")
    detail = filter_rows(page["detail"], {
        "Código": sorted({c for u in chosen for c in units[u]}) if chosen else None})
    st.caption(f"{len(detail)} de {len(page['detail'])} actividades programadas en {year}")
    st.dataframe(detail, hide_index=True, width="stretch",
                 key="avance_detail", placeholder="—", column_config={
                     "Actividad": st.column_config.TextColumn(width="large"),
                     "Logro": st.column_config.NumberColumn(format="percent"),
                     "Avance": st.column_config.NumberColumn(format="%g"),
                     "Meta": st.column_config.NumberColumn(format="%g")})


detail_section()
