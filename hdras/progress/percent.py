"""Percentages as spreadsheets store them (design §4).

A cell formatted as a percentage holds a fraction: Excel and LibreOffice store «3,5 %» as 0.035.
python-calamine returns that stored value and not the format, so the safety pass finds the
percent-formatted cells in the file itself:

- in an .xlsx, a cell's ``s`` attribute indexes ``styles.xml`` ``cellXfs``; the ``xf``'s
  ``numFmtId`` is a built-in percentage (9 ``0%``, 10 ``0.00%``) or a custom ``numFmt`` whose code
  has a ``%`` outside quotes, escapes and brackets (``0.0" %"`` shows a literal sign and does not
  scale, so it is not a percentage);
- in an .ods, the cell itself says ``office:value-type="percentage"`` (``hdras.progress.ods``).

The rules for the values (applied by ``hdras.progress.sheets``):

- a percent-formatted ``valor`` of a series in % is read as the percentage the user meant
  (0.035 → 3.5), with a warning that names the cell; in a series not in % (m³/s, EPS) or in
  ``avance`` (a quantity toward the year's target) the format has no sensible reading: an error;
- a ``valor`` of a series in % that is not percent-formatted but looks like a fraction typed by
  mistake gets a warning. The rule, from Tabla 1: the value is above 0 and under 1, and at least
  ten times smaller than the plan's figure for that series and year (the larger of the 2024
  baseline and that year's target). With the plan's numbers this flags any value under 1 for
  Meta 1 (13.6–20 %) and for Meta 2 from 2027 (10.5 % on), values up to 0.7 for Meta 2 in 2025
  (7 %), up to 0.28 for Meta 3 in 2025 (2.8 %), and never for Meta 5 in 2025 (0 %, footnote ²).
  A figure ten times below the plan is what a fraction typed instead of a percentage looks like;
  real figures that small are rare and the warning does not block them.
"""

from __future__ import annotations

import re

from defusedxml import ElementTree as SafeET

from hdras.core.formatting import format_number

BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
SUSPECT_FACTOR = 10  # a fraction is at least this many times below the plan's figure
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(code: str) -> bool:
    """True when an Excel number format scales by 100: a '%' outside quotes, escapes, brackets.

    '0.0%' → True; '0.0" %"', '0.0\\%' and '[$%-409]0' → False.
    """
    return "%" in _QUOTED.sub("", code or "")


def percent_style_ids(styles_xml: bytes) -> frozenset[int]:
    """Indexes of ``cellXfs`` (a cell's ``s``) whose number format is a percentage."""
    root = SafeET.fromstring(styles_xml)
    custom = {}
    for node in root.iter(f"{_NS_MAIN}numFmt"):
        try:
            custom[int(node.get("numFmtId", ""))] = node.get("formatCode", "")
        except ValueError:
            continue
    percent = {i for i, code in custom.items() if is_percent_format(code)}
    percent |= BUILTIN_PERCENT_FORMATS - set(custom)
    cell_xfs = next(root.iter(f"{_NS_MAIN}cellXfs"), None)
    if cell_xfs is None:
        return frozenset()
    ids = set()
    for index, xf in enumerate(cell_xfs.findall(f"{_NS_MAIN}xf")):
        try:
            if int(xf.get("numFmtId", "0")) in percent:
                ids.add(index)
        except ValueError:
            continue
    return frozenset(ids)


def from_fraction(value: float) -> float:
    """0.035 → 3.5 (rounded so that binary noise like 3.5000000000000004 does not show)."""
    return round(value * 100, 9)


def shown_percent(fraction: float) -> str:
    """What the user's spreadsheet shows for a stored fraction, as in a Spanish sheet: '3,5 %'."""
    return format_number(from_fraction(fraction), 4).replace(".", ",") + " %"


def looks_like_fraction(value: float, plan_figure: float | None) -> bool:
    """A % value typed as a fraction by mistake (the rule in the module docstring)."""
    if plan_figure is None or plan_figure != plan_figure:  # no figure, or NaN
        return False
    return 0 < value < 1 and value * SUSPECT_FACTOR <= plan_figure
