"""Each action's milestone (Hito) and whether progress data show it reached.

The progress workbook (design §4) has no milestone column, so a milestone is judged from the reports
of the action's activities:

- *reached, every year*: each activity of the action is Completada for every year it is scheduled;
- *reached, marked*: each activity is Completada for its **last** scheduled year. A unit that
  reports an activity Completada for its final year declares that activity's work done; when every
  activity of the action is so declared, the milestone is read as marked reached, even if an
  earlier year was left without a report.

Otherwise the milestone is *overdue* (some activity-year before the reference year is not
Completada), *in progress* (some report says Completada or En proceso) or *pending*.
"""

from __future__ import annotations

import pandas as pd

from hdras.plan import queries as plan_queries
from hdras.core.frames import filter_rows
from hdras.core.messages import msg
from hdras.activities.schedule import OVERDUE_ICON, STATUS_STYLES, StatusStyle

MILESTONE_STYLES = {
    "reached": StatusStyle("reached", "✓", "#009E73", "milestone"),
    "in_progress": StatusStyle("in_progress", "◐", "#0072B2", "milestone"),
    "overdue": StatusStyle("overdue", "⚠", "#D55E00", "milestone"),
    "pending": StatusStyle("pending", "○", "#7F7F7F", "milestone"),
}


def milestone_status(rows: pd.DataFrame, reference_year: int) -> pd.DataFrame:
    """One row per action: its milestone, activity-year counts, status and the rule that applied.

    Parameters: ``rows`` from ``schedule.planned_rows`` (all years); ``reference_year`` is the year
    under analysis (years before it are past).
    Returns action_code, action_title, objective_code, line_code, milestone, action_responsible,
    activities, activity_years, completed_years, expected_year (the action's last scheduled year),
    every_year, last_year (both bool), overdue_years, status (a MILESTONE_STYLES key), rule and
    pending (the activity-years not yet Completada).
    """
    rows = rows.assign(done=rows["category"].eq("completed"),
                       moving=rows["category"].isin(["completed", "in_progress"]),
                       late=rows["year"].lt(reference_year) & rows["category"].ne("completed"))
    last = rows[rows["year"].eq(rows.groupby("activity_code")["year"].transform("max"))]
    last_done = last.groupby("action_code")["done"].all()
    per = rows.groupby("action_code", sort=False).agg(
        action_title=("action_title", "first"), objective_code=("objective_code", "first"),
        line_code=("line_code", "first"), milestone=("milestone", "first"),
        action_responsible=("action_responsible", "first"),
        activities=("activity_code", "nunique"), activity_years=("activity_code", "size"),
        completed_years=("done", "sum"), expected_year=("year", "max"),
        every_year=("done", "all"), moving=("moving", "any"), overdue_years=("late", "sum"))
    per["last_year"] = last_done.reindex(per.index).fillna(False).astype(bool)
    per["status"] = [_status(r) for r in per.itertuples()]
    per["rule"] = [_rule(r) for r in per.itertuples()]
    per["pending"] = _pending_text(rows).reindex(per.index).fillna("")
    per = per.drop(columns="moving").reset_index()
    for col in ("completed_years", "overdue_years"):
        per[col] = per[col].astype(int)
    return plan_queries.sort_by_code(per, "action_code")


def _status(r) -> str:
    if r.every_year or r.last_year:
        return "reached"
    if r.overdue_years:
        return "overdue"
    return "in_progress" if r.moving else "pending"


def _rule(r) -> str:
    if r.every_year:
        return msg("milestone.rule_every_year")
    if r.last_year:
        return msg("milestone.rule_last_year")
    return ""


def _pending_text(rows: pd.DataFrame) -> pd.Series:
    """Per action: 'código año (estado)' of each activity-year not yet Completada."""
    open_rows = rows[~rows["done"]]
    text = open_rows["activity_code"] + " " + open_rows["year"].astype(str) + " (" + open_rows[
        "display_status"].map(lambda k: STATUS_STYLES[k].tag) + ")"
    return text.groupby(open_rows["action_code"]).agg(" · ".join)


def milestone_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many milestones are in each status (every key present)."""
    counts = table["status"].value_counts()
    return {key: int(counts.get(key, 0)) for key in MILESTONE_STYLES}


def milestone_display(table: pd.DataFrame) -> pd.DataFrame:
    """``milestone_status`` with Spanish headers for the Hitos page."""
    return pd.DataFrame({
        "Acción": table["action_code"],
        "Estado": table["status"].map(lambda k: MILESTONE_STYLES[k].tag),
        "Hito": table["milestone"].fillna("—"),
        "Años-actividad completados": table["completed_years"].astype(str) + " de "
                                      + table["activity_years"].astype(str),
        "Año previsto": table["expected_year"],
        "Cómo se alcanzó": table["rule"].replace("", None),
        "Responsable": table["action_responsible"],
        "Pendiente": table["pending"].replace("", None),
        "Título de la acción": table["action_title"],
    })


def action_detail(rows: pd.DataFrame, action_code: str, reference_year: int) -> pd.DataFrame:
    """The action's activities, one line per scheduled year, with the status reported for it."""
    own = rows[rows["action_code"].eq(action_code)]
    rank = {c: i for i, c in enumerate(sorted(own["activity_code"].unique(),
                                              key=plan_queries.code_sort_key))}
    own = own.assign(rank=own["activity_code"].map(rank)).sort_values(["rank", "year"])
    late = own["year"].lt(reference_year) & own["category"].ne("completed")
    return pd.DataFrame({
        "Actividad": own["activity_code"], "Título": own["title"], "Año": own["year"].astype(str),
        "Estado": own["display_status"].map(lambda k: STATUS_STYLES[k].tag),
        "Vencida": late.map({True: f"{OVERDUE_ICON} Sí", False: "No"}),
        "Comentario": own["comment"],
    }).reset_index(drop=True)


def filter_milestones(table: pd.DataFrame, statuses: list[str] | None = None,
                      objectives: list[str] | None = None,
                      actions: list[str] | None = None) -> pd.DataFrame:
    """Rows of ``milestone_status`` with one of ``statuses``, objectives and action codes."""
    return filter_rows(table, {"status": statuses or None, "objective_code": objectives or None,
                               "action_code": actions or None})
