"""Choosing rows of a frame by what a person picked in filters (one rule for every page), and a
frame's cells as plain Python values."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

Condition = Iterable | Callable[[object], bool] | None


def filter_rows(frame: pd.DataFrame, conditions: Mapping[str, Condition]) -> pd.DataFrame:
    """The rows of ``frame`` that meet every condition, renumbered from 0.

    A condition on a column is None (no filter), the values to keep (an empty list keeps
    nothing: pass ``chosen or None`` where nothing chosen means everything), or a function of
    the cell's value that returns True for the rows to keep.
    """
    mask = pd.Series(True, index=frame.index)
    for column, condition in conditions.items():
        if condition is None:
            continue
        if callable(condition):
            mask &= frame[column].map(condition).astype(bool)
        else:
            mask &= frame[column].isin(list(condition))
    return frame[mask].reset_index(drop=True)


def python_value(value: object) -> object:
    """A cell as a plain Python value: pandas NA, NaN and NaT → None, a Timestamp → datetime,
    numpy scalars → int, float, bool."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) \
        else value
