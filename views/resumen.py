"""Resumen: the six goals at a glance for the selected year, and the size of the plan."""

import streamlit as st

from hdras.activities import schedule
from hdras.core import config
from hdras.core.formatting import format_value
from hdras.goals.series import goal_label
from hdras.plan import queries as plan_queries
from views import common, meeting_pack, models, present

year = common.selected_year()
with common.domain_errors():
    page = models.resumen(year)
    scenario_names = list(models.saved_scenarios()["name"])
goals, size, activities = page["overview"], page["size"], page["activities"]
status_lines = present.status_card_lines(page["status"])

st.title("Hoja de Ruta hacia una Economía Circular en Agua Potable y Saneamiento al 2030")
st.caption("Plan de Implementación 2025 con proyección al 2030 · MVCS · Mayo 2025 · "
           f"Periodo {config.PLAN_YEARS[0]}–{config.FINAL_YEAR}, línea base {config.BASELINE_YEAR}")
heading, link, button = st.columns([1.2, 2.0, 1.3], vertical_alignment="center")
heading.markdown(f"**Metas de la HdR-AS · año {year}**")
link.page_link("views/metas.py", icon=":material/flag_circle:",
               label="Estado frente al plan: trayectorias y fórmulas en Metas")
with button:
    meeting_pack.pack_button(year, scenario_names)
main_goals = goals[goals["parent_code"].isna()]
columns = st.columns(3)
marked = []  # the plan's footnotes (¹, ²) a card points to this year: only those go under them
for i, goal in enumerate(main_goals.itertuples()):
    with columns[i % 3].container(border=True, key=f"goal-card-{goal.code}"):
        st.markdown(f"**{goal.code.replace('M', 'Meta ')} · {goal.short_title}**  \n"
                    f"{status_lines[goal.code]}")
        footnote = goal.footnote if isinstance(goal.footnote, str) and goal.footnote.startswith(
            ("¹", "²")) else None
        mark = f" {footnote[0]}" if footnote and footnote[0] in str(goal.target_year_text) else ""
        if mark:
            marked.append(footnote)
        st.caption(f"Meta {year}: **{format_value(goal.target_year, goal.unit)}**{mark} · "
                   f"Línea base 2024: {format_value(goal.baseline, goal.unit)} · "
                   f"Meta 2030: **{format_value(goal.target_2030, goal.unit)}**",
                   help=f"Tabla 1: «{goal.target_year_text}»" + (f"\n\n{footnote}" if footnote
                                                                   else ""))
        for sub in goals[goals["parent_code"] == goal.code].itertuples():
            st.caption(f"▪ {goal_label(sub.code)}: {status_lines[sub.code]}",
                       help=plan_queries.subseries_caption(sub, year))
if marked:  # other years: each card's help still carries its footnote
    st.caption(" ".join(marked))

with st.expander("Tabla 1 completa (texto del plan)"):
    st.dataframe(plan_queries.goals_display_table(goals, year), hide_index=True, width="stretch",
                 placeholder="—")  # a goal without a note: «—», not «None»

st.subheader(f"Actividades programadas en {year}")
st.page_link("views/avance.py", icon=":material/stacked_bar_chart:",
             label="Detalle por objetivo, línea y unidad responsable en Avance por año")
cols = st.columns(5)
cols[0].metric("Programadas", activities["planned"],
               help="Actividades con una X del cronograma (sección 2.1) en el año; en 2025, "
                    "semestre I o II, contadas una vez.")
for col, key in zip(cols[1:], schedule.CATEGORIES):
    style = schedule.STATUS_STYLES[key]
    col.metric(style.tag, activities[key])
if activities["planned"] and activities["planned"] == activities["not_started"]:
    st.caption("Aún no hay reportes de avance para este año: todas cuentan como no iniciadas. "
               "Cargue el libro de avance en «Cargar avance».")

st.subheader("Estructura del plan")
cols = st.columns(5)
labels = [("objectives", "Objetivos estratégicos"), ("lines", "Líneas de acción"),
          ("actions", "Acciones"), ("activities", "Actividades"), ("indicators", "Indicadores")]
for col, (key, label) in zip(cols, labels):
    col.metric(label, size[key])
