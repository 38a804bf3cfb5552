"""``python -m hdras COMMAND`` (also the ``hdras`` console entry): the contract of design §3."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from hdras import config, db
from hdras.errors import HdrasError
from hdras.messages import msg


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hdras", description="Tablero de seguimiento de la HdR-AS.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="archivo DuckDB (por defecto $HDRAS_DB o var/hdras.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", parents=[common], help="crea o actualiza la base de datos")
    p = sub.add_parser("template", parents=[common], help="escribe el libro de avance para llenar")
    p.add_argument("out")
    p = sub.add_parser("import", parents=[common], help="valida e importa un libro de avance")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--by", default=None, help="quién importa (por defecto el usuario del sistema)")
    p = sub.add_parser("history", parents=[common], help="lista los lotes importados")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("rollback", parents=[common], help="revierte un lote (no borra nada)")
    p.add_argument("batch_id", type=int)
    p.add_argument("--by", default=None)
    p = sub.add_parser("export", parents=[common], help="exporta plan, avance y estado a Excel")
    p.add_argument("out")
    p.add_argument("--year", type=int, default=None)
    p = sub.add_parser("status", parents=[common], help="estado de metas y actividades")
    p.add_argument("--year", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("scenario", parents=[common], help="proyecta una serie de meta")
    p.add_argument("--goal", required=True)
    p.add_argument("--model", required=True, choices=["linear", "growth"])
    p.add_argument("--rate", required=True, type=float)
    p.add_argument("--json", action="store_true")
    return parser


def _print_json(payload: object) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def cmd_init(args: argparse.Namespace) -> int:
    path = config.database_path(args.db)
    with db.session(path) as con:
        counts = db.table_counts(con)
    print(msg("db.initialized", path=path, objectives=counts["objectives"],
              lines=counts["action_lines"], actions=counts["actions"],
              activities=counts["activities"], indicators=counts["indicators"]))
    return 0


COMMANDS = {"init": cmd_init}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code (2 for usage errors, as argparse does)."""
    args = _parser().parse_args(argv)
    handler = COMMANDS.get(args.command)
    if handler is None:
        print(f"El comando «{args.command}» aún no está disponible.", file=sys.stderr)
        return 2
    try:
        return handler(args)
    except HdrasError as exc:
        print(str(exc), file=sys.stderr)
        return 1
