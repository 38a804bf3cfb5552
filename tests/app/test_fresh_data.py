"""The caches of issue 9 are never stale: after any change, the very next page run shows it.

Changes made in the dashboard are driven with AppTest (caches shared within the test, as sessions
share them on a server). Changes made beside a running dashboard — the command line's import,
rollback and demo batch, a file of data/ — are made while the app is served for real
(``tests/served.py``), and the next page run over the websocket must show them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from apptest_helpers import open_page, text_of
from conftest import MINI_PLAN, ROOT
from hdras.core import config
from served import open_pages, serve
from workbook_builders import good_workbook, with_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _hdras(*args: str, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "hdras", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A dashboard served on the fixture plan (a copy in tmp_path/plan) and its environment."""
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    database = tmp_path / "hdras.duckdb"
    env = {"HDRAS_DB": str(database), "HDRAS_DATA_DIR": str(plan)}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import os
    with serve(database, env) as server:
        yield server, {**os.environ, **env}, plan


def _resumen(server) -> str:
    (run,) = open_pages(server.url, "")
    assert run.ok, run.problem
    return run.text


def test_command_line_import_and_rollback_show_on_the_next_run(served, tmp_path):
    server, env, _ = served
    assert "13.2 %" not in _resumen(server)
    workbook = tmp_path / "avance.xlsx"
    workbook.write_bytes(good_workbook())  # M1 2025 = 13.2 %
    _hdras("import", str(workbook), "--by", "prueba", env=env)
    assert "último dato: 13.2 % (2025)" in _resumen(server)
    workbook.write_bytes(with_cell("Metas", 2, 3, 13.4))
    _hdras("import", str(workbook), "--by", "prueba", env=env)
    assert "último dato: 13.4 % (2025)" in _resumen(server)
    _hdras("rollback", "2", env=env)
    assert "último dato: 13.2 % (2025)" in _resumen(server)
    _hdras("rollback", "1", env=env)
    assert "13.2 %" not in _resumen(server)


def test_the_demo_batch_shows_on_the_next_run(served):
    server, env, _ = served
    assert "ficticio" not in _resumen(server)
    _hdras("demo", env=env)
    assert "ficticio" in _resumen(server)


def test_a_changed_plan_file_shows_on_the_next_run(served):
    server, _, plan = served
    year = config.default_year()
    assert f"Meta {year}: **14.2 %**" in _resumen(server) or year != 2026
    targets = plan / "goal_targets.csv"
    lines = targets.read_text(encoding="utf-8").splitlines()
    lines = [f"M1,{year},99.9,99.9 %" if line.startswith(f"M1,{year},") else line
             for line in lines]
    targets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f"Meta {year}: **99.9 %**" in _resumen(server)


def test_an_import_in_the_dashboard_shows_on_the_next_run(mini_env):
    at = open_page()
    assert "13.2 %" not in text_of(at)  # Resumen cached for this data version
    at.switch_page("views/importar.py").run()
    at.file_uploader(key="import_upload").set_value(("avance.xlsx", good_workbook(), XLSX)).run()
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    at.switch_page("views/resumen.py").run()
    assert "último dato: 13.2 % (2025)" in text_of(at)
    at.switch_page("views/metas.py").run()
    assert "13.2 %" in " ".join(str(v) for v in at.dataframe[0].value.to_numpy().ravel())
