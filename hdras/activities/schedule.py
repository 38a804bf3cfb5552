"""Activities against the schedule: what each year plans, what was reported, what is overdue.

Counting rules (design §5), in one place:

- *planned for year y*: activities with an X in a period of y (2025: 2025-I or 2025-II). An activity
  marked in both 2025 semesters is one planned activity for 2025.
- *current status for y*: the newest report for (activity, y) among active batches (view
  ``current_activity_progress``). A report for a year the activity is not planned in never counts.
- each planned activity falls in exactly one category: ``completed`` (Completada), ``in_progress``
  (En proceso), ``rescheduled`` (Reprogramada), ``not_started`` (No iniciada, or nothing reported);
  so the four add up to planned.
- *overdue* with reference year R: planned in a year before R and its status for that year is not
  Completada. The reference is the year under analysis, not today's date, so a meeting that
  reviews a year sees the same figures whatever the day.

The SQL only joins plan rows to their reports; the counting is plain pandas over those rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from hdras.core import config
from hdras.plan import queries as plan_queries
from hdras.core.frames import filter_rows
from hdras.core.messages import msg

CATEGORIES = ("completed", "in_progress", "rescheduled", "not_started")
STATE_CATEGORY = {"Completada": "completed", "En proceso": "in_progress",
                  "Reprogramada": "rescheduled", "No iniciada": "not_started"}
# Display statuses: the four categories, with "nothing reported" told apart from "No iniciada".
DISPLAY_STATUSES = ("completed", "in_progress", "rescheduled", "not_started", "no_report")
GROUP_HEADERS = {"objective": "Objetivo", "line": "Línea de acción", "unit": "Unidad responsable"}


@dataclass(frozen=True)
class StatusStyle:
    """How a status is shown: never colour alone, always a label and an icon with it.

    ``catalogue`` is the prefix of its Spanish label in hdras.core.messages ('activity.completed',
    'milestone.reached')."""
    key: str
    icon: str
    colour: str
    catalogue: str = "activity"

    @property
    def label(self) -> str:
        return msg(f"{self.catalogue}.{self.key}")

    @property
    def tag(self) -> str:
        """'✓ Completada': the form used in legends, tables and filters."""
        return f"{self.icon} {self.label}"


# Okabe–Ito colours (safe for colour-blind readers); greys for "not started" and "no report".
STATUS_STYLES = {
    "completed": StatusStyle("completed", "✓", "#009E73"),
    "in_progress": StatusStyle("in_progress", "◐", "#0072B2"),
    "rescheduled": StatusStyle("rescheduled", "↻", "#E69F00"),
    "not_started": StatusStyle("not_started", "○", "#7F7F7F"),
    "no_report": StatusStyle("no_report", "–", "#D9D9D9"),
}
OVERDUE_ICON = "⚠"

_PLAN_ROWS_SQL = """
    SELECT p.activity_code, p.year, p.periods,
           h.objective_code, h.objective_title, h.line_code, h.line_title,
           h.action_code, h.action_title, h.milestone, h.action_responsible,
           h.title, h.responsible, h.participants,
           c.status AS reported_status, c.achieved, c.evidence, c.comment, c.batch_id,
           coalesce(c.is_demo, false) AS is_demo,
           g.target, g.target_text,
           s1.target_text AS semester_i_text, s2.target_text AS semester_ii_text
    FROM activity_years p
    JOIN activity_hierarchy h ON h.code = p.activity_code
    LEFT JOIN current_activity_progress c ON c.activity_code = p.activity_code AND c.year = p.year
    LEFT JOIN activity_targets g ON g.activity_code = p.activity_code AND g.year = p.year
    LEFT JOIN semester_targets s1
           ON p.year = 2025 AND s1.activity_code = p.activity_code AND s1.semester = 'I'
    LEFT JOIN semester_targets s2
           ON p.year = 2025 AND s2.activity_code = p.activity_code AND s2.semester = 'II'
"""


def planned_rows(con: duckdb.DuckDBPyConnection, year: int | None = None) -> pd.DataFrame:
    """One row per (activity, planned year) with its current report, target and plan context.

    Parameters: ``year`` restricts to one year (None: every year 2025–2030).
    Returns columns of the plan hierarchy, ``reported_status`` (None when nothing was reported),
    ``category`` (one of CATEGORIES), ``display_status`` (DISPLAY_STATUSES), ``achieved``,
    ``target`` (NULL when the plan's target is not a number) and the 2025 semester target texts.
    """
    sql = _PLAN_ROWS_SQL + (" WHERE p.year = ?" if year is not None else "")
    frame = con.execute(sql, [year] if year is not None else []).df()
    frame["periods"] = frame["periods"].map(list)
    frame["category"] = frame["reported_status"].map(STATE_CATEGORY).fillna("not_started")
    frame["display_status"] = frame["category"].where(frame["reported_status"].notna(),
                                                      "no_report")
    return plan_queries.sort_by_code(frame, "activity_code").sort_values(
        "year", kind="stable").reset_index(drop=True)


def count_categories(rows: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Planned and the four categories, overall or per value of ``by`` (a column of ``rows``).

    Each row of ``rows`` is one planned (activity, year); pass rows of one year for yearly figures.
    Returns columns [by,] planned, completed, in_progress, rescheduled, not_started (integers).
    """
    counts = pd.crosstab(rows[by] if by else pd.Series("total", index=rows.index),
                         rows["category"]).reindex(columns=list(CATEGORIES), fill_value=0)
    counts.insert(0, "planned", counts.sum(axis=1))
    counts = counts.astype(int).rename_axis(by or "scope").reset_index()
    counts.columns.name = None
    return counts


def explode_units(rows: pd.DataFrame, column: str = "responsible") -> pd.DataFrame:
    """One row per named unit: an activity with 'DGAA, DGPRCS' counts for each of both units."""
    units = rows[column].map(plan_queries.split_units)
    return rows.assign(unit=units).explode("unit").dropna(subset=["unit"]).reset_index(drop=True)


def codes_by_unit(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Each responsible unit named in ``rows`` and its activity codes, units in name order."""
    units = explode_units(rows)
    return {unit: sorted(set(codes), key=plan_queries.code_sort_key)
            for unit, codes in sorted(units.groupby("unit")["activity_code"], key=lambda g:
                                      g[0].casefold())}


def activity_summary(con: duckdb.DuckDBPyConnection, year: int) -> dict:
    """The "activities" part of ``status --json`` (design §3) for ``year``.

    Returns {"planned", "completed", "in_progress", "rescheduled", "not_started", "by_objective":
    [{"objective_code", "planned", …}]} with every objective of the plan listed, in plan order.
    """
    rows = planned_rows(con, year)
    codes = sorted((r[0] for r in con.execute("SELECT code FROM objectives").fetchall()),
                   key=plan_queries.code_sort_key)
    by_objective = [{"objective_code": code} | summary_counts(rows[rows["objective_code"].eq(code)])
                    for code in codes]
    return summary_counts(rows) | {"by_objective": by_objective}


def breakdown(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Counts for one year per objective ('objective'), line ('line') or responsible unit ('unit').

    Adds ``group`` (code or unit), ``group_title`` and ``completion`` (completed / planned).
    """
    if by == "unit":
        counts = count_categories(explode_units(rows), "unit").rename(columns={"unit": "group"})
        counts["group_title"] = counts["group"]
        counts = counts.sort_values(["planned", "group"], ascending=[False, True])
    else:
        code, title = f"{by}_code", f"{by}_title"
        counts = count_categories(rows, code).rename(columns={code: "group"})
        titles = rows.drop_duplicates(code).set_index(code)[title]
        counts["group_title"] = counts["group"].map(titles)
        counts = plan_queries.sort_by_code(counts, "group")
    counts["completion"] = counts["completed"] / counts["planned"]
    return counts.reset_index(drop=True)


def completion_by_year(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Planned and the four categories for each year 2025–2030 (years without plan rows give 0)."""
    rows = planned_rows(con)
    counts = count_categories(rows, "year") if len(rows) else pd.DataFrame(columns=["year"])
    frame = pd.DataFrame({"year": list(config.PLAN_YEARS)}).merge(counts, on="year", how="left")
    frame = frame.fillna(0)
    for key in ("planned",) + CATEGORIES:
        frame[key] = frame[key].astype(int)
    semesters = con.execute("SELECT semester, count(DISTINCT activity_code) FROM semester_targets "
                            "GROUP BY semester").fetchall()
    by_semester = dict(semesters)
    frame["semester_targets"] = frame["year"].map(
        lambda y: msg("schedule.semester_counts", first=by_semester.get("I", 0),
                      second=by_semester.get("II", 0)) if y == config.PLAN_YEARS[0] else "—")
    return frame


def target_summary(rows: pd.DataFrame) -> dict[str, int]:
    """Of one year's planned rows: how many have a numeric target, a reported avance, reach it."""
    numeric = rows[rows["target"].notna()]
    reported = numeric[numeric["achieved"].notna()]
    return {"with_target": len(numeric), "reported": len(reported),
            "reached": int((reported["achieved"] >= reported["target"]).sum())}


def year_detail(rows: pd.DataFrame) -> pd.DataFrame:
    """One year's planned activities as the Avance page lists them (Spanish headers)."""
    frame = pd.DataFrame({
        "Código": rows["activity_code"], "Actividad": rows["title"],
        "Responsable": rows["responsible"],
        "Estado": rows["display_status"].map(lambda k: STATUS_STYLES[k].tag),
        "Avance": rows["achieved"], "Meta": rows["target"],
        "Meta (texto del plan)": rows["target_text"],
        "Logro": rows["achieved"] / rows["target"].where(rows["target"] > 0),
        "Comentario": rows["comment"],
    })
    if rows["year"].eq(config.PLAN_YEARS[0]).all() and len(rows):
        frame.insert(7, "Meta sem. I (2.3)", rows["semester_i_text"])
        frame.insert(8, "Meta sem. II (2.3)", rows["semester_ii_text"])
    return frame.reset_index(drop=True)


def completion_matrix(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """'completed/planned' for every group and year (all years' ``rows``); '—' where none planned.

    ``by`` is 'objective', 'line' or 'unit'; the first column is headed as in GROUP_HEADERS.
    """
    if by == "unit":
        rows, column = explode_units(rows), "unit"
    else:
        column = f"{by}_code"
    table = rows.assign(done=rows["category"].eq("completed")).groupby([column, "year"]).agg(
        planned=("activity_code", "size"), completed=("done", "sum")).reset_index()
    table["cell"] = table["completed"].astype(int).astype(str) + "/" + table["planned"].astype(str)
    wide = table.pivot(index=column, columns="year", values="cell").reindex(
        columns=list(config.PLAN_YEARS)).fillna("—")
    wide.columns = [str(y) for y in wide.columns]
    wide = wide.rename_axis(column).reset_index()
    wide = wide if by == "unit" else plan_queries.sort_by_code(wide, column)
    return wide.rename(columns={column: GROUP_HEADERS[by]})


def overdue_rows(rows: pd.DataFrame, reference_year: int) -> pd.DataFrame:
    """Planned (activity, year) rows before ``reference_year`` not Completada for that year."""
    mask = rows["year"].lt(reference_year) & rows["category"].ne("completed")
    return rows[mask].reset_index(drop=True)


def overdue_list(rows: pd.DataFrame, reference_year: int, unit: str | None = None) -> pd.DataFrame:
    """One line per overdue activity (Spanish headers), its overdue years and their statuses.

    Parameters: ``rows`` from ``planned_rows`` (all years); ``unit`` keeps the activities that name
    that responsible unit.
    """
    late = overdue_rows(rows, reference_year)
    if unit:
        late = late[late["responsible"].map(lambda t: unit in plan_queries.split_units(t))]
    late = late.assign(year_status=late["year"].astype(str) + " (" + late["display_status"].map(
        lambda k: STATUS_STYLES[k].tag) + ")")
    grouped = late.groupby("activity_code", sort=False).agg(
        title=("title", "first"), responsible=("responsible", "first"),
        action_code=("action_code", "first"), years=("year_status", " · ".join),
        count=("year", "size"), comment=("comment", lambda c: " | ".join(c.dropna().astype(str))))
    grouped = plan_queries.sort_by_code(grouped.reset_index(), "activity_code")
    return pd.DataFrame({
        "Código": grouped["activity_code"], "Actividad": grouped["title"],
        "Responsable": grouped["responsible"], "Acción": grouped["action_code"],
        "Años vencidos (estado reportado)": grouped["years"], "N.º de años": grouped["count"],
        "Comentarios": grouped["comment"].replace("", None),
    })


def unit_scorecard(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per responsible unit: planned and categories in ``year``, overdue before it, plan total.

    Returns columns unit, planned, completed, in_progress, rescheduled, not_started, completion,
    overdue_activities (distinct activities with an overdue year), overdue_years (activity-years)
    and plan_activities (distinct activities of the unit in the whole plan), largest first.
    """
    units = explode_units(rows)
    if units.empty:
        return pd.DataFrame(columns=["unit", "planned", *CATEGORIES, "completion",
                                     "overdue_activities", "overdue_years", "plan_activities"])
    in_year = units[units["year"].eq(year)]
    counts = count_categories(in_year, "unit") if len(in_year) else pd.DataFrame(columns=["unit"])
    late = overdue_rows(units, year).groupby("unit").agg(
        overdue_activities=("activity_code", "nunique"), overdue_years=("activity_code", "size"))
    total = units.groupby("unit")["activity_code"].nunique().rename("plan_activities")
    card = total.to_frame().join(late).reset_index().merge(counts, on="unit", how="left")
    for key in ("planned", *CATEGORIES, "overdue_activities", "overdue_years"):
        card[key] = card[key].fillna(0).astype(int)
    card["completion"] = card["completed"] / card["planned"].where(card["planned"] > 0)
    order = ["unit", "planned", *CATEGORIES, "completion", "overdue_activities", "overdue_years",
             "plan_activities"]
    return card[order].sort_values(["plan_activities", "unit"], ascending=[False, True]
                                   ).reset_index(drop=True)


def scorecard_display(card: pd.DataFrame, year: int) -> pd.DataFrame:
    """``unit_scorecard`` with Spanish headers for a table."""
    return pd.DataFrame({
        "Unidad responsable": card["unit"], f"Programadas {year}": card["planned"],
        "Completadas": card["completed"], "En proceso": card["in_progress"],
        "Reprogramadas": card["rescheduled"], "No iniciadas / sin reporte": card["not_started"],
        "% completadas": card["completion"] * 100,
        f"Vencidas antes de {year} (actividades)": card["overdue_activities"],
        "Años vencidos": card["overdue_years"],
        "Actividades en el plan": card["plan_activities"],
    })


def activity_overview(table: pd.DataFrame, rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """``plan_queries.activity_table`` plus each activity's status in ``year`` and overdue years.

    ``status_in_year`` is a display status, or 'not_planned' when the activity has no X in ``year``.
    """
    in_year = rows[rows["year"].eq(year)].set_index("activity_code")["display_status"]
    late = overdue_rows(rows, year).groupby("activity_code")["year"].agg(list)
    return table.assign(status_in_year=table["code"].map(in_year).fillna("not_planned"),
                        overdue_years=table["code"].map(late).map(
                            lambda v: v if isinstance(v, list) else []))


def filter_by_status(overview: pd.DataFrame, statuses: list[str] | None) -> pd.DataFrame:
    """Rows of ``activity_overview`` whose status in the analysed year is one of ``statuses``."""
    return filter_rows(overview, {"status_in_year": statuses or None})


def schedule_cells(rows: pd.DataFrame, reference_year: int,
                   codes: list[str] | pd.Series | None = None) -> pd.DataFrame:
    """One row per X mark of the schedule (activity, period), coloured by the status of its year.

    Both 2025 semesters of an activity show its 2025 status. ``overdue`` marks cells of years before
    ``reference_year`` that are not Completada. ``codes`` keeps only those activities.
    """
    if codes is not None:
        rows = rows[rows["activity_code"].isin(list(codes))]
    cells = rows.explode("periods").rename(columns={"periods": "period"})
    cells = cells[cells["period"].notna()].copy()
    cells["period_index"] = cells["period"].map({p: i for i, p in enumerate(config.PERIODS)})
    cells["overdue"] = cells["year"].lt(reference_year) & cells["category"].ne("completed")
    cells["status_label"] = cells["display_status"].map(lambda k: STATUS_STYLES[k].tag)
    cells["icon"] = cells["display_status"].map(lambda k: STATUS_STYLES[k].icon) + cells[
        "overdue"].map({True: " " + OVERDUE_ICON, False: ""})
    order = {c: i for i, c in enumerate(sorted(cells["activity_code"].unique(),
                                               key=plan_queries.code_sort_key))}
    cells["order"] = cells["activity_code"].map(order)
    return cells.sort_values(["order", "period_index"]).reset_index(drop=True)


def status_options() -> dict[str, str]:
    """Filter choices: display status key → '✓ Completada', plus 'not_planned'."""
    return {key: style.tag for key, style in STATUS_STYLES.items()} | {
        "not_planned": msg("activity.not_planned")}


def select_rows(rows: pd.DataFrame, codes: list[str] | pd.Series | None = None,
                year: int | None = None) -> pd.DataFrame:
    """Rows of ``planned_rows`` for activities ``codes`` (None: all) and ``year`` (None: all)."""
    return filter_rows(rows, {"activity_code": codes,
                              "year": None if year is None else [year]})


def summary_counts(rows: pd.DataFrame) -> dict[str, int]:
    """Planned and the four categories of ``rows`` as a dict (zeros when ``rows`` is empty)."""
    if rows.empty:
        return {key: 0 for key in ("planned", *CATEGORIES)}
    total = count_categories(rows).iloc[0]
    return {key: int(total[key]) for key in ("planned", *CATEGORIES)}


def _counts_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    planned = frame["planned"].where(frame["planned"] > 0)
    return {"Programadas": frame["planned"],
            **{STATUS_STYLES[k].tag: frame[k] for k in CATEGORIES},
            "% completadas": frame["completed"] * 100 / planned}


def by_year_display(by_year: pd.DataFrame) -> pd.DataFrame:
    """``completion_by_year`` with Spanish headers, the 2025 semester targets beside 2025."""
    return pd.DataFrame({"Año": by_year["year"].astype(str), **_counts_columns(by_year),
                         "Metas semestrales 2025 (sección 2.3)": by_year["semester_targets"]})


def breakdown_display(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    """``breakdown`` with Spanish headers."""
    frame = {GROUP_HEADERS[by]: counts["group"]}
    if by != "unit":
        frame["Título"] = counts["group_title"]
    return pd.DataFrame(frame | _counts_columns(counts))
