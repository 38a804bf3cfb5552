"""Responsables: a scorecard per responsible unit (DGAA, DGPRCS, PNSU, …), who has reported for the
year (and what is still missing), and overdue activities."""

import streamlit as st

from hdras.activities import schedule
from hdras.core.formatting import format_percent
from hdras.core.messages import msg
from hdras.progress import reporting
from views import charts as chart_ui, common, models, present

year = common.selected_year()
st.title(f"Responsables · {year}")
st.caption(f"{msg('schedule.units_rule')} {msg('schedule.overdue_rule', year=year)}")

with common.domain_errors():
    page = models.responsables(year)
card, reported = page["card"], page["reporting"]
if card.empty:
    st.info("El plan no tiene actividades con unidad responsable.", icon="ℹ️")
    st.stop()

st.caption(f"Cifras de {year} por unidad responsable; «vencidas» cuenta actividades con algún año "
           f"anterior a {year} sin completar.")
for start in range(0, len(card), 2):
    columns = st.columns(2)
    for col, unit in zip(columns, card.iloc[start:start + 2].itertuples()):
        with col.container(border=True, key=f"unit-card-{unit.unit}"):
            st.markdown(f"### {unit.unit}")
            a, b, c = st.columns(3)
            a.metric(f"Programadas {year}", unit.planned)
            b.metric(f"{schedule.STATUS_STYLES['completed'].tag}s", unit.completed,
                     help="Completadas en el año de análisis.")
            c.metric(f"{schedule.OVERDUE_ICON} Vencidas", unit.overdue_activities,
                     help=f"Actividades con al menos un año anterior a {year} sin completar "
                          f"({unit.overdue_years} años-actividad en total).")
            share = format_percent(unit.completion if unit.planned else None)
            st.caption(f"{share} completadas · "
                       f"{schedule.STATUS_STYLES['in_progress'].tag}: {unit.in_progress} · "
                       f"{schedule.STATUS_STYLES['rescheduled'].tag}: {unit.rescheduled} · "
                       f"{schedule.STATUS_STYLES['not_started'].tag} o sin reporte: "
                       f"{unit.not_started} · {unit.plan_activities} actividades en el plan")

st.subheader(f"¿Quién ha reportado? · {year}")
st.caption(msg("reporting.rule", year=year))
with st.container(key="resp_reporting"):
    st.table(reporting.reporting_display(reported, year), hide_index=True)
missing = reporting.missing_table(reported)
if missing.empty:
    st.success(msg("reporting.all_reported", year=year), icon="✅")
else:
    with st.expander(f"Actividades programadas en {year} sin reporte ({len(missing)} filas "
                     "unidad–actividad)", expanded=True), st.container(key="resp_missing"):
        st.dataframe(missing, hide_index=True, width="stretch", column_config={
            "Unidad responsable": st.column_config.TextColumn(width="small"),
            "Código": st.column_config.TextColumn(width="small"),
            "Actividad": st.column_config.TextColumn(width="large")})

st.subheader(f"Estado de {year} por unidad")
if page["chart"] is None:
    st.info(f"El cronograma no programa actividades en {year}.", icon="🗓️")
else:
    chart_ui.draw(page["chart"].spec, key="resp_chart")
    present.chart_data(page["see_data"], "resp_chart")
st.dataframe(page["display"], hide_index=True, width="stretch",
             placeholder="—",
             key="resp_table",
             column_config={"% completadas": st.column_config.NumberColumn(format="%.0f %%")})


@st.fragment
@common.guarded
def overdue_section() -> None:
    """Overdue activities of one unit (its selector reruns only this part)."""
    st.subheader(f"{schedule.OVERDUE_ICON} Actividades vencidas antes de {year}")
    unit = st.selectbox("Unidad responsable", ["Todas", *card["unit"]], key="resp_unit")
    with common.domain_errors():
        overdue = models.overdue(year, None if unit == "Todas" else unit)
    late = overdue["table"]
    if late.empty:
        st.success(f"Ninguna actividad vencida antes de {year}"
                   + ("" if unit == "Todas" else f" para {unit}") + ".", icon="✅")
    else:
        st.dataframe(late, hide_index=True, width="stretch", key="resp_overdue", placeholder="—",
                     column_config=present.fit_headers(overdue["widths"], {
                         "Actividad": st.column_config.TextColumn(width="large")}))


overdue_section()
