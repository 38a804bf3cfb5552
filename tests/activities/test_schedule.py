"""Counting rules of hdras.activities.schedule and hdras.activities.milestones, checked against a pandas oracle.

The oracle (tests/activity_fixtures.py) reads the fixture plan's CSVs and the fixture batches
directly; hdras goes through the database, the view current_activity_progress and its own counting.
"""

from __future__ import annotations

import json

import pytest

from activity_fixtures import (CASES, KEYS, MINI_PLAN, batch_frame, oracle_by, oracle_overdue,
                               oracle_summary, store_case)
from hdras.activities import charts as activity_charts, milestones, schedule
from hdras.cli import main as cli
from hdras.core import config, db
from hdras.plan import queries as plan_queries
from hdras.progress import store as progress

YEARS = list(config.PLAN_YEARS)


@pytest.fixture(scope="module")
def case_con(request):
    """The fixture plan with the batches of one case (read-only, so shared by the module)."""
    con = db.connect(":memory:")
    db.ensure_schema(con, MINI_PLAN)
    store_case(con, request.param)
    yield con
    con.close()


@pytest.mark.parametrize("case_con", list(CASES), indirect=True)
@pytest.mark.parametrize("year", YEARS)
def test_activity_summary_matches_oracle(case_con, request, year):
    case = request.node.callspec.params["case_con"]
    assert schedule.activity_summary(case_con, year) == oracle_summary(case, year)


@pytest.mark.parametrize("case_con", list(CASES), indirect=True)
@pytest.mark.parametrize("year", YEARS)
def test_four_categories_add_up_to_planned(case_con, year):
    summary = schedule.activity_summary(case_con, year)
    for counts in [summary, *summary["by_objective"]]:
        assert counts["planned"] == sum(counts[k] for k in KEYS[1:])
    assert summary["planned"] == sum(o["planned"] for o in summary["by_objective"])
    rows = schedule.planned_rows(case_con, year)
    for by in ("objective", "line", "unit"):
        table = schedule.breakdown(rows, by)
        assert (table["planned"] == table[list(KEYS[1:])].sum(axis=1)).all()


@pytest.mark.parametrize("case_con", list(CASES), indirect=True)
@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("by, column", [("line", "line_code"), ("unit", "unit")])
def test_breakdown_matches_oracle(case_con, request, year, by, column):
    case = request.node.callspec.params["case_con"]
    table = schedule.breakdown(schedule.planned_rows(case_con, year), by)
    got = {r["group"]: {k: r[k] for k in KEYS} for r in table.to_dict("records")}
    assert got == oracle_by(case, year, column)


@pytest.mark.parametrize("case_con", list(CASES), indirect=True)
def test_completion_by_year_matches_oracle(case_con, request):
    case = request.node.callspec.params["case_con"]
    by_year = schedule.completion_by_year(case_con).set_index("year")
    for year in YEARS:
        expected = {k: v for k, v in oracle_summary(case, year).items() if k != "by_objective"}
        assert {k: int(by_year.loc[year, k]) for k in KEYS} == expected


@pytest.mark.parametrize("case_con", list(CASES), indirect=True)
@pytest.mark.parametrize("reference", YEARS)
def test_overdue_matches_oracle(case_con, request, reference):
    case = request.node.callspec.params["case_con"]
    late = schedule.overdue_rows(schedule.planned_rows(case_con), reference)
    assert set(zip(late["activity_code"], late["year"])) == oracle_overdue(case, reference)


# --- The three rules of the issue, with hand-worked numbers --------------------------------------

@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
def test_activity_in_both_2025_semesters_counts_once(case_con):
    # 2025: 1.1.1.1 (sem. I), 1.1.1.2 (sem. I and II), 1.2.1.1 (sem. II) → 3 planned, not 4
    summary = schedule.activity_summary(case_con, 2025)
    assert {k: summary[k] for k in KEYS} == {"planned": 3, "completed": 1, "in_progress": 1,
                                             "rescheduled": 1, "not_started": 0}
    rows = schedule.planned_rows(case_con, 2025)
    assert rows.loc[rows["activity_code"] == "1.1.1.2", "periods"].tolist() == [
        ["2025-I", "2025-II"]]


@pytest.mark.parametrize("case_con", ["solo_años_no_programados"], indirect=True)
@pytest.mark.parametrize("year, planned", [(2025, 3), (2026, 2), (2027, 3), (2030, 1)])
def test_progress_for_unscheduled_year_is_not_counted(case_con, year, planned):
    summary = schedule.activity_summary(case_con, year)
    assert summary["planned"] == planned
    assert summary["not_started"] == planned and summary["completed"] == 0


@pytest.mark.parametrize("case_con", ["lote_nuevo_reemplaza"], indirect=True)
def test_newest_batch_gives_the_current_status(case_con):
    rows = schedule.planned_rows(case_con).set_index(["activity_code", "year"])
    assert rows.loc[("1.1.1.2", 2025), "reported_status"] == "Completada"
    assert rows.loc[("1.1.1.2", 2026), "reported_status"] == "Reprogramada"  # not overwritten
    assert rows.loc[("4.1.1.1", 2026), "achieved"] == 2


@pytest.mark.parametrize("case_con", ["lote_revertido"], indirect=True)
def test_rolled_back_batch_does_not_count(case_con):
    summary = schedule.activity_summary(case_con, 2025)
    assert (summary["completed"], summary["in_progress"], summary["not_started"]) == (0, 1, 2)


def test_summary_lists_every_objective_in_plan_order(plan_con):
    summary = schedule.activity_summary(plan_con, 2026)
    assert [o["objective_code"] for o in summary["by_objective"]] == [f"OE{i}" for i in range(1, 6)]
    assert summary["planned"] == summary["not_started"] > 0  # no progress yet
    json.dumps(summary)  # plain ints, serialisable as status --json needs


def test_status_json_activities_part(mini_env, capsys):
    """`hdras status --year 2026 --json` carries activity_summary (design §3) for the year."""
    with db.session(mini_env) as con:
        store_case(con, "un_lote")
    assert cli.main(["status", "--year", "2026", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["year"] == 2026
    assert report["activities"] == oracle_summary("un_lote", 2026)
    assert report["activities"]["planned"] == 2 and report["activities"]["completed"] == 1


# --- Achieved against target, semester targets ---------------------------------------------------

@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
def test_target_summary_and_detail(case_con):
    rows = schedule.planned_rows(case_con, 2025)
    # numeric targets 2025: 1.1.1.1 (1), 1.1.1.2 (4), 1.2.1.1 (1); reported: 1 of 1, 2 of 4
    assert schedule.target_summary(rows) == {"with_target": 3, "reported": 2, "reached": 1}
    detail = schedule.year_detail(rows).set_index("Código")
    assert detail.loc["1.1.1.2", "Logro"] == pytest.approx(0.5)
    assert detail.loc["1.1.1.2", "Meta sem. I (2.3)"] == "02 reuniones"
    assert detail.loc["1.2.1.1", "Meta sem. II (2.3)"] == "01 programa"
    assert detail.loc["1.2.1.1", "Estado"] == "↻ Reprogramada"
    assert "Meta sem. I (2.3)" not in schedule.year_detail(schedule.planned_rows(case_con, 2026))


def test_semester_targets_beside_2025(mini_con):
    by_year = schedule.completion_by_year(mini_con).set_index("year")
    assert by_year.loc[2025, "semester_targets"] == "2 con meta en sem. I · 2 en sem. II"
    assert by_year.loc[2026, "semester_targets"] == "—"


# --- Responsible units ------------------------------------------------------------------------

@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
@pytest.mark.parametrize("year, expected", [
    # unit: (planned in year, completed, overdue activities, overdue activity-years, in plan)
    (2025, {"DGAA": (2, 1, 0, 0, 4), "DGPRCS": (1, 0, 0, 0, 4)}),
    (2026, {"DGAA": (2, 1, 1, 1, 4), "DGPRCS": (1, 1, 1, 1, 4)}),
    (2028, {"DGAA": (1, 0, 3, 5, 4), "DGPRCS": (1, 0, 3, 3, 4)}),
])
def test_unit_scorecard(case_con, year, expected):
    card = schedule.unit_scorecard(schedule.planned_rows(case_con), year).set_index("unit")
    got = {u: (r.planned, r.completed, r.overdue_activities, r.overdue_years, r.plan_activities)
           for u, r in card.iterrows()}
    assert got == expected


@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
def test_overdue_list_per_unit(case_con):
    rows = schedule.planned_rows(case_con)
    late = schedule.overdue_list(rows, 2028, "DGPRCS")
    # 4.1.1.x name "DGAA, DGPRCS"; 1.1.1.2 (DGAA only) is overdue too but not listed here
    assert late["Código"].tolist() == ["1.2.1.1", "4.1.1.1", "4.1.1.2"]
    first = late.iloc[0]
    assert first["Años vencidos (estado reportado)"] == "2025 (↻ Reprogramada)"
    assert first["Comentarios"] == "Sin presupuesto"
    assert schedule.overdue_list(rows, 2025).empty


# --- Gantt cells and filters ---------------------------------------------------------------------

@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
def test_schedule_cells_show_the_year_status_on_both_semesters(case_con):
    rows = schedule.planned_rows(case_con)
    cells = schedule.schedule_cells(rows, 2026).set_index(["activity_code", "period"])
    assert len(cells) == 12  # one per X of the fixture schedule
    for period in ("2025-I", "2025-II"):
        assert cells.loc[("1.1.1.2", period), "display_status"] == "in_progress"
        assert cells.loc[("1.1.1.2", period), "overdue"]
        assert cells.loc[("1.1.1.2", period), "icon"] == "◐ ⚠"
    assert cells.loc[("1.1.1.2", "2026"), "display_status"] == "no_report"
    assert not cells.loc[("1.1.1.2", "2026"), "overdue"]  # the reference year is not past
    assert not cells.loc[("1.1.1.1", "2025-I"), "overdue"]  # completed is never overdue


@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
@pytest.mark.parametrize("statuses, year, codes", [
    (["completed"], 2025, ["1.1.1.1"]),
    (["in_progress", "rescheduled"], 2025, ["1.1.1.2", "1.2.1.1"]),
    (["no_report"], 2027, ["1.1.1.2"]),
    (["not_planned"], 2025, ["4.1.1.1", "4.1.1.2", "4.1.2.1"]),
    ([], 2025, ["1.1.1.1", "1.1.1.2", "1.2.1.1", "4.1.1.1", "4.1.1.2", "4.1.2.1"]),
])
def test_filter_by_status_of_the_selected_year(case_con, statuses, year, codes):
    overview = schedule.activity_overview(plan_queries.activity_table(case_con),
                                          schedule.planned_rows(case_con), year)
    assert schedule.filter_by_status(overview, statuses)["code"].tolist() == codes


@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
def test_completion_matrix(case_con):
    matrix = schedule.completion_matrix(schedule.planned_rows(case_con), "objective")
    assert matrix.to_dict("records") == [
        {"Objetivo": "OE1", "2025": "1/3", "2026": "0/1", "2027": "0/1", "2028": "—",
         "2029": "—", "2030": "—"},
        {"Objetivo": "OE4", "2025": "—", "2026": "1/1", "2027": "0/2", "2028": "0/1",
         "2029": "0/1", "2030": "0/1"}]


# --- Milestones -------------------------------------------------------------------------------

MILESTONE_CASE = [
    ("1.1.1.1", 2025, "Completada", 1), ("1.1.1.2", 2025, "Completada", 4),
    ("1.1.1.2", 2026, "Completada", None), ("1.1.1.2", 2027, "Completada", None),
    ("1.2.1.1", 2025, "Reprogramada", None),
    # 4.1.1: each activity Completada for its LAST year only (2028 and 2027)
    ("4.1.1.1", 2028, "Completada", 2), ("4.1.1.2", 2027, "Completada", None),
    ("4.1.2.1", 2029, "En proceso", None)]


@pytest.mark.parametrize("reference, expected", [
    (2025, {"1.1.1": "reached", "1.2.1": "pending", "4.1.1": "reached", "4.1.2": "in_progress"}),
    (2026, {"1.1.1": "reached", "1.2.1": "overdue", "4.1.1": "reached", "4.1.2": "in_progress"}),
    (2030, {"1.1.1": "reached", "1.2.1": "overdue", "4.1.1": "reached", "4.1.2": "overdue"}),
])
def test_milestone_status(mini_con, reference, expected):
    progress.record_batch(mini_con, None, batch_frame(MILESTONE_CASE), filename="m.xlsx",
                          sha256="0" * 64, imported_by="pytest")
    table = milestones.milestone_status(schedule.planned_rows(mini_con), reference)
    assert dict(zip(table["action_code"], table["status"])) == expected
    rules = dict(zip(table["action_code"], table["rule"]))
    assert rules["1.1.1"].startswith("Todas sus actividades completadas en todos")
    assert "último año" in rules["4.1.1"]
    row = table.set_index("action_code").loc["4.1.1"]
    assert (row["completed_years"], row["activity_years"], row["expected_year"]) == (2, 4, 2028)
    assert milestones.milestone_counts(table)["reached"] == 2


@pytest.mark.parametrize("case_con", ["sin_reportes"], indirect=True)
def test_milestones_without_progress_are_pending_or_overdue(case_con):
    table = milestones.milestone_status(schedule.planned_rows(case_con), 2025)
    assert set(table["status"]) == {"pending"} and len(table) == 4
    detail = milestones.action_detail(schedule.planned_rows(case_con), "1.1.1", 2027)
    assert detail[["Actividad", "Año", "Vencida"]].values.tolist() == [
        ["1.1.1.1", "2025", "⚠ Sí"], ["1.1.1.2", "2025", "⚠ Sí"], ["1.1.1.2", "2026", "⚠ Sí"],
        ["1.1.1.2", "2027", "No"]]


# --- Charts ------------------------------------------------------------------------------------

def test_gantt_of_the_real_plan_is_readable(plan_con):
    """92 rows: one label per activity, grouped by line, fixed row height, full text in tooltips."""
    cells = schedule.schedule_cells(schedule.planned_rows(plan_con), 2026)
    spec = activity_charts.build_gantt_chart(cells, 2026).to_dict()
    data = next(iter(spec["datasets"].values()))
    labels = {d["row_label"] for d in data}
    assert len(labels) == 92 and len({d["group_label"] for d in data}) == 14
    assert max(len(label) for label in labels) <= activity_charts.LABEL_CHARS + 10
    assert spec["spec"]["height"] == {"step": activity_charts.ROW_STEP}
    assert spec["resolve"]["scale"]["y"] == "independent"
    cells_layer = spec["spec"]["layer"][2]
    assert {t["field"] for t in cells_layer["encoding"]["tooltip"]} >= {"title", "status_label"}
    assert cells_layer["encoding"]["color"]["scale"]["domain"] == [
        s.tag for s in schedule.STATUS_STYLES.values()]  # label + icon beside every colour
    assert len(data) == len(cells) == 229  # one cell per X of section 2.1


def test_truncate_keeps_short_text_and_cuts_at_a_word():
    assert activity_charts.truncate("Corto") == "Corto"
    cut = activity_charts.truncate("palabra " * 20, 30)
    assert cut.endswith("…") and len(cut) <= 31 and "palabr…" not in cut


@pytest.mark.parametrize("case_con", ["un_lote"], indirect=True)
def test_count_charts_build(case_con):
    by_year = activity_charts.build_completion_by_year_chart(
        schedule.completion_by_year(case_con), 2025).to_dict()
    data = next(iter(by_year["datasets"].values()))
    assert {d["year_label"] for d in data} >= {"2025 ◆", "2026"}
    rows = schedule.planned_rows(case_con, 2025)
    unit = activity_charts.build_breakdown_chart(schedule.breakdown(rows, "unit"), "Unidad")
    values = next(iter(unit.to_dict()["datasets"].values()))
    assert sum(d["count"] for d in values) == 3  # DGAA 2 + DGPRCS 1


def test_codes_by_unit_lists_each_activity_under_each_of_its_units(plan_con):
    rows = schedule.planned_rows(plan_con, 2026)
    by_unit = schedule.codes_by_unit(rows)
    expected = {}
    for code, responsible in zip(rows["activity_code"], rows["responsible"]):
        for unit in plan_queries.split_units(responsible):
            expected.setdefault(unit, set()).add(code)
    assert {u: set(c) for u, c in by_unit.items()} == expected
    assert list(by_unit) == sorted(by_unit, key=str.casefold)
