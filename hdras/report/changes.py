"""«Novedades» (design §9): what changed between two moments, in Peru's time.

The state *as of* a moment t is what the pages would have shown at t: the batches imported at or
before t and not rolled back by t, the newest of them for each key (as the views
``current_goal_actuals`` and ``current_activity_progress`` pick it), read through the same
``GoalSet`` and status rules as every page. Comparing the state at the end of ``since`` with the
state at ``until`` gives net moves only: a value imported and rolled back inside the window, or
changed and changed back, is no change.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from hdras.core import config
from hdras.core.errors import InvalidDateError
from hdras.core.formatting import format_moment
from hdras.core.messages import msg
from hdras.goals.series import GoalSet, build_goal_set
from hdras.goals.status import evaluate_series
from hdras.plan import queries as plan_queries

DEFAULT_DAYS = 90
EPSILON = 1e-9
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?")
# A batch counts at t when it was imported by t and not rolled back by t (a rolled-back batch
# without a recorded time never counts).
_COUNTS_AT = ("b.imported_at <= $t AND (b.status = 'active' "
              "OR coalesce(b.rolled_back_at, b.imported_at) > $t)")
_GOALS_AS_OF = f"""
    SELECT goal_code, year, value, source, batch_id, imported_at, is_demo FROM (
      SELECT a.*, b.imported_at, coalesce(b.is_demo, false) AS is_demo,
             row_number() OVER (PARTITION BY a.goal_code, a.year ORDER BY a.batch_id DESC) AS rn
      FROM goal_actuals a JOIN import_batches b USING (batch_id) WHERE {_COUNTS_AT})
    WHERE rn = 1 ORDER BY goal_code, year"""
_ACTIVITIES_AS_OF = f"""
    SELECT activity_code, year, status, batch_id FROM (
      SELECT p.*, row_number() OVER (PARTITION BY p.activity_code, p.year
                                     ORDER BY p.batch_id DESC) AS rn
      FROM activity_progress p JOIN import_batches b USING (batch_id) WHERE {_COUNTS_AT})
    WHERE rn = 1 ORDER BY activity_code, year"""


# --- Moments ----------------------------------------------------------------------------------

def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of ``day`` (DuckDB keeps microseconds)."""
    return dt.datetime.combine(day, dt.time.max)


def parse_moment(text: str, option: str = "--since") -> dt.datetime:
    """'2026-03-31' → the end of that day; '2026-03-31T18:30[:15]' → that minute (or second);
    both in Peru's time. InvalidDateError (Spanish, naming ``option``) for anything else."""
    value = str(text or "").strip()
    try:
        if _DATE.fullmatch(value):
            return end_of_day(dt.date.fromisoformat(value))
        if _MOMENT.fullmatch(value):
            return dt.datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        pass
    raise InvalidDateError(msg("changes.bad_date", value=value, option=option))


def default_since(now: dt.datetime | None = None) -> dt.datetime:
    """The end of the day 90 days before today (Peru's time)."""
    return end_of_day((now or config.now()).date() - dt.timedelta(days=DEFAULT_DAYS))


def check_window(since: dt.datetime, until: dt.datetime) -> None:
    """InvalidDateError when ``since`` is after ``until``."""
    if since > until:
        raise InvalidDateError(msg("changes.since_after_until", since=format_moment(since),
                                   until=format_moment(until)))


# --- The state as of a moment -----------------------------------------------------------------

def goal_actuals_as_of(con: duckdb.DuckDBPyConnection, moment: dt.datetime) -> pd.DataFrame:
    """What ``current_goal_actuals`` would have held at ``moment``."""
    return con.execute(_GOALS_AS_OF, {"t": moment}).df()


def activity_status_as_of(con: duckdb.DuckDBPyConnection, moment: dt.datetime) -> pd.DataFrame:
    """(activity_code, year, status, batch_id) as ``current_activity_progress`` had it at
    ``moment``."""
    return con.execute(_ACTIVITIES_AS_OF, {"t": moment}).df()


def goals_as_of(con: duckdb.DuckDBPyConnection, moment: dt.datetime) -> GoalSet:
    """The goal series with the actuals that counted at ``moment`` (the pages' ``GoalSet``)."""
    return build_goal_set(plan_queries.goal_series(con), plan_queries.goal_targets(con),
                          goal_actuals_as_of(con, moment))


# --- What changed -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Changes:
    """Net moves between the end of ``since`` and ``until``; frames in plan order."""
    since: dt.datetime
    until: dt.datetime
    batches: pd.DataFrame     # batch_id, imported_at, imported_by, filename, status, is_demo
    rollbacks: pd.DataFrame   # batch_id, at, by, filename, is_demo
    goals: pd.DataFrame       # code, year, unit, before, after, status_before, status_after
    activities: pd.DataFrame  # code, year, title, before, after

    @property
    def empty(self) -> bool:
        return all(f.empty for f in (self.batches, self.rollbacks, self.goals, self.activities))

    def to_json(self) -> dict:
        """The ``changes --json`` document of design §3."""
        return {
            "since": _iso(self.since), "until": _iso(self.until),
            "batches": [{"batch_id": int(r.batch_id), "imported_at": _iso(r.imported_at),
                         "imported_by": r.imported_by, "filename": r.filename,
                         "status": r.status} for r in self.batches.itertuples()],
            "rollbacks": [{"batch_id": int(r.batch_id), "at": _iso(r.at), "by": r.by}
                          for r in self.rollbacks.itertuples()],
            "goals": [{"code": r.code, "year": int(r.year), "before": _number(r.before),
                       "after": _number(r.after), "status_before": r.status_before,
                       "status_after": r.status_after} for r in self.goals.itertuples()],
            "activities": [{"code": r.code, "year": int(r.year), "before": _text(r.before),
                            "after": _text(r.after)} for r in self.activities.itertuples()],
        }


def compute_changes(con: duckdb.DuckDBPyConnection, since: dt.datetime,
                    until: dt.datetime | None = None) -> Changes:
    """What moved from the state at ``since`` to the state at ``until`` (default: now)."""
    until = until or config.now()
    check_window(since, until)
    return Changes(
        since=since, until=until, batches=_batches(con, since, until),
        rollbacks=_rollbacks(con, since, until),
        goals=goal_moves(goals_as_of(con, since), goals_as_of(con, until)),
        activities=activity_moves(activity_status_as_of(con, since),
                                  activity_status_as_of(con, until),
                                  plan_queries.activity_table(con)))


def goal_moves(before: GoalSet, after: GoalSet) -> pd.DataFrame:
    """Every (series, year) whose value moved (derived Meta 4 included), with the status of that
    year before and after (design §5, the same ``evaluate_series`` as the pages)."""
    rows = []
    for code, new in after.items():
        old = before[code]
        for year in sorted(set(old.reports) | set(new.reports)):
            a, b = _value(old, year), _value(new, year)
            if a is None and b is None or (a is not None and b is not None
                                           and abs(a - b) < EPSILON):
                continue
            rows.append({"code": code, "year": year, "unit": new.unit, "before": a, "after": b,
                         "status_before": evaluate_series(old, year).status,
                         "status_after": evaluate_series(new, year).status})
    return pd.DataFrame(rows, columns=["code", "year", "unit", "before", "after",
                                       "status_before", "status_after"])


def activity_moves(before: pd.DataFrame, after: pd.DataFrame,
                   activities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every (activity, year) whose reported status moved; ``before``/``after`` are the
    workbook's estados, None where nothing counted. ``activities`` gives the titles."""
    keys = ["activity_code", "year"]
    merged = before[keys + ["status"]].merge(after[keys + ["status"]], on=keys, how="outer",
                                             suffixes=("_before", "_after"))
    moved = merged[merged["status_before"].fillna("") != merged["status_after"].fillna("")]
    moved = moved.rename(columns={"activity_code": "code", "status_before": "before",
                                  "status_after": "after"})
    titles = {} if activities is None else dict(zip(activities["code"], activities["title"]))
    moved = moved.assign(title=moved["code"].map(titles), year=moved["year"].astype(int))
    moved = plan_queries.sort_by_code(moved.sort_values("year", kind="stable"), "code")
    return moved[["code", "year", "title", "before", "after"]].reset_index(drop=True)


def event_days(con: duckdb.DuckDBPyConnection, limit: int = 8) -> list[tuple[dt.date, str]]:
    """The most recent days with an import or a rollback, newest first, each with what happened
    ('lote 3 importado, lote 2 revertido'): the quick choices of the Novedades page."""
    rows = con.execute("""
        SELECT CAST(imported_at AS DATE) AS day, batch_id, 'import' AS kind FROM import_batches
        UNION ALL
        SELECT CAST(rolled_back_at AS DATE), batch_id, 'rollback' FROM import_batches
        WHERE rolled_back_at IS NOT NULL
        ORDER BY day DESC, batch_id""").fetchall()
    days: dict[dt.date, list[str]] = {}
    for day, batch_id, kind in rows:
        key = "changes.quick_import" if kind == "import" else "changes.quick_rollback"
        days.setdefault(day, []).append(msg(key, batch_id=batch_id))
    return [(day, ", ".join(events)) for day, events in list(days.items())[:limit]]


def _batches(con, since: dt.datetime, until: dt.datetime) -> pd.DataFrame:
    return con.execute("""
        SELECT b.batch_id, b.imported_at, b.imported_by, b.filename,
               CASE WHEN b.status = 'active' OR coalesce(b.rolled_back_at, b.imported_at) > $t
                    THEN 'active' ELSE 'rolled_back' END AS status,
               coalesce(b.is_demo, false) AS is_demo
        FROM import_batches b WHERE b.imported_at > $since AND b.imported_at <= $t
        ORDER BY b.imported_at, b.batch_id""", {"since": since, "t": until}).df()


def _rollbacks(con, since: dt.datetime, until: dt.datetime) -> pd.DataFrame:
    return con.execute("""
        SELECT batch_id, rolled_back_at AS at, rolled_back_by AS by, filename,
               coalesce(is_demo, false) AS is_demo
        FROM import_batches WHERE rolled_back_at > $since AND rolled_back_at <= $until
        ORDER BY rolled_back_at, batch_id""", {"since": since, "until": until}).df()


def _value(series, year: int) -> float | None:
    report = series.reports.get(year)
    return None if report is None else float(report.value)


def _iso(moment) -> str | None:
    if moment is None or pd.isna(moment):
        return None
    return pd.Timestamp(moment).to_pydatetime().isoformat(timespec="seconds")


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)
