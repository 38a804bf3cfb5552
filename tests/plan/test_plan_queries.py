"""Plan read views: hierarchy, filters, unit splitting, detail of an activity."""

from __future__ import annotations

import pytest

from hdras.plan import queries as plan_queries
from hdras.core.errors import UnknownCodeError


@pytest.mark.parametrize("text, expected", [
    ("DGPRCS y DGAA", ["DGPRCS", "DGAA"]),
    ("DGAA, DGPRCS, PNSU", ["DGAA", "DGPRCS", "PNSU"]),
    ("CISA/CIP", ["CISA/CIP"]),
    ("", []),
    (None, []),
])
def test_split_units(text, expected):
    assert plan_queries.split_units(text) == expected


def test_code_sort_key_orders_numerically():
    assert sorted(["1.10.1", "1.2.1", "1.9.3"], key=plan_queries.code_sort_key) == [
        "1.2.1", "1.9.3", "1.10.1"]
    assert sorted(["OE2", "OE10", "OE1"], key=plan_queries.code_sort_key) == ["OE1", "OE2", "OE10"]


def test_activity_table_has_ordered_periods(mini_con):
    table = plan_queries.activity_table(mini_con)
    row = table.set_index("code").loc["1.1.1.2"]
    assert row["periods"] == ["2025-I", "2025-II", "2026", "2027"]
    assert list(table["code"]) == sorted(table["code"], key=plan_queries.code_sort_key)


@pytest.mark.parametrize("kwargs, expected", [
    ({"text": "reúso"}, ["4.1.1.1", "4.1.1.2"]),  # activity 4.1.1.2 through its action's title
    ({"text": "REUSO"}, ["4.1.1.1", "4.1.1.2"]),  # accent- and case-insensitive
    ({"text": "catalogo"}, ["4.1.1.2"]),
    ({"text": "4.1.2"}, ["4.1.2.1"]),
    ({"responsible": ["DGPRCS"]}, ["1.2.1.1", "4.1.1.1", "4.1.1.2", "4.1.2.1"]),
    ({"participants": ["PNSU"]}, ["1.1.1.1", "1.1.1.2", "4.1.1.1", "4.1.1.2"]),
    ({"periods": ["2029"]}, ["4.1.2.1"]),
    ({"periods": ["2025-II"], "responsible": ["DGAA"]}, ["1.1.1.2"]),
    ({"objectives": ["OE4"], "text": "catálogo"}, ["4.1.1.2"]),
])
def test_filter_activities(mini_con, kwargs, expected):
    table = plan_queries.activity_table(mini_con)
    assert list(plan_queries.filter_activities(table, **kwargs)["code"]) == expected


def test_hierarchy_groups_every_activity_once(mini_con):
    tree = plan_queries.hierarchy(plan_queries.activity_table(mini_con))
    codes = [c for o in tree for line in o.children for a in line.children
             for c in a.activities["Código"]]
    assert sorted(codes) == sorted(plan_queries.activity_table(mini_con)["code"])
    assert [o.code for o in tree] == ["OE1", "OE4"]


def test_activity_detail(mini_con):
    detail = plan_queries.activity_detail(mini_con, "4.1.1.1")
    assert detail.action["code"] == "4.1.1" and detail.action["term"] == "M"
    assert detail.periods == ["2026", "2027", "2028"]
    assert list(detail.targets["year"]) == [2026, 2027, 2028]
    assert detail.activity["funding_source"] == "Recursos propios, Cooperación internacional"


def test_unknown_activity_raises_domain_error(mini_con):
    with pytest.raises(UnknownCodeError, match="no existe"):
        plan_queries.activity_detail(mini_con, "9.9.9.9")


def test_goals_overview_reads_tabla_1(mini_con):
    overview = plan_queries.goals_overview(mini_con, 2027).set_index("code")
    assert overview.loc["M2", "baseline"] == 4.0
    assert overview.loc["M2", "target_year"] == 10.5
    assert overview.loc["M2-caudal", "target_2030"] == 15.9
    assert overview.loc["M4.2", "baseline_text"] == "nd"


@pytest.mark.parametrize("term, fragment", [("C", "corto"), ("M", "mediano"), ("L", "largo"),
                                            (None, "—")])
def test_term_label(term, fragment):
    assert fragment in plan_queries.term_label(term)


@pytest.mark.parametrize("year", [2026, 2030])
def test_goals_table_has_each_column_once(mini_con, year):
    """In 2030 the year's target is the 2030 target: one column, not two with one name (the
    dashboard could not draw Resumen for 2030)."""
    table = plan_queries.goals_display_table(plan_queries.goals_overview(mini_con, year), year)
    assert table.columns.is_unique and "Meta 2030" in table.columns
    assert (f"Meta {year}" in table.columns) and len(table.columns) == (6 if year < 2030 else 5)
