"""hdras.core.frames.filter_rows: the one filter rule of the pages."""

from __future__ import annotations

import pandas as pd

from hdras.core.frames import filter_rows

FRAME = pd.DataFrame({"code": ["1.1", "1.2", "2.1"], "year": [2025, 2026, 2026],
                      "units": [["DGAA"], ["PNSU", "DGAA"], ["PNSR"]]})


def test_no_condition_keeps_every_row():
    assert filter_rows(FRAME, {"code": None, "year": None}).equals(FRAME)


def test_values_and_predicates_combine():
    kept = filter_rows(FRAME, {"year": [2026], "units": lambda us: "DGAA" in us})
    assert kept["code"].tolist() == ["1.2"] and kept.index.tolist() == [0]


def test_an_empty_list_keeps_nothing():
    assert filter_rows(FRAME, {"code": []}).empty
