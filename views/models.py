"""Read models: everything a page shows that depends only on the data (and the year, or a filter),
computed once per data version and shared by every session, in bounded caches.

Each model is cached on the data version (``common.data_version``: it changes with any import,
rollback, saved scenario, demo batch or change in data/). A model reads the database inside one
snapshot and first checks that the version there is the one it is cached under: if the data moved
in between, the model is not cached, and it is asked again under the new version. So a cached model
always holds the data of its version, and the next run after a change always shows the change.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from hdras.activities import chart_text as activity_text, charts as activity_charts, milestones
from hdras.activities import schedule
from hdras.core import db
from hdras.goals import charts as goal_charts, display, series as goals, status
from hdras.plan import queries as plan_queries
from hdras.progress import demo, preview, reporting, store
from hdras.report import changes
from hdras.scenarios import assumptions, model as scenario_model
from views import common
from views.charts import spec_of

ENTRIES = 16  # versions × years (or filters) kept per model: a few versions of six years


class _VersionMoved(Exception):
    """The data changed between reading the version and reading the data."""


@contextlib.contextmanager
def _snapshot(version: str | None) -> Iterator:
    """A read-only view of the database as of ``version`` (None: as it is, not to be cached)."""
    with common.database() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            if version is not None and version != f"{common.database_path()}|" \
                                                   f"{db.data_version(con)}":
                raise _VersionMoved
            yield con
        finally:
            con.execute("ROLLBACK")


def model(entries: int = ENTRIES) -> Callable:
    """Decorate ``build(con, *args)``: the page calls ``model_fn(*args)`` and gets it from the
    cache of the current data version (domain errors are shown in Spanish by the caller)."""
    def wrap(build: Callable) -> Callable:
        def cached(version: str, *args):
            with _snapshot(version) as con:
                return build(con, *args)
        # Streamlit keys a cache by the function's module and qualified name: one per model.
        cached.__qualname__ = f"{build.__qualname__}.cached"
        cached = st.cache_data(show_spinner=False, max_entries=entries)(cached)

        @functools.wraps(build)
        def call(*args):
            for _ in range(3):
                try:
                    return cached(common.data_version(), *args)
                except _VersionMoved:
                    continue
            with _snapshot(None) as con:  # data in constant motion: read it as it is
                return build(con, *args)
        call.cache = cached
        return call
    return wrap


@dataclass(frozen=True)
class Chart:
    """A chart ready to draw (``views.charts.draw``) and the frame of its numbers."""
    spec: dict
    data: pd.DataFrame | None = None


# --------------------------------------------------------------------------- plan and goals


@model()
def goal_set(con) -> goals.GoalSet:
    return goals.load(con)


@model()
def status_table(con, year: int) -> pd.DataFrame:
    return status.status_table(goals.load(con), year)


@model()
def resumen(con, year: int) -> dict:
    """The Resumen page: Tabla 1 for the year, the status of each series, activities, plan size."""
    table = status.status_table(goals.load(con), year)
    return {"overview": plan_queries.goals_overview(con, year),
            "status": table,
            "activities": schedule.activity_summary(con, year),
            "size": plan_queries.plan_size(con)}


@model()
def metas(con, year: int) -> dict:
    """The Metas page's status table and its display form."""
    goal_set_ = goals.load(con)
    table = status.status_table(goal_set_, year)
    return {"status": table, "display": display.display_table(table, year),
            "has_actuals": goal_set_.has_actuals}


@model(entries=ENTRIES * 3)
def goal_view(con, view: str, year: int) -> list[dict]:
    """One view of Metas: each figure's chart (ready to draw), CSV frame and notes."""
    return [{"key": f.key, "chart": Chart(spec_of(f.chart)), "data": f.data, "notes": f.notes}
            for f in goal_charts.build_view(view, goals.load(con), year)]


@model()
def activity_table(con) -> pd.DataFrame:
    return plan_queries.activity_table(con)


@model(entries=64)
def plan_tree(con, text: str, responsible: tuple, participants: tuple, periods: tuple) -> dict:
    """The Plan page's tree for one choice of search and filters."""
    table = plan_queries.activity_table(con)
    shown = plan_queries.filter_activities(table, text, list(responsible), list(participants),
                                           list(periods))
    return {"codes": shown["code"].tolist(), "tree": plan_queries.hierarchy(shown)}


@model(entries=64)
def activity_detail(con, code: str) -> plan_queries.ActivityDetail:
    return plan_queries.activity_detail(con, code)


# --------------------------------------------------------------------------- activities


@model()
def planned_rows(con) -> pd.DataFrame:
    return schedule.planned_rows(con)


@model()
def avance(con, year: int) -> dict:
    """The Avance page: every year, the year by objective, line and unit, matrices, detail."""
    rows = schedule.planned_rows(con)
    by_year = schedule.completion_by_year(con)
    year_rows = schedule.select_rows(rows, year=year)
    breakdowns = {}
    for by in ("objective", "line", "unit"):
        counts = schedule.breakdown(year_rows, by) if len(year_rows) else None
        breakdowns[by] = None if counts is None else {
            "chart": Chart(spec_of(activity_charts.build_breakdown_chart(
                counts, schedule.GROUP_HEADERS[by]))),
            "table": schedule.breakdown_display(counts, by),
            "matrix": schedule.completion_matrix(rows, by)}
    return {"counts": schedule.summary_counts(year_rows),
            "years_chart": Chart(spec_of(activity_charts.build_completion_by_year_chart(
                by_year, year))),
            "years_table": schedule.by_year_display(by_year),
            "breakdowns": breakdowns, "targets": schedule.target_summary(year_rows),
            "detail": schedule.year_detail(year_rows), "empty": year_rows.empty,
            "unit_codes": schedule.codes_by_unit(year_rows)}


@model()
def cronograma(con, year: int) -> dict:
    """The Cronograma page's activities with their status in the year, and the filter choices."""
    table = plan_queries.activity_table(con)
    rows = schedule.planned_rows(con)
    return {"table": table, "rows": rows,
            "overview": schedule.activity_overview(table, rows, year),
            "responsible": plan_queries.unit_options(table, "responsible"),
            "participants": plan_queries.unit_options(table, "participants")}


@model(entries=64)
def gantt(con, year: int, codes: tuple[str, ...]) -> dict:
    """The Gantt of the chosen activities (and the figures and overdue list beside it)."""
    rows = schedule.planned_rows(con)
    shown_rows = schedule.select_rows(rows, list(codes))
    cells = schedule.schedule_cells(rows, year, list(codes))
    return {"counts": schedule.summary_counts(schedule.select_rows(shown_rows, year=year)),
            "chart": Chart(spec_of(activity_charts.build_gantt_chart(cells, year)))
            if len(codes) else None, "table": activity_text.gantt_table(cells),
            "overdue": schedule.overdue_list(shown_rows, year)}


@model()
def hitos(con, year: int) -> dict:
    rows = schedule.planned_rows(con)
    table = milestones.milestone_status(rows, year)
    return {"rows": rows, "table": table, "counts": milestones.milestone_counts(table)}


@model()
def responsables(con, year: int) -> dict:
    rows = schedule.planned_rows(con)
    year_rows = schedule.select_rows(rows, year=year)
    card = schedule.unit_scorecard(rows, year)
    by_unit = None if year_rows.empty else schedule.breakdown(year_rows, "unit")
    return {"rows": rows, "card": card, "display": schedule.scorecard_display(card, year),
            "reporting": reporting.unit_reporting(reporting.reporting_rows(con), year),
            "chart": None if by_unit is None else Chart(spec_of(
                activity_charts.build_breakdown_chart(by_unit, "Unidad responsable"))),
            "chart_table": None if by_unit is None else schedule.breakdown_display(by_unit,
                                                                                   "unit")}


# --------------------------------------------------------------------------- data and scenarios


@model()
def event_days(con) -> list:
    """Recent days with imports or rollbacks (Novedades' one-click choices)."""
    return changes.event_days(con)


@model(entries=64)
def changes_between(con, since, until) -> changes.Changes:
    """What moved between two moments; ``until`` None is now (the current data: the data version
    changes with anything that could move)."""
    return changes.compute_changes(con, since, until)


@model()
def batches(con) -> pd.DataFrame:
    return store.list_batches(con)


@model(entries=64)
def batch_rows(con, batch_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    return preview.batch_rows(con, batch_id)


@model()
def demo_batch_ids(con) -> list[int]:
    return demo.demo_batch_ids(con)


@model()
def scenario_inputs(con) -> scenario_model.ScenarioInputs:
    return scenario_model.load_inputs(con)


@model()
def saved_scenarios(con) -> pd.DataFrame:
    return assumptions.list_scenarios(con)
