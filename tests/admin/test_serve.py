"""`hdras serve` (hdras.admin.serve): it refuses to start without an editor password, in Spanish,
and serves nothing; its Streamlit flags keep shared mode safe; the log lines (hdras.admin.audit)
hold what happened and never a password."""

from __future__ import annotations

import io
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hdras.admin import audit, auth, serve
from hdras.cli import main as cli
from hdras.core import config
from hdras.core.errors import PasswordHashError, ServeError

HASH = auth.hash_password("clave-de-prueba", salt=b"0123456789abcdef")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def no_secrets(tmp_path, monkeypatch):
    """No hash anywhere: not in the environment, not in any secrets file."""
    monkeypatch.delenv("HDRAS_EDITOR_PASSWORD_HASH", raising=False)
    files = [tmp_path / "home" / "secrets.toml", tmp_path / "project" / "secrets.toml"]
    monkeypatch.setattr(serve, "secrets_files", lambda root=None: files)
    return files


@pytest.fixture
def log_stream():
    """The audit log printed into a buffer; the logger is restored afterwards."""
    stream = io.StringIO()
    handlers, level, propagate = list(audit.logger.handlers), audit.logger.level, \
        audit.logger.propagate
    audit.logger.handlers.clear()
    audit.enable_console_log(stream)
    yield stream
    audit.logger.handlers[:] = handlers
    audit.logger.setLevel(level)
    audit.logger.propagate = propagate


def test_serve_without_a_password_exits_1_in_spanish_and_serves_nothing(
        mini_env, no_secrets, monkeypatch, capsys):
    def must_not_start(*args, **kwargs):
        raise AssertionError("the server must not start")
    monkeypatch.setattr(subprocess, "Popen", must_not_start)
    port = _free_port()
    assert cli.main(["serve", "--address", "127.0.0.1", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert "no se inicia sin una contraseña de editor" in err
    assert "hdras hash-password" in err and "secrets.toml" in err
    assert "HDRAS_EDITOR_PASSWORD_HASH" in err and "No se sirvió nada." in err
    assert not _listening(port)
    assert not mini_env.exists()  # nothing was done at all


@pytest.mark.skipif((ROOT / ".streamlit" / "secrets.toml").exists() or
                    (Path.home() / ".streamlit" / "secrets.toml").exists(),
                    reason="this machine has a secrets.toml; the in-process test covers it")
def test_the_real_command_without_a_password_exits_1(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "HDRAS_EDITOR_PASSWORD_HASH"}
    done = subprocess.run([sys.executable, "-m", "hdras", "serve", "--address", "127.0.0.1",
                           "--port", str(port), "--db", str(tmp_path / "x.duckdb")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "no se inicia sin una contraseña de editor" in done.stderr
    assert "Traceback" not in done.stderr and not done.stdout
    assert not _listening(port)


def test_the_hash_comes_from_the_environment_first_then_the_last_secrets_file(no_secrets,
                                                                            monkeypatch):
    home, project = no_secrets
    assert serve.configured_hash() is None
    home.parent.mkdir()
    home.write_text('editor_password_hash = "del-home"\n')
    assert serve.configured_hash() == "del-home"
    project.parent.mkdir()
    project.write_text('otra = 1\neditor_password_hash = " del-proyecto "\n')
    assert serve.configured_hash() == "del-proyecto"  # Streamlit's order: the project's wins
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", "del-entorno")
    assert serve.configured_hash() == "del-entorno"


def test_a_secrets_file_that_is_not_toml_is_reported(no_secrets):
    no_secrets[1].parent.mkdir()
    no_secrets[1].write_text("editor_password_hash = sin comillas\n")
    with pytest.raises(ServeError, match="formato TOML"):
        serve.configured_hash()


def test_a_malformed_hash_refuses_to_start(no_secrets, monkeypatch):
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", "scrypt$no-es-un-hash")
    with pytest.raises(PasswordHashError, match="hash-password"):
        serve.prepare("127.0.0.1", _free_port(), config.DEFAULT_DB_PATH)


def test_a_port_in_use_is_said_in_spanish(monkeypatch):
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", HASH)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match="el puerto ya está en uso"):
            serve.prepare("127.0.0.1", port, config.DEFAULT_DB_PATH)
    with pytest.raises(ServeError, match="entre 1 y 65535"):
        serve.prepare("127.0.0.1", 70000, config.DEFAULT_DB_PATH)


def test_the_launch_is_shared_mode_with_safe_streamlit_flags(monkeypatch, tmp_path):
    monkeypatch.setenv("HDRAS_EDITOR_PASSWORD_HASH", HASH)
    launch = serve.prepare("127.0.0.1", _free_port(), tmp_path / "h.duckdb")
    flags = dict(zip(launch.command[5::2], launch.command[6::2]))
    assert launch.command[1:5] == ["-m", "streamlit", "run", str(ROOT / "app.py")]
    assert flags == {
        "--server.address": "127.0.0.1", "--server.port": str(launch.port),
        "--server.headless": "true", "--server.enableXsrfProtection": "true",
        "--server.enableCORS": "true", "--server.maxUploadSize": "10",
        "--server.fileWatcherType": "none", "--server.runOnSave": "false",
        "--browser.gatherUsageStats": "false", "--client.showErrorDetails": "none",
        "--client.toolbarMode": "minimal", "--global.developmentMode": "false"}
    assert launch.environment["HDRAS_SHARED_MODE"] == "1"
    assert launch.environment["HDRAS_EDITOR_PASSWORD_HASH"] == HASH
    assert launch.environment["HDRAS_DB"] == str(tmp_path / "h.duckdb")
    assert serve.DEFAULT_ADDRESS == "0.0.0.0"
    assert "todas las interfaces" in serve.where("0.0.0.0")


def test_log_lines_say_what_happened_on_one_line(log_stream):
    audit.imported(3, "Ana\nPérez", "avance\r\n.xlsx", "ab" * 32, 9, 40)
    audit.rolled_back(3, "Luis")
    audit.sign_in_failed("x" * 500, "10.0.0.9", 5, 30)
    audit.signed_in("Ana", None)
    lines = log_stream.getvalue().splitlines()
    assert len(lines) == 4
    assert "hdras importación · lote 3 · por «Ana Pérez» · archivo «avance .xlsx» · sha256 " \
           "abababababab · 9 valores de metas · 40 reportes de actividades" in lines[0]
    assert lines[1].endswith("hdras reversión · lote 3 · por «Luis»")
    assert "inicio de sesión fallido · nombre «" + "x" * 120 + "…» · cliente 10.0.0.9 · 5 " \
           "intento(s) fallido(s) seguidos · acceso bloqueado 30 s" in lines[2]
    assert lines[3].endswith("inicio de sesión · editor «Ana» · cliente local")
    assert lines[0][:19].replace("-", "").replace(":", "").replace(" ", "").isdigit()


def test_the_log_is_silent_unless_serve_turns_it_on(capsys, caplog):
    audit.logger.handlers.clear()
    with caplog.at_level(logging.WARNING):
        audit.imported(1, "Ana", "a.xlsx", "", 1, 1)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
