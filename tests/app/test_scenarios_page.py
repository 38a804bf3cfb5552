"""AppTest: the Escenarios page — sliders move the numbers, a link restores the sliders, a saved
scenario comes back with the same numbers, and readers cannot save."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import APP, metric_cards, open_chart_data, open_page, text_of
from hdras.core.messages import msg

PAGE = "views/escenarios.py"
NB = "\u00a0"


def _metrics(at) -> dict[str, str]:
    return {label: value for label, (value, _) in metric_cards(at).items()}


def _open_with_link(query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page(PAGE).run()
    return at


def _texts(at) -> str:
    """The page's Markdown and its HTML tables (views/present.table_html), as sent."""
    return "\n".join(str(e.value) for e in [*at.markdown, *at.html])


def test_page_opens_on_the_plan_scenario(mini_env):
    at = open_page(PAGE)
    assert not at.exception, at.exception
    shown = _metrics(at)
    assert shown["Proyección 2030"] == f"20.02{NB}%"  # Meta 1 at the plan's pace, 1.32 a year
    assert shown["Se alcanza la meta 2030"] == "✓ 2030"
    assert at.query_params["m1"] == "l1.32" and at.query_params["v"] == "1"
    assert len(at.get("vega_lite_chart")) == 2  # goal chart and completion chart
    text = text_of(at)
    assert "Cómo se cuenta" in text and "Parte de la línea base 2024" in text


def test_moving_a_slider_changes_the_2030_value_the_gap_and_the_link(mini_env):
    at = open_page(PAGE)
    at.slider(key="sc_rate_M1_linear").set_value(0.5).run()
    assert not at.exception
    shown = _metrics(at)
    assert shown["Proyección 2030"] == f"15.1{NB}%"  # 12.1 + 6 × 0.5
    assert shown["Brecha 2030"] == f"−4.9{NB}p.{NB}p."
    assert shown["Se alcanza la meta 2030"] == "⚠ 2040"
    assert at.query_params["m1"] == "l0.5"
    # the six-goal summary follows the slider
    assert f"<td class=\"hdras-r\">15.1{NB}%</td>" in _texts(at)


def test_a_slider_step_leaves_the_comparison_choice_alone(mini_env):
    """A widget whose value the script sets is redrawn by the browser, on every slider step if
    set on every run: the scenarios to compare are set only when a chosen one was deleted."""
    at = open_page(PAGE)
    at.slider(key="sc_rate_M1_linear").set_value(0.5).run()
    assert not at.multiselect(key="scx_compare").proto.set_value


def test_the_numbers_of_the_goal_chart_once_opened_follow_the_slider(mini_env):
    """«Ver datos» draws its table only while open; open, a slider step redraws it."""
    at = open_chart_data(open_page(PAGE))

    def numbers() -> str:
        [table] = [e for e in at.expander if e.label == msg("chart.see_data")][0].get("html")
        return table.value

    before = numbers()
    at.slider(key="sc_rate_M1_linear").set_value(0.5).run()
    assert not at.exception, at.exception
    assert numbers() != before and f">15.1{NB}%<" in numbers()  # the scenario's 2030 value


def test_meta2_total_flow_and_meta4_sources_change_their_goals(mini_env):
    at = open_page(PAGE)
    at.button_group(key="sc_focus").set_value("M2").run()
    at.slider(key="sc_total_flow").set_value(100.0).run()
    assert not at.exception
    # 3.17 + 6 × 2.13 = 15.95 m³/s of 100 m³/s
    assert _metrics(at)["Proyección 2030"] == f"15.95{NB}%"
    at.button_group(key="sc_focus").set_value("M4").run()
    at.radio(key="sc_m4_mode").set_value("constant").run()
    at.slider(key="sc_m4_other").set_value(1.0).run()
    assert _metrics(at)["Proyección 2030"] == f"13{NB}EPS"  # 1 + 6 × (1 + 1)
    assert at.query_params["m4"] == "c" and at.query_params["g"] == "M4"
    # the Meta 2 settings were kept while Meta 4 was on screen
    assert at.query_params["qt"] == "100"


def test_a_link_restores_every_slider(mini_env):
    at = _open_with_link({"v": "1", "g": "M2", "m2": "l1.5", "m5": "g12.5", "qt": "100",
                          "m4": "c", "m4b": "2", "m4o": "4", "dn": "2", "do": "OE4",
                          "du": "DGPRCS"})
    assert not at.exception, at.exception
    assert at.button_group(key="sc_focus").value == "M2"
    assert at.radio(key="sc_model_M2").value == "linear"
    assert at.slider(key="sc_rate_M2_linear").value == 1.5
    assert at.slider(key="sc_total_flow").value == 100.0
    assert at.slider(key="sc_delay_years").value == 2
    assert at.multiselect(key="sc_delay_objectives").value == ["OE4"]
    assert at.multiselect(key="sc_delay_units").value == ["DGPRCS"]
    assert _metrics(at)["Proyección 2030"] == f"12.17{NB}%"  # 3.17 + 9 = 12.17 m³/s of 100
    at.button_group(key="sc_focus").set_value("M5").run()
    assert at.radio(key="sc_model_M5").value == "growth"
    assert at.slider(key="sc_rate_M5_growth").value == 12.5
    at.button_group(key="sc_focus").set_value("M4").run()
    assert at.slider(key="sc_m4_biogas").value == 2.0 and at.slider(key="sc_m4_other").value == 4
    assert at.query_params["do"] == "OE4" and at.query_params["m5"] == "g12.5"


def test_a_bad_link_warns_and_keeps_the_plan(mini_env):
    at = _open_with_link({"v": "1", "m1": "zz", "do": "OE9"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "m1=zz" in warnings and "OE9" in warnings
    assert at.slider(key="sc_rate_M1_linear").value == 1.32


def test_saving_then_opening_a_scenario_gives_the_same_numbers(mini_env):
    at = open_page(PAGE)
    at.slider(key="sc_rate_M1_linear").set_value(0.75).run()
    at.slider(key="sc_delay_years").set_value(1).run()
    at.multiselect(key="sc_delay_objectives").set_value(["OE1"]).run()
    saved_numbers = _metrics(at)
    saved_delays = _texts(at)
    at.text_input(key="scx_name").input("Inversión lenta").run()
    at.button(key="scx_save").click().run()
    assert not at.exception
    assert any("guardado" in s.value for s in at.success)

    at.button(key="scx_reset").click().run()
    assert _metrics(at)["Proyección 2030"] == f"20.02{NB}%"
    assert at.slider(key="sc_delay_years").value == 0

    at.selectbox(key="scx_open").set_value("Inversión lenta").run()
    at.button(key="scx_open_button").click().run()
    assert not at.exception
    assert _metrics(at) == saved_numbers == {**saved_numbers,
                                             "Proyección 2030": f"16.6{NB}%"}
    assert at.slider(key="sc_rate_M1_linear").value == 0.75
    assert at.slider(key="sc_delay_years").value == 1
    assert _texts(at) == saved_delays

    at.multiselect(key="scx_compare").set_value(["Inversión lenta"]).run()
    assert len(at.get("vega_lite_chart")) == 3
    chart = json.loads(at.get("vega_lite_chart")[1].proto.spec)
    assert "Inversión lenta" in chart["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert "Inversión lenta" in _texts(at)

    at.selectbox(key="scx_delete_name").set_value("Inversión lenta").run()
    assert at.button(key="scx_delete").disabled  # shared and for good: a tick first
    at.checkbox(key="scx_delete_confirm").check().run()
    at.button(key="scx_delete").click().run()
    assert any("eliminado" in s.value for s in at.success)
    assert any("eliminado" in t.value for t in at.toast)  # seen at the foot of the page too
    assert at.selectbox(key="scx_open").options == []
    assert at.session_state["scx_delete_confirm"] is False  # the next deletion asks again


def test_saving_under_an_existing_name_asks_to_replace(mini_env):
    at = open_page(PAGE)
    for _ in range(2):
        at.text_input(key="scx_name").input("Plan").run()
        at.button(key="scx_save").click().run()
    assert any("Ya existe" in e.value for e in at.error)
    at.checkbox(key="scx_overwrite").check().run()
    at.button(key="scx_save").click().run()
    assert any("guardado" in s.value for s in at.success)


def test_readers_share_links_but_cannot_save(mini_env, monkeypatch):
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", "pbkdf2_sha256$1$c2FsdA$aGFzaA")
    at = open_page(PAGE)
    assert not at.exception
    assert "Solo los editores" in text_of(at)
    assert not [b for b in at.button if b.key == "scx_save"]
    assert [b for b in at.button if b.key == "scx_share"]


@pytest.mark.parametrize("goal", ["M1", "M2", "M3", "M4", "M5", "M6"])
def test_every_goal_panel_renders(mini_env, goal):
    at = open_page(PAGE)
    at.button_group(key="sc_focus").set_value(goal).run()
    assert not at.exception, at.exception
    assert set(_metrics(at)) == {"Proyección 2030", "Brecha 2030", "Se alcanza la meta 2030",
                                 "Ritmo requerido"}


def test_page_works_on_the_real_plan(db_file):
    at = open_page(PAGE)
    assert not at.exception, at.exception
    at.multiselect(key="sc_delay_objectives").set_value(["OE2"])
    at.slider(key="sc_delay_years").set_value(1).run()
    assert not at.exception
    text = text_of(at)
    assert "las 92 actividades con cronograma" in text
    assert "Actividades que se corren 1 año(s)" in text


def test_a_bug_in_one_section_leaves_the_other_working(mini_env, monkeypatch):
    """Fragments rerun without app.py, so each one turns a bug into the Spanish message itself."""
    from hdras.scenarios import outcomes as scenario_outcomes

    def broken(*args, **kwargs):
        raise ZeroDivisionError("un error de programación")
    monkeypatch.setattr(scenario_outcomes, "evaluate_goal", broken)
    monkeypatch.delenv("HDRAS_DEBUG")
    at = open_page(PAGE)
    assert not at.exception
    assert [e.value.split(".")[0] for e in at.error] == [
        "Esta página tuvo un error inesperado y no se pudo mostrar completa"]
    assert "4 · Retrasos de actividades" in text_of(at)  # the delays section still works
