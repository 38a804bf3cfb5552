"""A served dashboard without a browser, for tests and benchmarks.

``serve()`` starts ``streamlit run app.py`` on 127.0.0.1 on a free port (the caller's database and
environment); ``open_pages`` drives pages over Streamlit's own websocket: it opens
``/_stcore/stream`` (subprotocol ``streamlit``), sends a ``BackMsg`` whose ``rerun_script`` names
the page (``ClientState.page_name`` = its url path) and reads ``ForwardMsg``s until
``script_finished``, keeping what the page drew (element count and texts) and how long it took.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def peak_memory_mb(self) -> float:
        """The server's peak resident memory (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(args: list[str], env: dict, out: Path, err: Path | None = None,
            stop_seconds: float = 10) -> Iterator[subprocess.Popen]:
    """A process started in the project folder, its output in ``out`` (and its errors in ``err``,
    else in ``out`` too); always stopped after: terminated, killed if it does not stop."""
    with out.open("wb") as stdout, (err.open("wb") if err else contextlib.nullcontext()) as stderr:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=stdout,
                                   stderr=stderr if err else subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=stop_seconds)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


@contextlib.contextmanager
def serve(database: Path, env: dict | None = None, app: str = "app.py") -> Iterator[Server]:
    """``streamlit run`` on 127.0.0.1 with $HDRAS_DB = ``database``; always stopped after."""
    port = free_port()
    log = database.with_name(f"streamlit-{port}.log")
    environment = {**os.environ, "HDRAS_DB": str(database), **(env or {})}
    environment.pop("HDRAS_DEBUG", None)  # as users run it: a bug is a Spanish message
    args = [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with running(args, environment, log) as process:
        server = Server(f"http://127.0.0.1:{port}", process, log)
        wait_healthy(server.url, process, log=log)
        yield server


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60,
                 log: Path | None = None) -> None:
    """Until ``url`` answers Streamlit's health check; the log in the error if it exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text(errors="replace") if log and log.exists() else ""
            raise RuntimeError(f"the server exited with code {process.returncode}: {detail}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not healthy after {timeout} s")


@dataclass
class PageRun:
    page: str  # its url path ('' for the default page)
    seconds: float
    elements: int = 0
    texts: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def _texts_of(element) -> list[str]:
    """The words an element shows: markdown, headings, metrics, alerts, captions."""
    kind = element.WhichOneof("type")
    if kind in ("markdown", "heading", "alert"):
        return [getattr(element, kind).body]
    if kind == "metric":
        return [f"{element.metric.label} {element.metric.body}"]
    return []


async def run_page(connection, page: str) -> PageRun:
    """Ask for ``page`` on an open session and read until its script finishes."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.page_name = page
    message.rerun_script.query_string = ""
    start = time.perf_counter()
    await connection.send(message.SerializeToString())
    run = PageRun(page, 0.0)
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(connection.recv(), timeout=120))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") in ("new_element", "add_block"):
            run.elements += 1
            if forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    run.problem = "excepción en la página"
                run.texts += _texts_of(element)
        elif kind == "page_not_found":
            run.problem = "página no encontrada"
        elif kind == "script_finished":
            run.seconds = time.perf_counter() - start
            if forward.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY and not run.problem:
                run.problem = f"terminó con estado {forward.script_finished}"
            return run


async def walk(url: str, pages: list[str], rounds: int = 1,
               gate: asyncio.Event | None = None) -> list[PageRun]:
    """One session: every page, ``rounds`` times, one after the other (after ``gate`` opens)."""
    import websockets

    runs: list[PageRun] = []
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(address, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=60) as connection:
        if gate is not None:
            await gate.wait()
        for _ in range(rounds):
            for page in pages:
                try:
                    runs.append(await run_page(connection, page))
                except Exception as exc:  # a broken session is a failure, not a crash
                    runs.append(PageRun(page, float("nan"), problem=type(exc).__name__))
                    return runs
    return runs


def open_pages(url: str, *pages: str) -> list[PageRun]:
    """Open ``pages`` one after the other in one new session."""
    return asyncio.run(walk(url, list(pages)))
