"""Helpers for AppTest: open the app on a page and collect what it rendered."""

from __future__ import annotations

import html
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from hdras.core.messages import msg

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page: str | None = None, timeout: float = 60) -> AppTest:
    """Run app.py, then switch to ``page`` ('views/plan.py') if given."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def text_of(at: AppTest) -> str:
    """All markdown, captions, titles, metric labels/values and table rows (cells joined by
    « | ») as one string, for 'in' checks."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info",
                 "warning", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.get("metric")]
    parts += [f"{label} {value}" for label, (value, _) in metric_cards(at).items()]
    parts += [" | ".join(row) for row in table_rows(at)]
    return "\n".join(parts)


def metric_cards(at: AppTest) -> dict[str, tuple[str, str]]:
    """The big numbers drawn as HTML cards (views/present.metric_cards): label → (value, note)."""
    cards = {}
    for element in at.get("html"):
        for card in str(element.value).split('<div class="hdras-metric">')[1:]:
            label = re.search(r'class="hdras-metric-label">(.*?)(?:<button|</div>)', card)[1]
            value = re.search(r'class="hdras-metric-value">(.*?)</div>', card)[1]
            note = re.search(r'class="hdras-metric-note"><span>(.*?)</span>', card)
            cards[html.unescape(label)] = (html.unescape(value),
                                           html.unescape(note[1]) if note else "")
    return cards


def table_rows(at: AppTest) -> list[list[str]]:
    """Every row of the page's HTML tables (views/present.table_html), each cell as its text."""
    return [[html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for e in at.get("html") for row in re.findall(r"<tr>(.*?)</tr>", str(e.value))]


def open_chart_data(at: AppTest) -> AppTest:
    """Open every «Ver datos» of the page and run it again: folded, they hold no table
    (views/present.chart_data). An expander's state lives under its key, the end of its id."""
    for expander in at.expander:
        if expander.label == msg("chart.see_data"):
            at.session_state[expander.proto.id.split("-", 2)[2]] = True
    return at.run()
