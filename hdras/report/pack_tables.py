"""The pack's tables as frames with Spanish headers and text cells: goal names instead of codes,
values with their units, statuses with their icons, the plan's footnotes next to its numbers."""

from __future__ import annotations

import re

import pandas as pd

from hdras.activities.milestones import MILESTONE_STYLES
from hdras.activities.schedule import CATEGORIES as ACTIVITY_CATEGORIES, STATUS_STYLES
from hdras.core import config
from hdras.core.formatting import MISSING, format_number, format_percent, format_ratio, format_value
from hdras.core.messages import msg
from hdras.goals.series import GoalSet
from hdras.goals.status import CATEGORIES
from hdras.scenarios import tables as scenario_tables

_FOOTNOTE_MARK = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def cell(value) -> str:
    """One table cell as text: '—' when missing, whole numbers without '.0'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def plain_text(text: str) -> str:
    """A catalogue sentence without Markdown emphasis (the pack prints text, not Markdown)."""
    return text.replace("**", "")


def footnote_mark(text: str | None) -> str:
    """The plan's footnote mark in a cell of Tabla 1 ('2.8% ¹' → '¹'), else ''."""
    found = _FOOTNOTE_MARK.search(text or "")
    return found.group(0) if found else ""


def series_name(goal_set: GoalSet, code: str) -> str:
    """'Meta 2 · Reúso de agua residual'; a sub-series is indented under its goal."""
    series = goal_set[code]
    return ("↳ " if series.parent_code else "") + series.full_label


def plan_footnotes(goal_set: GoalSet) -> list[str]:
    """The plan's own footnotes (¹, ²) of Tabla 1, as the plan writes them."""
    return [s.footnote for s in goal_set.values()
            if isinstance(s.footnote, str) and s.footnote.startswith(("¹", "²"))]


def goals_table_frame(goal_set: GoalSet, table: pd.DataFrame,
                      year: int) -> tuple[pd.DataFrame, list[str]]:
    """The six goals (and their sub-series) for ``year``: status with its icon, baseline, T_Y
    (with the plan's footnote mark), A_Y, the latest actual, T_2030 and R; and the notes."""
    rows = []
    for r in table.itertuples():
        series = goal_set[r.code]
        mark = footnote_mark(series.target_texts.get(year))
        baseline = (format_value(r.baseline, r.unit) if r.baseline is not None
                    and not pd.isna(r.baseline) else series.target_texts.get(
                        config.BASELINE_YEAR, MISSING))
        latest = (msg("report.latest_value", value=format_value(r.latest_actual, r.unit),
                      year=int(r.latest_year)) if not pd.isna(r.latest_year)
                  else msg("report.latest_none"))
        rows.append({
            msg("report.col_goal"): series_name(goal_set, r.code),
            msg("report.col_status"): CATEGORIES[r.status].text(),
            msg("report.col_baseline"): baseline,
            msg("report.col_target", year=year): (format_value(r.target, r.unit)
                                                  + (f" {mark}" if mark else "")),
            msg("report.col_actual", year=year): format_value(r.actual, r.unit),
            msg("report.col_latest"): latest,
            msg("report.col_final"): format_value(r.target_final, r.unit),
            msg("report.col_ratio"): format_ratio(r.ratio)})
    return pd.DataFrame(rows), plan_footnotes(goal_set) + [msg("report.increment_note")]


def plan_table_frame(goal_set: GoalSet) -> pd.DataFrame:
    """Tabla 1 as the plan prints it: baseline 2024 and each year's target text (with ¹ ²)."""
    years = range(config.BASELINE_YEAR, config.FINAL_YEAR + 1)
    return pd.DataFrame([{msg("report.col_goal"): series_name(goal_set, code),
                          **{str(y): s.target_texts.get(y, MISSING) for y in years}}
                         for code, s in goal_set.items()])


def chart_heading(goal_set: GoalSet, key: str) -> str:
    """A slide's heading for one of the Metas page's figures."""
    special = {"M3-ptar": msg("chart.ptar_title", total=172),
               "M4": msg("chart.cumulative_title"),
               "M4-increments": msg("chart.increments_title")}
    return special.get(key) or goal_set[key].full_label


def _counts(frame: pd.DataFrame) -> dict[str, list]:
    planned = frame["planned"].where(frame["planned"] > 0)
    return {msg("report.col_planned"): frame["planned"].astype(int),
            **{STATUS_STYLES[k].tag: frame[k].astype(int) for k in ACTIVITY_CATEGORIES},
            msg("report.col_share"): [format_percent(v) for v in frame["completed"] / planned]}


def by_year_frame(by_year: pd.DataFrame) -> pd.DataFrame:
    """Planned activities and their four categories for each year 2025–2030."""
    return pd.DataFrame({msg("changes.col_year"): by_year["year"].astype(str), **_counts(by_year)})


def breakdown_frame(counts: pd.DataFrame) -> pd.DataFrame:
    """One year's activities per objective (code and title)."""
    return pd.DataFrame({msg("report.col_objective"): counts["group"] + " · "
                         + counts["group_title"].fillna(""), **_counts(counts)})


def scorecard_frame(card: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per responsible unit: the year's planned activities by status, share done, overdue."""
    frame = pd.DataFrame({msg("report.col_unit"): card["unit"], **_counts(card)})
    frame[msg("report.col_overdue")] = card["overdue_activities"].astype(int)
    return frame


def overdue_frame(late: pd.DataFrame) -> pd.DataFrame:
    """``schedule.overdue_list`` narrowed to what fits a page: code, title, unit, years."""
    return late[["Código", "Actividad", "Responsable", "Años vencidos (estado reportado)"]].rename(
        columns={"Años vencidos (estado reportado)": msg("report.col_years_late")})


def milestones_frame(reached: pd.DataFrame) -> pd.DataFrame:
    """Milestones reached: action, milestone, how it was reached, who is responsible."""
    return pd.DataFrame({
        msg("report.col_action"): reached["action_code"],
        msg("report.col_milestone"): reached["milestone"].fillna(MISSING),
        msg("report.col_how"): MILESTONE_STYLES["reached"].icon + " " + reached["rule"],
        msg("report.col_responsible"): reached["action_responsible"].fillna(MISSING)})


def scenario_frames(inputs, chosen: dict) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The chosen scenarios against the plan (one row per goal, one column per scenario) and each
    scenario's assumptions per goal."""
    wide = scenario_tables.comparison_table(inputs, chosen).set_index("Escenario").T
    comparison = wide.rename_axis(msg("report.col_goal")).reset_index()
    comparison.columns.name = None
    assumptions = {name: pd.DataFrame({
        msg("report.col_goal"): [inputs.goals[g].full_label for g in scenario_tables.HEADLINE_GOALS],
        msg("report.scenario_assumption"): [scenario_tables.assumption_text(params, g)
                                            for g in scenario_tables.HEADLINE_GOALS]})
        for name, params in chosen.items()}
    return comparison, assumptions
