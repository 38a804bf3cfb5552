"""`python -m hdras init` and the command line's general behaviour (exit codes, messages)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from hdras.cli import main as cli, progress as progress_commands


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


def test_status_and_scenario_say_ficticio_while_demo_data_is_active(mini_env, capsys):
    assert cli.main(["status", "--year", "2025"]) == 0
    assert "ficticio" not in capsys.readouterr().out
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    assert cli.main(["status", "--year", "2025"]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.startswith("⚠ Datos ficticios de demostración") and "lote 1" in first_line
    assert cli.main(["status", "--year", "2025", "--json"]) == 0
    captured = capsys.readouterr()
    assert set(json.loads(captured.out)) == {"year", "goals", "activities"}  # keys of design §3
    assert "ficticio" in captured.err
    assert cli.main(["scenario", "--goal", "M1", "--model", "linear", "--rate", "1"]) == 0
    assert capsys.readouterr().out.startswith("⚠ Datos ficticios")


def test_output_piped_into_a_reader_that_stops_gives_no_traceback(mini_env):
    child = subprocess.Popen([sys.executable, "-m", "hdras", "status", "--year", "2025"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    child.stdout.close()  # like `hdras status | head -0`: nobody reads what it prints
    err = child.stderr.read()
    child.wait(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err
    assert child.returncode == 1


def test_ctrl_c_is_a_spanish_message_and_exit_130(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt
    monkeypatch.setattr(progress_commands, "cmd_history", interrupted)
    assert cli.main(["history"]) == 130
    assert capsys.readouterr().err.startswith("Interrumpido.")


def test_an_unexpected_error_is_one_spanish_line(monkeypatch, capsys):
    def broken(args):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(progress_commands, "cmd_history", broken)
    monkeypatch.delenv("HDRAS_DEBUG", raising=False)
    assert cli.main(["history"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error inesperado: ZeroDivisionError: division by zero. No se guardó")
    assert "Traceback" not in err
    monkeypatch.setenv("HDRAS_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["history"])
