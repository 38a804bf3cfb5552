"""`python -m hdras init` and the command line's general behaviour (exit codes, messages)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from hdras import cli


def test_init_creates_database_from_data(db_file, capsys):
    assert cli.main(["init"]) == 0
    out = capsys.readouterr().out
    assert "92 actividades" in out and "5 objetivos" in out
    assert db_file.exists()


def test_init_with_explicit_db_path(tmp_path, capsys):
    target = tmp_path / "otra" / "base.duckdb"
    assert cli.main(["init", "--db", str(target)]) == 0
    assert target.exists()


def test_module_entry_point_runs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "hdras", "init", "--db", str(tmp_path / "x.duckdb")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Base de datos lista" in result.stdout


def test_usage_error_exits_2(capsys):
    try:
        cli.main(["no-existe"])
    except SystemExit as exc:
        assert exc.code == 2
    else:  # argparse always exits on an unknown command
        raise AssertionError("expected a usage error")
