"""What the Escenarios page shows, as plain frames and texts: metrics, year-by-year tables, the
summary of all goals, comparisons and the delay table. Everything is visible text (no hover needed)
and every status carries a label and an icon, not a colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from hdras.core import config
from hdras.core.formatting import unit_label
from hdras.core.messages import msg
from hdras.scenarios.delays import DelayOutcome
from hdras.scenarios.assumptions import DRIVER_UNITS, ScenarioParams
from hdras.scenarios.outcomes import GoalOutcome, evaluate, evaluate_goal
from hdras.scenarios.model import HEADLINE_GOALS, Projection, ScenarioInputs, StartPoint

PLAN_LABEL = "Meta del plan (Tabla 1)"
ACTUAL_LABEL = "Valor reportado"
SCENARIO_LABEL = "Escenario actual"
# Plain symbols (not emoji) so they show on any projector's fonts; always beside words.
REACHED_ICON, LATE_ICON, NEVER_ICON = "✓", "⚠", "✗"
NBSP = "\u00a0"  # keeps a number with its unit on one line in narrow table cells
UNIT_WORDS = {"%": f"p.{NBSP}p.", "m3/s": "m³/s", "EPS": "EPS", "PTAR": "PTAR"}


def goal_label(inputs: ScenarioInputs, goal: str) -> str:
    """'Meta 2 · Reúso de agua residual'."""
    return f"{goal.replace('M', 'Meta ')} · {inputs.series[goal].short_title}"


def number_text(value: float | None) -> str:
    """Up to two decimals, trailing zeros dropped: '20.02', '15.95', '20', '—'."""
    if value is None:
        return "—"
    return f"{round(value, 2) + 0.0:,.2f}".replace(",", " ").rstrip("0").rstrip(".")


def value_text(value: float | None, unit: str) -> str:
    """'20 %', '15.95 m³/s', '25.8 PTAR', '—'."""
    number = number_text(value)
    return number if number == "—" else f"{number}{NBSP}{unit_label(unit)}"


def signed_text(value: float | None, unit: str) -> str:
    """'+0.5 p. p.', '−3 EPS', '0 m³/s' (a difference, with its unit word)."""
    if value is None:
        return "—"
    value = round(value, 2)
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number_text(abs(value))}{NBSP}{UNIT_WORDS.get(unit, unit_label(unit))}"


def reach_text(projection: Projection) -> str:
    """When the 2030 target is reached, with an icon: on time, late, or not before 2050."""
    year = projection.year_reached
    if projection.target_2030 is None:
        return "—"
    if year is None:
        return f"{NEVER_ICON} No antes de 2050"
    if year <= config.FINAL_YEAR:
        return f"{REACHED_ICON} En {year}"
    return f"{LATE_ICON} En {year} (después de 2030)"


def pace_text(projection: Projection, unit: str | None = None) -> str:
    """'1.32 p. p. por año' — what it takes from the start to meet the 2030 target."""
    pace = projection.pace_required
    if pace is None:
        return "—"
    return f"{signed_text(pace, unit or projection.unit)}/año"


def rate_text(model: str, rate: float, unit: str) -> str:
    """The assumption in words: '+2.13 m³/s por año' or '+8 % por año'."""
    if model == "growth":
        return f"{'+' if rate > 0 else ''}{number_text(rate)}{NBSP}%/año"
    return f"{signed_text(rate, unit)}/año"


def start_text(start: StartPoint, unit: str) -> str:
    """Where the projection starts, in a sentence."""
    key = {"actual": "scenario.start_actual", "reported_parts": "scenario.start_reported_parts",
           "derived": "scenario.start_derived"}.get(start.source, "scenario.start_baseline")
    return msg(key, year=start.year, value=value_text(start.value, unit))


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
    year = head.year_reached
    if head.target_2030 is None:
        reach, when = "—", ""
    elif year is None:
        reach, when = f"{NEVER_ICON} Después de 2050", "no la alcanza"
    elif year <= config.FINAL_YEAR:
        reach, when = f"{REACHED_ICON} {year}", "a tiempo"
    else:
        reach, when = f"{LATE_ICON} {year}", "después de 2030"
    gap_note = ("" if gap is None else "falta para la meta" if round(gap, 2) < 0
                else "en la meta" if round(gap, 2) == 0 else "por encima de la meta")
    pace_note = (f"= {pace_text(driver)}" if driver is not None and driver.pace_required
                 is not None else "")
    return [
        Metric("Proyección 2030", value_text(head.value_2030, head.unit),
               f"meta 2030: {value_text(head.target_2030, head.unit)}"),
        Metric("Brecha 2030", signed_text(gap, head.unit), gap_note,
               "Proyección 2030 − meta 2030; negativa: falta."),
        Metric("Se alcanza la meta 2030", reach, when,
               "Primer año después del punto de partida en que la proyección llega a la meta "
               "2030 (se proyecta hasta 2050)."),
        Metric("Ritmo requerido", pace_text(head), pace_note,
               "(Meta 2030 − punto de partida) ÷ años que faltan hasta 2030."),
    ]


def chart_frame(outcome: GoalOutcome, inputs: ScenarioInputs) -> pd.DataFrame:
    """Long frame for the goal chart: plan targets, reported values and the projection to 2030."""
    head = outcome.headline
    series = inputs.series[head.goal]
    rows = [(y, v, PLAN_LABEL) for y, v in sorted(head.targets.items()) if v is not None]
    rows += [(y, v, ACTUAL_LABEL) for y, v in sorted(series.actuals.items())]
    rows += [(y, v, SCENARIO_LABEL) for y, v in sorted(head.path.items())
             if y <= config.FINAL_YEAR]
    frame = pd.DataFrame(rows, columns=["year", "value", "serie"])
    frame["label"] = [value_text(v, head.unit) for v in frame["value"]]
    return frame


def year_table(outcome: GoalOutcome, inputs: ScenarioInputs) -> pd.DataFrame:
    """Year by year: the plan's target, the reported value and the scenario (and its driver)."""
    head, driver = outcome.headline, outcome.driver
    actuals = inputs.series[head.goal].actuals
    unit = unit_label(head.unit)
    years = range(config.BASELINE_YEAR, config.FINAL_YEAR + 1)
    table = {"Año": [str(y) for y in years],
             f"Meta del plan ({unit})": [value_text(head.targets.get(y), head.unit) for y in years],
             f"Reportado ({unit})": [value_text(actuals.get(y), head.unit) for y in years],
             f"Escenario ({unit})": [value_text(head.path.get(y), head.unit) for y in years]}
    if driver is not None:
        word = unit_label(driver.unit)
        table[f"Plan en {word}"] = [value_text(driver.targets.get(y), driver.unit) for y in years]
        table[f"Escenario en {word}"] = [value_text(driver.path.get(y), driver.unit)
                                         for y in years]
    return pd.DataFrame(table)


def summary_table(inputs: ScenarioInputs, outcomes: Mapping[str, GoalOutcome],
                  params: ScenarioParams) -> pd.DataFrame:
    """The six goals under the scenario: start, assumption, 2030 value, target, gap, reach."""
    rows = []
    for goal in HEADLINE_GOALS:
        head = outcomes[goal].headline
        rows.append({
            "Meta": goal_label(inputs, goal),
            "Parte de": f"{value_text(head.start.value, head.unit)} ({head.start.year})",
            "Supuesto": assumption_text(params, goal),
            "Proyección 2030": value_text(head.value_2030, head.unit),
            "Meta 2030": value_text(head.target_2030, head.unit),
            "Brecha 2030": signed_text(head.gap_2030, head.unit),
            "¿Cuándo se alcanza?": reach_text(head),
            "Ritmo requerido": pace_text(head),
        })
    return pd.DataFrame(rows)


def assumption_text(params: ScenarioParams, goal: str) -> str:
    """The scenario's assumption for one goal in a few words."""
    if goal == "M4":
        if params.m4_mode == "plan":
            return "Incrementos de Tabla 1"
        return (f"+{number_text(params.m4_biogas)} biogás y +{number_text(params.m4_other)} "
                "otras por año")
    setting = params.rates[goal]
    text = rate_text(setting.model, setting.rate, DRIVER_UNITS[goal])
    if goal == "M2":
        text += f"; total {number_text(params.total_flow)} m³/s"
    return text


def comparison_frame(inputs: ScenarioInputs, scenarios: Mapping[str, ScenarioParams],
                     goal: str) -> pd.DataFrame:
    """Long frame: the plan's targets and each scenario's path of ``goal`` up to 2030."""
    targets = inputs.series[goal].targets
    rows = [(y, v, PLAN_LABEL) for y, v in sorted(targets.items()) if v is not None]
    for name, params in scenarios.items():
        path = evaluate_goal(inputs, params, goal).headline.path
        rows += [(y, v, name) for y, v in sorted(path.items()) if y <= config.FINAL_YEAR]
    frame = pd.DataFrame(rows, columns=["year", "value", "serie"])
    frame["label"] = [value_text(v, inputs.series[goal].unit) for v in frame["value"]]
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


def comparison_table(inputs: ScenarioInputs,
                     scenarios: Mapping[str, ScenarioParams]) -> pd.DataFrame:
    """One row per scenario (and the plan): each goal's 2030 value with its gap and reach icon."""
    rows = [{"Escenario": PLAN_LABEL, **{
        goal_label(inputs, g): value_text(inputs.series[g].target_2030, inputs.series[g].unit)
        for g in HEADLINE_GOALS}}]
    for name, params in scenarios.items():
        outcomes = evaluate(inputs, params)
        row = {"Escenario": name}
        for goal in HEADLINE_GOALS:
            head = outcomes[goal].headline
            icon = REACHED_ICON if (head.year_reached or 9999) <= config.FINAL_YEAR else LATE_ICON
            row[goal_label(inputs, goal)] = (f"{icon} {value_text(head.value_2030, head.unit)} "
                                             f"({signed_text(head.gap_2030, head.unit)})")
        rows.append(row)
    return pd.DataFrame(rows)


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
    series = inputs.series[projection.goal]
    unit = projection.unit
    model = "lineal" if projection.model == "linear" else "crecimiento"
    lines = [f"{projection.goal} · {series.short_title} — modelo {model}, "
             f"{rate_text(projection.model, projection.rate, unit)}",
             start_text(projection.start, unit), "",
             f"{'Año':<6}{'Proyección':>16}{'Meta del plan':>18}"]
    for year in range(projection.start.year, config.FINAL_YEAR + 1):
        lines.append(f"{year:<6}{value_text(projection.path.get(year), unit):>16}"
                     f"{value_text(projection.targets.get(year), unit):>18}")
    lines += ["", f"Brecha 2030: {signed_text(projection.gap_2030, unit)}",
              f"Se alcanza la meta 2030: {reach_text(projection)}",
              f"Ritmo requerido: {pace_text(projection)}"]
    return "\n".join(lines)
