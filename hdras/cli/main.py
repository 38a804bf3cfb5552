"""``python -m hdras COMMAND`` (also the ``hdras`` console entry): the contract of design §3.

Each command lives in the module of its domain (``hdras.cli.goals``, ``hdras.cli.progress``,
``hdras.cli.admin``, ``hdras.cli.report``), which adds its parser and sets its handler.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from hdras.cli import admin, common, goals, progress, report, text
from hdras.core.errors import HdrasError
from hdras.core.messages import msg

DOMAINS = (admin, progress, goals, report)


def parser() -> argparse.ArgumentParser:
    """The command line, every command of every domain."""
    root = argparse.ArgumentParser(prog="hdras", description="Tablero de seguimiento de la HdR-AS.")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMANDO", title="comandos")
    parent = common.database_option()
    for domain in DOMAINS:
        domain.register(sub, parent)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code (2 for usage errors, as argparse does)."""
    with text.spanish_argparse():
        args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except HdrasError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 1
    except KeyboardInterrupt:  # Ctrl+C: a database transaction in progress is not committed
        print(msg("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one Spanish line; HDRAS_DEBUG=1 shows the traceback
        if os.environ.get("HDRAS_DEBUG"):
            raise
        print(msg("cli.unexpected", detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
