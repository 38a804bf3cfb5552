"""One sheet of a progress workbook (design §4): the sheets' columns, what validation needs from the
plan, the rules for each row and cell, and the clean frame of what a sheet reports.

``validate_sheet`` appends every problem it finds to the import result; ``hdras.progress.reading`` reads the
workbook and calls it once per sheet.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
import duckdb
import pandas as pd

from hdras.core import config, schema
from hdras.core.formatting import period_label, unit_label
from hdras.core.text import FORMULA_TRIGGERS, fold
from hdras.core.messages import msg
from hdras.progress import percent
from hdras.progress.problems import Problem, ProblemCode
from hdras.progress.safety import SheetInfo, column_letter

Progress = Callable[[float, str], None]
MAX_TEXT_LENGTH = 2_000
_PROGRESS_EVERY = 500


@dataclass(frozen=True)
class FieldSpec:
    """One column of an input sheet: its header, how its cells are read, where the value goes."""

    header: str
    kind: str  # goal | activity | year | number | text | status
    target: str
    required: bool = False  # the column must exist
    payload: bool = False  # part of what is reported (a row whose payload is empty is skipped)
    needs_value: bool = False  # a reported row must fill it


@dataclass(frozen=True)
class SheetSpec:
    name: str
    fields: tuple[FieldSpec, ...]

    @property
    def key_fields(self) -> tuple[FieldSpec, FieldSpec]:
        return self.fields[0], self.fields[1]


GOALS_SHEET = SheetSpec("Metas", (
    FieldSpec("serie", "goal", "goal_code", required=True),
    FieldSpec("año", "year", "year", required=True),
    FieldSpec("valor", "number", "value", required=True, payload=True, needs_value=True),
    FieldSpec("fuente", "text", "source", payload=True),
))
ACTIVITIES_SHEET = SheetSpec("Actividades", (
    FieldSpec("código", "activity", "activity_code", required=True),
    FieldSpec("año", "year", "year", required=True),
    FieldSpec("estado", "status", "status", required=True, payload=True, needs_value=True),
    FieldSpec("avance", "number", "achieved", payload=True),
    FieldSpec("evidencia", "text", "evidence", payload=True),
    FieldSpec("comentario", "text", "comment", payload=True),
))
SHEETS = (GOALS_SHEET, ACTIVITIES_SHEET)
# The template's hidden sheet of dropdown lists; its F1 header and F2 value say the newest batch
# when the workbook was made (hdras.progress.template; read back by hdras.progress.reading).
LISTS_SHEET = "Listas"
BASE_HEADER = "lote_base"
_FIELD_LABELS = {"serie": "serie", "código": "codigo", "año": "anio", "valor": "valor",
                 "estado": "estado", "avance": "avance"}




@dataclass(frozen=True)
class PlanReference:
    """What validation needs from the plan, read once so the database can be closed meanwhile."""

    goal_units: dict[str, str]
    activity_years: dict[str, tuple[int, ...]]
    activity_periods: dict[str, tuple[str, ...]]
    # (goal, year) → the larger of the 2024 baseline and that year's target (Tabla 1), for the
    # fraction-typed-as-percentage rule of hdras.progress.percent
    goal_figures: dict[tuple[str, int], float] = field(default_factory=dict)

    @classmethod
    def from_db(cls, con: duckdb.DuckDBPyConnection) -> PlanReference:
        goals = con.execute("SELECT code, unit FROM goals ORDER BY sort_order").fetchall()
        figures = con.execute("""
            SELECT t.goal_code, t.year, greatest(coalesce(t.value, b.value),
                                                 coalesce(b.value, t.value))
            FROM goal_targets t LEFT JOIN goal_targets b
              ON b.goal_code = t.goal_code AND b.year = ?
            WHERE t.year BETWEEN ? AND ?""", [config.BASELINE_YEAR, config.PLAN_YEARS[0],
                                             config.PLAN_YEARS[-1]]).fetchall()
        codes = [r[0] for r in con.execute("SELECT code FROM activities").fetchall()]
        periods: dict[str, list[str]] = {c: [] for c in codes}
        for code, period in con.execute("SELECT activity_code, period FROM activity_schedule"
                                        ).fetchall():
            periods.setdefault(code, []).append(period)
        ordered = {c: tuple(p for p in config.PERIODS if p in ps) for c, ps in periods.items()}
        years = {c: tuple(sorted({int(p[:4]) for p in ps})) for c, ps in ordered.items()}
        return cls(dict(goals), years, ordered,
                   {(code, int(year)): value for code, year, value in figures
                    if value is not None})

    @functools.cached_property
    def _goal_by_fold(self) -> dict[str, str]:
        return {fold(c): c for c in self.goal_units}

    def goal_code(self, value: str) -> str | None:
        """The canonical goal code for what a user typed ('m2-caudal' → 'M2-caudal')."""
        return self._goal_by_fold.get(fold(value))




# --- one sheet -------------------------------------------------------------------------------

@dataclass
class _SheetContext:
    spec: SheetSpec
    info: SheetInfo
    columns: dict[str, int]  # header → 0-based column index
    reference: PlanReference
    problems: list[Problem]
    seen: dict[tuple[str, int], int] = field(default_factory=dict)
    error_count: int = 0

    def problem(self, kind: ProblemCode, row: int, spec: FieldSpec | None, /, **params) -> None:
        column = column_letter(self.columns[spec.header] + 1) if spec else None
        problem = Problem(kind, sheet=self.info.name, row=row, column=column,
                          field=spec.header if spec else None, params=params)
        self.problems.append(problem)
        self.error_count += problem.is_error

    def is_percent_cell(self, row: int, spec: FieldSpec) -> bool:
        """True when the cell of ``spec`` in ``row`` is formatted as a percentage."""
        return (row, self.columns[spec.header] + 1) in self.info.percent_cells

    def cell_name(self, row: int, spec: FieldSpec) -> str:
        """'Metas!C7': the cell as a spreadsheet names it."""
        return f"{self.info.name}!{column_letter(self.columns[spec.header] + 1)}{row}"


def validate_sheet(spec: SheetSpec, info: SheetInfo, grid: list[list], reference: PlanReference,
                   problems: list[Problem], notify: Progress, share: tuple[float, float]
                   ) -> pd.DataFrame:
    """The clean rows of one sheet (``grid``, as calamine reads it); every problem found is
    appended to ``problems``. ``notify`` hears progress within ``share`` (start, width) of 0–1."""
    header_index = next((i for i, row in enumerate(grid) if any(not _blank(v) for v in row)), None)
    if header_index is None:
        return empty_frame(spec)
    columns = _header_columns(spec, info, grid[header_index], header_index + 1, problems)
    if columns is None:
        return empty_frame(spec)
    info.columns = {name: column_letter(index + 1) for name, index in columns.items()}
    ctx = _SheetContext(spec, info, columns, reference, problems)
    last_row = max([len(grid)] + [r for r, _ in info.uncached_formulas])
    records = []
    for excel_row in range(header_index + 2, last_row + 1):
        cells = grid[excel_row - 1] if excel_row <= len(grid) else []
        record = _validate_row(ctx, excel_row, cells)
        if record is not None:
            records.append(record)
        if excel_row % _PROGRESS_EVERY == 0:
            fraction = share[0] + share[1] * excel_row / last_row
            notify(min(fraction, 0.98), msg("import.progress.validating", sheet=info.name,
                                            row=excel_row, total=last_row))
    return records_frame(spec, records)


def _header_columns(spec: SheetSpec, info: SheetInfo, header: list, excel_row: int,
                    problems: list[Problem]) -> dict[str, int] | None:
    wanted = {fold(f.header): f.header for f in spec.fields}
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        name = wanted.get(fold(value)) if isinstance(value, str) else None
        if name is None:
            continue
        if name in columns:
            problems.append(Problem(ProblemCode.DUPLICATE_COLUMN, sheet=info.name, row=excel_row,
                                    column=column_letter(index + 1), field=name, params={
                                        "column": name, "first": column_letter(columns[name] + 1),
                                        "second": column_letter(index + 1)}))
        else:
            columns[name] = index
    found = ", ".join(f"«{v}»" for v in header if not _blank(v)) or "ninguna"
    missing = [f.header for f in spec.fields if f.required and f.header not in columns]
    for name in missing:
        problems.append(Problem(ProblemCode.MISSING_COLUMN, sheet=info.name, row=excel_row,
                                field=name, params={"column": name, "sheet": info.name,
                                                    "found": found}))
    duplicated = any(p.code is ProblemCode.DUPLICATE_COLUMN and p.sheet == info.name
                     for p in problems)
    return None if missing or duplicated else columns


def _validate_row(ctx: _SheetContext, excel_row: int, cells: list) -> dict | None:
    """The clean record of one row, None when it reports nothing or has problems."""
    raw: dict[str, object] = {}
    formulas: dict[str, str] = {}
    for spec in ctx.spec.fields:
        index = ctx.columns.get(spec.header)
        if index is None:
            continue
        raw[spec.header] = cells[index] if index < len(cells) else ""
        formula = ctx.info.uncached_formulas.get((excel_row, index + 1))
        if formula is not None:
            formulas[spec.header] = formula
    payload = [f for f in ctx.spec.fields if f.payload]
    if all(_blank(raw.get(f.header)) and f.header not in formulas for f in payload):
        return None  # a pre-filled row left empty: nothing reported
    before = ctx.error_count
    record: dict[str, object] = {"excel_row": excel_row}
    for spec in ctx.spec.fields:
        if spec.header not in ctx.columns:
            record[spec.target] = None
        elif spec.header in formulas:
            ctx.problem(ProblemCode.FORMULA_NO_VALUE, excel_row, spec,
                        formula=formulas[spec.header][:60])
        else:
            record[spec.target] = _read_field(ctx, spec, excel_row, raw[spec.header])
    _check_row(ctx, excel_row, record)
    return record if ctx.error_count == before else None


def _read_field(ctx: _SheetContext, spec: FieldSpec, row: int, value: object) -> object:
    if _blank(value):
        if spec.needs_value or not spec.payload:
            ctx.problem(ProblemCode.MISSING_VALUE, row, spec,
                        field=msg(f"import.field.{_FIELD_LABELS[spec.header]}"))
        return None
    reader = _READERS[spec.kind]
    return reader(ctx, spec, row, value)


def _read_goal(ctx: _SheetContext, spec: FieldSpec, row: int, value: object) -> str | None:
    code = ctx.reference.goal_code(_as_text(value))
    if code is None:
        ctx.problem(ProblemCode.UNKNOWN_GOAL, row, spec, value=_show(value),
                    valid=", ".join(ctx.reference.goal_units))
    return code


def _read_activity(ctx: _SheetContext, spec: FieldSpec, row: int, value: object) -> str | None:
    code = _as_text(value)
    if code not in ctx.reference.activity_years:
        ctx.problem(ProblemCode.UNKNOWN_ACTIVITY, row, spec, value=_show(value))
        return None
    return code


def _read_year(ctx: _SheetContext, spec: FieldSpec, row: int, value: object) -> int | None:
    first, last = config.PLAN_YEARS[0], config.PLAN_YEARS[-1]
    year = None
    if isinstance(value, float) and not isinstance(value, bool) and value.is_integer():
        year = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 6:
        year = int(value.strip())
    if year is None:
        ctx.problem(ProblemCode.YEAR_INVALID, row, spec, value=_show(value), first=first,
                    last=last)
    elif year not in config.PLAN_YEARS:
        ctx.problem(ProblemCode.YEAR_OUT_OF_RANGE, row, spec, value=year, first=first, last=last)
        return None
    return year


_NUMERIC_TEXT = re.compile(r"^\s*[-+]?\d+(?:[.,]\d+)?\s*$")


def _read_number(ctx: _SheetContext, spec: FieldSpec, row: int, value: object) -> float | None:
    if isinstance(value, str) and _NUMERIC_TEXT.match(value):
        # A figure typed into a text cell ('12,5 or '12.5): still rejected — "12,5" could mean
        # 12.5 or 125 depending on the sheet's locale — but the message says what to change.
        ctx.problem(ProblemCode.NUMBER_AS_TEXT, row, spec, value=_show(value))
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        ctx.problem(ProblemCode.NOT_A_NUMBER, row, spec, value=_show(value))
        return None
    if value < 0:
        ctx.problem(ProblemCode.NEGATIVE, row, spec, value=_show(value),
                    field=msg(f"import.field.{_FIELD_LABELS[spec.header]}"))
        return None
    return float(value)


def _read_text(ctx: _SheetContext, spec: FieldSpec, row: int, value: object) -> str | None:
    text = _as_text(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        text = text[1:]  # a text the template neutralised when it carried it over, read back
    if len(text) > MAX_TEXT_LENGTH:
        ctx.problem(ProblemCode.TEXT_TOO_LONG, row, spec, length=len(text), limit=MAX_TEXT_LENGTH)
        return None
    return text


_STATUS_BY_FOLD = {fold(s): s for s in schema.ACTIVITY_STATES}


def _read_status(ctx: _SheetContext, spec: FieldSpec, row: int, value: object) -> str | None:
    status = _STATUS_BY_FOLD.get(fold(value)) if isinstance(value, str) else None
    if status is None:
        ctx.problem(ProblemCode.UNKNOWN_STATUS, row, spec, value=_show(value),
                    valid=", ".join(schema.ACTIVITY_STATES))
    return status


_READERS = {"goal": _read_goal, "activity": _read_activity, "year": _read_year,
            "number": _read_number, "text": _read_text, "status": _read_status}


def _check_row(ctx: _SheetContext, row: int, record: dict) -> None:
    """Rules that need more than one cell: units, duplicates, the schedule."""
    key_spec, year_spec = ctx.spec.key_fields
    code, year = record.get(key_spec.target), record.get(year_spec.target)
    if ctx.spec is GOALS_SHEET and code and record.get("value") is not None:
        _check_goal_value(ctx, row, code, year, record)
    if ctx.spec is ACTIVITIES_SHEET and record.get("achieved") is not None:
        achieved_spec = ctx.spec.fields[3]
        if ctx.is_percent_cell(row, achieved_spec):
            ctx.problem(ProblemCode.PERCENT_NOT_ALLOWED, row, achieved_spec,
                        cell=ctx.cell_name(row, achieved_spec),
                        shown=percent.shown_percent(record["achieved"]),
                        what=msg("import.percent_what_achieved"),
                        hint=msg("import.percent_hint_achieved"))
    if not code or year is None:
        return
    first_row = ctx.seen.setdefault((code, year), row)
    if first_row != row:
        ctx.problem(ProblemCode.DUPLICATE_KEY, row, key_spec, key=code, year=year,
                    first_row=first_row)
    if ctx.spec is ACTIVITIES_SHEET and year not in ctx.reference.activity_years[code]:
        periods = ctx.reference.activity_periods.get(code) or ()
        ctx.problem(ProblemCode.NOT_PLANNED, row, year_spec, activity=code, year=year,
                    periods=", ".join(period_label(p) for p in periods) or "ningún periodo")


def _check_goal_value(ctx: _SheetContext, row: int, code: str, year: int | None,
                      record: dict) -> None:
    """Units: a % cell read as the percentage meant (or refused where the unit is not %), a
    fraction typed by mistake, a % above 100, a count of EPS that is not whole."""
    value_spec = ctx.spec.fields[2]
    unit = ctx.reference.goal_units[code]
    value = record["value"]
    cell = ctx.cell_name(row, value_spec)
    if ctx.is_percent_cell(row, value_spec):
        shown = percent.shown_percent(value)
        if unit != "%":
            ctx.problem(ProblemCode.PERCENT_NOT_ALLOWED, row, value_spec, cell=cell, shown=shown,
                        what=msg("import.percent_what_series", series=code,
                                 unit=unit_label(unit)),
                        hint=msg("import.percent_hint_series", unit=unit_label(unit)))
            return
        fraction, value = value, percent.from_fraction(value)
        record["value"] = value
        ctx.problem(ProblemCode.PERCENT_CELL, row, value_spec, cell=cell, shown=shown,
                    fraction=_show(fraction), value=_show(value), series=code)
    elif unit == "%" and year is not None and percent.looks_like_fraction(
            value, ctx.reference.goal_figures.get((code, year))):
        figure = ctx.reference.goal_figures[(code, year)]
        ctx.problem(ProblemCode.PERCENT_SUSPECT, row, value_spec, cell=cell, value=_show(value),
                    series=code, year=year, figure=_show(figure),
                    meant=_show(percent.from_fraction(value)))
    if unit == "%" and value > 100:
        ctx.problem(ProblemCode.PERCENT_OVER_100, row, value_spec, value=_show(value), series=code)
    elif unit == "EPS" and not float(value).is_integer():
        ctx.problem(ProblemCode.NOT_WHOLE, row, value_spec, value=_show(value), series=code,
                    unit="prestadores (EPS)")


def records_frame(spec: SheetSpec, records: list[dict]) -> pd.DataFrame:
    """Typed columns: years and rows int64, numbers float64, text object (None when empty)."""
    frame = pd.DataFrame(records, columns=[f.target for f in spec.fields] + ["excel_row"],
                         dtype=object)
    types = {f.target: "float64" for f in spec.fields if f.kind == "number"}
    return frame.astype({"year": "int64", "excel_row": "int64", **types})


def empty_frame(spec: SheetSpec) -> pd.DataFrame:
    return records_frame(spec, [])


# --- cell values -----------------------------------------------------------------------------

def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _as_text(value: object) -> str:
    """A cell as the text a person reads in it (control characters, which spreadsheets cannot
    store and some write as _x001F_ escapes, are dropped)."""
    if isinstance(value, str):
        return _CONTROL_CHARACTERS.sub("", value).strip()
    if isinstance(value, bool):
        return "VERDADERO" if value else "FALSO"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _show(value: object, limit: int = 60) -> str:
    """A cell value for a message: its text, cut short."""
    text = _as_text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
