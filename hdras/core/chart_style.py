"""One look for every chart (goals, activities, scenarios, the meeting pack): the palette, the year
axis, when a value axis starts at zero, axis titles by unit, wrapped titles, and what makes a chart
readable by everyone (WCAG 2.1 AA): text colours with enough contrast and a description.

Colours pair with a label, a dash or a marker wherever they carry meaning (design §5). Every colour
used for text passes 4.5:1 on white (tests/core/test_chart_style.py); fills carry their own text in
``text_on(fill)``.
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
# Also the colour of each scenario's 2030 label: every one ≥ 4.5:1 on white (the green was
# #6a994e, 3.3:1).
COMPARE_COLOURS = ("#c2410c", "#0b6e99", "#4d7a35", "#7c3aed", "#b45309", "#be185d")
SOURCE_COLOURS = {"M4.1": "#6a994e", "M4.2": "#bc6c25"}
LABEL_COLOUR = "#262730"     # Streamlit's text colour, for labels drawn inside charts
# Axis labels and titles, legends: Streamlit's chart theme draws them in #808495
# (3.7:1 on white, below AA); this grey is 5.9:1 on white and still reads as secondary.
MUTED_TEXT = "#5c6570"
WHITE = "#ffffff"
INK = "#111111"              # text on light fills (4.7:1 even on the mid grey #7f7f7f)
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


def over_target(years, values, reported, targets) -> list[bool]:
    """Per point of a goal chart: a reported value at or over its year's target (``targets``,
    year → value). Its label goes above the point, else below: the target's marker, on the other
    side, would cover it («1.5● %»), or the label would sit by it and read as the plan's."""
    return [bool(is_reported) and targets.get(year) is not None and value >= targets[year]
            for year, value, is_reported in zip(years, values, reported)]


def value_scale(values: pd.Series) -> alt.Scale:
    """The value axis' scale for ``values`` (see ``starts_at_zero``)."""
    return alt.Scale(zero=starts_at_zero(values), nice=True)


def chart_title(title: str, subtitle: str | None = None) -> alt.Title:
    """Title and subtitle wrapped into lines, so half-page charts never cut a word off."""
    return alt.Title(textwrap.wrap(title, TITLE_WIDTH),
                     subtitle=textwrap.wrap(subtitle, SUBTITLE_WIDTH) if subtitle else alt.Undefined,
                     anchor="start")


# --- Readable by everyone ---------------------------------------------------------------------

# Text of the chart furniture, given in each chart's config (it overrides Streamlit's chart
# theme, and the PNG/SVG exports get the same): colours, and the y-axis labels on their gridlines
# (the theme flushes every axis's end labels into the plot: «0» sat above the zero line, so a 0
# looked negative, and the top label below its line, crowding the next).
TEXT_CONFIG = {
    "axis": {"labelColor": MUTED_TEXT, "titleColor": MUTED_TEXT},
    "axisY": {"labelFlush": False},
    "legend": {"labelColor": MUTED_TEXT, "titleColor": MUTED_TEXT},
    "header": {"labelColor": LABEL_COLOUR, "titleColor": LABEL_COLOUR},
}


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a '#rrggbb' colour."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two '#rrggbb' colours, 1 to 21 (AA: 4.5 for text, 3 for large
    text and for the parts of a graphic one needs to see)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: str, opacity: float, under: str = WHITE) -> str:
    """The colour seen when ``colour`` is drawn with ``opacity`` over ``under``."""
    top = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    base = [int(under.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(t * opacity + b * (1 - opacity)):02x}" for t, b in zip(top, base))


def text_on(fill: str, opacity: float = 1.0) -> str:
    """White or ink, whichever reads better on ``fill`` (drawn with ``opacity`` over white): the
    colour of a count or an icon written on a bar or a cell."""
    seen = blend(fill, opacity)
    return max((WHITE, INK), key=lambda text: contrast_ratio(text, seen))


def _with_text_colours(config: dict) -> dict:
    """``config`` (changed in place) with ``TEXT_CONFIG``'s colours where it sets none."""
    for part, colours in TEXT_CONFIG.items():
        config[part] = {**colours, **config.get(part, {})}
    return config


def readable(chart: alt.TopLevelMixin, description: str) -> alt.TopLevelMixin:
    """``chart`` with its description (Vega-Embed makes it the chart's accessible name, instead
    of «Vega visualization») and text colours with enough contrast (``TEXT_CONFIG``). A colour the
    chart already configures is kept."""
    # no schema check here (about 10 % of the meeting pack's time): the builders' charts are
    # validated whole in their tests
    config = chart.config.to_dict(validate=False) if chart.config is not alt.Undefined else {}
    configured = chart.copy(deep=False)
    configured.config = alt.Config.from_dict(_with_text_colours(config), validate=False)
    configured.description = description
    return configured


def readable_spec(spec: dict, description: str | None = None) -> dict:
    """``readable`` for a Vega-Lite dict (charts kept as dicts, drawn with st.vega_lite_chart)."""
    _with_text_colours(spec.setdefault("config", {}))
    if description is not None:
        spec["description"] = description
    return spec
