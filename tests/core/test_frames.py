"""hdras.core.frames: the one filter rule of the pages, and cells as plain Python values."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from hdras.core.frames import filter_rows, python_value

FRAME = pd.DataFrame({"code": ["1.1", "1.2", "2.1"], "year": [2025, 2026, 2026],
                      "units": [["DGAA"], ["PNSU", "DGAA"], ["PNSR"]]})


def test_no_condition_keeps_every_row():
    assert filter_rows(FRAME, {"code": None, "year": None}).equals(FRAME)


def test_values_and_predicates_combine():
    kept = filter_rows(FRAME, {"year": [2026], "units": lambda us: "DGAA" in us})
    assert kept["code"].tolist() == ["1.2"] and kept.index.tolist() == [0]


def test_an_empty_list_keeps_nothing():
    assert filter_rows(FRAME, {"code": []}).empty


@pytest.mark.parametrize("value, expected", [
    (None, None), (pd.NA, None), (pd.NaT, None), (float("nan"), None),
    (np.int64(3), 3), (np.float64(2.5), 2.5), (np.bool_(True), True), ("3,5 %", "3,5 %"),
    (pd.Timestamp("2026-03-31 10:00"), dt.datetime(2026, 3, 31, 10, 0)),
])
def test_python_value(value, expected):
    result = python_value(value)
    assert result == expected and type(result) is type(expected)
