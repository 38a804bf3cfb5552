"""The server's log: one line per import, rollback and sign-in (successful or failed).

The domain records every event on the logger ``hdras.audit``. It never records a password.
Nothing prints unless someone turns it on. ``hdras serve`` turns it on in the dashboard it
starts, so the lines go to standard output. The command line and ``make run`` leave it off.

A line looks like this (time in config.timezone()):

    2026-12-01 10:15:02 hdras importación · lote 3 · por «Ana Pérez» · archivo «avance.xlsx» · …
"""

from __future__ import annotations

import logging
import sys
import unicodedata

from hdras.core import config
from hdras.core.messages import msg

LOGGER_NAME = "hdras.audit"
_FIELD_LIMIT = 120
logger = logging.getLogger(LOGGER_NAME)


class _ServerTime(logging.Formatter):
    """Time in the users' zone (Peru by default), whatever the server's zone."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{config.now():%Y-%m-%d %H:%M:%S} hdras {record.getMessage()}"


def enable_console_log(stream=None) -> None:
    """Print the events on ``stream`` (standard output). Calling it again changes nothing."""
    if any(getattr(h, "_hdras_audit", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(_ServerTime())
    handler._hdras_audit = True  # noqa: SLF001 (marks our own handler)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the lines go to standard output only, and only once


def field(text: object) -> str:
    """User-typed text made safe for one log line: control characters (line breaks included)
    become spaces, and long text is cut short."""
    cleaned = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(text))
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= _FIELD_LIMIT else cleaned[:_FIELD_LIMIT] + "…"


def imported(batch_id: int, by: str, filename: str, sha256: str, goals: int, activities: int,
             is_demo: bool = False) -> None:
    logger.info(msg("audit.import", batch_id=batch_id, by=field(by), filename=field(filename),
                    sha256=field(sha256)[:12] or "—", goals=goals, activities=activities,
                    demo=msg("audit.demo") if is_demo else ""))


def rolled_back(batch_id: int, by: str) -> None:
    logger.info(msg("audit.rollback", batch_id=batch_id, by=field(by)))


def signed_in(name: str, client: str | None) -> None:
    logger.info(msg("audit.sign_in", name=field(name), client=field(client or "local")))


def sign_in_failed(name: str, client: str | None, failures: int, locked_seconds: int) -> None:
    lock = msg("audit.locked", seconds=locked_seconds) if locked_seconds else ""
    logger.info(msg("audit.sign_in_failed", name=field(name), client=field(client or "local"),
                    failures=failures, lock=lock))
