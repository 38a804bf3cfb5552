"""What every chart needs besides its picture: pieces of its Spanish description and its numbers as
a table people can read (the «Ver datos» under each chart). Domain modules write the descriptions
(``hdras.goals.chart_text``, ``hdras.activities.chart_text``, ``hdras.scenarios.charts``) from
the same frames their charts draw; this module holds what they share.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable

import pandas as pd

from hdras.core.formatting import MISSING, format_number
from hdras.core.frames import python_value
from hdras.core.messages import MESSAGES, msg


def spanish_list(items: Iterable[str]) -> str:
    """'a', 'a y b', 'a, b y c'."""
    items = [str(i) for i in items if str(i)]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} y {items[-1]}"


def lower_first(text: str) -> str:
    """'Requiere aceleración' → 'requiere aceleración' (a label inside a sentence)."""
    return text[:1].lower() + text[1:]


def no_data(title: str) -> str:
    """The description of a chart drawn without data."""
    return msg("chart.no_data", title=title)


def category_counts_text(counts: dict[str, int], zero: bool = False) -> str:
    """'✓ Completada 3, ◐ En proceso 2' (labels in the given order; zeros left out unless
    ``zero``)."""
    parts = [msg("describe.count", label=label, count=count) for label, count in counts.items()
             if zero or count]
    return ", ".join(parts) or "0"


def _cell(value, year: bool = False) -> str:
    value = python_value(value)
    if year and isinstance(value, (int, float)) and not isinstance(value, bool) \
            and float(value).is_integer():
        return str(int(value))  # 2025, not '2 025'
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    text = str(value)
    return text if text.strip() else MISSING


def readable_table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every value written as people read it: numbers as the project writes them
    (12.1, 1 250; years in a column headed «Año…» as 2025), missing values as '—', flags as
    Sí/No; headers unchanged."""
    return pd.DataFrame({column: [_cell(v, year=str(column).lower().startswith(("año", "year")))
                                  for v in frame[column]] for column in frame.columns},
                        index=range(len(frame)))


def wide_table(frame: pd.DataFrame, values: str = "label", index: str = "year",
               columns: str = "serie", index_title: str = "Año") -> pd.DataFrame:
    """A long chart frame (one row per year and line) as a table: one row per year, one column
    per line, in the order the lines first appear; None where a line has no point that year
    (``readable_table`` writes it '—', as it writes every cell: «Ver datos» does)."""
    if frame.empty:
        return pd.DataFrame()
    # plain Python, not pivot_table: it runs on every slider step of Escenarios
    cells: dict = {}
    for key, line, value in zip(frame[index], frame[columns], frame[values]):
        if not pd.isna(value):
            cells.setdefault(key, {}).setdefault(line, value)  # the first, as aggfunc="first"
    order = list(dict.fromkeys(frame[columns]))
    keys = sorted(cells)
    wide = pd.DataFrame({index_title: keys,
                         **{line: [cells[k].get(line) for k in keys] for line in order}})
    return wide


def data_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``, the CSV of a chart, with its file headers in words, as «Ver datos» shows them:
    each ``csv.*`` header becomes its ``data.*`` twin in the messages («meta_plan» → «Meta del
    plan», «M4.1_nuevos_plan» → «M4.1: nuevos por año, plan»); other headers stay."""
    return frame.rename(columns=lambda column: _in_words(str(column)))


def _in_words(header: str) -> str:
    for pattern, twin in _csv_headers():
        found = pattern.fullmatch(header)
        if found:
            return msg(twin, **found.groupdict())
    return header


@functools.cache
def _csv_headers() -> tuple[tuple[re.Pattern, str], ...]:
    """Each ``csv.*`` message as a pattern (its placeholders match any text) and its twin."""
    def pattern(template: str) -> re.Pattern:
        return re.compile("".join(re.escape(text) + (f"(?P<{name}>.+?)" if name else "")
                                  for text, name, _, _ in string.Formatter().parse(template)))
    return tuple((pattern(template), "data." + code.removeprefix("csv."))
                 for code, template in MESSAGES.items() if code.startswith("csv."))
