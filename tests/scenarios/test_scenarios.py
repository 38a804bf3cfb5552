"""What-if scenarios (design §6): projections, linked quantities, delays, parameters and storage.

Numbers are checked against hand computations from Tabla 1 (the fixture plan carries the real
Tabla 1); invariants are checked with Hypothesis.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

import altair as alt
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hdras.cli import main as cli
from scenegraph import drawn_texts
from hdras.progress import store as progress
from hdras.goals import series as goals
from hdras.scenarios import charts as scenario_charts, tables as scenario_tables
from hdras.scenarios import outcomes as so
from hdras.scenarios import assumptions as sp
from hdras.scenarios import model as sc
from hdras.core.errors import InvalidScenarioError, UnknownCodeError

HYPOTHESIS = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def inputs(mini_con):
    return sc.load_inputs(mini_con)


def _actuals(con, rows, by="prueba"):
    frame = pd.DataFrame(rows, columns=["goal_code", "year", "value", "source"])
    return progress.record_batch(con, frame, None, filename="t.xlsx", sha256="x", imported_by=by)


def _reports(con, rows):
    frame = pd.DataFrame(rows, columns=["activity_code", "year", "status"])
    return progress.record_batch(con, None, frame, filename="t.xlsx", sha256="y",
                                 imported_by="prueba")


# --------------------------------------------------------------------------- projections


@pytest.mark.parametrize("goal, model, rate, value_2030, gap, reached, pace", [
    # 12.1 + 6 × 1 = 18.1; 12.1 + 8 ≥ 20 first in 2032; (20 − 12.1) / 6
    ("M1", "linear", 1.0, 18.1, -1.9, 2032, 7.9 / 6),
    # 12.1 × 1.1⁶ = 21.436…; 12.1 × 1.1⁶ is the first to pass 20
    ("M1", "growth", 10.0, 12.1 * 1.1 ** 6, 12.1 * 1.1 ** 6 - 20, 2030, 7.9 / 6),
    ("M6", "linear", 0.5, 40.0, 0.0, 2030, 0.5),
    # a % never passes 100
    ("M2", "linear", 30.0, 100.0, 80.0, 2025, 16 / 6),
    # from 0, growth never moves
    ("M5", "growth", 50.0, 0.0, -50.0, None, 50 / 6),
    # a negative pace is floored at 0, never below
    ("M6", "linear", -10.0, 0.0, -40.0, None, 0.5),
    # Meta 4.2's baseline is «nd»: M4 1 − M4.1 1 = 0
    ("M4.2", "linear", 1.0, 6.0, -1.0, 2031, 7 / 6),
])
def test_projection_metrics(inputs, goal, model, rate, value_2030, gap, reached, pace):
    projection = sc.project_goal(inputs, goal, model, rate)
    assert projection.value_2030 == pytest.approx(value_2030)
    assert projection.gap_2030 == pytest.approx(gap)
    assert projection.year_reached == reached
    assert projection.pace_required == pytest.approx(pace)


def test_projection_json_is_the_cli_contract(inputs):
    payload = sc.project_goal(inputs, "m2-caudal", "growth", 10).to_json()
    assert list(payload) == ["goal", "model", "rate", "start_year", "start_value", "projection",
                             "gap_2030", "year_reached", "pace_required"]
    assert payload["goal"] == "M2-caudal" and payload["start_year"] == 2024
    assert [p["year"] for p in payload["projection"]] == list(range(2024, 2031))
    assert payload["projection"][0] == {"year": 2024, "value": 3.17, "target": 3.17}
    assert payload["projection"][-1]["target"] == 15.9
    assert payload["projection"][1]["value"] == pytest.approx(3.487)
    json.dumps(payload)  # plain JSON types only


def test_projection_starts_from_latest_actual_and_rollback_restores_baseline(mini_con):
    batch = _actuals(mini_con, [("M1", 2025, 13.0, None), ("M1", 2026, 14.0, None)])
    projection = sc.project_goal(sc.load_inputs(mini_con), "M1", "linear", 1.5)
    assert (projection.start.year, projection.start.value, projection.start.source) == (
        2026, 14.0, "actual")
    assert projection.pace_required == pytest.approx((20 - 14) / 4)
    assert projection.value_2030 == pytest.approx(20.0)
    assert projection.to_json()["projection"][0]["year"] == 2026
    progress.rollback_batch(mini_con, batch, by="prueba")
    assert sc.project_goal(sc.load_inputs(mini_con), "M1", "linear", 1.5).start.year == 2024


def test_meta3_starts_from_the_reported_percent_not_whole_plants(mini_con):
    """1.54 % of 172 is 2.65 PTAR: the scenario starts there, and says 1.54 % (rounded to 3
    whole plants it said «Parte del valor reportado en 2025: 1.74 %»)."""
    _actuals(mini_con, [("M3", 2025, 1.54, None)])
    inputs = sc.load_inputs(mini_con)
    outcome = so.evaluate_goal(inputs, sp.default_params(inputs), "M3")
    assert outcome.driver.start.value == pytest.approx(1.54 * 172 / 100)
    assert outcome.headline.start.value == pytest.approx(1.54)
    assert outcome.headline.path[2025] == pytest.approx(1.54)
    assert scenario_tables.start_text(outcome.headline.start, "%") == (
        "Parte del valor reportado en 2025: 1.54\u00a0%.")
    # the plan's pace from there reaches the 2030 target, a slider step past it at most
    assert 15.0 <= outcome.headline.value_2030 < 15.0 + 0.1 * 5 * 100 / 172


def test_meta2_says_the_flow_it_starts_from_and_the_total_it_assumes(mini_con):
    """Meta 2's % is the reported flow over the total flow the scenario assumes: the panel says
    both, not «valor reportado 6.23 %» where the % reported reads 6.25 %."""
    inputs = sc.load_inputs(mini_con)
    params = sp.default_params(inputs)
    text = scenario_tables.goal_start_text(so.evaluate_goal(inputs, params, "M2"))
    assert text.startswith("Parte del caudal de la línea base 2024: 3.17\u00a0m³/s, el ")
    _actuals(mini_con, [("M2-caudal", 2025, 4.95, None), ("M2", 2025, 6.25, None)])
    inputs = sc.load_inputs(mini_con)
    outcome = so.evaluate_goal(inputs, dataclasses.replace(params, total_flow=79.5), "M2")
    assert scenario_tables.goal_start_text(outcome) == (
        "Parte del caudal reportado en 2025: 4.95\u00a0m³/s, el 6.23\u00a0% del caudal total "
        "supuesto.")
    m1 = so.evaluate_goal(inputs, params, "M1")  # a goal without a driver: as before
    assert scenario_tables.goal_start_text(m1) == scenario_tables.start_text(m1.headline.start, "%")


def test_meta4_starts_from_the_cumulative_implied_by_its_sources(mini_con):
    _actuals(mini_con, [("M4.1", 2025, 0.0, None), ("M4.2", 2025, 2.0, None)])
    start = sc.start_point(sc.load_inputs(mini_con), "M4")
    assert (start.year, start.value, start.source) == (2025, 3.0, "reported_parts")


@pytest.mark.parametrize("model, rate", [
    ("linear", math.nan), ("linear", math.inf), ("linear", 5000.0), ("growth", -100.0),
    ("growth", 2000.0), ("cubic", 1.0), ("linear", "abc"),
])
def test_invalid_rates_are_refused_in_spanish(model, rate):
    with pytest.raises(InvalidScenarioError) as info:
        sc.check_rate(model, rate)
    assert any(word in str(info.value) for word in ("tasa", "Modelo"))


def test_unknown_goal_lists_the_valid_codes(inputs):
    with pytest.raises(UnknownCodeError, match="M2-caudal"):
        sc.project_goal(inputs, "M9", "linear", 1)


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize("argv, code", [
    (["--goal", "M9", "--model", "linear", "--rate", "1"], 2),
    (["--goal", "M1", "--model", "growth", "--rate", "nan"], 2),
    (["--goal", "M1", "--model", "growth", "--rate", "-150"], 2),
    (["--goal", "M1", "--model", "linear", "--rate", "1e9"], 2),
    (["--goal", "M1", "--model", "linear", "--rate", "1"], 0),
])
def test_cli_scenario_exit_codes(mini_env, capsys, argv, code):
    assert cli.main(["scenario", *argv, "--json"]) == code
    out, err = capsys.readouterr()
    if code:
        assert not out and ("serie" in err or "tasa" in err) and "Traceback" not in err
    else:
        assert json.loads(out)["gap_2030"] == pytest.approx(-1.9)


def test_cli_scenario_json_and_text(mini_env, capsys):
    assert cli.main(["scenario", "--goal", "M4", "--model", "linear", "--rate", "3"]) == 0
    text = capsys.readouterr().out
    assert "Brecha 2030" in text and "2030" in text and "Ritmo requerido" in text
    assert cli.main(["scenario", "--goal", "M6", "--model", "linear", "--rate", "0.5",
                     "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload == {
        "goal": "M6", "model": "linear", "rate": 0.5, "start_year": 2024, "start_value": 37.0,
        "projection": [{"year": 2024 + i, "value": 37 + 0.5 * i,
                        "target": [37, 37, 38, 38, 39, 39, 40][i]} for i in range(7)],
        "gap_2030": 0.0, "year_reached": 2030, "pace_required": 0.5}


# --------------------------------------------------------------------------- linked quantities


def test_meta2_implied_total_reproduces_the_plan_within_a_tenth_of_a_point(inputs):
    total = goals.plan_total_flow(inputs.goals)
    assert total == 79.5
    assert goals.flow_share_max_diff(inputs.goals) <= 0.1
    flows = {y: v for y, v in inputs.goals["M2-caudal"].targets.items()}
    for year, pct in sc.flow_percent_path(flows, total).items():
        assert pct == pytest.approx(inputs.goals["M2"].targets[year], abs=0.1)


def test_meta4_from_the_plans_increments_is_exactly_the_cumulative_row(inputs):
    start = sc.start_point(inputs, "M4")
    path = sc.cumulative_utilities(start, sc.plan_increments(inputs), until=2030)
    assert path == {y: inputs.goals["M4"].targets[y] for y in range(2024, 2031)}
    assert path == {2024: 1, 2025: 3, 2026: 5, 2027: 7, 2028: 10, 2029: 12, 2030: 20}


def test_meta3_counts_ptar_out_of_172(inputs):
    assert sc.ptar_percent_path({2025: 5, 2030: 200}) == {2025: pytest.approx(500 / 172),
                                                         2030: 100.0}
    outcome = so.evaluate_goal(inputs, sp.default_params(inputs), "M3")
    assert outcome.driver.target_2030 == pytest.approx(25.8)
    assert outcome.headline.value_2030 == pytest.approx(15.0)
    assert any("5 ÷ 172 = 2.9 %" in note for note in outcome.notes)


def test_plan_scenario_meets_every_2030_target_without_overshooting_much(inputs):
    outcomes = so.evaluate(inputs, sp.default_params(inputs))
    for goal, outcome in outcomes.items():
        head = outcome.headline
        assert head.year_reached == 2030, goal
        assert -1e-9 <= head.gap_2030 < 0.1 + 1e-9, goal


def test_meta4_constant_increments_and_meta2_total(inputs):
    params = dataclasses.replace(sp.default_params(inputs), m4_mode="constant", m4_biogas=1,
                                 m4_other=2, total_flow=100)
    assert so.evaluate_goal(inputs, params, "M4").headline.value_2030 == 1 + 6 * 3
    assert so.evaluate_goal(inputs, params, "M4").headline.year_reached == 2031
    m2 = so.evaluate_goal(inputs, sp.with_rate(params, "M2", "linear", 1.0), "M2")
    assert m2.driver.value_2030 == pytest.approx(9.17)
    assert m2.headline.value_2030 == pytest.approx(9.17)  # of 100 m³/s
    assert m2.driver.target_2030 == pytest.approx(20.0)  # 20 % of 100 m³/s


# --------------------------------------------------------------------------- Hypothesis


rates = st.one_of(
    st.tuples(st.just("linear"), st.floats(-50, 50, allow_nan=False)),
    st.tuples(st.just("growth"), st.floats(-99, 300, allow_nan=False)))


@HYPOTHESIS
@given(start=st.floats(0, 100), setting=rates, year=st.integers(2024, 2030))
def test_a_percent_never_exceeds_100_nor_goes_below_0(start, setting, year):
    path = sc.project_path(sc.StartPoint(year, start, "actual"), *setting, upper=100.0)
    assert all(0.0 <= v <= 100.0 for v in path.values())


@HYPOTHESIS
@given(flow=st.floats(0, 1e6), total=st.floats(0.01, 1e6))
def test_meta2_share_stays_within_0_and_100(flow, total):
    share = sc.percent_of(flow, total)
    assert 0.0 <= share <= 100.0
    if flow <= total:
        assert share == pytest.approx(100 * flow / total, abs=1e-9)  # values keep 9 decimals


@HYPOTHESIS
@given(data=st.data())
def test_every_headline_percent_stays_within_100_under_any_scenario(inputs, data):
    params = data.draw(params_strategy(inputs))
    for goal, outcome in so.evaluate(inputs, params).items():
        if outcome.headline.unit == "%":
            assert all(0 <= v <= 100 for v in outcome.headline.path.values()), goal


increments = st.dictionaries(st.integers(2025, 2030), st.integers(0, 30))


@HYPOTHESIS
@given(base=st.integers(0, 50), biogas=increments, other=increments)
def test_meta4_cumulative_is_baseline_plus_every_increment_exactly(base, biogas, other):
    start = sc.StartPoint(2024, float(base), "baseline")
    path = sc.cumulative_utilities(start, {"M4.1": biogas, "M4.2": other}, until=2030)
    for year in range(2024, 2031):
        expected = base + sum(v for y, v in {**{}, **biogas}.items() if y <= year) + sum(
            v for y, v in other.items() if y <= year)
        assert path[year] == expected


schedules = st.dictionaries(st.sampled_from([f"a{i}" for i in range(12)]),
                            st.integers(2025, 2030), min_size=1)


@HYPOTHESIS
@given(last=schedules, data=st.data(), delays=st.tuples(st.integers(0, 5), st.integers(0, 5)))
def test_more_delay_never_completes_an_activity_earlier(last, data, delays):
    codes = sorted(last)
    selected = data.draw(st.sets(st.sampled_from(codes)))
    done = data.draw(st.sets(st.sampled_from(codes)))
    completed = {c: last[c] + data.draw(st.integers(0, 2)) for c in done}
    small, large = sorted(delays)
    early = so.finish_years(last, completed, selected, small)
    late = so.finish_years(last, completed, selected, large)
    assert all(late[c] >= early[c] >= last[c] for c in codes)
    schedule = {c: [y] for c, y in last.items()}
    t_early = so.completion_table(last, early, schedule, schedule)
    t_late = so.completion_table(last, late, schedule, schedule)
    merged = t_early.merge(t_late, on="year", how="outer", suffixes=("_e", "_l")).ffill()
    assert (merged["finished_scenario_l"] <= merged["finished_scenario_e"]).all()
    assert (merged["finished_scenario_e"] <= merged["finished_plan_e"]).all()


@HYPOTHESIS
@given(last=schedules)
def test_no_delay_and_no_reports_reproduces_the_plan(last):
    years = so.finish_years(last, {}, set(last), 0)
    table = so.completion_table(last, years, {}, {})
    assert (table["finished_plan"] == table["finished_scenario"]).all()
    assert table["share_plan"].iloc[-1] == 1.0


def params_strategy(inputs):
    options = sp.delay_options(inputs)
    rate_settings = st.fixed_dictionaries({g: rates.map(lambda t: sp.RateSetting(*t))
                                           for g in sc.RATE_GOALS})
    return st.builds(
        sp.ScenarioParams, rates=rate_settings,
        total_flow=st.floats(1, 1000), m4_mode=st.sampled_from(sp.M4_MODES),
        m4_biogas=st.floats(0, 100), m4_other=st.integers(0, 100).map(float),
        delay_years=st.integers(0, sp.MAX_DELAY_YEARS),
        delay_objectives=st.lists(st.sampled_from(options["objectives"]), unique=True).map(tuple),
        delay_lines=st.lists(st.sampled_from(options["lines"]), unique=True).map(tuple),
        delay_units=st.lists(st.sampled_from(options["units"]), unique=True).map(tuple),
        focus=st.sampled_from(goals.HEADLINE_GOALS))


@HYPOTHESIS
@given(data=st.data())
def test_a_link_round_trip_restores_every_setting(inputs, data):
    params = data.draw(params_strategy(inputs))
    query = sp.params_to_query(params)
    assert all(isinstance(v, str) for v in query.values()) and query["v"] == "1"
    assert sp.params_from_query(query, inputs) == (params, [])
    assert sp.params_from_dict(json.loads(json.dumps(sp.params_to_dict(params))), inputs) == (
        params, [])


# --------------------------------------------------------------------------- links and storage


def test_default_link_is_short_and_stable(inputs):
    assert sp.params_to_query(sp.default_params(inputs)) == {
        "v": "1", "g": "M1", "m1": "l1.32", "m2": "l2.13", "m3": "l4.3", "m5": "l8.34",
        "m6": "l0.5", "qt": "79.5", "m4": "p", "m4b": "1", "m4o": "3", "dn": "0"}


@pytest.mark.parametrize("query, field, expected, warned", [
    ({"m1": "x1"}, "rates", None, "m1=x1"),
    ({"m1": "g-150"}, "rates", None, "m1=g-150"),
    ({"qt": "abc"}, "total_flow", 79.5, "qt=abc"),
    ({"dn": "9"}, "delay_years", 0, "dn=9"),
    ({"dn": "1.5"}, "delay_years", 0, "dn=1.5"),
    ({"do": "OE4,OE9"}, "delay_objectives", ("OE4",), "OE9"),
    ({"g": "M7"}, "focus", "M1", "g=M7"),
    ({"m4": "z"}, "m4_mode", "plan", "m4=z"),
    ({"v": "7", "g": "M3"}, "focus", "M3", "versión 7"),
])
def test_a_bad_link_keeps_the_plan_and_says_what_it_ignored(inputs, query, field, expected,
                                                             warned):
    params, warnings = sp.params_from_query(query, inputs)
    if expected is not None:
        assert getattr(params, field) == expected
    else:
        assert params.rates == sp.default_params(inputs).rates
    assert len(warnings) == 1 and warned in warnings[0]


def test_save_load_list_delete(mini_con, inputs):
    params = sp.with_rate(dataclasses.replace(sp.default_params(inputs), delay_years=2,
                                              delay_objectives=("OE4",)), "M2", "growth", 12.5)
    when = dt.datetime(2026, 5, 4, 10, 30)
    name = sp.save_scenario(mini_con, "  Reúso   lento ", params, by="Ana", saved_at=when)
    assert name == "Reúso lento"
    assert sp.load_scenario(mini_con, name, inputs) == (params, [])
    listed = sp.list_scenarios(mini_con)
    assert listed[["name", "saved_by"]].values.tolist() == [["Reúso lento", "Ana"]]
    assert sp.saved_params(listed, ["Reúso lento", "otro"], inputs) == {"Reúso lento": params}
    with pytest.raises(InvalidScenarioError, match="Ya existe"):
        sp.save_scenario(mini_con, name, sp.default_params(inputs), by="Ana")
    sp.save_scenario(mini_con, name, sp.default_params(inputs), by="Luis", overwrite=True)
    assert sp.load_scenario(mini_con, name, inputs)[0] == sp.default_params(inputs)
    assert sp.delete_scenario(mini_con, name) is True
    assert sp.delete_scenario(mini_con, name) is False
    with pytest.raises(InvalidScenarioError, match="No existe"):
        sp.load_scenario(mini_con, name, inputs)


@pytest.mark.parametrize("name, message", [
    ("", "Escriba"), ("   ", "Escriba"), ("x" * 61, "60"), ("a\x00b", "no permitidos"),
])
def test_scenario_names_are_checked(name, message):
    with pytest.raises(InvalidScenarioError, match=message):
        sp.clean_name(name)


def test_a_saved_scenario_naming_codes_the_plan_lost_still_opens(mini_con, inputs):
    payload = sp.params_to_dict(sp.default_params(inputs))
    payload["delay"]["lines"] = ["9.9"]
    mini_con.execute("INSERT INTO scenarios VALUES ('viejo', ?, now(), 'x')", [json.dumps(payload)])
    params, warnings = sp.load_scenario(mini_con, "viejo", inputs)
    assert params.delay_lines == () and "9.9" in warnings[0]
    mini_con.execute("INSERT INTO scenarios VALUES ('roto', '{no json', now(), 'x')")
    with pytest.raises(InvalidScenarioError, match="formato"):
        sp.load_scenario(mini_con, "roto", inputs)


# --------------------------------------------------------------------------- delays


def test_delay_moves_the_chosen_activities_and_keeps_completed_ones(mini_con):
    # 4.1.1.1 is planned 2026–2028 and reported complete for 2028: it does not move.
    _reports(mini_con, [("4.1.1.1", 2028, "Completada"), ("4.1.2.1", 2029, "Completada")])
    inputs = sc.load_inputs(mini_con)
    params = dataclasses.replace(sp.default_params(inputs), delay_years=2,
                                 delay_objectives=("OE4",))
    outcome = so.delay_outcome(inputs, params)
    assert outcome.total == 6 and outcome.kept == ("4.1.1.1",)
    assert outcome.shifted == ("4.1.1.2", "4.1.2.1")
    table = outcome.table.set_index("year")
    # plan finishes: 2025 ×2, 2027 ×2, 2028, 2030; scenario: 4.1.1.2 → 2029, 4.1.2.1 → 2032
    assert table["finished_plan"].to_dict() == {2025: 2, 2026: 2, 2027: 4, 2028: 5, 2029: 5,
                                                2030: 6, 2031: 6, 2032: 6}
    assert table["finished_scenario"].to_dict() == {2025: 2, 2026: 2, 2027: 3, 2028: 4,
                                                    2029: 5, 2030: 5, 2031: 5, 2032: 6}
    assert table.loc[2031, "scheduled_scenario"] == 1  # 4.1.2.1's X of 2029 moved to 2031
    assert outcome.finished_after_horizon == 1


@pytest.mark.parametrize("filters, expected", [
    ({}, []),
    ({"objectives": ["OE1"]}, ["1.1.1.1", "1.1.1.2", "1.2.1.1"]),
    ({"lines": ["4.1"], "units": ["DGPRCS"]}, ["4.1.1.1", "4.1.1.2", "4.1.2.1"]),
    ({"objectives": ["OE1"], "units": ["DGPRCS"]}, ["1.2.1.1"]),
    ({"objectives": ["OE1"], "lines": ["4.1"]}, []),  # every filter must hold
])
def test_activities_are_chosen_by_objective_line_and_unit(inputs, filters, expected):
    assert so.selected_activities(inputs, **filters) == expected


def test_last_scheduled_year_counts_semesters_as_2025():
    assert sc.last_scheduled_year(["2025-I", "2025-II"]) == 2025
    assert sc.last_scheduled_year(["2025-I", "2027"]) == 2027
    assert sc.last_scheduled_year([]) is None


# --------------------------------------------------------------------------- display


def test_metrics_and_tables_read_as_text(inputs):
    params = sp.with_rate(sp.default_params(inputs), "M1", "linear", 0.5)
    outcome = so.evaluate_goal(inputs, params, "M1")
    shown = {m.label: (m.value, m.note) for m in scenario_tables.metrics(outcome)}
    nb = "\u00a0"
    assert shown["Proyección 2030"] == (f"15.1{nb}%", f"meta 2030: 20{nb}%")
    assert shown["Brecha 2030"] == (f"−4.9{nb}p.{nb}p.", "falta para la meta")
    assert shown["Se alcanza la meta 2030"] == ("⚠ 2040", "después de 2030")
    summary = scenario_tables.summary_table(inputs, so.evaluate(inputs, params), params)
    assert len(summary) == 6 and summary.loc[0, "Supuesto"] == f"+0.5{nb}p.{nb}p. por año"


def test_comparison_labels_do_not_overlap(inputs):
    other = sp.with_rate(sp.default_params(inputs), "M2", "linear", 2.14)
    frame = scenario_tables.comparison_frame(
        inputs, {"A": sp.default_params(inputs), "B": other}, "M2")
    ends = sorted(frame.loc[frame["year"] == 2030, "label_y"])
    span = frame["value"].max() - frame["value"].min()
    assert all(b - a >= 0.07 * span - 1e-9 for a, b in zip(ends, ends[1:]))


@pytest.mark.parametrize("reported, written", [(1.54, "under"), (3.0, "over")])
def test_a_reported_value_is_written_clear_of_the_plans_marker(mini_con, reported, written):
    """Under that year's target (2.8 % in 2025), a reported value is written under its point:
    above it, it ran into the plan's marker («1.5● %»); over the target, above its point."""
    _actuals(mini_con, [("M3", 2025, reported, None)])
    inputs = sc.load_inputs(mini_con)
    outcome = so.evaluate_goal(inputs, sp.default_params(inputs), "M3")
    chart = scenario_charts.projection_chart(scenario_tables.chart_frame(outcome, inputs), "%",
                                             "Meta 3")
    drawn = drawn_texts({**chart.spec, "data": {"values": chart.data.to_dict("records")}})
    label = scenario_tables.chart_frame(outcome, inputs).query(
        f"serie == {scenario_tables.ACTUAL_LABEL!r}")["label"].iloc[0]
    [offset] = [dy for text, dy in drawn if text == label]
    assert (offset > 0) == (written == "under")


@pytest.mark.parametrize("builder", ["projection", "comparison", "completion"])
def test_chart_specs_are_valid_vega_lite_without_data(inputs, builder):
    params = dataclasses.replace(sp.default_params(inputs), delay_years=3,
                                 delay_objectives=("OE4",))
    outcome = so.evaluate_goal(inputs, params, "M2")
    chart = {
        "projection": lambda: scenario_charts.projection_chart(
            scenario_tables.chart_frame(outcome, inputs), "%", "Meta 2"),
        "comparison": lambda: scenario_charts.comparison_chart(
            scenario_tables.comparison_frame(inputs, {"A": params}, "M2"), "%", "Meta 2"),
        "completion": lambda: scenario_charts.completion_chart(scenario_tables.delay_chart_frame(
            so.delay_outcome(inputs, params))),
    }[builder]()
    assert "data" not in chart.spec and "datasets" not in chart.spec
    alt.LayerChart.from_dict(chart.spec)  # validates against the Vega-Lite schema
    fields = {enc["field"] for layer in chart.spec["layer"]
              for enc in layer["encoding"].values() if isinstance(enc, dict) and "field" in enc}
    assert fields <= set(chart.data.columns)
