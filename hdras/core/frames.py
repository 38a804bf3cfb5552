"""Choosing rows of a frame by what a person picked in filters: one rule for every page."""

from __future__ import annotations

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
