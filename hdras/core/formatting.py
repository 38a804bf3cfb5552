"""Number and label formatting for the Spanish (Peru) interface. The plan writes decimals with a point."""

from __future__ import annotations

import math

UNIT_LABELS = {"%": "%", "m3/s": "m³/s", "EPS": "EPS"}
PERIOD_LABELS = {"2025-I": "2025 – sem. I", "2025-II": "2025 – sem. II"}


def unit_label(unit: str) -> str:
    """Display form of a unit code ('m3/s' → 'm³/s')."""
    return UNIT_LABELS.get(unit, unit)


def format_number(value: float | None, decimals: int | None = None) -> str:
    """'12.1', '20', '3.17'; an em dash for a missing value. Integers lose their '.0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if decimals is None:
        if float(value).is_integer():
            return f"{int(value):,}".replace(",", " ")
        decimals = 2 if abs(value) < 10 else 1
        text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        return text
    return f"{value:,.{decimals}f}".replace(",", " ")


def format_value(value: float | None, unit: str, decimals: int | None = None) -> str:
    """A value with its unit: '12.1 %', '3.17 m³/s', '20 EPS', '—'."""
    number = format_number(value, decimals)
    return number if number == "—" else f"{number} {unit_label(unit)}"


def period_label(period: str) -> str:
    """'2025-I' → '2025 – sem. I'; years stay as they are."""
    return PERIOD_LABELS.get(period, period)


def format_percent(fraction: float | None, decimals: int = 0) -> str:
    """0.456 → '46 %'."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "—"
    return f"{fraction * 100:.{decimals}f} %"
