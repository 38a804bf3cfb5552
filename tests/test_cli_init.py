"""`python -m hdras init` and the command line's general behaviour (exit codes, messages)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

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


USAGE_ERRORS = [  # (arguments, what stderr must say in Spanish)
    (["no-existe"], "argumento COMANDO: opción no válida: 'no-existe' (elija entre 'init'"),
    (["status", "--year", "abc"], "argumento --year: «abc» no es un número entero"),
    (["scenario", "--goal", "M2"], "faltan estos argumentos: --model, --rate"),
    (["scenario", "--goal", "M2", "--model", "x", "--rate", "1"],
     "argumento --model: opción no válida: 'x' (elija entre 'linear', 'growth')"),
    (["scenario", "--goal", "M2", "--model", "linear", "--rate", "uno"],
     "argumento --rate: «uno» no es un número"),
    (["rollback"], "faltan estos argumentos: LOTE"),
    (["rollback", "dos"], "argumento LOTE: «dos» no es un número entero"),
    (["history", "--sin-esto"], "argumentos no reconocidos: --sin-esto"),
    (["template"], "faltan estos argumentos: SALIDA.xlsx"),
]


@pytest.mark.parametrize(("argv", "expected"), USAGE_ERRORS)
def test_usage_errors_are_spanish_and_exit_2(argv, expected, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: hdras") and expected in err
    assert "error: " in err and "usage" not in err and "invalid" not in err


def test_help_is_spanish_and_argparse_is_restored_afterwards(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["scenario", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: hdras scenario") and "opciones:" in out
    assert "muestra esta ayuda y termina" in out and "--rate TASA" in out
    assert argparse._("usage: ") == "usage: "  # only inside cli.main


def test_decimal_comma_rate_is_read_as_a_number(mini_env, capsys):
    assert cli.main(["scenario", "--goal", "M2", "--model", "linear", "--rate", "0,5",
                     "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rate"] == 0.5
