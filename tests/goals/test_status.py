"""Status rules of design §5, checked against hand-worked cases and an independent exact oracle."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from goal_fixtures import EXPECTED, store_actuals, store_actuals_in_file
from hdras.cli import main as cli
from hdras.core import config
from hdras.goals import display, series as goals, status
from hdras.goals.series import Actual, GoalSeries
from hdras.core import schema

YEARS = range(2025, 2031)
M1 = {2024: 12.1, 2025: 13.6, 2026: 14.2, 2027: 15.3, 2028: 16.4, 2029: 17.5, 2030: 20}
M2 = {2024: 4.0, 2025: 7, 2026: 8.3, 2027: 10.5, 2028: 12.7, 2029: 14.8, 2030: 20.0}
M3 = {2024: 0, 2025: 2.8, 2026: 4.1, 2027: 6.1, 2028: 8.1, 2029: 10.2, 2030: 15.0}
M41 = {2024: 1, 2025: 0, 2026: 0, 2027: 0, 2028: 1, 2029: 1, 2030: 1}
M42 = {2024: None, 2025: 2, 2026: 2, 2027: 2, 2028: 2, 2029: 1, 2030: 7}
M5 = {2024: 0, 2025: 0, 2026: 4.3, 2027: 20.3, 2028: 27.1, 2029: 33.9, 2030: 50.0}
M6 = {2024: 37, 2025: 37, 2026: 38, 2027: 38, 2028: 39, 2029: 39, 2030: 40}
LINEAR = {2024: 0, **{y: y - 2024 for y in YEARS}}           # needs exactly 1 per year
FLAT = {2024: 5, **{y: 5 for y in YEARS}}                      # the plan asks for no change
DOWN = {2024: 10, 2025: 9, 2026: 8, 2027: 7, 2028: 6, 2029: 5, 2030: 4}

# name: (targets, actuals, year, kind, direction,
#        expected status, latest year, attainment, ratio, pace required, year reached)
CASES = {
    "on course, milestone met": (M2, {2025: 7}, 2025, "level", "up",
                                 "en_camino", 2025, 1.0, 1.125, 2.6, 2030),
    "needs acceleration": (M2, {2025: 5.8}, 2025, "level", "up",
                           "requiere_aceleracion", 2025, 0.6, 0.675, 2.84, 2033),
    "limited progress": (M2, {2025: 5}, 2025, "level", "up",
                         "progreso_limitado", 2025, 1 / 3, 0.375, 3.0, 2040),
    "R exactly 0.95 is on course": (LINEAR, {2025: 0.95}, 2025, "level", "up",
                                    "en_camino", 2025, 0.95, 0.95, 1.01, 2031),
    "R just under 0.95 needs acceleration": (LINEAR, {2025: 0.92}, 2025, "level", "up",
                                             "requiere_aceleracion", 2025, 0.92, 0.92, 1.016,
                                             2031),
    "R just under 0.60 is limited progress": (LINEAR, {2025: 0.59}, 2025, "level", "up",
                                              "progreso_limitado", 2025, 0.59, 0.59, 1.082,
                                              2035),
    "R exactly 0.60 needs acceleration": (LINEAR, {2025: 0.6}, 2025, "level", "up",
                                          "requiere_aceleracion", 2025, 0.6, 0.6, 1.08, 2034),
    "year target equals baseline (M6 2025)": (M6, {2025: 37}, 2025, "level", "up",
                                              "progreso_limitado", 2025, None, 0.0, 0.6, None),
    "zero baseline, target equals it (M5 2025)": (M5, {2025: 0}, 2025, "level", "up",
                                                  "progreso_limitado", 2025, None, 0.0, 10.0,
                                                  None),
    "zero baseline (M3)": (M3, {2025: 2.8}, 2025, "level", "up",
                           "en_camino", 2025, 1.0, 1.12, 2.44, 2030),
    "actual past the 2030 target": (M3, {2025: 16}, 2025, "level", "up",
                                    "meta_alcanzada", 2025, 16 / 2.8, 6.4, -0.2, 2025),
    "actual exactly at the 2030 target": (M3, {2026: 15}, 2026, "level", "up",
                                          "meta_alcanzada", 2026, 15 / 4.1, 3.0, 0.0, 2026),
    "no actuals": (M1, {}, 2027, "level", "up",
                   "sin_datos", None, None, None, None, None),
    "only actuals after the year": (M1, {2028: 16}, 2026, "level", "up",
                                    "sin_datos", None, None, None, None, None),
    "progress below the baseline": (M1, {2025: 11.0}, 2025, "level", "up",
                                    "retroceso", 2025, -1.1 / 1.5, -1.1 / (7.9 / 6), 1.8, None),
    "below baseline with a flat year target (M6)": (M6, {2025: 36}, 2025, "level", "up",
                                                    "retroceso", 2025, None, -2.0, 0.8, None),
    "no actual for the year but an earlier one": (M1, {2025: 14.0}, 2027, "level", "up",
                                                  "en_camino", 2025, None, 1.9 / (7.9 / 6), 1.2,
                                                  2029),
    "a later actual is ignored": (M1, {2025: 14.0, 2027: 11.0}, 2026, "level", "up",
                                  "en_camino", 2025, None, 1.9 / (7.9 / 6), 1.2, 2029),
    "the newest actual up to the year counts": (M1, {2025: 14.0, 2026: 12.0}, 2026, "level",
                                                "up", "retroceso", 2026, -0.1 / 2.1,
                                                -0.05 / (7.9 / 6), 2.0, None),
    "year 2030: no pace left": (M1, {2030: 18.0}, 2030, "level", "up",
                                "requiere_aceleracion", 2030, 5.9 / 7.9, 5.9 / 7.9, None, 2033),
    "plan asks for no change, actual short of it": (FLAT, {2026: 4}, 2026, "level", "up",
                                                    "retroceso", 2026, None, None, 0.25, None),
    "plan asks for no change, actual holds it": (FLAT, {2026: 5}, 2026, "level", "up",
                                                 "meta_alcanzada", 2026, None, None, 0.0, 2026),
    "lower is better": (DOWN, {2025: 9}, 2025, "level", "down",
                        "en_camino", 2025, 1.0, 1.0, -1.0, 2030),
    "lower is better, going up": (DOWN, {2025: 11}, 2025, "level", "down",
                                  "retroceso", 2025, -1.0, -1.0, -1.4, None),
    # Increments (M4.1, M4.2): running totals since 2024, baseline 0 new
    "increment, year target 0 (M4.1 2026)": (M41, {2025: 0, 2026: 1}, 2026, "increment", "up",
                                             "en_camino", 2026, None, 1.0, 0.5, 2030),
    "increment, baseline nd (M4.2)": (M42, {2025: 2, 2026: 2}, 2026, "increment", "up",
                                      "requiere_aceleracion", 2026, 1.0, 0.75, 3.0, 2032),
    "increment, a year without report counts 0": (M42, {2025: 2, 2027: 3}, 2027, "increment",
                                                  "up", "requiere_aceleracion", 2027, 5 / 6,
                                                  0.625, 11 / 3, 2034),
    "increment, running total past 2030": (M41, {2025: 2, 2026: 1}, 2026, "increment", "up",
                                           "meta_alcanzada", 2026, None, 3.0, 0.0, 2026),
    "increment, no report": (M42, {}, 2028, "increment", "up",
                             "sin_datos", None, None, None, None, None),
}


# --- An independent oracle: exact fractions, read straight from design §5 --------------------

def _exact(value):
    return None if value is None else Fraction(str(value))


def oracle(targets, actuals, year, kind, direction):
    """Status, latest year, attainment, R, pace and year reached, computed with exact fractions."""
    plan = {y: _exact(v) for y, v in targets.items()}
    seen = {y: _exact(v) for y, v in actuals.items() if 2025 <= y <= year}
    if kind == "increment":
        total, running = {2024: Fraction(0)}, Fraction(0)
        for y in YEARS:
            running = None if running is None or plan[y] is None else running + plan[y]
            total[y] = running
        plan = total
        seen = {y: sum((v for x, v in seen.items() if x <= y), Fraction(0)) for y in seen}
    if not seen:
        return ("sin_datos", None, None, None, None, None)
    t = max(seen)
    b, final, a_t = plan[2024], plan[2030], seen[t]
    better = (lambda x, y: x >= y) if direction == "up" else (lambda x, y: x <= y)
    attainment = None
    if year in seen and plan[year] is not None and b is not None and plan[year] != b:
        attainment = (seen[year] - b) / (plan[year] - b)
    ratio = None
    if b is not None and final != b:
        ratio = ((a_t - b) / (t - 2024)) / ((final - b) / 6)
    if better(a_t, final):
        category = "meta_alcanzada"
    elif b is None:
        category = "sin_datos"
    elif ratio is None:
        category = "retroceso"
    else:
        category = next(name for limit, name in ((Fraction(95, 100), "en_camino"),
                                                 (Fraction(60, 100), "requiere_aceleracion"),
                                                 (Fraction(0), "progreso_limitado"),
                                                 (None, "retroceso"))
                        if limit is None or ratio >= limit)
    pace = None if t == 2030 else (final - a_t) / (2030 - t)
    reach = None
    if better(a_t, final):
        reach = t
    elif b is not None and a_t != b:
        # the first year the observed line meets the target, in exact fractions: no horizon (a
        # slow pace may reach it after the year 9999; the page says «no antes de 2050»)
        years = (final - a_t) / ((a_t - b) / (t - 2024))
        reach = t + math.ceil(years) if years > 0 else None
    return (category, t, attainment, ratio, pace, reach)


def _close(actual, expected):
    if expected is None:
        return actual is None
    return actual is not None and actual == pytest.approx(float(expected), rel=1e-9, abs=1e-9)


def evaluate(targets, actuals, year, kind="level", direction="up", code="X"):
    """``status.evaluate_series`` on a series built from plain dicts (NaN and None: no value)."""
    def missing(v):
        return v is None or (isinstance(v, float) and math.isnan(v))
    series = GoalSeries(code, {y: None if missing(v) else float(v) for y, v in targets.items()},
                        {y: Actual(float(v)) for y, v in actuals.items() if not missing(v)},
                        kind=kind, direction=direction)
    return status.evaluate_series(series, year)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_status_rules(case):
    targets, actuals, year, kind, direction, *expected = CASES[case]
    result = evaluate(targets, actuals, year, kind, direction)
    got = (result.status, result.latest_year, result.attainment, result.ratio,
           result.pace_required, result.year_reached)
    assert got[:2] == tuple(expected[:2])
    for value, want in zip(got[2:], expected[2:]):
        assert _close(value, want), (case, got, expected)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hand_worked_cases_agree_with_the_oracle(case):
    targets, actuals, year, kind, direction, *expected = CASES[case]
    exact = oracle(targets, actuals, year, kind, direction)
    assert exact[:2] == tuple(expected[:2])
    for value, want in zip(exact[2:], expected[2:]):
        assert _close(None if value is None else float(value), want), (case, exact)


def test_reported_values_stay_the_plans_for_increments():
    result = evaluate(M42, {2025: 2, 2026: 1}, 2026, "increment", code="M4.2")
    assert (result.baseline, result.target, result.actual, result.target_final) == (None, 2, 1, 7)
    assert (result.basis_baseline, result.basis_target, result.basis_latest,
            result.basis_final) == (0, 4, 3, 16)


one_decimal = st.integers(min_value=0, max_value=600).map(lambda n: n / 10)


@st.composite
def series_cases(draw):
    kind = draw(st.sampled_from(["level", "increment"]))
    direction = "up" if kind == "increment" else draw(st.sampled_from(["up", "down"]))
    targets = {y: draw(one_decimal) for y in range(2024, 2031)}
    if kind == "increment" and draw(st.booleans()):
        targets[2024] = None  # "nd"
    years = draw(st.lists(st.sampled_from(list(YEARS)), unique=True, max_size=6))
    actuals = {y: draw(one_decimal) for y in years}
    return targets, actuals, draw(st.sampled_from(list(YEARS))), kind, direction


@settings(max_examples=400, deadline=None)
@given(series_cases())
# found by a full test run: 0.1 in four years toward 199.4 meets it in the year 10000
@example(case=({2024: 0.0, 2025: 0.0, 2026: 0.0, 2027: 19.4, 2028: 60.0, 2029: 60.0, 2030: 60.0},
               {2025: 0.0, 2028: 0.1}, 2028, "increment", "up"))
def test_status_matches_the_oracle_on_random_series(case):
    targets, actuals, year, kind, direction = case
    result = evaluate(targets, actuals, year, kind, direction)
    exact = oracle(targets, actuals, year, kind, direction)
    assert (result.status, result.latest_year) == exact[:2]
    for value, want in zip((result.attainment, result.ratio, result.pace_required), exact[2:5]):
        assert _close(value, want)
    assert result.year_reached == exact[5]


def test_every_category_has_label_icon_and_colour():
    assert set(status.CATEGORIES) == {"en_camino", "requiere_aceleracion", "progreso_limitado",
                                      "retroceso", "meta_alcanzada", "sin_datos"}
    icons = {c.icon for c in status.CATEGORIES.values()}
    colours = {c.colour for c in status.CATEGORIES.values()}
    assert len(icons) == len(colours) == 6
    for category in status.CATEGORIES.values():
        assert category.label and category.icon in category.text()


# --- The database, the table and the JSON of design §3 ----------------------------------------

def test_status_table_on_fixture_actuals(mini_con):
    store_actuals(mini_con)
    table = status.status_table_for(mini_con, 2026)
    assert table["code"].tolist() == list(schema.GOAL_CODES)
    assert dict(zip(table["code"], table["status"])) == EXPECTED
    m4 = table.set_index("code").loc["M4"]
    assert m4["latest_actual"] == 2.0  # derived: 1 EPS + 0 (4.1) + 1 (4.2)


def test_status_table_without_actuals_is_all_sin_datos(mini_con):
    table = status.status_table_for(mini_con, 2025)
    assert set(table["status"]) == {"sin_datos"}
    shown = display.display_table(table, 2025)
    assert set(shown["Estado"]) == {"○ Sin datos"}


def test_rolled_back_actuals_stop_counting(mini_con):
    from hdras.progress import store as progress
    batch = store_actuals(mini_con)
    progress.rollback_batch(mini_con, batch, by="pytest")
    assert set(status.status_table_for(mini_con, 2026)["status"]) == {"sin_datos"}


def test_display_and_descriptions_explain_each_case(mini_con):
    store_actuals(mini_con)
    table = status.status_table_for(mini_con, 2025)
    shown = display.display_table(table, 2025).set_index("Serie")
    assert shown.loc["Meta 1", "Estado"] == "✔ En camino"
    assert shown.loc["Meta 1", "Logro del hito"] == "127 %"          # (14 − 12.1) / 1.5
    assert shown.loc["Meta 3", "Ritmo necesario"] == "ninguno (meta alcanzada)"
    assert shown.loc["Meta 6", "Logro del hito"] == "—"              # target 2025 = baseline
    assert shown.loc["Meta 6", "Llega a la meta 2030"] == "✗ no se alcanza"
    rows = {r.code: r for r in table.itertuples()}
    assert any("igual a la línea base" in s and "no cumplido" in s
               for s in display.describe(rows["M6"]))
    assert any("acumulado de nuevos prestadores" in s for s in display.describe(rows["M4.2"]))
    assert display.describe(rows["M5"]) == [
        "Meta 5: sin avance reportado hasta 2025. El estado se calcula cuando exista al menos "
        "un dato."]


def _check_report_shape(report: dict, year: int) -> None:
    assert set(report) == {"year", "goals", "activities"} and report["year"] == year
    assert [g["code"] for g in report["goals"]] == list(schema.GOAL_CODES)
    for goal in report["goals"]:
        assert set(goal) == {"code", "baseline", "target", "actual", "attainment", "ratio",
                             "status"}
        assert goal["status"] in status.CATEGORIES
    activities = report["activities"]
    assert {"planned", "completed", "in_progress", "rescheduled", "not_started",
            "by_objective"} <= set(activities)
    assert activities["planned"] == sum(activities[k] for k in (
        "completed", "in_progress", "rescheduled", "not_started"))


def test_status_report_matches_design_section_3(mini_con):
    store_actuals(mini_con)
    report = status.status_report(mini_con, 2025)
    _check_report_shape(report, 2025)
    by_code = {g["code"]: g for g in report["goals"]}
    assert by_code["M1"] == {"code": "M1", "baseline": 12.1, "target": 13.6, "actual": 14.0,
                             "attainment": pytest.approx(1.9 / 1.5), "ratio":
                             pytest.approx(1.9 / (7.9 / 6)), "status": "en_camino"}
    assert by_code["M4.2"]["baseline"] is None  # "nd"
    assert by_code["M4"]["actual"] == 2.0 and by_code["M5"]["actual"] is None
    assert {c: g["status"] for c, g in by_code.items()} == EXPECTED


def test_cli_status_json(mini_env, capsys):
    store_actuals_in_file(mini_env)
    assert cli.main(["status", "--year", "2025", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    _check_report_shape(report, 2025)
    assert {g["code"]: g["status"] for g in report["goals"]} == EXPECTED
    assert report["activities"]["planned"] == 3  # fixture plan: 3 activities scheduled in 2025


def test_cli_status_text_and_bad_year(mini_env, capsys):
    store_actuals_in_file(mini_env)
    assert cli.main(["status", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "Estado de las metas · año 2026" in out
    for label in ("✔ En camino", "➚ Requiere aceleración", "⚠ Progreso limitado",
                  "▼ Retroceso", "⚑ Meta alcanzada", "○ Sin datos"):
        assert label in out
    assert "Actividades 2026:" in out
    assert cli.main(["status", "--year", "2031"]) == 2
    assert "fuera del plan" in capsys.readouterr().err


def test_report_year_stays_in_the_plan():
    import datetime as dt
    assert config.default_year(dt.date(2024, 5, 1)) == 2025
    assert config.default_year(dt.date(2027, 5, 1)) == 2027
    assert config.default_year(dt.date(2035, 1, 1)) == 2030


def test_real_plan_without_actuals(plan_con):
    table = status.status_table(goals.load(plan_con), 2025)
    assert table["code"].tolist() == list(schema.GOAL_CODES)
    assert set(table["status"]) == {"sin_datos"}
    assert not math.isnan(table.set_index("code").loc["M2", "target_final"])
