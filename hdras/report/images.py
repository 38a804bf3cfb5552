"""Charts of the pack as pictures: SVG (vector) for the PDF, PNG at projector resolution for the
slides. vl-convert draws them offline (no URL may be loaded); Altair's schema check is skipped
because the same builders are validated on the pages and in their tests."""

from __future__ import annotations

import altair as alt
import vl_convert

PDF_WIDTH = 700         # CSS pixels across the PDF's text width
PDF_HEIGHT = 250        # two charts to a page
SLIDE_WIDTH = 1040      # CSS pixels of a slide chart (16:9, fonts enlarged below)
SLIDE_HEIGHT = 330
SLIDE_SCALE = 1.75      # → about 1 900 px wide: what a 1080p projector shows across the slide


def _spec(chart: alt.TopLevelMixin, **size) -> dict:
    """The Vega-Lite dict with the size set on the dict (copying the chart costs more)."""
    spec = chart.to_dict(validate=False)
    spec.update(size)
    return spec


def chart_svg(chart: alt.TopLevelMixin, width: int = PDF_WIDTH, height: int = PDF_HEIGHT) -> str:
    """The chart as SVG text (vector, for the PDF)."""
    return vl_convert.vegalite_to_svg(_spec(chart, width=width, height=height),
                                      allowed_base_urls=[])


# Type a room reads from a projector, merged into each slide chart's own configuration.
SLIDE_TYPE = {"axis": {"labelFontSize": 15, "titleFontSize": 15},
              "legend": {"labelFontSize": 15, "titleFontSize": 15, "symbolSize": 160},
              "title": {"fontSize": 20, "subtitleFontSize": 15}}


def slide_png(chart: alt.TopLevelMixin, width: int = SLIDE_WIDTH,
              height: int | None = SLIDE_HEIGHT) -> bytes:
    """The chart as a PNG for a slide: wide, with axis, legend and title type enlarged so a room
    can read it from a projector. Size and type are set on the dict: Altair's .properties and
    .configure_* copy a layered chart whole each time (they were half of the slides' time), and
    configure_axis would replace the chart's own axis colours."""
    spec = _spec(chart, width=width) if height is None else _spec(chart, width=width,
                                                                  height=height)
    config = spec.setdefault("config", {})
    for part, values in SLIDE_TYPE.items():
        config[part] = {**config.get(part, {}), **values}
    return vl_convert.vegalite_to_png(spec, scale=SLIDE_SCALE, allowed_base_urls=[])
