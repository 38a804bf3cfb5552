"""Commands on the goals: ``status`` (design §3, §5) and ``scenario`` (§3, §6)."""

from __future__ import annotations

import argparse
import sys

from hdras.cli import text
from hdras.cli.common import demo_notice, print_json, year_argument
from hdras.core import config, db
from hdras.core.messages import msg


def register(sub, parent: argparse.ArgumentParser) -> None:
    """Add the goal commands to the command line."""
    p = sub.add_parser("status", parents=[parent], help="estado de metas y actividades")
    p.add_argument("--year", type=text.integer, default=None, metavar="AÑO",
                   help="año de análisis (2025–2030; por defecto el actual)")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3)")
    p.set_defaults(handler=cmd_status)
    p = sub.add_parser("scenario", parents=[parent], help="proyecta una serie de meta")
    p.add_argument("--goal", required=True, metavar="SERIE", help="código de la serie (M1 … M6)")
    p.add_argument("--model", required=True, choices=["linear", "growth"],
                   help="linear: incremento fijo por año; growth: %% por año")
    p.add_argument("--rate", required=True, type=text.number, metavar="TASA",
                   help="incremento anual en la unidad de la serie, o %% anual")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3 y §6)")
    p.set_defaults(handler=cmd_scenario)


def cmd_status(args: argparse.Namespace) -> int:
    """Goal status and activity completion for a year (design §3 and §5)."""
    from hdras.goals import display, status

    year = year_argument(args)
    if year is None:
        return 2
    with db.session(config.database_path(args.db)) as con:
        demo_notice(con, args.json)
        report = status.status_report(con, year)
        table = display.display_table(status.status_table_for(con, year), year) if not args.json \
            else None
    if args.json:
        print_json(report)
        return 0
    print(msg("cli.status_title", year=year))
    print(table.to_string(index=False))
    print()
    print(msg("cli.status_activities", year=year, **{k: v for k, v in report["activities"].items()
                                                      if k != "by_objective"}))
    return 0


def cmd_scenario(args: argparse.Namespace) -> int:
    """Project one goal series from its latest actual, else the baseline (design §3 and §6).

    Exit 2 with a Spanish message for an unknown goal or an invalid rate."""
    from hdras.scenarios import tables as scenario_tables, model as scenarios
    from hdras.core.errors import InvalidScenarioError, UnknownCodeError

    try:
        scenarios.check_rate(args.model, args.rate)
        with db.session(config.database_path(args.db)) as con:
            inputs = scenarios.load_inputs(con)
            demo_notice(con, args.json)
        projection = scenarios.project_goal(inputs, args.goal, args.model, args.rate)
    except (InvalidScenarioError, UnknownCodeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.json:
        print_json(projection.to_json())
    else:
        print(scenario_tables.projection_text(projection, inputs))
    return 0
