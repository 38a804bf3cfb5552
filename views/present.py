"""How the pages show what hdras computes: text users typed shown as text, frames as Markdown tables,
status categories as badges, a chart's numbers under it («Ver datos»). hdras returns numbers,
categories and plain text; the markup is built here, once."""

from __future__ import annotations

import html
import re

import pandas as pd
import streamlit as st

from hdras.core.chart_text import readable_table
from hdras.core.formatting import MISSING, format_ratio, format_value
from hdras.core.messages import msg
from hdras.goals import status
from hdras.goals.display import REACH_ICONS
from hdras.goals.status import Category

_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=")
_ESCAPED = str.maketrans({ch: "\\" + ch for ch in _MARKDOWN_SPECIAL})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


# A figure: a number, maybe after a sign or a reach icon («+1.31 p. p. por año», «✓ 20 %»,
# «36 → 36», «06/12/2026»), or MISSING or nothing for none. Escaped as ``plain`` leaves it.
_FIGURE = re.compile(rf"(?:[{re.escape(''.join(sorted(set(REACH_ICONS.values()))))}]\s*)?"
                     rf"(?:[+−-]|\\[+-])?\d|(?:{re.escape(MISSING)})?$")


def _is_figure(cell: str) -> bool:
    return _FIGURE.match(cell) is not None


def plain(text: object) -> str:
    """Text shown as itself in Markdown: no links, images, emphasis or formulas from what users
    typed (a name, a file name, a scenario name), and no line breaks that would end a table row."""
    flat = _SPACES.sub(" ", str(text)).strip()  # keeps no-break spaces
    return flat.translate(_ESCAPED)  # one pass in C: tables of a hundred rows stay cheap


def markdown_table(frame: pd.DataFrame, text: bool = False) -> str:
    """A frame as a Markdown table: large, plain text a projector shows whole (a data grid cuts
    long cells and hides them behind hover). The first column is aligned left; the others right
    when every cell of theirs is a figure (``_FIGURE``), else left, as words read; ``text=True``
    aligns every column left (a table of texts)."""
    header = "| " + " | ".join(plain(c) for c in frame.columns) + " |"
    # by column, not itertuples: four times faster on the tables a slider step redraws
    cells = [[plain(v) for v in frame.iloc[:, i].tolist()] for i in range(frame.shape[1])]
    rule = "|" + "|".join("---:" if i and not text and all(map(_is_figure, column)) else ":---"
                          for i, column in enumerate(cells)) + "|"
    rows = ["| " + " | ".join(row) + " |" for row in zip(*cells)]
    return "\n".join([header, rule, *rows])


# Each status category's Streamlit badge colour and icon (its label comes from hdras).
BADGES = {"meta_alcanzada": ("blue", ":material/flag:"),
          "en_camino": ("green", ":material/check_circle:"),
          "requiere_aceleracion": ("yellow", ":material/north_east:"),
          "progreso_limitado": ("orange", ":material/warning:"),
          "retroceso": ("red", ":material/trending_down:"),
          "sin_datos": ("gray", ":material/radio_button_unchecked:")}


def badge_of(category: Category) -> str:
    """A status as a Streamlit badge: ':green-badge[:material/check_circle: En camino]' (colour,
    icon and word together, design §5)."""
    colour, icon = BADGES[category.code]
    return f":{colour}-badge[{icon} {category.label}]"


def status_card_lines(table: pd.DataFrame) -> dict[str, str]:
    """Per series, one markdown line for a summary card: badge, R and the year of the data."""
    lines = {}
    for r in table.itertuples():
        badge = badge_of(status.CATEGORIES[r.status])
        if pd.isna(r.latest_year):
            lines[r.code] = msg("status.card_no_data", badge=badge)
        elif pd.isna(r.ratio):
            lines[r.code] = msg("status.card_no_ratio", badge=badge, year=int(r.latest_year),
                                value=format_value(r.latest_actual, r.unit))
        else:
            lines[r.code] = msg("status.card", badge=badge, ratio=format_ratio(r.ratio),
                                year=int(r.latest_year), value=format_value(r.latest_actual, r.unit))
    return lines


def data_text(table: pd.DataFrame | None) -> str:
    """A chart's numbers as the Markdown table «Ver datos» shows ('' for none): built with the
    chart's read model, once per data version (``views.models``), not on every run."""
    return "" if table is None or table.empty else markdown_table(readable_table(table))


def chart_data(text: str, key: str) -> None:
    """Under every chart: its numbers as a table (``data_text``), folded («Ver datos», for those
    who prefer reading or cannot see the chart), or a sentence saying the chart has no data. A
    Markdown table is real HTML: screen readers move through it cell by cell."""
    if not text:
        st.info(msg("chart.no_data_screen"), icon=":material/info:")
        return
    with st.expander(msg("chart.see_data"), icon=":material/table:", key=f"{key}-data"):
        st.markdown(text)


def live_status(text: str) -> None:
    """A sentence screen readers announce when it changes (a polite status region), kept out of
    sight: what a chart now shows after a slider moved, said without a visit to the chart. Its
    container takes no room (style.css, ``hdras-live``)."""
    st.markdown(f'<div class="hdras-live" role="status">{html.escape(text)}</div>',
                unsafe_allow_html=True)
