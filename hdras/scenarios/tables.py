"""What the Escenarios page shows, as plain frames and texts: metrics, year-by-year tables, the
summary of all goals, comparisons and the delay table. Everything is visible text (no hover needed)
and every status carries a label and an icon, not a colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from hdras.core import config
from hdras.core.chart_style import over_target
from hdras.core.formatting import NBSP, format_number, format_signed, format_value, unit_label
from hdras.core.messages import msg
from hdras.goals.display import REACH_ICONS, pace_text, reach, reach_text
from hdras.goals.series import HEADLINE_GOALS
from hdras.scenarios.assumptions import DRIVER_UNITS, ScenarioParams
from hdras.scenarios.model import REACH_HORIZON, Projection, ScenarioInputs, StartPoint
from hdras.scenarios.outcomes import DelayOutcome, GoalOutcome, evaluate, evaluate_goal

PLAN_LABEL = "Meta del plan (Tabla 1)"
ACTUAL_LABEL = "Valor reportado"
SCENARIO_LABEL = "Escenario actual"


def _value(value: float | None, unit: str) -> str:
    """'20 %', '15.95 m³/s', '25.8 PTAR', '—' (two decimals at most, never split)."""
    return format_value(value, unit, 2, nbsp=True)


def _reach(projection: Projection) -> str:
    """When the projection reaches the 2030 target: '✓ en 2028', '✗ no antes de 2050'…"""
    if projection.target_2030 is None:
        return "—"
    return reach_text(projection.year_reached, projection.start.year, horizon=REACH_HORIZON)


def rate_text(model: str, rate: float, unit: str) -> str:
    """The assumption in words: '+2.13 m³/s por año' or '+8 % por año'."""
    if model == "growth":
        return f"{'+' if rate > 0 else ''}{format_number(rate, 2)}{NBSP}% por año"
    return f"{format_signed(rate, unit)} por año"


def start_text(start: StartPoint, unit: str) -> str:
    """Where the projection starts, in a sentence."""
    key = {"actual": "scenario.start_actual", "reported_parts": "scenario.start_reported_parts",
           "derived": "scenario.start_derived"}.get(start.source, "scenario.start_baseline")
    return msg(key, year=start.year, value=_value(start.value, unit))


def goal_start_text(outcome: GoalOutcome) -> str:
    """Where a goal panel's projection starts. Meta 2's % comes from the reported flow and the
    total flow the scenario assumes, so it says both: 4.95 m³/s of 79.5 is 6.23 %, where the
    % reported (of the plan's total) may read 6.25 %."""
    start, driver = outcome.headline.start, outcome.driver
    if driver is not None and driver.unit == "m3/s" and start.source in ("actual", "baseline"):
        return msg(f"scenario.start_flow_{start.source}", year=start.year,
                   flow=_value(driver.start.value, driver.unit),
                   value=_value(start.value, outcome.headline.unit))
    return start_text(start, outcome.headline.unit)


@dataclass(frozen=True)
class Metric:
    """One big number of a goal panel, with the short line under it."""
    label: str
    value: str
    note: str = ""
    help: str = ""


def metrics(outcome: GoalOutcome) -> list[Metric]:
    """The four big numbers of a goal panel: 2030 value, gap, year reached, pace required."""
    head, driver = outcome.headline, outcome.driver
    gap = head.gap_2030
    kind = reach(head.year_reached, head.start.year) if head.target_2030 is not None else None
    when = {"already": "ya alcanzada", "on_time": "a tiempo", "late": "después de 2030",
            "never": "no la alcanza"}.get(kind, "")
    reached = ("—" if kind is None else f"{REACH_ICONS[kind]} Después de {REACH_HORIZON}"
               if kind == "never" else f"{REACH_ICONS[kind]} {head.year_reached}")
    gap_note = ("" if gap is None else "falta para la meta" if round(gap, 2) < 0
                else "en la meta" if round(gap, 2) == 0 else "por encima de la meta")
    pace_note = (f"= {pace_text(driver.pace_required, driver.unit)}" if driver is not None
                 and driver.pace_required is not None else "")
    return [
        Metric("Proyección 2030", _value(head.value_2030, head.unit),
               f"meta 2030: {_value(head.target_2030, head.unit)}"),
        Metric("Brecha 2030", format_signed(gap, head.unit), gap_note,
               "Proyección 2030 − meta 2030; negativa: falta."),
        Metric("Se alcanza la meta 2030", reached, when,
               "Primer año, desde el punto de partida, en que la proyección llega a la meta "
               "2030 (se proyecta hasta 2050)."),
        Metric("Ritmo requerido", format_signed(head.pace_required, head.unit),
               f"por año ({pace_note})" if pace_note else "por año",
               "(Meta 2030 − punto de partida) ÷ años que faltan hasta 2030."),
    ]


def chart_frame(outcome: GoalOutcome, inputs: ScenarioInputs) -> pd.DataFrame:
    """Long frame for the goal chart: plan targets, reported values and the projection to 2030."""
    head = outcome.headline
    series = inputs.goals[head.goal]
    rows = [(y, v, PLAN_LABEL) for y, v in sorted(head.targets.items()) if v is not None]
    rows += [(y, v, ACTUAL_LABEL) for y, v in sorted(series.actuals.items())]
    rows += [(y, v, SCENARIO_LABEL) for y, v in sorted(head.path.items())
             if y <= config.FINAL_YEAR]
    years, values, names = (list(column) for column in zip(*rows)) if rows else ([], [], [])
    # one frame from its columns, built in plain Python: this runs on every slider step
    return pd.DataFrame({
        "year": pd.Series(years, dtype="int64"), "value": pd.Series(values, dtype="float64"),
        "serie": names, "label": [_value(v, head.unit) for v in values],
        "over_plan": over_target(years, values, [n == ACTUAL_LABEL for n in names],
                                 head.targets)})


def year_table(outcome: GoalOutcome, inputs: ScenarioInputs) -> pd.DataFrame:
    """Year by year: the plan's target, the reported value and the scenario (and its driver)."""
    head, driver = outcome.headline, outcome.driver
    actuals = inputs.goals[head.goal].actuals
    unit = unit_label(head.unit)
    years = range(config.BASELINE_YEAR, config.FINAL_YEAR + 1)
    table = {"Año": [str(y) for y in years],
             f"Meta del plan ({unit})": [_value(head.targets.get(y), head.unit) for y in years],
             f"Reportado ({unit})": [_value(actuals.get(y), head.unit) for y in years],
             f"Escenario ({unit})": [_value(head.path.get(y), head.unit) for y in years]}
    if driver is not None:
        word = unit_label(driver.unit)
        table[f"Plan en {word}"] = [_value(driver.targets.get(y), driver.unit) for y in years]
        table[f"Escenario en {word}"] = [_value(driver.path.get(y), driver.unit)
                                         for y in years]
    return pd.DataFrame(table, dtype=object)  # texts to show, as they are: no string dtype


def summary_table(inputs: ScenarioInputs, outcomes: Mapping[str, GoalOutcome],
                  params: ScenarioParams) -> pd.DataFrame:
    """The six goals under the scenario: start, assumption, 2030 value, target, gap, reach."""
    rows = []
    for goal in HEADLINE_GOALS:
        head = outcomes[goal].headline
        rows.append({
            "Meta": inputs.goals[goal].full_label,
            "Parte de": f"{_value(head.start.value, head.unit)} ({head.start.year})",
            "Supuesto": assumption_text(params, goal),
            "Proyección 2030": _value(head.value_2030, head.unit),
            "Meta 2030": _value(head.target_2030, head.unit),
            "Brecha 2030": format_signed(head.gap_2030, head.unit),
            "¿Cuándo se alcanza?": _reach(head),
            "Ritmo requerido": pace_text(head.pace_required, head.unit),
        })
    return pd.DataFrame(rows, dtype=object)


def assumption_text(params: ScenarioParams, goal: str) -> str:
    """The scenario's assumption for one goal in a few words."""
    if goal == "M4":
        if params.m4_mode == "plan":
            return "Incrementos de Tabla 1"
        return (f"+{format_number(params.m4_biogas)} biogás y +{format_number(params.m4_other)} "
                "otras por año")
    setting = params.rates[goal]
    text = rate_text(setting.model, setting.rate, DRIVER_UNITS[goal])
    if goal == "M2":
        text += f"; total {format_number(params.total_flow)} m³/s"
    return text


def comparison_frame(inputs: ScenarioInputs, scenarios: Mapping[str, ScenarioParams],
                     goal: str) -> pd.DataFrame:
    """Long frame: the plan's targets and each scenario's path of ``goal`` up to 2030."""
    targets = inputs.goals[goal].targets
    rows = [(y, v, PLAN_LABEL) for y, v in sorted(targets.items()) if v is not None]
    for name, params in scenarios.items():
        path = evaluate_goal(inputs, params, goal).headline.path
        rows += [(y, v, name) for y, v in sorted(path.items()) if y <= config.FINAL_YEAR]
    frame = pd.DataFrame(rows, columns=["year", "value", "serie"])
    frame["label"] = [_value(v, inputs.goals[goal].unit) for v in frame["value"]]
    frame["label_y"] = spread_labels(frame["value"], frame["year"] == config.FINAL_YEAR)
    return frame


def spread_labels(values: pd.Series, labelled: pd.Series, gap: float = 0.07) -> list[float]:
    """Heights for the labelled points' texts so that no two overlap: each at least ``gap`` of
    the value range above the one below it (other rows keep their own value)."""
    span = (float(values.max()) - float(values.min())) or 1.0
    heights = values.astype(float).tolist()
    order = sorted((i for i, flag in enumerate(labelled) if flag), key=lambda i: heights[i])
    previous = None
    for i in order:
        if previous is not None and heights[i] < previous + gap * span:
            heights[i] = previous + gap * span
        previous = heights[i]
    return heights


def comparison_table(inputs: ScenarioInputs, scenarios: Mapping[str, ScenarioParams],
                     evaluated: Mapping[str, Mapping[str, GoalOutcome]] | None = None
                     ) -> pd.DataFrame:
    """One row per scenario (and the plan): each goal's 2030 value with its gap and reach icon.
    ``evaluated``: the outcomes (``evaluate``) of scenarios the caller already has, by name."""
    rows = [{"Escenario": PLAN_LABEL, **{
        inputs.goals[g].full_label: _value(inputs.goals[g].target_2030, inputs.goals[g].unit)
        for g in HEADLINE_GOALS}}]
    for name, params in scenarios.items():
        outcomes = (evaluated or {}).get(name) or evaluate(inputs, params)
        row = {"Escenario": name}
        for goal in HEADLINE_GOALS:
            head = outcomes[goal].headline
            kind = reach(head.year_reached, head.start.year)
            icon = REACH_ICONS["on_time" if kind in ("already", "on_time") else "late"]
            row[inputs.goals[goal].full_label] = (f"{icon} {_value(head.value_2030, head.unit)} "
                                             f"({format_signed(head.gap_2030, head.unit)})")
        rows.append(row)
    return pd.DataFrame(rows, dtype=object)


def delay_chart_frame(outcome: DelayOutcome) -> pd.DataFrame:
    """Long frame for the completion chart: share finished by year, plan and scenario. Where both
    lines meet, only the scenario's point is labelled."""
    t = outcome.table
    years = t["year"].tolist()
    plan, scenario = t["share_plan"].tolist(), t["share_scenario"].tolist()
    counts = t["finished_plan"].tolist() + t["finished_scenario"].tolist()
    shares = plan + scenario
    return pd.DataFrame({
        "year": years * 2, "share": shares, "count": counts,
        "serie": ["Plan"] * len(years) + ["Escenario"] * len(years),
        "label": [f"{round(s * 100)}{NBSP}%" for s in shares],
        "show_label": [p != q for p, q in zip(plan, scenario)] + [True] * len(years),
    })


def delay_table(outcome: DelayOutcome) -> pd.DataFrame:
    """The completion table with Spanish headers: activities with an X in the year (plan →
    scenario), and finished by the end of the year, plan and scenario (count and share)."""
    t = outcome.table
    return pd.DataFrame({
        "Año": t["year"].astype(str),
        "Con X en el año (plan → escenario)": [f"{a} → {b}" for a, b in
                                               zip(t["scheduled_plan"], t["scheduled_scenario"])],
        "Terminadas (plan)": [f"{n}{NBSP}({round(s * 100)}{NBSP}%)"
                              for n, s in zip(t["finished_plan"], t["share_plan"])],
        "Terminadas (escenario)": [f"{n}{NBSP}({round(s * 100)}{NBSP}%)" for n, s in
                                   zip(t["finished_scenario"], t["share_scenario"])],
        "Diferencia": [_signed_count(b - a) for a, b in
                       zip(t["finished_plan"], t["finished_scenario"])],
    })


def _signed_count(n: int) -> str:
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "0")


def projection_text(projection: Projection, inputs: ScenarioInputs) -> str:
    """The ``scenario`` command's plain-text answer: the assumption, the path and the metrics."""
    series = inputs.goals[projection.goal]
    unit = projection.unit
    model = "lineal" if projection.model == "linear" else "crecimiento"
    lines = [f"{projection.goal} · {series.short_title} — modelo {model}, "
             f"{rate_text(projection.model, projection.rate, unit)}",
             start_text(projection.start, unit), "",
             f"{'Año':<6}{'Proyección':>16}{'Meta del plan':>18}"]
    for year in range(projection.start.year, config.FINAL_YEAR + 1):
        lines.append(f"{year:<6}{_value(projection.path.get(year), unit):>16}"
                     f"{_value(projection.targets.get(year), unit):>18}")
    lines += ["", f"Brecha 2030: {format_signed(projection.gap_2030, unit)}",
              f"Se alcanza la meta 2030: {_reach(projection)}",
              f"Ritmo requerido: {pace_text(projection.pace_required, projection.unit)}"]
    return "\n".join(lines)
