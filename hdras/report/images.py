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


def slide_png(chart: alt.TopLevelMixin, width: int = SLIDE_WIDTH,
              height: int | None = SLIDE_HEIGHT) -> bytes:
    """The chart as a PNG for a slide: wide, with axis, legend and title type enlarged so a room
    can read it from a projector."""
    sized = chart.properties(width=width) if height is None else chart.properties(
        width=width, height=height)
    large = sized.configure_axis(labelFontSize=15, titleFontSize=15).configure_legend(
        labelFontSize=15, titleFontSize=15, symbolSize=160).configure_title(
        fontSize=20, subtitleFontSize=15)
    return vl_convert.vegalite_to_png(large.to_dict(validate=False), scale=SLIDE_SCALE,
                                      allowed_base_urls=[])
