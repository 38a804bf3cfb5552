"""What every command shares: the --db option, the year argument, JSON output, the «ficticio»
notice, writing an output file, and who is acting."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from hdras.core import config
from hdras.core.messages import msg


def database_option() -> argparse.ArgumentParser:
    """The parent parser of every command that reads the database: ``--db``."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="ARCHIVO",
                        help="archivo DuckDB (por defecto $HDRAS_DB o var/hdras.duckdb)")
    return parent


def print_json(payload: object) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def year_argument(args: argparse.Namespace) -> int | None:
    """``--year`` (default: this year within the plan); None, with a Spanish message, if outside
    2025–2030."""
    year = args.year if args.year is not None else config.default_year()
    if year not in config.PLAN_YEARS:
        print(msg("cli.bad_year", year=year, first=config.PLAN_YEARS[0],
                  last=config.PLAN_YEARS[-1]), file=sys.stderr)
        return None
    return year


def demo_notice(con, as_json: bool) -> None:
    """Say "ficticio" when an active batch holds demo data: first line of a text report, or on
    stderr beside JSON (whose keys are the contract's)."""
    from hdras.progress import demo  # progress imports nothing of the command line

    batch_ids = demo.demo_batch_ids(con)
    if batch_ids:
        notice = "⚠ " + msg("demo.banner", batch_ids=", ".join(map(str, batch_ids)))
        print(notice.replace("`", ""), file=sys.stderr if as_json else sys.stdout)


def write_output(path: str, data: bytes) -> bool:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        print(msg("file.write_error", path=path, detail=exc.strerror or exc), file=sys.stderr)
        return False
    return True


def who(by: str | None) -> str:
    """--by, else the system user; a uid without a name (containers, cron) must not crash."""
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return msg("cli.unknown_user", uid=getattr(os, "getuid", lambda: "?")())


def terminal_progress(enabled: bool):
    """A one-line progress indicator on stderr (only for a person at a terminal)."""
    if not enabled:
        return None

    def show(fraction: float, text: str) -> None:
        end = "\n" if fraction >= 1 else ""
        print(f"\r{int(fraction * 100):3d} % {text:<70}", end=end, file=sys.stderr, flush=True)
    return show
