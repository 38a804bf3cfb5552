"""The apps the Chromium benchmarks write and serve run without error: a benchmark that times a
page showing an error times nothing (bench_scenarios' trivial page once lost a line of app.py's
frame and measured an exception). Each is app.py's frame with pages swapped
(``benchmarks/bench_scenarios.py``, ``benchmarks/bench_keys.py``)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from views import scenario_widgets as w

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_keys  # noqa: E402
import bench_scenarios  # noqa: E402

ROOT_APP = Path(__file__).resolve().parents[2] / "app.py"


def _ran(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    shown = " ".join(m.value for m in at.markdown)
    assert "router and frame" not in shown  # app.py's docstring stays one, off the page
    return at


def test_framed_yardstick_has_the_frame_and_one_slider(tmp_path, mini_env):
    app = bench_scenarios.write_framed_app(tmp_path, bench_keys.YARDSTICK)
    at = _ran(AppTest.from_file(str(app), default_timeout=60).run())
    assert at.slider(key="yardstick").value == 1.0
    assert [s.label for s in at.sidebar.selectbox] == ["Año de análisis"]
    assert len(at.get("vega_lite_chart")) == 1


def test_trivial_page_in_the_frame_runs(tmp_path, mini_env):
    at = _ran(AppTest.from_file(str(bench_scenarios.write_trivial_app(tmp_path)),
                                default_timeout=60).run())
    assert at.slider(key="trivial").value == 1.0
    assert [s.label for s in at.sidebar.selectbox] == ["Año de análisis"]


def test_escenarios_floor_keeps_the_page_but_the_goal_panel(tmp_path, mini_env):
    app = bench_keys.write_floor_app(tmp_path)
    at = AppTest.from_file(str(app), default_timeout=60).run()
    at = _ran(at.switch_page("escenarios_floor.py").run())
    headers = [s.value for s in at.subheader]
    assert not any(h.startswith(("2 ·", "3 ·")) for h in headers), headers  # the panel is out
    assert any(h.startswith("4 ·") for h in headers) and any(h.startswith("5 ·") for h in headers)
    assert at.slider(key="yardstick").value == 1.0
    assert at.slider[0].key == "yardstick"  # the slider the benchmark presses


def test_yardstick_as_one_more_page_of_the_dashboard(tmp_path, mini_env):
    app = bench_keys.write_dashboard_app(tmp_path, bench_keys.YARDSTICK)
    at = AppTest.from_file(str(app), default_timeout=60).run()
    at = _ran(at.switch_page(str(bench_keys.YARDSTICK)).run())
    assert at.slider(key="yardstick").value == 1.0
    assert [s.label for s in at.sidebar.selectbox] == ["Año de análisis"]
    assert len(at.get("vega_lite_chart")) == 1
    source = app.read_text(encoding="utf-8")  # every page of the dashboard is still in the list
    assert source.count("st.Page(") == (ROOT_APP.read_text(encoding="utf-8").count("st.Page(")
                                        + 1)


def test_the_breakdown_of_a_press_prints_medians_and_a_dash_for_what_was_not_seen(capsys):
    bench_keys.breakdown([("Escenarios", [80.0, 90.0, 100.0],
                           [(10.0, 30.0), (20.0, None), (30.0, 50.0)]),
                          ("Sin mensajes", [40.0], [(None, None)])])
    rows = capsys.readouterr().out.strip().splitlines()[-2:]
    assert rows == ["| Escenarios | 20 | 40 | 90 |", "| Sin mensajes | — | — | 40 |"]


def _escenarios_copy(tmp_path, change) -> AppTest:
    app = bench_keys.write_escenarios_app(tmp_path, "escenarios_copy", change)
    at = AppTest.from_file(str(app), default_timeout=60).run()
    return _ran(at.switch_page("escenarios_copy.py").run())


def test_copy_without_the_address_keeps_the_scenario_but_not_in_the_address(tmp_path, mini_env):
    at = _escenarios_copy(tmp_path, bench_keys.without_address)
    slider = at.slider[0]  # the slider the benchmark presses: the first goal's rate
    assert slider.key.startswith("sc_rate_M1")
    at = _ran(slider.set_value(slider.value + slider.step).run())
    kept = at.session_state[w.STATE].rates["M1"].rate
    assert abs(kept - at.slider[0].value) < 1e-9  # in the session, as the page keeps it
    assert "m1" not in at.query_params  # never in the address
    page = (tmp_path / "escenarios_copy.py").read_text(encoding="utf-8")
    assert "w.commit" not in page and page.count("w.keep(params)") == 2


def test_copy_without_sections_4_and_5_ends_after_the_goal_panel(tmp_path, mini_env):
    at = _escenarios_copy(tmp_path, bench_keys.without_sections_4_5)
    headers = [s.value for s in at.subheader]
    assert any(h.startswith("2 ·") for h in headers) and any(h.startswith("3 ·") for h in headers)
    assert not any(h.startswith(("4 ·", "5 ·")) for h in headers), headers
    assert at.slider[0].key.startswith("sc_rate_M1")
    assert not [b for b in at.button if b.key in ("scx_save", "scx_open_button")]


def test_a_copy_of_a_page_that_lost_what_it_changes_stops_the_benchmark():
    for change in (bench_keys.without_address, bench_keys.without_sections_4_5):
        with pytest.raises(SystemExit, match="actualice bench_keys.py"):
            change(ast.parse("import streamlit as st\nst.title('x')\n"))


def test_the_costs_of_the_parts_are_paired_differences(capsys):
    bench_keys.part_costs([80.0, 90.0, 100.0, 70.0],
                          [("la dirección", [74.0, 84.0, 94.0, 64.0]),
                           ("nada", [81.0, 89.0, 101.0, 69.0])])
    rows = capsys.readouterr().out.strip().splitlines()[-2:]
    assert rows == ["| la dirección | 4 | +6.0 ± 0.0 | +6.0 |",
                    "| nada | 4 | +0.0 ± 1.2 | +0.0 |"]
