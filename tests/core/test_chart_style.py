"""Contrast (WCAG 2.1 AA) of every colour the dashboard writes text in: the theme, the style block,
the chart palette, the status colours, and the text written on status fills."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from hdras.activities import charts as activity_charts
from hdras.activities.milestones import MILESTONE_STYLES
from hdras.activities.schedule import STATUS_STYLES
from hdras.core import chart_style
from hdras.core.chart_style import contrast_ratio, text_on
from hdras.goals.status import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
STYLE = (ROOT / "views" / "style.css").read_text(encoding="utf-8")
TEXT, LARGE_OR_GRAPHIC = 4.5, 3.0
# Streamlit draws captions, metric notes, help texts and pinned table columns in the text colour
# at this opacity.
FADED = 0.6


def test_contrast_ratio_matches_the_wcag_examples():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#797f85", "#ffffff") == pytest.approx(4.04, abs=0.01)  # the old grey
    assert contrast_ratio("#0b6e99", "#0b6e99") == pytest.approx(1)


def test_blend_is_what_the_eye_sees():
    assert chart_style.blend("#000000", 0.6) == "#666666"
    assert chart_style.blend("#1f2933", 0.6) == "#797f85"  # Streamlit's caption before the fix


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_theme_text_and_its_faded_grey_pass_on_every_background(background):
    text, under = THEME["textColor"], THEME[background]
    assert contrast_ratio(text, under) >= TEXT
    assert contrast_ratio(chart_style.blend(text, FADED, under), under) >= TEXT


def test_theme_accent_is_visible_as_focus_ring_and_link():
    for background in ("backgroundColor", "secondaryBackgroundColor"):
        assert contrast_ratio(THEME["primaryColor"], THEME[background]) >= TEXT


def test_style_block_colours_are_visible_on_the_theme_backgrounds():
    """Every colour of a text or a line (fills are checked with the text they carry, below)."""
    colours = set(re.findall(r"(?<!background-color: )#[0-9a-fA-F]{6}\b", STYLE))
    assert colours  # the focus outline
    for colour in colours:
        for background in ("backgroundColor", "secondaryBackgroundColor"):
            assert contrast_ratio(colour, THEME[background]) >= LARGE_OR_GRAPHIC, colour


def _rule(selector: str) -> str:
    return STYLE[STYLE.index(selector + " {"):].split("}", 1)[0]


def test_filled_boxes_carry_text_that_passes_on_their_fill():
    """Escenarios' metric notes (Streamlit's grey pill) and the help text of its metrics."""
    for selector in (".hdras-metric-note span", ".hdras-help:focus::after"):
        rule = _rule(selector)
        fill = re.search(r"background-color: (#[0-9a-fA-F]{6})", rule).group(1)
        text = re.search(r"(?<!-)color: (#[0-9a-fA-F]{6})", rule).group(1)
        assert contrast_ratio(text, fill) >= TEXT, selector


def test_the_help_button_of_a_metric_is_visible_as_a_graphic():
    """Its ring and «?» in the theme's text at 60 %, as Streamlit's help icon (1.4.11)."""
    red, green, blue, alpha = re.search(r"color: rgba\((\d+), (\d+), (\d+), ([\d.]+)\)",
                                        _rule(".hdras-help")).groups()
    assert f"#{int(red):02x}{int(green):02x}{int(blue):02x}" == THEME["textColor"]
    seen = chart_style.blend(THEME["textColor"], float(alpha), THEME["backgroundColor"])
    assert contrast_ratio(seen, THEME["backgroundColor"]) >= LARGE_OR_GRAPHIC


def test_captions_keep_the_themes_faded_text_and_pass():
    """The caption colour in the style block is the theme's text colour at 60 %."""
    red, green, blue, alpha = re.search(
        r"stCaptionContainer.*?color: rgba\((\d+), (\d+), (\d+), ([\d.]+)\)", STYLE,
        re.S).groups()
    assert f"#{int(red):02x}{int(green):02x}{int(blue):02x}" == THEME["textColor"]
    for background in ("backgroundColor", "secondaryBackgroundColor"):
        seen = chart_style.blend(THEME["textColor"], float(alpha), THEME[background])
        assert contrast_ratio(seen, THEME[background]) >= TEXT


def test_html_tables_have_the_borders_of_streamlits_markdown_tables():
    """views/present.table_html draws tables as HTML; style.css gives them the border Streamlit
    gives a Markdown table: the theme's text colour at 10 %."""
    block = STYLE[STYLE.index("table.hdras-table"):]
    borders = re.findall(r"border(?:-top)?: 1px solid rgba\((\d+), (\d+), (\d+), ([\d.]+)\)", block)
    assert len(borders) == 2
    for red, green, blue, alpha in borders:
        assert f"#{int(red):02x}{int(green):02x}{int(blue):02x}" == THEME["textColor"]
        assert float(alpha) == 0.1


def test_style_block_survives_streamlits_html_sanitizer():
    """DOMPurify drops a <style> whose text holds a tag-like '<' (st.html would show nothing)."""
    assert "<" not in STYLE


TEXT_COLOURS = {
    "MUTED_TEXT": chart_style.MUTED_TEXT, "LABEL_COLOUR": chart_style.LABEL_COLOUR,
    "ACTUAL_COLOUR": chart_style.ACTUAL_COLOUR, "BASELINE_COLOUR": chart_style.BASELINE_COLOUR,
    "PLAN_COLOUR": chart_style.PLAN_COLOUR, "SCENARIO_COLOUR": chart_style.SCENARIO_COLOUR,
    **{f"COMPARE_COLOURS[{i}]": c for i, c in enumerate(chart_style.COMPARE_COLOURS)},
    **{f"status {code}": c.colour for code, c in CATEGORIES.items()},
}


@pytest.mark.parametrize("name", sorted(TEXT_COLOURS))
def test_colours_used_for_text_pass_on_white(name):
    assert contrast_ratio(TEXT_COLOURS[name], chart_style.WHITE) >= TEXT, name


def test_chart_furniture_is_configured_in_the_readable_grey():
    for part in ("axis", "legend"):
        colours = chart_style.TEXT_CONFIG[part]
        assert {colours["labelColor"], colours["titleColor"]} == {chart_style.MUTED_TEXT}


FILLS = {**{f"activity {k}": s.colour for k, s in STATUS_STYLES.items()},
         **{f"milestone {k}": s.colour for k, s in MILESTONE_STYLES.items()}}


@pytest.mark.parametrize("name", sorted(FILLS))
@pytest.mark.parametrize("opacity", [1.0, activity_charts.FUTURE_OPACITY])
def test_text_written_on_a_status_fill_passes(name, opacity):
    """Counts on the stacked bars and icons on the Gantt's cells (future years drawn lighter)."""
    fill = chart_style.blend(FILLS[name], opacity)
    assert contrast_ratio(text_on(FILLS[name], opacity), fill) >= TEXT


def test_text_on_picks_white_on_dark_and_ink_on_light():
    assert text_on("#0072B2") == chart_style.WHITE
    assert text_on("#E69F00") == chart_style.INK
    assert text_on("#0072B2", 0.6) == chart_style.INK  # the same blue, drawn lighter


def test_readable_sets_the_description_and_keeps_the_charts_own_config():
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").configure_axis(
        labelFontSize=15, labelColor="#000000")
    spec = chart_style.readable(chart, "Meta 1: línea base 12.1 %").to_dict()
    assert spec["description"] == "Meta 1: línea base 12.1 %"
    assert spec["config"]["axis"] == {"labelFontSize": 15, "labelColor": "#000000",
                                      "titleColor": chart_style.MUTED_TEXT}
    assert spec["config"]["legend"]["labelColor"] == chart_style.MUTED_TEXT


def test_readable_spec_does_the_same_on_a_dict():
    spec = chart_style.readable_spec({"config": {"axis": {"labelFontSize": 14}}}, "Plan y escenario")
    assert spec["description"] == "Plan y escenario"
    assert spec["config"]["axis"] == {"labelFontSize": 14, **chart_style.TEXT_CONFIG["axis"]}
