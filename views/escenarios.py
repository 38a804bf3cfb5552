"""Escenarios: «¿qué pasa si…?» for meetings — goal projections, the plan's linked quantities,
activity delays, and scenarios saved, compared and shared by link (design §6).

The goals and the delays are two fragments: moving a slider reruns only its own part of the page
(no database, no other charts). Both write the scenario to session state and to the address bar.
"""

import streamlit as st

from hdras.scenarios import charts, outcomes, tables
from hdras.core.errors import HdrasError
from hdras.core.messages import msg
from views import common, present
from views import scenario_widgets as w

st.title("Escenarios: ¿qué pasa si…?")
st.caption("Mueva los supuestos y vea al momento su efecto en las metas 2030 y en las "
           "actividades. La dirección de la página lleva siempre el escenario en pantalla.")

try:
    inputs, saved = w.load_data()
except HdrasError as exc:
    common.show_error(exc)
    st.stop()

w.scenario_state(inputs)  # the frame's banner already says when the actuals are fictitious
w.show_notices()

SIX_GOALS = "2 · Las seis metas en este escenario"


@st.fragment
@common.guarded
def goals_section() -> None:
    """Sections 1–3: one goal in detail, the six goals, the comparison."""
    params = w.current()
    goal = w.focused_goal(params)
    left, right = st.columns([1, 2.2], gap="large")
    with left:  # a short panel title: the controls and the chart fit a 1366×768 first screen
        st.markdown(f"**1 · {w.label_of(inputs, goal)}**")
        params = w.goal_controls(inputs, w.with_focus(params, goal), goal)
    all_goals = outcomes.evaluate(inputs, params)  # the six goals once: the panel's is one
    outcome = all_goals[goal]
    with left:
        st.caption(tables.goal_start_text(outcome))
        for note in outcome.notes:
            st.caption(note)
    with right:  # the chart first, beside the sliders; its four numbers under it
        w.chart(charts.projection_chart(tables.chart_frame(outcome, inputs),
                                        outcome.headline.unit, w.label_of(inputs, goal)),
                key="sc_chart_goal")
        w.metric_grid(tables.metrics(outcome))
    present.table(tables.year_table(outcome, inputs),
                  f"{w.label_of(inputs, goal)}: plan y escenario por año")

    st.subheader(SIX_GOALS)
    present.table(tables.summary_table(inputs, all_goals, params), SIX_GOALS)

    st.subheader("3 · Comparar escenarios")
    compared = w.compared(inputs, params, saved, w.compare_selector(saved))
    if len(compared) > 1:
        w.chart(charts.comparison_chart(tables.comparison_frame(inputs, compared, goal),
                                        inputs.goals[goal].unit,
                                        f"{w.label_of(inputs, goal)}: plan y escenarios"),
                key="sc_chart_compare")
    else:
        st.caption("Elija uno o más escenarios guardados para verlos junto al actual y al plan. "
                   "La tabla compara el valor 2030 de cada meta.")
    present.table(tables.comparison_table(inputs, compared, {tables.SCENARIO_LABEL: all_goals}),
                  "Comparar escenarios: el valor 2030 de cada meta")
    w.commit(params)


@st.fragment
@common.guarded
def delays_section() -> None:
    """Section 4: activities that slip, and completion by year against the plan."""
    st.subheader("4 · Retrasos de actividades")
    params = w.delay_controls(inputs, w.current())
    delay = outcomes.delay_outcome(inputs, params)
    if params.delay_years and delay.shifted + delay.kept:
        st.markdown(msg("scenario.delay_selection", shifted=len(delay.shifted),
                        years=params.delay_years, kept=len(delay.kept)))
    elif params.delay_years:
        st.info(msg("scenario.delay_none"), icon=":material/info:")
    if delay.finished_after_horizon:
        st.warning(msg("scenario.delay_after_2030", count=delay.finished_after_horizon),
                   icon="⚠️")
    chart_col, table_col = st.columns([1, 1.6], gap="medium")  # the table whole at 1280 px
    with chart_col:
        w.chart(charts.completion_chart(tables.delay_chart_frame(delay)), key="sc_chart_delay")
    with table_col:
        present.table(tables.delay_table(delay), "Retrasos: actividades terminadas por año")
    st.caption(msg("scenario.delay_definition", total=delay.total)
               + (" " + msg("scenario.unscheduled", count=len(delay.unscheduled))
                  if delay.unscheduled else ""))
    w.commit(params)


w.goal_toolbar(inputs, w.current())
goals_section()
delays_section()

st.subheader("5 · Abrir, guardar y eliminar escenarios")
w.open_controls(inputs, saved)
w.save_controls(saved)
