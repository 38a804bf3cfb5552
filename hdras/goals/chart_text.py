"""The Spanish description of each goal chart, written from the same series and frames the chart
draws (``hdras.goals.charts`` sets it as the chart's description, its accessible name): for
someone who cannot see the trajectory of Meta 2, «Meta 2: línea base 4 % en 2024, meta 2030 20 %,
último dato 6.25 % en 2025; requiere aceleración».
"""

from __future__ import annotations

import re

import pandas as pd

from hdras.core import config
from hdras.core.chart_text import lower_first, no_data, spanish_list
from hdras.core.formatting import format_number, format_value
from hdras.core.messages import msg
from hdras.goals.series import GoalSeries, goal_label
from hdras.goals.status import evaluate_series

_SOURCE_PREFIX = re.compile(r"^Meta 4\.\d\s*")  # 'Meta 4.1 Biogás' → 'Biogás'


def _value(value, unit: str) -> str:
    return format_value(None if value is None or pd.isna(value) else float(value), unit)


def describe_trajectory(series: GoalSeries, year: int) -> str:
    """Baseline, 2030 target, the latest value reported up to ``year`` and its status (design
    §5), or that nothing has been reported yet."""
    status = evaluate_series(series, year)
    common = {"label": series.label, "baseline": _value(series.baseline, series.unit),
              "base_year": config.BASELINE_YEAR, "final_year": config.FINAL_YEAR,
              "final": _value(series.target_2030, series.unit)}
    if status.latest_year is None:
        return msg("describe.trajectory_no_data", year=year, **common)
    report = series.reports[status.latest_year]
    return msg("describe.trajectory", latest=_value(report.value, series.unit),
               latest_year=status.latest_year,
               demo=msg("describe.demo") if report.is_demo else "",
               status=lower_first(status.category.label), **common)


def _first_last(years: pd.Series, values: pd.Series) -> tuple | None:
    known = values.notna()
    if not known.any():
        return None
    years, values = years[known].astype(int).tolist(), values[known].tolist()
    return years[0], values[0], years[-1], values[-1]


def describe_total_flow(table: pd.DataFrame) -> str:
    """Meta 2's implied total flow: its range in the plan and the latest reported pair."""
    plan = _first_last(table["year"], table["total_plan"])
    if plan is None:
        return no_data(msg("chart.total_flow_title"))
    done = _first_last(table["year"], table["total_actual"])
    reported = (msg("describe.total_flow_actual", value=format_value(done[3], "m3/s", 1),
                    year=done[2]) if done else msg("describe.total_flow_no_actual"))
    return msg("describe.total_flow", first=format_value(plan[1], "m3/s", 1), first_year=plan[0],
               last=format_value(plan[3], "m3/s", 1), last_year=plan[2], reported=reported)


def describe_ptar(table: pd.DataFrame, total: int) -> str:
    """Meta 3 in plants: the whole PTAR the plan needs, first and last year, and the latest
    reported value in PTAR equivalents."""
    plan = _first_last(table["year"], table["ptar_needed"].astype("float64"))
    if plan is None:
        return no_data(msg("chart.ptar_title", total=total))
    done = table[table["pct_actual"].notna()]
    reported = msg("describe.no_actual")
    if not done.empty:
        last = done.iloc[-1]
        reported = msg("describe.ptar_actual", value=format_number(last["ptar_actual"], 1),
                       pct=format_value(last["pct_actual"], "%"), year=int(last["year"]))
    return msg("describe.ptar", total=total, first=format_number(plan[1]), first_year=plan[0],
               last=format_number(plan[3]), last_year=plan[2], reported=reported)


def describe_increments(parts: pd.DataFrame) -> str:
    """Meta 4.1 and 4.2: the new utilities the plan sets each year, their sum and what was
    reported, source by source."""
    texts = []
    for code, rows in parts.groupby("code", sort=True):
        plan = rows[rows["target"].notna()]
        if plan.empty:
            continue
        reported = rows[rows["actual"].notna()]
        texts.append(msg(
            "describe.increments_part", label=goal_label(code),
            source=_SOURCE_PREFIX.sub("", str(rows["source"].iloc[0])).lower(),
            plan=spanish_list(msg("describe.value_in_year", value=format_number(v), year=int(y))
                              for y, v in zip(plan["year"], plan["target"])),
            total=format_number(plan["target"].sum()),
            reported=msg("describe.reported", values=spanish_list(
                msg("describe.value_in_year", value=format_number(v), year=int(y))
                for y, v in zip(reported["year"], reported["actual"])))
            if not reported.empty else msg("describe.no_actual")))
    if not texts:
        return no_data(msg("chart.increments_title"))
    return msg("describe.increments", parts=". ".join(texts))
