"""The one shape of a problem found in an uploaded workbook (design §4): a code, where, and why.

The importer never raises on bad user data; it returns a list of ``Problem``. Each code has one
Spanish sentence in ``hdras.core.messages`` under ``import.<code>``.
"""

from __future__ import annotations

import enum
import dataclasses
from dataclasses import dataclass

from hdras.core.messages import msg


class ProblemCode(str, enum.Enum):
    """Why a workbook (or a cell of it) cannot be imported as it is."""

    # Whole file (sheet, row and column are None)
    FILE_EMPTY = "file_empty"
    FILE_TOO_LARGE = "file_too_large"
    NOT_XLSX = "not_xlsx"
    LEGACY_XLS = "legacy_xls"
    ENCRYPTED = "encrypted"
    MACRO_ENABLED = "macro_enabled"
    FILE_CORRUPT = "file_corrupt"
    UNCOMPRESSED_TOO_LARGE = "uncompressed_too_large"
    COMPRESSION_RATIO = "compression_ratio"
    XML_UNSAFE = "xml_unsafe"
    UNREADABLE = "unreadable"
    MISSING_SHEETS = "missing_sheets"
    NO_DATA = "no_data"
    # One sheet
    TOO_MANY_ROWS = "too_many_rows"
    TOO_MANY_COLUMNS = "too_many_columns"
    REPEATED_CELLS = "repeated_cells"
    DUPLICATE_SHEET = "duplicate_sheet"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    # One cell
    MISSING_VALUE = "missing_value"
    UNKNOWN_GOAL = "unknown_goal"
    UNKNOWN_ACTIVITY = "unknown_activity"
    NOT_PLANNED = "not_planned"
    YEAR_INVALID = "year_invalid"
    YEAR_OUT_OF_RANGE = "year_out_of_range"
    NOT_A_NUMBER = "not_a_number"
    NUMBER_AS_TEXT = "number_as_text"
    NEGATIVE = "negative"
    PERCENT_OVER_100 = "percent_over_100"
    NOT_WHOLE = "not_whole"
    UNKNOWN_STATUS = "unknown_status"
    DUPLICATE_KEY = "duplicate_key"
    FORMULA_NO_VALUE = "formula_no_value"
    TEXT_TOO_LONG = "text_too_long"
    PERCENT_CELL = "percent_cell"
    PERCENT_SUSPECT = "percent_suspect"
    PERCENT_NOT_ALLOWED = "percent_not_allowed"
    # One row, against the data already stored (found by the preview, not by reading the file)
    NEWER_REPORT = "newer_report"


# Reported but not blocking: a report for a year in which the plan does not schedule the activity
# is real information (work started early or late), so it is stored, and the status rules of
# design §5 simply do not count it for that year. Rejecting it would push officials to hide it.
# A percentage cell read as the percentage the user meant, a value that looks like a fraction typed
# by mistake (hdras.progress.percent) and a row that would replace a report newer than the
# workbook's template are said before confirming, not refused: the person decides.
WARNING_CODES = frozenset({ProblemCode.NOT_PLANNED, ProblemCode.PERCENT_CELL,
                           ProblemCode.PERCENT_SUSPECT, ProblemCode.NEWER_REPORT})


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (sheet, Excel row, column letter) and its message parameters."""

    code: ProblemCode
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    params: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)

    @property
    def severity(self) -> str:
        return "warning" if self.code in WARNING_CODES else "error"

    @property
    def is_error(self) -> bool:
        return self.code not in WARNING_CODES

    @property
    def message(self) -> str:
        return msg(f"import.{self.code.value}", **self.params)

    @property
    def where(self) -> tuple:
        """(sheet, row, column, code) for comparisons in tests and for sorting."""
        return (self.sheet, self.row, self.column, self.code.value)

    def as_dict(self) -> dict:
        """The design §3 error shape, plus the field name and the severity."""
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "code": self.code.value, "message": self.message, "field": self.field,
                "severity": self.severity}


def file_problem(code: ProblemCode, **params: object) -> Problem:
    """A problem about the whole file."""
    return Problem(code, params=params)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File problems first, then by sheet, row and column (the order a person fixes them in)."""
    def key(p: Problem) -> tuple:
        return (p.sheet is not None, p.sheet or "", p.row or 0, len(p.column or ""),
                p.column or "", p.code.value)
    return sorted(problems, key=key)
