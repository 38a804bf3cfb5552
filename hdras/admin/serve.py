"""``hdras serve``: the same dashboard (app.py), served to a room or a server in shared mode
(design §3, §8).

Shared mode means:
- the server listens on the network: every interface by default, or ``--address``;
- it refuses to start until an editor password hash is configured. The hash comes from
  $HDRAS_EDITOR_PASSWORD_HASH, else ``editor_password_hash`` in .streamlit/secrets.toml. Those
  are the places views/access.py reads, and Streamlit reads its secrets files in the same order;
- the dashboard it starts gets $HDRAS_SHARED_MODE=1 and the hash it checked. Local single-user
  mode never applies there: readers see everything, and only signed-in editors upload, roll
  back or save scenarios;
- Streamlit runs with XSRF protection on, the upload limit of hdras.core.config, no file watcher,
  no usage statistics, and no error details sent to the browser;
- one line per import, rollback and sign-in goes to standard output (hdras.admin.audit).

hdras never imports Streamlit: the server is ``python -m streamlit run app.py`` in a child process
that shares this one's standard output.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hdras.admin import auth
from hdras.core import config
from hdras.core.errors import ServeError
from hdras.core.messages import msg

DEFAULT_ADDRESS = "0.0.0.0"
DEFAULT_PORT = 8501
APP = config.PROJECT_ROOT / "app.py"
HASH_KEY = "editor_password_hash"
HASH_ENV = "HDRAS_EDITOR_PASSWORD_HASH"


@dataclass(frozen=True)
class Launch:
    """Everything checked, ready to start: the command, its environment, where it listens."""

    command: list[str]
    environment: dict[str, str]
    address: str
    port: int
    database: Path


def secrets_files(root: Path = config.PROJECT_ROOT) -> list[Path]:
    """Where Streamlit looks for secrets, in its order (a later file wins)."""
    return [Path.home() / ".streamlit" / "secrets.toml", root / ".streamlit" / "secrets.toml"]


def configured_hash(files: Sequence[Path] | None = None) -> str | None:
    """The editor password hash: $HDRAS_EDITOR_PASSWORD_HASH, else the last secrets file that has
    ``editor_password_hash``; None when there is none. A secrets file that is not valid TOML
    raises ServeError, in Spanish."""
    found = config.editor_password_hash()
    if found:
        return found.strip()
    for path in secrets_files() if files is None else files:
        if not path.is_file():
            continue
        try:
            value = tomllib.loads(path.read_text(encoding="utf-8")).get(HASH_KEY)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ServeError(msg("serve.bad_secrets", path=path, detail=exc)) from exc
        if isinstance(value, str) and value.strip():
            found = value.strip()
    return found


def streamlit_options(address: str, port: int) -> list[str]:
    """Streamlit's flags for shared mode (they take precedence over .streamlit/config.toml)."""
    options = {
        "server.address": address, "server.port": port, "server.headless": "true",
        "server.enableXsrfProtection": "true", "server.enableCORS": "true",
        "server.maxUploadSize": config.MAX_UPLOAD_BYTES // (1024 * 1024),
        "server.fileWatcherType": "none", "server.runOnSave": "false",
        "browser.gatherUsageStats": "false", "client.showErrorDetails": "none",
        "client.toolbarMode": "minimal", "global.developmentMode": "false",
    }
    return [part for name, value in options.items() for part in (f"--{name}", str(value))]


def check_port_free(address: str, port: int) -> None:
    """Raise ServeError, in Spanish, when ``address``:``port`` cannot be listened on."""
    if not 0 < port < 65536:
        raise ServeError(msg("serve.port_busy", address=address, port=port,
                             detail=msg("serve.port_range")))
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind((address, port))
    except OSError as exc:
        detail = ("el puerto ya está en uso" if exc.errno == errno.EADDRINUSE else
                  exc.strerror or str(exc))
        raise ServeError(msg("serve.port_busy", address=address, port=port,
                             detail=detail)) from exc


def prepare(address: str, port: int, database: Path,
            files: Sequence[Path] | None = None) -> Launch:
    """Check that the dashboard may be served (a valid editor password hash, a free port) and
    build the command. Raises ServeError or PasswordHashError with a Spanish message."""
    password_hash = configured_hash(files)
    if not password_hash:
        raise ServeError(msg("serve.no_password",
                             secrets=config.PROJECT_ROOT / ".streamlit" / "secrets.toml"))
    auth.parse_hash(password_hash)  # a malformed hash would let nobody edit: say so now
    check_port_free(address, port)
    environment = {**os.environ, config.SHARED_MODE_ENV: "1", HASH_ENV: password_hash,
                   "HDRAS_DB": str(database)}
    command = [sys.executable, "-m", "streamlit", "run", str(APP),
               *streamlit_options(address, port)]
    return Launch(command, environment, address, port, database)


def where(address: str) -> str:
    """How the start line names the address it listens on."""
    return msg("serve.all_interfaces", address=address) if address in ("0.0.0.0", "::") \
        else address


def run(launch: Launch) -> int:
    """Run the server until it stops (Ctrl+C stops it too); returns its exit code."""
    url = (msg("serve.this_machine_url", port=launch.port) if launch.address in ("0.0.0.0", "::")
           else f"http://{launch.address}:{launch.port}")
    print(msg("serve.starting", where=where(launch.address), port=launch.port,
              db=launch.database, url=url), flush=True)
    process = subprocess.Popen(launch.command, env=launch.environment, cwd=config.PROJECT_ROOT)
    # A service manager stops us with SIGTERM: pass it on, so no server outlives this command.
    previous = signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        code = process.wait()
    except KeyboardInterrupt:  # Ctrl+C: the server stops too (it may have had it already)
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        print(msg("serve.stopped"), flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code in (0, -signal.SIGINT, -signal.SIGTERM):
        print(msg("serve.stopped"), flush=True)
        return 0
    print(msg("serve.exited", status=code), file=sys.stderr, flush=True)
    return 1
