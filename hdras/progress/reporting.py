"""Who has reported (design §3 ``reporting``): per responsible unit and year, the activities the
plan schedules, how many have a report, the date of the newest one and the codes still missing.

The rules, in one place:

- *planned in Y*: an X in a period of Y in the schedule (2025: semester I or II), as in design §5;
- *reported*: the activity has a current report for Y (the newest active batch, any estado:
  «No iniciada» is a report too, the unit said so); a report for a year the activity is not
  planned in does not count;
- an activity with several responsible units («DGAA, DGPRCS») counts for each of them;
- *latest report*: the newest import time among those current reports, as a date (Peru's time,
  as every time stored);
- every unit the plan names is listed, even one with nothing planned in Y.

Demo batches count like any other; the pages and commands that show these figures say
«ficticio» while one is active. One query reads the rows; the rest is pandas on that frame.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from hdras.core.text import fold
from hdras.plan import queries as plan_queries

_ROWS_SQL = """
    SELECT t.code AS activity_code, t.title, t.responsible, y.year,
           c.status AS reported_status, c.imported_at
    FROM activities t
    LEFT JOIN activity_years y ON y.activity_code = t.code
    LEFT JOIN current_activity_progress c ON c.activity_code = t.code AND c.year = y.year
"""
COLUMNS = ["unit", "planned", "reported", "missing", "missing_titles", "last_report"]


def reporting_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per activity and planned year (``year`` is null for an activity the schedule does
    not mark) with ``reported_status`` and ``imported_at`` of its current report (null when
    nothing was reported), in the plan's order."""
    frame = con.execute(_ROWS_SQL).df()
    return plan_queries.sort_by_code(frame, "activity_code")


def unit_reporting(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per responsible unit (sorted by name): planned, reported, missing (codes in plan order),
    missing_titles (their titles) and last_report (a date, or None when nothing was reported).

    ``rows`` as ``reporting_rows`` returns them.
    """
    canonical: dict[str, str] = {}  # spellings that differ in case or accents are one unit
    for unit in plan_queries.unit_options(rows.drop_duplicates("activity_code"), "responsible"):
        canonical.setdefault(fold(unit), unit)
    units = list(canonical.values())
    named = rows.assign(unit=rows["responsible"].map(
        lambda text: sorted({canonical[fold(u)] for u in plan_queries.split_units(text)})))
    in_year = named[named["year"].eq(year)].explode("unit").dropna(subset=["unit"])
    records = []
    for unit in units:
        mine = in_year[in_year["unit"].eq(unit)].drop_duplicates("activity_code")
        done = mine["reported_status"].notna()
        missing = mine[~done]
        records.append({"unit": unit, "planned": len(mine), "reported": int(done.sum()),
                        "missing": missing["activity_code"].tolist(),
                        "missing_titles": missing["title"].tolist(),
                        "last_report": _date(mine.loc[done, "imported_at"].max())})
    return pd.DataFrame(records, columns=COLUMNS)


def _date(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def reporting_json(frame: pd.DataFrame, year: int) -> dict:
    """The ``reporting --json`` document (design §3): {"year", "units": [{"unit", "planned",
    "reported", "missing", "last_report"}]} with ``last_report`` an ISO date or null."""
    return {"year": year, "units": [
        {"unit": r.unit, "planned": int(r.planned), "reported": int(r.reported),
         "missing": list(r.missing),
         "last_report": r.last_report.isoformat() if r.last_report else None}
        for r in frame.itertuples(index=False)]}


def reporting_display(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """``unit_reporting`` for people: Spanish headers, '—' for a unit that never reported."""
    return pd.DataFrame({
        "Unidad responsable": frame["unit"], f"Programadas {year}": frame["planned"],
        "Con reporte": frame["reported"],
        "Sin reporte": frame["planned"] - frame["reported"],
        "Último reporte": frame["last_report"].map(lambda d: d.isoformat() if d else "—"),
        "Códigos sin reporte": frame["missing"].map(lambda c: ", ".join(c) or "—"),
    })


def missing_table(frame: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    """The planned activities still without a report, one row per unit and activity (Spanish
    headers); ``unit`` keeps that unit's."""
    rows = [{"Unidad responsable": r.unit, "Código": code, "Actividad": title}
            for r in frame.itertuples(index=False) if unit in (None, r.unit)
            for code, title in zip(r.missing, r.missing_titles)]
    return pd.DataFrame(rows, columns=["Unidad responsable", "Código", "Actividad"])
