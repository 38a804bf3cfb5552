"""The goal status in words, for every place that shows it (pages, command line, export, meeting
pack): the status table with Spanish headers, the sentences that explain a series, and the two short
texts the status and the scenarios share: when the 2030 target is reached, and the pace it needs.

The rules are in ``hdras.goals.status``; this module only writes them down.
"""

from __future__ import annotations

import pandas as pd

from hdras.core import config
from hdras.core.formatting import (MISSING, format_percent, format_ratio, format_signed,
                                   format_value)
from hdras.core.messages import msg
from hdras.goals.series import goal_label
from hdras.goals.status import CATEGORIES, FAR_YEAR, observed_pace, reached

REACH_ICONS = {"already": "✓", "on_time": "✓", "late": "⚠", "never": "✗"}


def _missing(value) -> bool:
    return value is None or pd.isna(value)


def reach(year_reached: int | None, since: int | None) -> str | None:
    """When the 2030 target is reached, as a category: 'already' (by ``since``, the year the
    estimate starts from), 'on_time' (by 2030), 'late', 'never'; None without a starting point."""
    if _missing(since):
        return None
    if _missing(year_reached):
        return "never"
    if int(year_reached) <= int(since):
        return "already"
    return "on_time" if int(year_reached) <= config.FINAL_YEAR else "late"


def reach_text(year_reached: int | None, since: int | None,
               horizon: int | None = None) -> str:
    """'✓ ya alcanzada (2025)', '✓ en 2028', '⚠ en 2034 (después de 2030)', '✗ no se alcanza' —
    or '✗ no antes de 2050' when the estimate looks only up to ``horizon``; '—' without a start."""
    kind = reach(year_reached, since)
    if kind is None:
        return MISSING
    if kind == "never":
        return msg("reach.not_before", year=horizon) if horizon else msg("reach.never")
    if int(year_reached) > FAR_YEAR:
        return msg("reach.after", year=FAR_YEAR)
    return msg(f"reach.{kind}", year=int(year_reached))


def pace_text(pace: float | None, unit: str, reached_already: bool = False) -> str:
    """The change per year the 2030 target needs: '+1.32 p. p. por año'; 'ninguno (meta
    alcanzada)' once reached; '—' when it does not apply."""
    if reached_already:
        return msg("status.pace_none")
    if _missing(pace):
        return MISSING
    return msg("status.per_year", value=format_signed(pace, unit))


def _value(value, unit: str) -> str:
    return format_value(None if _missing(value) else float(value), unit)


# --- The status table -------------------------------------------------------------------------

def display_columns(year: int) -> dict[str, dict]:
    """How a page shows each column of ``display_table``: width in pixels, help, pinned."""
    spec = {"status.col_series": (115, None), "status.col_status": (170, None),
            "status.col_latest": (115, "status.help_latest"),
            "status.col_target": (85, None), "status.col_actual": (90, None),
            "status.col_attainment": (90, "status.help_attainment"),
            "status.col_ratio": (70, "status.help_ratio"),
            "status.col_pace": (150, "status.help_pace"),
            "status.col_reach": (150, "status.help_reach"), "status.col_goal": ("large", None)}
    return {msg(code, year=year): {"width": width, "help": msg(help_code) if help_code else None,
                                   "pinned": code == "status.col_series"}
            for code, (width, help_code) in spec.items()}


def display_table(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """``status_table`` as people read it: Spanish headers, icon + label, formatted values; the
    latest actual right after the status (what a meeting reads first)."""
    rows = []
    for r in table.itertuples():
        rows.append({
            msg("status.col_series"): goal_label(r.code),
            msg("status.col_status"): CATEGORIES[r.status].text(),
            msg("status.col_latest"): (MISSING if _missing(r.latest_year) else
                                       f"{int(r.latest_year)}: {_value(r.latest_actual, r.unit)}"),
            msg("status.col_target", year=year): _value(r.target, r.unit),
            msg("status.col_actual", year=year): _value(r.actual, r.unit),
            msg("status.col_attainment"): format_percent(r.attainment),
            msg("status.col_ratio"): format_ratio(r.ratio),
            msg("status.col_pace"): pace_text(r.pace_required, r.unit,
                                              r.status == "meta_alcanzada"),
            msg("status.col_reach"): reach_text(r.year_reached, r.latest_year),
            msg("status.col_goal"): r.short_title,
        })
    return pd.DataFrame(rows)


def describe(row) -> list[str]:
    """Sentences that explain one series' status for its year (a ``status_table`` row)."""
    label, unit, year = goal_label(row.code), row.unit, int(row.year)
    if _missing(row.latest_year):
        return [msg("status.describe_no_data", label=label, year=year)]
    t = int(row.latest_year)
    lines = []
    if row.basis == "cumulative":
        lines.append(msg("status.increment_basis", latest=_value(row.basis_latest, unit),
                         final=_value(row.basis_final, unit), year=t))
    lines.append(_attainment_sentence(row, year))
    if row.status == "meta_alcanzada":
        lines.append(msg("status.reached_already", final=_value(row.basis_final, unit), year=t))
        return lines
    observed = observed_pace(row.basis_baseline, row.basis_latest, t)
    if not _missing(row.ratio):
        needed = (row.basis_final - row.basis_baseline) / (config.FINAL_YEAR - config.BASELINE_YEAR)
        lines.append(msg("status.ratio_line", ratio=format_ratio(row.ratio),
                         observed=format_signed(observed, unit),
                         needed=format_signed(needed, unit)))
    if not _missing(row.pace_required):
        lines.append(msg("status.pace_line", year=t, pace=format_signed(row.pace_required, unit)))
    final = _value(row.basis_final, unit)
    if _missing(row.year_reached):
        lines.append(msg("status.reach_never", final=final))
    elif int(row.year_reached) > FAR_YEAR:
        lines.append(msg("status.reach_line", final=final,
                         year=msg("status.reach_far", year=FAR_YEAR)))
    else:
        lines.append(msg("status.reach_line", final=final, year=int(row.year_reached)))
    return lines


def _attainment_sentence(row, year: int) -> str:
    unit = row.unit
    if _missing(row.actual):
        return msg("status.attainment_missing", year=year, latest=int(row.latest_year))
    if _missing(row.attainment):
        met = reached(row.basis_latest, row.basis_target, row.direction) if not _missing(
            row.basis_target) else False
        return msg("status.attainment_flat", year=year, target=_value(row.basis_target, unit),
                   verdict=msg("status.met" if met else "status.not_met"))
    return msg("status.attainment_line", year=year, value=format_percent(row.attainment),
               actual=_value(row.basis_latest if row.basis == "cumulative" else row.actual, unit),
               target=_value(row.basis_target, unit), baseline=_value(row.basis_baseline, unit))
