"""One look for every chart (goals, activities, scenarios, the meeting pack): the palette, the year
axis, when a value axis starts at zero, axis titles by unit, and wrapped titles.

Colours pair with a label, a dash or a marker wherever they carry meaning (design §5).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from hdras.core import config
from hdras.core.formatting import unit_label
from hdras.core.messages import msg

PLAN_COLOUR = "#6b7785"      # the plan's targets: grey, dashed
ACTUAL_COLOUR = "#0b6e99"    # what was reported: the theme's blue, solid
BASELINE_COLOUR = "#3d4852"  # the 2024 baseline and the 2030 target line
SCENARIO_COLOUR = "#c2410c"  # a what-if projection
COMPARE_COLOURS = ("#c2410c", "#0b6e99", "#6a994e", "#7c3aed", "#b45309", "#be185d")
SOURCE_COLOURS = {"M4.1": "#6a994e", "M4.2": "#bc6c25"}
LABEL_COLOUR = "#262730"     # Streamlit's text colour, for labels drawn inside charts
YEAR_MARK_COLOUR = "#b0b8c1"  # the analysis year's band
TITLE_WIDTH = 42             # characters per title line (a chart may be half a page wide)
SUBTITLE_WIDTH = 58
UNIT_AXES = {"%": "chart.axis_pct", "m3/s": "chart.axis_flow", "EPS": "chart.axis_eps"}


def axis_title(unit: str) -> str:
    """The value axis of a unit: 'Porcentaje (%)', 'Caudal (m³/s)', 'Prestadores (EPS)'."""
    return msg(UNIT_AXES[unit]) if unit in UNIT_AXES else unit_label(unit)


def year_scale(first: int = config.BASELINE_YEAR, last: int = config.FINAL_YEAR,
               padding: int = 18) -> alt.Scale:
    """The scale of ``year_axis`` (for marks placed at a given year)."""
    return alt.Scale(domain=[first, last], nice=False, padding=padding)


def year_axis(first: int = config.BASELINE_YEAR, last: int = config.FINAL_YEAR,
              padding: int = 18) -> alt.X:
    """Years as whole numbers, every year ticked, from ``first`` to ``last``."""
    years = list(range(first, last + 1))
    return alt.X("year:Q", title=msg("chart.axis_year"), scale=year_scale(first, last, padding),
                 axis=alt.Axis(format="d", values=years, labelAngle=0))


def starts_at_zero(values: pd.Series) -> bool:
    """A value axis starts at zero unless the series lives far from it (Meta 6: 37 → 40 EPS)."""
    values = values.dropna()
    low, high = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
    return low <= 0.25 * high


def value_scale(values: pd.Series) -> alt.Scale:
    """The value axis' scale for ``values`` (see ``starts_at_zero``)."""
    return alt.Scale(zero=starts_at_zero(values), nice=True)


def chart_title(title: str, subtitle: str | None = None) -> alt.Title:
    """Title and subtitle wrapped into lines, so half-page charts never cut a word off."""
    return alt.Title(textwrap.wrap(title, TITLE_WIDTH),
                     subtitle=textwrap.wrap(subtitle, SUBTITLE_WIDTH) if subtitle else alt.Undefined,
                     anchor="start")
