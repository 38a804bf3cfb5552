"""The Spanish description of each activity chart (the schedule and the completion counts), written
from the frames the charts draw, and the schedule as a table for the «Ver datos» under the Gantt.
"""

from __future__ import annotations

import pandas as pd

from hdras.activities.schedule import CATEGORIES, OVERDUE_ICON, STATUS_STYLES
from hdras.core import config
from hdras.core.chart_text import category_counts_text, no_data
from hdras.core.formatting import period_label
from hdras.core.messages import msg


def _category_counts(row) -> dict[str, int]:
    """'Completada' → count, in the order of the legend (words without the icons, which a screen
    reader would read out as symbols)."""
    return {STATUS_STYLES[k].label: int(getattr(row, k)) for k in CATEGORIES}


def describe_gantt(cells: pd.DataFrame, reference_year: int) -> str:
    """How many activities and scheduled periods the Gantt shows, the status of the activities
    planned in ``reference_year`` and how many periods are overdue."""
    if cells.empty:
        return no_data(msg("describe.gantt_title"))
    year_cells = cells[cells["year"] == reference_year].drop_duplicates("activity_code")
    status = year_cells["display_status"].value_counts()
    counts = {STATUS_STYLES[k].label: int(status.get(k, 0)) for k in STATUS_STYLES}
    overdue = int(cells["overdue"].sum())
    return msg("describe.gantt", activities=cells["activity_code"].nunique(),
               first=period_label(config.PERIODS[0]), last=period_label(config.PERIODS[-1]),
               cells=len(cells), year=reference_year, planned=len(year_cells),
               counts=category_counts_text(counts),
               overdue=msg("describe.gantt_overdue", year=reference_year, count=overdue)
               if overdue else "")


def gantt_table(cells: pd.DataFrame) -> pd.DataFrame:
    """The Gantt as a table: one row per activity, one column per period with the status shown in
    that cell (⚠ when overdue); empty where the plan has no X."""
    if cells.empty:
        return pd.DataFrame()
    marks = cells.assign(text=cells["status_label"] + cells["overdue"].map(
        {True: f" {OVERDUE_ICON}", False: ""}))
    wide = marks.pivot_table(index=["order", "activity_code", "title"], columns="period",
                             values="text", aggfunc="first")
    wide = wide.reindex(columns=[p for p in config.PERIODS if p in wide.columns]).reset_index()
    wide = wide.drop(columns="order").fillna("")
    return wide.rename(columns={"activity_code": "Actividad", "title": "Título",
                                **{p: period_label(p) for p in config.PERIODS}})


def describe_completion_by_year(by_year: pd.DataFrame) -> str:
    """Each year's planned activities and how many fall in each category."""
    if by_year.empty or not by_year["planned"].any():
        return no_data(msg("describe.completion_years_title"))
    years = [msg("describe.planned_counts", label=int(r.year), planned=int(r.planned),
                 counts=category_counts_text(_category_counts(r)))
             for r in by_year.itertuples() if r.planned]
    return msg("describe.completion_years", years="; ".join(years))


def describe_breakdown(counts: pd.DataFrame, group_title: str) -> str:
    """Each group's (objective, line or unit) planned activities by category."""
    if counts.empty:
        return no_data(group_title)
    groups = [msg("describe.planned_counts", label=r.group, planned=int(r.planned),
                  counts=category_counts_text(_category_counts(r))) for r in counts.itertuples()]
    return msg("describe.breakdown", group=group_title.lower(), groups="; ".join(groups))
