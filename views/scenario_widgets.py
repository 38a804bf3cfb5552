"""Widgets of the Escenarios page: the scenario's state, its controls, and the save/open actions.

The scenario being edited lives in ``st.session_state[STATE]`` (a ScenarioParams), the one source
of truth: widgets are seeded from it when they appear and write back to it, so a goal's sliders keep
their values while another goal is on screen, and saving or sharing always takes what is shown.
Widget keys bound to the scenario start with ``sc_``; opening, resetting, loading and the browser's
Back and Forward clear them so they are seeded again from the new state.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import streamlit as st

from hdras.core import config
from hdras.core.chart_text import wide_table
from hdras.goals import series as goals
from hdras.scenarios import assumptions as sp, model as scenarios
from hdras.core.errors import HdrasError
from hdras.core.formatting import format_moment, format_number
from hdras.core.messages import msg
from hdras.scenarios.tables import PLAN_LABEL, SCENARIO_LABEL
from views import access, common, models, present
from views import charts as chart_ui

STATE = "scenario_params"
NOTICES = "scenario_notices"
BOUND = "sc_"
FOCUS = "sc_focus"  # the toolbar's goal selector
MODEL_LABELS = {"linear": "Lineal: suma lo mismo cada año", "growth": "Crecimiento: % por año"}
RATE_LABELS = {"%": "puntos porcentuales por año", "m3/s": "m³/s por año",
               "PTAR": "PTAR nuevas por año", "EPS": "EPS por año"}
M4_LABELS = {"plan": "Según Tabla 1 (año por año)", "constant": "Constante cada año"}


def load_data():
    """(scenario inputs, saved scenarios) for this run, from the caches of the data version."""
    return models.scenario_inputs(), models.saved_scenarios()


def scenario_state(inputs: scenarios.ScenarioInputs) -> sp.ScenarioParams:
    """The scenario being edited: on the session's first visit, the link's (else the plan's);
    after Back or Forward in the browser, the one in that address (each change of the scenario
    is an entry of the browser's history: Back undoes it, instead of doing nothing); else the
    session's."""
    query = st.query_params.to_dict()
    linked = sp.has_scenario_query(query)
    if STATE not in st.session_state or (
            linked and common.history_navigation()
            and query != sp.params_to_query(st.session_state[STATE])):
        params, warnings = (sp.params_from_query(query, inputs) if linked
                            else (sp.default_params(inputs), []))
        _apply(params, [("warning", w) for w in warnings])
    return st.session_state[STATE]


def current() -> sp.ScenarioParams:
    """The scenario as last committed (the other fragment may have changed its part)."""
    return st.session_state[STATE]


def with_focus(params: sp.ScenarioParams, goal: str) -> sp.ScenarioParams:
    return dataclasses.replace(params, focus=goal)


def keep(params: sp.ScenarioParams) -> None:
    """Make ``params`` this session's scenario (``current`` reads it), not the address's."""
    st.session_state[STATE] = params


def commit(params: sp.ScenarioParams) -> None:
    """Keep the scenario in session state and in the address bar (the shareable link)."""
    keep(params)
    query = sp.params_to_query(params)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def show_notices() -> None:
    """Messages left by the last action (saved, opened, link warnings), shown once: at the top of
    the page and as a toast, seen however far down the page is scrolled (save and delete are at
    its foot). Their container is always there, with or without a message: an element appearing
    at the top shifted every element after it to a new place, the browser drew them anew and the
    page jumped about 2000 px up after «Guardar»."""
    box = st.container()
    for kind, text in st.session_state.pop(NOTICES, []):
        getattr(box, kind)(text, icon=":material/info:" if kind != "error" else "⚠️")
        st.toast(text, icon=":material/check_circle:" if kind == "success" else "⚠️",
                 duration="short" if kind == "success" else "long")


def _apply(params: sp.ScenarioParams, notices: list[tuple[str, str]]) -> None:
    """Make ``params`` the scenario on screen (widgets are re-seeded from it)."""
    for key in [k for k in st.session_state if str(k).startswith(BOUND)]:
        del st.session_state[key]
    keep(params)
    st.session_state[NOTICES] = notices


def _seed(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


# --------------------------------------------------------------------------- toolbar


def goal_toolbar(inputs: scenarios.ScenarioInputs, params: sp.ScenarioParams) -> None:
    """The goal selector, «Restablecer al plan» and «Compartir enlace» on one row (the goal in
    focus is read with ``focused_goal``). Drawn outside the goals' fragment: a slider step does
    not redraw it, and a new goal or a reset reruns the whole page."""
    cols = st.columns([3.4, 1.3, 1.3], vertical_alignment="center")
    _seed(FOCUS, params.focus)
    cols[0].segmented_control(
        "Meta", goals.HEADLINE_GOALS, key=FOCUS, required=True,
        format_func=lambda g: g.replace("M", "Meta "), label_visibility="collapsed")
    cols[1].button("Restablecer al plan", key="scx_reset", on_click=_reset, args=(inputs,),
                   width="stretch", icon=":material/restart_alt:")
    if cols[2].button("Compartir enlace", key="scx_share", width="stretch",
                      icon=":material/link:"):
        _share_dialog()


def focused_goal(params: sp.ScenarioParams) -> str:
    """The goal the toolbar has chosen (read inside the fragment, which reruns without it)."""
    return st.session_state.get(FOCUS) or params.focus


def open_controls(inputs: scenarios.ScenarioInputs, saved) -> None:
    """Open a saved scenario (its assumptions replace the ones on screen)."""
    cols = st.columns([3, 1.4, 1], vertical_alignment="bottom")
    names = saved["name"].tolist()
    cols[0].selectbox("Abrir un escenario guardado", names, key="scx_open", index=None,
                      placeholder="Elija un escenario guardado…" if names else
                      "Aún no hay escenarios guardados")
    cols[2].button("Abrir", key="scx_open_button", on_click=_open, args=(inputs,),
                   disabled=not names, width="stretch", icon=":material/folder_open:")
    if len(saved):
        st.caption("Guardados: " + " · ".join(
            f"«{n}» ({by}, {format_moment(at)})" for n, by, at in
            zip(saved["name"], saved["saved_by"], saved["saved_at"]))
            + f" · {config.timezone_label()}")


@st.dialog("Enlace a este escenario", width="large")
def _share_dialog() -> None:
    """The link to the scenario on screen, to copy (the code box has a copy button)."""
    query = sp.params_to_query(current())
    base = st.context.url or "/escenarios"
    st.markdown("Copie este enlace y compártalo: abre este mismo escenario, con todos sus "
                "supuestos (el botón de copiar aparece al señalar el recuadro).")
    st.code(f"{base}?{urlencode(query)}", language=None, wrap_lines=True)
    st.caption("La barra de direcciones del navegador también lleva siempre el escenario en "
               "pantalla.")


def _open(inputs: scenarios.ScenarioInputs) -> None:
    name = st.session_state.get("scx_open")
    if not name:
        return
    try:
        with common.database() as con:
            params, warnings = sp.load_scenario(con, name, inputs)
    except HdrasError as exc:
        st.session_state[NOTICES] = [("error", str(exc))]
        return
    _apply(params, [("success", msg("scenario.loaded", name=name))]
           + [("warning", w) for w in warnings])


def _reset(inputs: scenarios.ScenarioInputs) -> None:
    focus = st.session_state[STATE].focus if STATE in st.session_state else "M1"
    _apply(dataclasses.replace(sp.default_params(inputs), focus=focus),
           [("info", msg("scenario.reset"))])


# --------------------------------------------------------------------------- goal controls


def goal_controls(inputs: scenarios.ScenarioInputs, params: sp.ScenarioParams,
                  goal: str) -> sp.ScenarioParams:
    """The assumptions of one goal; returns the params with the values on screen."""
    if goal == "M4":
        return _m4_controls(params)
    setting = params.rates[goal]
    unit = sp.DRIVER_UNITS[goal]
    question = {"M2": "Cómo crece el caudal reutilizado",
                "M3": "Cómo crecen las PTAR que reúsan biosólidos"}.get(
        goal, "Cómo crece la meta")
    _seed(f"sc_model_{goal}", setting.model)
    model = st.radio(question, scenarios.MODELS, key=f"sc_model_{goal}",
                     format_func=MODEL_LABELS.get)
    seed = setting.rate if model == setting.model else sp.plan_rate(inputs, goal, model)
    label = "Crecimiento anual (%)" if model == "growth" else f"Incremento: {RATE_LABELS[unit]}"
    rate = _slider(f"sc_rate_{goal}_{model}", label, seed,
                   lambda v: sp.rate_range(inputs, goal, model, v))
    plan = sp.plan_rate(inputs, goal, model)
    st.caption(f"Ritmo del plan (llega justo a la meta 2030): **{format_number(plan)}**"
               + (" % por año" if model == "growth" else f" {RATE_LABELS[unit]}"))
    params = sp.with_rate(params, goal, model, rate)
    if goal == "M2":
        total = _slider("sc_total_flow", "Caudal total de agua residual (m³/s)",
                        params.total_flow, lambda v: (min(20.0, v), max(200.0, v), 0.5))
        st.caption(msg("scenario.m2_total_implied",
                       total=format_number(goals.plan_total_flow(inputs.goals)),
                       max_diff=format_number(goals.flow_share_max_diff(inputs.goals), 2)))
        params = dataclasses.replace(params, total_flow=total)
    return params


def _m4_controls(params: sp.ScenarioParams) -> sp.ScenarioParams:
    _seed("sc_m4_mode", params.m4_mode)
    mode = st.radio("Nuevos prestadores con energía renovable", sp.M4_MODES, key="sc_m4_mode",
                    format_func=M4_LABELS.get)
    constant = mode == "constant"
    biogas = _slider("sc_m4_biogas", "Biogás (4.1): nuevos por año", params.m4_biogas,
                     lambda v: (0.0, max(10.0, v), 1.0), disabled=not constant)
    other = _slider("sc_m4_other", "Otras fuentes (4.2): nuevos por año", params.m4_other,
                    lambda v: (0.0, max(20.0, v), 1.0), disabled=not constant)
    if not constant:
        st.caption("Para probar otro ritmo, elija «Constante cada año».")
    return dataclasses.replace(params, m4_mode=mode, m4_biogas=biogas, m4_other=other)


def _slider(key: str, label: str, seed: float, bounds, disabled: bool = False) -> float:
    """A float slider seeded from the scenario. Its range is fixed when it is seeded (widened to
    take the seed), so moving it never changes the widget's identity."""
    if key not in st.session_state:
        st.session_state[key] = float(seed)
        st.session_state[f"{key}__range"] = bounds(float(seed))
    low, high, step = st.session_state.get(f"{key}__range") or bounds(st.session_state[key])
    return float(st.slider(label, float(low), float(high), step=float(step), key=key,
                           disabled=disabled))


# --------------------------------------------------------------------------- delays


def delay_controls(inputs: scenarios.ScenarioInputs,
                   params: sp.ScenarioParams) -> sp.ScenarioParams:
    """How many years and which activities slip."""
    options = sp.delay_options(inputs)
    titles = dict(zip(inputs.activities["objective_code"], inputs.activities["objective_title"]))
    lines = dict(zip(inputs.activities["line_code"], inputs.activities["line_title"]))
    _seed("sc_delay_years", params.delay_years)
    _seed("sc_delay_objectives", list(params.delay_objectives))
    _seed("sc_delay_lines", list(params.delay_lines))
    _seed("sc_delay_units", list(params.delay_units))
    cols = st.columns([1, 2, 2, 2])
    years = cols[0].slider("Años de retraso", 0, sp.MAX_DELAY_YEARS, key="sc_delay_years")
    chosen_objectives = cols[1].multiselect(
        "Objetivos", options["objectives"], key="sc_delay_objectives",
        format_func=lambda c: f"{c} · {_short(titles.get(c, ''))}", placeholder="Elija objetivos…")
    chosen_lines = cols[2].multiselect("Líneas de acción", options["lines"], key="sc_delay_lines",
                                       format_func=lambda c: f"{c} · {_short(lines.get(c, ''))}",
                                       placeholder="Elija líneas…")
    chosen_units = cols[3].multiselect("Unidades responsables", options["units"],
                                       key="sc_delay_units", placeholder="Elija unidades…")
    return dataclasses.replace(params, delay_years=int(years),
                               delay_objectives=tuple(chosen_objectives),
                               delay_lines=tuple(chosen_lines), delay_units=tuple(chosen_units))


def _short(title: str, limit: int = 48) -> str:
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------- share and save


def save_controls(saved) -> None:
    """Save for everyone and delete (editors only)."""
    if not access.is_editor():
        st.info(msg("scenario.editors_only"), icon=":material/lock:")
        return
    cols = st.columns([3, 1.4, 1], vertical_alignment="bottom")
    cols[0].text_input("Nombre del escenario", key="scx_name", max_chars=sp.NAME_MAX_CHARS,
                       placeholder="p. ej. Reúso 1 m³/s por año")
    cols[1].checkbox("Reemplazar si existe", key="scx_overwrite")
    cols[2].button("Guardar", key="scx_save", on_click=_save, type="primary", width="stretch",
                   icon=":material/save:")
    names = saved["name"].tolist()
    if names:
        cols = st.columns([3, 1.4, 1], vertical_alignment="bottom")
        chosen = cols[0].selectbox("Eliminar un escenario guardado", names, key="scx_delete_name",
                                   index=None, placeholder="Elija el escenario a eliminar…")
        # a scenario is shared by everyone and a deletion cannot be undone: one more tick, as
        # reverting a batch asks for
        confirmed = cols[1].checkbox("Confirmo que quiero eliminarlo", key="scx_delete_confirm",
                                     disabled=chosen is None)
        cols[2].button("Eliminar", key="scx_delete", on_click=_delete, width="stretch",
                       icon=":material/delete:", disabled=not (chosen and confirmed))


def _save() -> None:
    if not access.is_editor():  # the form is hidden from readers; check again all the same
        st.session_state[NOTICES] = [("error", msg("scenario.editors_only"))]
        return
    try:
        with common.database() as con:
            name = sp.save_scenario(con, st.session_state.get("scx_name", ""),
                                    st.session_state[STATE], by=access.current_user(),
                                    overwrite=bool(st.session_state.get("scx_overwrite")))
    except HdrasError as exc:
        st.session_state[NOTICES] = [("error", str(exc))]
        return
    st.session_state[NOTICES] = [("success", msg("scenario.saved", name=name))]


def _delete() -> None:
    name = st.session_state.get("scx_delete_name")
    if not name or not st.session_state.get("scx_delete_confirm") or not access.is_editor():
        return
    try:
        with common.database() as con:
            sp.delete_scenario(con, name)
    except HdrasError as exc:
        st.session_state[NOTICES] = [("error", str(exc))]
        return
    st.session_state["scx_delete_name"] = None
    st.session_state["scx_delete_confirm"] = False
    st.session_state[NOTICES] = [("success", msg("scenario.deleted", name=name))]


def compare_selector(saved) -> list[str]:
    names = saved["name"].tolist()
    _seed("scx_compare", [])
    kept = [n for n in st.session_state["scx_compare"] if n in names]
    if kept != st.session_state["scx_compare"]:  # a chosen scenario was deleted
        # only then: setting a widget's value redraws it in the browser, on every slider step
        st.session_state["scx_compare"] = kept
    return st.multiselect("Escenarios guardados para comparar con el actual y el plan", names,
                          key="scx_compare", placeholder="Elija uno o más escenarios…")


def compared(inputs: scenarios.ScenarioInputs, params: sp.ScenarioParams, saved,
             chosen: list[str]) -> dict[str, sp.ScenarioParams]:
    """The scenario on screen and the chosen saved ones, by the label each gets on the chart."""
    result = {SCENARIO_LABEL: params}
    try:
        for name, other in sp.saved_params(saved, chosen, inputs).items():
            label = name if name not in (SCENARIO_LABEL, PLAN_LABEL) else f"{name} (guardado)"
            result[label] = other
    except HdrasError as exc:
        common.show_error(exc)
    return result


def metric_grid(items) -> None:
    """The goal panel's four big numbers, two by two, each with its note in words."""
    st.html(present.metric_cards(items))


def chart(spec, key: str) -> None:
    """Draw a ``hdras.scenarios.charts.ChartSpec`` across the column, then what it shows in words
    (announced after each change) and its numbers («Ver datos»)."""
    chart_ui.draw(spec.spec, key=key, data=spec.data, width="stretch")
    if spec.summary:
        present.live_status(spec.summary)
    present.chart_data((lambda: present.data_text(wide_table(spec.data)))
                       if not spec.data.empty else "", key)


def label_of(inputs: scenarios.ScenarioInputs, goal: str) -> str:
    return inputs.goals[goal].full_label
