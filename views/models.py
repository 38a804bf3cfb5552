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
import dataclasses
import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator

import pandas as pd

from hdras.activities import chart_text as activity_text, charts as activity_charts, milestones
from hdras.activities import schedule
from hdras.core import db
from hdras.core.chart_text import data_headers
from hdras.goals import charts as goal_charts, display, series as goals, status
from hdras.plan import queries as plan_queries
from hdras.progress import demo, preview, reporting, store
from hdras.report import changes
from hdras.scenarios import assumptions, model as scenario_model
from views import common, present
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


class SharedCache:
    """A bounded cache of read models shared by every session of the process, handed out as they
    are: no copy per page run (Streamlit's st.cache_data unpickles its value on every hit, a
    tenth of the server's time with 20 sessions). So a read model is never changed once built:
    pages and hdras functions derive new frames from it (tests/app/test_models_unchanged.py walks
    every page and checks, with ``CHECK`` on). One build per key at a time: the sessions that
    ask meanwhile wait for it."""

    CHECK = False  # tests: keep a digest of each value when built, for ``changed()``

    def __init__(self, entries: int, name: str = ""):
        self.entries, self.name = entries, name
        self._items: OrderedDict = OrderedDict()
        self._digests: dict = {}
        self._building: dict = {}
        self._lock = threading.Lock()
        _CACHES.append(self)

    def get(self, key: tuple, build: Callable[[], object]) -> object:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            try:
                value = build()
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._items[key] = value
                if self.CHECK:
                    self._digests[key] = _digest(value)
                while len(self._items) > self.entries:
                    old, _ = self._items.popitem(last=False)
                    self._digests.pop(old, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._digests.clear()

    def changed(self) -> list[tuple]:
        """Keys whose value is no longer what was built (with ``CHECK`` on)."""
        with self._lock:
            return [key for key, value in self._items.items()
                    if key in self._digests and _digest(value) != self._digests[key]]


_CACHES: list[SharedCache] = []


def _digest(value: object) -> str:
    """What a value holds, not how pandas happens to lay it out in memory (pandas may consolidate
    a frame's blocks in place when a page filters it: same data, other pickle)."""
    return hashlib.sha256(pickle.dumps(_content(value))).hexdigest()


def _content(value: object) -> object:
    if isinstance(value, (pd.DataFrame, pd.Series)):
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        return ("frame", [str(c) for c in frame.columns], [str(t) for t in frame.dtypes],
                frame.to_dict("split"))
    if isinstance(value, dict):
        return ("dict", [(key, _content(item)) for key, item in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_content(item) for item in value])
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, [(f.name, _content(getattr(value, f.name)))
                                       for f in dataclasses.fields(value)])
    return value


def forget() -> None:
    """Empty every read model's cache (tests start each from scratch)."""
    for cache in _CACHES:
        cache.clear()


def changed_models() -> list[tuple]:
    """(model, key) of every cached model changed since it was built (with ``CHECK`` on)."""
    return [(cache.name, key) for cache in _CACHES for key in cache.changed()]


def model(entries: int = ENTRIES) -> Callable:
    """Decorate ``build(con, *args)``: the page calls ``model_fn(*args)`` and gets it from the
    cache of the current data version (domain errors are shown in Spanish by the caller)."""
    def wrap(build: Callable) -> Callable:
        cache = SharedCache(entries, build.__name__)

        def cached(version: str, *args):
            def read():
                with _snapshot(version) as con:
                    return build(con, *args)
            return cache.get((version, *args), read)

        @functools.wraps(build)
        def call(*args):
            for _ in range(3):
                try:
                    return cached(common.data_version(), *args)
                except _VersionMoved:
                    continue
            with _snapshot(None) as con:  # data in constant motion: read it as it is
                return build(con, *args)
        call.cache = cache
        return call
    return wrap


@dataclasses.dataclass(frozen=True)
class Chart:
    """A chart ready to draw (``views.charts.draw``) and the frame of its numbers."""
    spec: dict
    data: pd.DataFrame | None = None


# --------------------------------------------------------------------------- plan and goals


@model()
def goal_set(con) -> goals.GoalSet:
    return goals.load(con)


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
    return [{"key": f.key, "chart": Chart(spec_of(f.chart)), "data": f.data,
             "see_data": present.data_text(data_headers(f.data)), "notes": f.notes}
            for f in goal_charts.build_view(view, goals.load(con), year)]


@model()
def activity_table(con) -> pd.DataFrame:
    return plan_queries.activity_table(con)


@model(entries=64)
def plan_tree(con, text: str, responsible: tuple, participants: tuple, periods: tuple) -> dict:
    """The Plan page's tree for one choice of search and filters, with each action as the block
    the page shows, its activities as a table (built here once, not on every run: 20 ms for the
    plan)."""
    table = plan_queries.activity_table(con)
    shown = plan_queries.filter_activities(table, text, list(responsible), list(participants),
                                           list(periods))
    tree = plan_queries.hierarchy(shown)
    blocks = {action.code: present.action_html(action.code, action.title,
                                               plan_queries.term_label(action.term),
                                               action.milestone, action.activities)
              for objective in tree for line in objective.children for action in line.children}
    return {"codes": shown["code"].tolist(), "tree": tree, "blocks": blocks}


@model(entries=64)
def activity_detail(con, code: str) -> plan_queries.ActivityDetail:
    return plan_queries.activity_detail(con, code)


# --------------------------------------------------------------------------- activities


@model()
def avance(con, year: int) -> dict:
    """The Avance page: every year, the year by objective, line and unit, matrices, detail."""
    rows = schedule.planned_rows(con)
    by_year = schedule.completion_by_year(con)
    year_rows = schedule.select_rows(rows, year=year)
    breakdowns = {}
    for by in ("objective", "line", "unit"):
        if year_rows.empty:
            breakdowns[by] = None
            continue
        counts = schedule.breakdown(year_rows, by)
        table = schedule.breakdown_display(counts, by)
        breakdowns[by] = {
            "chart": Chart(spec_of(activity_charts.build_breakdown_chart(
                counts, schedule.GROUP_HEADERS[by]))),
            "table": table, "widths": present.header_widths(table),
            "see_data": present.data_text(table),
            "matrix": schedule.completion_matrix(rows, by)}
    years_table = schedule.by_year_display(by_year)
    return {"counts": schedule.summary_counts(year_rows),
            "years_chart": Chart(spec_of(activity_charts.build_completion_by_year_chart(
                by_year, year))),
            "years_table": years_table, "years_widths": present.header_widths(years_table),
            "years_see_data": present.data_text(years_table),
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
    overdue_list = schedule.overdue_list(shown_rows, year)
    return {"counts": schedule.summary_counts(schedule.select_rows(shown_rows, year=year)),
            "chart": Chart(spec_of(activity_charts.build_gantt_chart(cells, year)))
            if len(codes) else None,
            "see_data": present.data_text(activity_text.gantt_table(cells)),
            "overdue": overdue_list, "overdue_widths": present.header_widths(overdue_list)}


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
    return {"card": card, "display": schedule.scorecard_display(card, year),
            "reporting": reporting.unit_reporting(reporting.reporting_rows(con), year),
            "chart": None if by_unit is None else Chart(spec_of(
                activity_charts.build_breakdown_chart(by_unit, "Unidad responsable"))),
            "see_data": None if by_unit is None else present.data_text(
                schedule.breakdown_display(by_unit, "unit"))}


@model(entries=64)
def overdue(con, year: int, unit: str | None) -> dict:
    """Responsables' overdue activities before ``year``, of one unit (None: every unit)."""
    table = schedule.overdue_list(schedule.planned_rows(con), year, unit)
    return {"table": table, "widths": present.header_widths(table)}


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
def batches(con) -> dict:
    """Historial's batches: as stored, and as the table shows them (with its header widths)."""
    stored = store.list_batches(con)
    shown = preview.history_display(stored)
    return {"stored": stored, "display": shown, "widths": present.header_widths(shown)}


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
