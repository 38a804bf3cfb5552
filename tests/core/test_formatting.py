"""How numbers are written for people: hdras/core/formatting.py."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hdras.core.formatting import MISSING, format_number, format_signed, format_value, rounded


@pytest.mark.parametrize("value, decimals, text", [
    (13.45, None, "13.5"),  # Python's round gives 13.4: the float 13.45 is a hair below it
    (79.25, None, "79.3"), (2.675, None, "2.68"), (1.345, None, "1.35"), (0.005, None, "0.01"),
    (-13.45, None, "-13.5"), (12.1, None, "12.1"), (4.0, None, "4"), (1250.55, None, "1 250.6"),
    (3.17, None, "3.17"), (13.449999, None, "13.4"), (2.5, 0, "3"), (None, None, MISSING),
    (float("nan"), None, MISSING), (float("inf"), None, MISSING)])
def test_numbers_round_half_up_as_people_do(value, decimals, text):
    assert format_number(value, decimals) == text


def test_values_and_differences_use_the_same_rounding():
    assert format_value(13.45, "%") == "13.5 %"
    assert format_signed(1.345, "%") == "+1.35\u00a0p.\u00a0p."
    assert format_signed(-0.125, "EPS") == "−0.13\u00a0EPS"
    assert format_signed(0.004, "%") == "0\u00a0p.\u00a0p."


@given(st.decimals(min_value=-10_000, max_value=10_000, places=4, allow_nan=False),
       st.integers(min_value=0, max_value=3))
def test_rounding_matches_the_typed_decimal(typed, decimals):
    """A number typed in a workbook (at most four places) is written as a person rounds it."""
    expected = typed.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert rounded(float(typed), decimals) == float(expected)
