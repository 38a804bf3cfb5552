"""How numbers, units, periods and sizes are written for people (Spanish, Peru), everywhere: pages,
command line, exports and the meeting pack. The plan writes decimals with a point; thousands are
separated by a space; a missing value is an em dash.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

MISSING = "—"
NBSP = "\u00a0"  # keeps a number with its unit on one line in narrow cells
UNIT_LABELS = {"%": "%", "m3/s": "m³/s", "EPS": "EPS", "PTAR": "PTAR"}
# A difference between two percentages is in percentage points.
DIFFERENCE_UNITS = {"%": f"p.{NBSP}p."}
PERIOD_LABELS = {"2025-I": "2025 – sem. I", "2025-II": "2025 – sem. II"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def unit_label(unit: str) -> str:
    """Display form of a unit code ('m3/s' → 'm³/s')."""
    return UNIT_LABELS.get(unit, unit)


def rounded(value: float, decimals: int) -> float:
    """``value`` to ``decimals`` places, a half away from zero, as people and spreadsheets round
    the number they typed: 13.45 → 13.5 (Python's ``round`` gives 13.4: the float 13.45 is a
    hair below it), 2.675 → 2.68, −0.125 → −0.13."""
    exact = Decimal(repr(float(value)))  # the shortest text that reads back as this float
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def format_number(value: float | None, decimals: int | None = None) -> str:
    """'12.1', '20', '3.17', '1 250', '—'. With ``decimals``, at most that many places; without,
    two below 10 and one above. Half rounds up (13.45 → '13.5', ``rounded``). Trailing zeros are
    dropped (4.0 → '4')."""
    if _missing(value):
        return MISSING
    value = float(value)
    if math.isinf(value):
        return MISSING
    if decimals is None:
        decimals = 0 if value.is_integer() else (2 if abs(value) < 10 else 1)
    text = f"{rounded(value, decimals) + 0.0:,.{decimals}f}".replace(",", " ")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_value(value: float | None, unit: str, decimals: int | None = None,
                 nbsp: bool = False) -> str:
    """A value with its unit: '12.1 %', '3.17 m³/s', '20 EPS', '—' (``nbsp``: never split)."""
    number = format_number(value, decimals)
    return number if number == MISSING else f"{number}{NBSP if nbsp else ' '}{unit_label(unit)}"


def format_signed(value: float | None, unit: str, decimals: int | None = 2,
                  nbsp: bool = True) -> str:
    """A difference with its sign: '+0.5 p. p.' (between two %), '−3 EPS', '0 m³/s'."""
    if _missing(value):
        return MISSING
    value = rounded(float(value), decimals if decimals is not None else 9)
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    word = DIFFERENCE_UNITS.get(unit, unit_label(unit))
    return f"{sign}{format_number(abs(value), decimals)}{NBSP if nbsp else ' '}{word}"


def format_ratio(value: float | None) -> str:
    """The trajectory ratio R with two decimals: '1.44'."""
    return MISSING if _missing(value) else f"{float(value):.2f}"


def format_percent(fraction: float | None, decimals: int = 0) -> str:
    """A share: 0.456 → '46 %'."""
    if _missing(fraction):
        return MISSING
    return f"{float(fraction) * 100:.{decimals}f} %"


def period_label(period: str) -> str:
    """'2025-I' → '2025 – sem. I'; years stay as they are."""
    return PERIOD_LABELS.get(period, period)


def format_size(size: int) -> str:
    """12_345 → '12.1 KB', 10_485_760 → '10 MB' (binary units, as file managers show them)."""
    for unit, scale in (("MB", 1_048_576), ("KB", 1_024)):
        if size >= scale:
            return f"{format_number(size / scale, 1)} {unit}"
    return f"{size} bytes"


def format_moment(moment) -> str:
    """A date and time as Peru writes it, '31/03/2026 23:59' (the end of a day reads as the day's
    last minute), on every page; '—' when None or missing."""
    if moment is None or pd.isna(moment):
        return MISSING
    return pd.Timestamp(moment).strftime("%d/%m/%Y %H:%M")
