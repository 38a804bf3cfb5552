"""How the pages show what hdras computes: text users typed shown as text, frames as HTML tables,
status categories as badges, a chart's numbers under it («Ver datos»). hdras returns numbers,
categories and plain text; the markup is built here, once."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

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
# «36 → 36», «06/12/2026»), or MISSING or nothing for none.
_FIGURE = re.compile(rf"(?:[{re.escape(''.join(sorted(set(REACH_ICONS.values()))))}]\s*)?"
                     rf"[+−-]?\d|(?:{re.escape(MISSING)})?$")
_RIGHT = ' class="hdras-r"'  # a figure's cell (views/style.css)


def _is_figure(cell: str) -> bool:
    return _FIGURE.match(cell) is not None


def _flat(text: object) -> str:
    return _SPACES.sub(" ", str(text)).strip()  # keeps no-break spaces


def _text(text: object) -> str:
    """Text shown as itself in HTML, on one line (``plain``'s twin for ``st.html``)."""
    return html.escape(_flat(text))


def plain(text: object) -> str:
    """Text shown as itself in Markdown: no links, images, emphasis or formulas from what users
    typed (a name, a file name, a scenario name), and no line breaks."""
    return _flat(text).translate(_ESCAPED)  # one pass in C


def table_html(frame: pd.DataFrame, text: bool = False) -> str:
    """A frame as an HTML table: large, plain text a projector shows whole (a data grid cuts long
    cells and hides them behind hover), headed cell by cell for screen readers. The first column
    is aligned left; the others right when every cell of theirs is a figure (``_FIGURE``), else
    left, as words read; ``text=True`` aligns every column left (a table of texts). Drawn with
    ``table``; it looks like a Streamlit Markdown table (views/style.css, ``hdras-table``) and
    costs the browser a fraction of one, which matters where a slider redraws tables."""
    # by column, from one conversion of the whole frame: the tables a slider step redraws
    cells = [[_text(v) for v in column] for column in frame.to_numpy(dtype=object).T.tolist()]
    right = [bool(i) and not text and all(map(_is_figure, column))
             for i, column in enumerate(cells)]
    head = "".join(f'<th scope="col"{_RIGHT if r else ""}>{_text(c)}</th>'
                   for c, r in zip(frame.columns, right))
    rows = "".join("<tr>" + "".join(f"<td{_RIGHT if r else ''}>{c}</td>"
                                    for c, r in zip(row, right)) + "</tr>"
                   for row in zip(*cells))
    return (f'<table class="hdras-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def action_html(code: str, title: str, term: str, milestone: str | None,
                activities: pd.DataFrame) -> str:
    """One action of the Plan's tree: its code, title, term and milestone over the table of its
    activities (texts, aligned left)."""
    milestone = _text(milestone) if isinstance(milestone, str) else MISSING
    return (f"<p><strong>Acción {_text(code)}</strong> · {_text(title)}<br>"
            f"Plazo: <strong>{_text(term)}</strong> · Hito: {milestone}</p>"
            + table_html(activities, text=True))


def scroll_box(table: str, name: str) -> str:
    """``table`` (HTML) in a box that scrolls sideways when the table is wider than its column (a
    «Ver datos» beside a chart, Escenarios below 1280 px) instead of running past the column and
    the page. The box is a named region keyboard users can focus to scroll it (WCAG 2.1.1)."""
    return (f'<div class="hdras-scroll" role="region" tabindex="0" aria-label="{_text(name)}">'
            f"{table}</div>")


def table(frame_or_html: pd.DataFrame | str, name: str) -> None:
    """Draw a table, named ``name`` for screen readers: a frame, or the HTML ``table_html`` built
    once in a read model; in a ``scroll_box``."""
    st.html(scroll_box(frame_or_html if isinstance(frame_or_html, str)
                       else table_html(frame_or_html), name))


def metric_cards(items) -> str:
    """Big numbers two by two (``label``, ``value``, ``note``, ``help`` each), drawn as
    ``st.metric`` draws a bordered metric (views/style.css, ``hdras-metric``) but as one element:
    a slider step redraws one element instead of four metrics and their six columns, and the
    browser draws each metric's label, value and note as Markdown (measured: 4 of Escenarios'
    72 ms a step). The help is a button: a keyboard reaches it and its text shows on focus, as
    it does when pointed at."""
    cards = []
    for item in items:
        helper = (f'<button type="button" class="hdras-help" aria-label="{_text(item.help)}" '
                  f'data-help="{_text(item.help)}">?</button>' if item.help else "")
        note = (f'<div class="hdras-metric-note"><span>{_text(item.note)}</span></div>'
                if item.note else "")
        cards.append(f'<div class="hdras-metric"><div class="hdras-metric-label">'
                     f"{_text(item.label)}{helper}</div>"
                     f'<div class="hdras-metric-value">{_text(item.value)}</div>{note}</div>')
    return f'<div class="hdras-metrics">{"".join(cards)}</div>'


def header_widths(frame: pd.DataFrame) -> dict[str, int]:
    """For each column of ``frame`` whose header is longer than its cells, the width (px) that
    shows the whole header: the grid sizes a column by its cells, so a short-valued column cut
    its header («N.º de añ…», «↻ Re…»). Data only: built with the frame's read model
    (``views.models``), once per data version."""
    widths = {}
    for name in frame.columns:
        header = str(name)
        if len(header) > max(map(len, map(str, frame[name].head(200).tolist())), default=0):
            widths[header] = int(_HEADER_CHAR_PX * len(header)) + _HEADER_PADDING_PX
    return widths


def fit_headers(widths: dict[str, int], config: dict | None = None) -> dict:
    """``st.dataframe``'s column_config: ``config`` plus the ``header_widths``; a width the page
    chose stays, and a column whose cells are longer keeps the grid's own sizing."""
    config = dict(config or {})
    for header, width in widths.items():
        given = config.get(header)
        if given is None:
            config[header] = st.column_config.Column(width=width)
        elif not given.get("width"):
            config[header] = {**given, "width": width}
    return config


_HEADER_CHAR_PX, _HEADER_PADDING_PX = 6.5, 26  # the grid's 14 px header font and its padding


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


def data_text(frame: pd.DataFrame | None) -> str:
    """A chart's numbers as the table «Ver datos» shows (HTML, '' for none): built with the
    chart's read model, once per data version (``views.models``), not on every run."""
    return "" if frame is None or frame.empty else table_html(readable_table(frame))


def chart_data(text: str | Callable[[], str], key: str) -> None:
    """Under every chart: its numbers as a table (``data_text``), folded («Ver datos», for those
    who prefer reading or cannot see the chart), or a sentence saying the chart has no data.
    The table is drawn only while «Ver datos» is open (its state, True when open, is under the
    key «<chart key>-data»; opening it reruns the page, or the fragment it is in): folded, it
    would still be redrawn with every change of the chart, a slider step included (measured: 7
    of Escenarios' 80 ms). ``text`` may be the function that builds it, for a chart built on
    every run (Escenarios' sliders): called only while «Ver datos» is open."""
    if not text:
        st.info(msg("chart.no_data_screen"), icon=":material/info:")
        return
    folded = st.expander(msg("chart.see_data"), icon=":material/table:", key=f"{key}-data",
                         on_change="rerun")
    if folded.open:
        with folded:
            table(text() if callable(text) else text, msg("chart.data_region"))


def live_status(text: str) -> None:
    """A sentence screen readers announce when it changes (a polite status region), kept out of
    sight: what a chart now shows after a slider moved, said without a visit to the chart. Its
    container takes no room (style.css, ``hdras-live``). Markdown, not ``st.html``: the browser
    keeps a Markdown element's nodes and changes their text, so the region stays the same node
    and is announced; ``st.html`` writes its content anew, a new region, often not announced."""
    st.markdown(f'<div class="hdras-live" role="status">{html.escape(text)}</div>',
                unsafe_allow_html=True)
