"""The meeting pack's content (design §9), once, for both the PDF and the slides.

``build_pack`` reads the database through the same read models as the pages (``goals.series.load``
and ``goals.status.status_table``, ``activities.schedule``, ``activities.milestones``,
``report.changes``, ``scenarios``), so the figures are the pages' figures. The result is plain
data: sections of tables (text cells, Spanish headers) and charts (Altair, drawn by the renderers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import altair as alt
import duckdb
import pandas as pd

from hdras.activities import charts as activity_charts, milestones, schedule
from hdras.core import config
from hdras.core.errors import ReportError
from hdras.core.formatting import format_moment
from hdras.core.messages import msg
from hdras.goals import charts as goal_charts, series as goal_series, status
from hdras.progress import demo, store as progress
from hdras.report import change_tables, pack_tables
from hdras.report.changes import compute_changes, default_since

# The figures of the Metas page that go in the pack, per series (Meta 2's implied total flow
# stays on the page: the pack keeps one idea per chart).
CHART_KEYS = ("M1", "M2", "M2-caudal", "M3", "M3-ptar", "M4", "M4-increments", "M5", "M6")


@dataclass(frozen=True)
class PackTable:
    """A table of text cells. ``widths`` are relative column widths; ``numeric`` marks the
    columns aligned right; ``empty`` is said instead of an empty table."""
    title: str
    columns: list[str]
    rows: list[list[str]]
    widths: list[float]
    numeric: list[bool]
    notes: list[str] = field(default_factory=list)
    empty: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart with the notes that go beside it (the plan's footnotes)."""
    key: str
    title: str
    chart: alt.TopLevelMixin
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    title: str
    intro: list[str]
    blocks: list[PackTable | Chart]


@dataclass(frozen=True)
class Pack:
    """Everything the pack says, in reading order."""
    year: int
    generated_at: dt.datetime
    since: dt.datetime
    batches: list[str]
    demo_batch_ids: list[int]
    sections: list[Section]

    @property
    def demo(self) -> bool:
        return bool(self.demo_batch_ids)

    @property
    def cover_lines(self) -> list[str]:
        """Year, date and the Novedades window, as the cover prints them."""
        return [msg("report.year", year=self.year),
                msg("report.generated", when=format_moment(self.generated_at),
                    zone=config.timezone_label()),
                msg("report.since", since=format_moment(self.since))]

    @property
    def demo_text(self) -> str:
        return msg("report.demo", batch_ids=", ".join(map(str, self.demo_batch_ids)))


def table_from_frame(title: str, frame: pd.DataFrame, widths: Sequence[float] | None = None,
                     notes: Sequence[str] = (), empty: str = "") -> PackTable:
    """A ``PackTable`` from a frame with Spanish headers; numbers become text as people write them
    (whole numbers without '.0'), missing cells an em dash."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    rows = [[pack_tables.cell(v) for v in row] for row in frame.itertuples(index=False)]
    widths = list(widths) if widths else [1.0] * len(frame.columns)
    return PackTable(title, [str(c) for c in frame.columns], rows, widths, numeric, list(notes),
                 empty)


def build_pack(con: duckdb.DuckDBPyConnection, year: int, since: dt.datetime | None = None,
               scenario_names: Sequence[str] = (), now: dt.datetime | None = None) -> Pack:
    """The pack for ``year``: Novedades since ``since`` (default: the last 90 days) and the saved
    scenarios ``scenario_names`` (ReportError, in Spanish, for a name not saved)."""
    now = now or config.now()
    since = since or default_since(now)
    scenarios = _scenarios(con, scenario_names)
    goal_set = goal_series.load(con)
    table = status.status_table(goal_set, year)
    rows = schedule.planned_rows(con)
    sections = [
        _goals_section(goal_set, table, year),
        _charts_section(goal_set, year),
        _activities_section(rows, schedule.completion_by_year(con), year),
        _units_section(rows, year),
        _milestones_section(rows, year),
        _changes_section(compute_changes(con, since, now)),
    ]
    if scenarios is not None:
        sections.append(_scenarios_section(*scenarios))
    return Pack(year=year, generated_at=now, since=since, batches=_batch_lines(con),
                demo_batch_ids=demo.demo_batch_ids(con), sections=sections)


def _batch_lines(con) -> list[str]:
    batches = progress.list_batches(con)
    active = batches[batches["status"].eq("active")].sort_values("batch_id")
    return [msg("report.batch_line", batch_id=int(b.batch_id),
                filename=change_tables.batch_file(b.filename, bool(b.is_demo)),
                when=format_moment(b.imported_at), by=b.imported_by)
            for b in active.itertuples()] or [msg("report.no_batches")]


def _goals_section(goal_set, table: pd.DataFrame, year: int) -> Section:
    status_frame, notes = pack_tables.goals_table_frame(goal_set, table, year)
    plan_frame = pack_tables.plan_table_frame(goal_set)
    return Section(msg("report.goals_title", year=year), [msg("report.goals_intro", year=year)], [
        table_from_frame(msg("report.goals_title", year=year), status_frame,
                         [3.2, 2.1, 1.1, 1.1, 1.1, 1.5, 1.1, 0.7], notes),
        table_from_frame(msg("report.plan_table"), plan_frame, [3.2] + [1.0] * 7, notes)])


def _charts_section(goal_set, year: int) -> Section:
    figures = [goal_charts.trajectory_figure(goal_set, code, year)
               for code in ("M1", "M2", "M2-caudal", "M5", "M6")]
    figures += goal_charts.biosolids_view(goal_set, year) + goal_charts.renewables_view(goal_set,
                                                                                         year)
    by_key = {f.key: f for f in figures}
    blocks = [Chart(key, pack_tables.chart_heading(goal_set, key), by_key[key].chart,
                    [pack_tables.plain_text(n) for n in by_key[key].notes])
              for key in CHART_KEYS]
    return Section(msg("report.charts_title"), [msg("report.charts_intro", year=year)], blocks)


def _activities_section(rows: pd.DataFrame, by_year: pd.DataFrame, year: int) -> Section:
    year_rows = schedule.select_rows(rows, year=year)
    by_objective = schedule.breakdown(year_rows, "objective")
    blocks: list[PackTable | Chart] = [
        Chart("by-year", msg("report.by_year"),
              activity_charts.build_completion_by_year_chart(by_year, year).properties(
                  title=msg("report.by_year"))),
        table_from_frame(msg("report.by_year"), pack_tables.by_year_frame(by_year),
                         [0.8, 1.3, 1.3, 1.3, 1.4, 1.3, 1.3],
                         [msg("schedule.planned_rule", year=year)])]
    if len(year_rows):
        blocks += [
            Chart("by-objective", msg("report.by_objective", year=year),
                  activity_charts.build_breakdown_chart(by_objective, msg("report.col_objective"))
                  .properties(title=msg("report.by_objective", year=year))),
            table_from_frame(msg("report.by_objective", year=year),
                             pack_tables.breakdown_frame(by_objective),
                             [3.4, 1.3, 1.3, 1.3, 1.4, 1.3, 1.3])]
    return Section(msg("report.activities_title"), [], blocks)


def _units_section(rows: pd.DataFrame, year: int) -> Section:
    card = schedule.unit_scorecard(rows, year)
    late = schedule.overdue_list(rows, year)
    return Section(msg("report.units_title", year=year), [msg("schedule.overdue_rule", year=year)], [
        table_from_frame(msg("report.scorecard", year=year), pack_tables.scorecard_frame(card, year),
                         [1.3, 1.3, 1.3, 1.3, 1.4, 1.3, 1.3, 1.1]),
        table_from_frame(msg("report.overdue", year=year), pack_tables.overdue_frame(late),
                         [0.9, 3.6, 1.4, 2.4], empty=msg("report.no_overdue", year=year))])


def _milestones_section(rows: pd.DataFrame, year: int) -> Section:
    table = milestones.milestone_status(rows, year)
    reached = table[table["status"].eq("reached")]
    return Section(msg("report.milestones_title"), [msg("report.milestones_intro",
                                                        reached=len(reached), total=len(table))], [
        table_from_frame(msg("report.milestones_title"), pack_tables.milestones_frame(reached),
                         [0.8, 3.6, 1.8, 1.4], empty=msg("report.no_milestones"))])


def _changes_section(changes) -> Section:
    intro = [change_tables.window_text(changes), msg("changes.net_rule")]
    widths = {0: [0.7, 2.6, 1.5, 1.6, 1.4], 1: [0.7, 2.6, 1.5, 1.6],
              2: [1.6, 0.6, 1.1, 1.1, 1.8, 1.8], 3: [0.9, 3.4, 0.6, 1.4, 1.4]}
    blocks = [table_from_frame(title, frame, widths[i], empty=empty)
              for i, (title, frame, empty) in enumerate(change_tables.sections(changes))]
    return Section(msg("report.changes_title"), intro, blocks)


def _scenarios(con, names: Sequence[str]):
    """(inputs, {name: params}) of the chosen saved scenarios; None when none was chosen."""
    if not names:
        return None
    from hdras.scenarios import assumptions, model

    saved = assumptions.list_scenarios(con)
    missing = [n for n in names if n not in set(saved["name"])]
    if missing:
        raise ReportError(msg("report.unknown_scenario", name=missing[0],
                              names=", ".join(saved["name"]) or msg("report.no_scenarios")))
    inputs = model.load_inputs(con)
    return inputs, assumptions.saved_params(saved, list(dict.fromkeys(names)), inputs)


def _scenarios_section(inputs, chosen) -> Section:
    comparison, assumptions = pack_tables.scenario_frames(inputs, chosen)
    blocks = [table_from_frame(msg("report.scenarios_title"), comparison,
                               [2.6] + [1.6] * (len(comparison.columns) - 1))]
    blocks += [table_from_frame(msg("report.scenario_assumptions", name=name), frame, [2.6, 4.0])
               for name, frame in assumptions.items()]
    return Section(msg("report.scenarios_title"), [msg("report.scenarios_intro")], blocks)
