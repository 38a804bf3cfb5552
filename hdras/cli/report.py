"""Commands for meetings (design §3, §9): ``changes`` (what moved between two dates, «Novedades»)
and ``report`` (the meeting pack as PDF or slides)."""

from __future__ import annotations

import argparse
import sys

from hdras.cli import text
from hdras.cli.common import demo_notice, print_json, write_output, year_argument
from hdras.core import config, db
from hdras.core.errors import InvalidDateError, ReportError
from hdras.core.formatting import format_moment
from hdras.core.messages import msg

DATE_HELP = "AAAA-MM-DD (hasta el final de ese día) o AAAA-MM-DDTHH:MM, hora de Perú"


def register(sub, parent: argparse.ArgumentParser) -> None:
    """Add the meeting commands to the command line."""
    p = sub.add_parser("changes", parents=[parent], help="qué cambió entre dos fechas (Novedades)")
    p.add_argument("--since", required=True, metavar="FECHA", help=f"desde: {DATE_HELP}")
    p.add_argument("--until", default=None, metavar="FECHA",
                   help=f"hasta (por defecto ahora): {DATE_HELP}")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3)")
    p.set_defaults(handler=cmd_changes)
    p = sub.add_parser("report", parents=[parent], help="informe para la reunión (PDF o PPTX)")
    p.add_argument("out", metavar="SALIDA.pdf|SALIDA.pptx", help="archivo que se escribe")
    p.add_argument("--year", type=text.integer, default=None, metavar="AÑO",
                   help="año de análisis (2025–2030; por defecto el actual)")
    p.add_argument("--since", default=None, metavar="FECHA",
                   help=f"novedades desde (por defecto, los últimos 90 días): {DATE_HELP}")
    p.add_argument("--scenario", nargs="+", action="extend", default=[], metavar="NOMBRE",
                   help="escenarios guardados que se comparan con el plan")
    p.set_defaults(handler=cmd_report)


def cmd_changes(args: argparse.Namespace) -> int:
    """What changed between the end of --since and --until (default now); exit 2 for a bad
    date."""
    from hdras.report import change_tables, changes

    try:
        since = changes.parse_moment(args.since, "--since")
        until = changes.parse_moment(args.until, "--until") if args.until else config.now()
        changes.check_window(since, until)
    except InvalidDateError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    with db.session(config.database_path(args.db)) as con:
        demo_notice(con, args.json)
        found = changes.compute_changes(con, since, until)
    if args.json:
        print_json(found.to_json())
    else:
        print(change_tables.changes_text(found))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the meeting pack; exit 2 for a bad extension, year, date or scenario name."""
    from hdras.report import changes, output

    try:
        fmt = output.report_format(args.out)
        since = changes.parse_moment(args.since, "--since") if args.since else None
    except (InvalidDateError, ReportError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    year = year_argument(args)
    if year is None:
        return 2
    try:
        with db.session(config.database_path(args.db)) as con:
            demo_notice(con, False)
            data = output.build_report(con, fmt, year, since, args.scenario)
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not write_output(args.out, data):
        return 1
    print(msg("report.written", path=args.out, year=year,
              kind=msg("report.kind_pdf" if fmt == ".pdf" else "report.kind_pptx"),
              since=format_moment(since or changes.default_since())))
    return 0
