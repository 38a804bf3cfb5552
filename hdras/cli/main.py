"""``python -m hdras COMMAND`` (also the ``hdras`` console entry): the contract of design §3."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from hdras.cli import text as cli_text
from hdras.core import config, db
from hdras.core.errors import HdrasError
from hdras.core.messages import msg


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hdras", description="Tablero de seguimiento de la HdR-AS.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="ARCHIVO",
                        help="archivo DuckDB (por defecto $HDRAS_DB o var/hdras.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMANDO",
                                title="comandos")
    sub.add_parser("init", parents=[common], help="crea o actualiza la base de datos")
    p = sub.add_parser("template", parents=[common], help="escribe el libro de avance para llenar")
    p.add_argument("out", metavar="SALIDA.xlsx", help="archivo que se escribe")
    p = sub.add_parser("import", parents=[common], help="valida e importa un libro de avance")
    p.add_argument("file", metavar="ARCHIVO.xlsx", help="libro de avance lleno")
    p.add_argument("--dry-run", action="store_true", help="solo valida; no guarda nada")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3)")
    p.add_argument("--by", default=None, metavar="NOMBRE",
                   help="quién importa (por defecto el usuario del sistema)")
    p = sub.add_parser("history", parents=[common], help="lista los lotes importados")
    p.add_argument("--json", action="store_true", help="resultado en JSON")
    p = sub.add_parser("rollback", parents=[common], help="revierte un lote (no borra nada)")
    p.add_argument("batch_id", type=cli_text.integer, metavar="LOTE", help="número del lote")
    p.add_argument("--by", default=None, metavar="NOMBRE", help="quién revierte")
    p = sub.add_parser("export", parents=[common], help="exporta plan, avance y estado a Excel")
    p.add_argument("out", metavar="SALIDA.xlsx", help="archivo que se escribe")
    p.add_argument("--year", type=cli_text.integer, default=None, metavar="AÑO",
                   help="año del estado (2025–2030; por defecto el actual)")
    p = sub.add_parser("status", parents=[common], help="estado de metas y actividades")
    p.add_argument("--year", type=cli_text.integer, default=None, metavar="AÑO",
                   help="año de análisis (2025–2030; por defecto el actual)")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3)")
    p = sub.add_parser("scenario", parents=[common], help="proyecta una serie de meta")
    p.add_argument("--goal", required=True, metavar="SERIE", help="código de la serie (M1 … M6)")
    p.add_argument("--model", required=True, choices=["linear", "growth"],
                   help="linear: incremento fijo por año; growth: %% por año")
    p.add_argument("--rate", required=True, type=cli_text.number, metavar="TASA",
                   help="incremento anual en la unidad de la serie, o %% anual")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3 y §6)")
    sub.add_parser("demo", parents=[common], help="guarda datos ficticios de demostración")
    sub.add_parser("hash-password", help="calcula el hash de la contraseña de editor")
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


def _year_argument(args: argparse.Namespace) -> int | None:
    """``--year`` (default: this year within the plan); None, with a Spanish message, if outside
    2025–2030."""
    year = args.year if args.year is not None else config.default_year()
    if year not in config.PLAN_YEARS:
        print(msg("cli.bad_year", year=year, first=config.PLAN_YEARS[0],
                  last=config.PLAN_YEARS[-1]), file=sys.stderr)
        return None
    return year


def _demo_notice(con, as_json: bool) -> None:
    """Say "ficticio" when an active batch holds demo data: first line of a text report, or on
    stderr beside JSON (whose keys are the contract's)."""
    from hdras.progress import demo

    batch_ids = demo.demo_batch_ids(con)
    if batch_ids:
        notice = "⚠ " + msg("demo.banner", batch_ids=", ".join(map(str, batch_ids)))
        print(notice.replace("`", ""), file=sys.stderr if as_json else sys.stdout)


def cmd_status(args: argparse.Namespace) -> int:
    """Goal status and activity completion for a year (design §3 and §5)."""
    from hdras.goals import status

    year = _year_argument(args)
    if year is None:
        return 2
    with db.session(config.database_path(args.db)) as con:
        _demo_notice(con, args.json)
        report = status.status_report(con, year)
        table = status.display_table(status.status_table_for(con, year), year) if not args.json \
            else None
    if args.json:
        _print_json(report)
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
            _demo_notice(con, args.json)
        projection = scenarios.project_goal(inputs, args.goal, args.model, args.rate)
    except (InvalidScenarioError, UnknownCodeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.json:
        _print_json(projection.to_json())
    else:
        print(scenario_tables.projection_text(projection, inputs))
    return 0


COMMANDS = {"init": cmd_init}
COMMANDS["status"] = cmd_status
COMMANDS["scenario"] = cmd_scenario


# --- Progress workbook: template, import, history, rollback, export, demo (issue 5) -----------

def _write_output(path: str, data: bytes) -> bool:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        print(msg("file.write_error", path=path, detail=exc.strerror or exc), file=sys.stderr)
        return False
    return True


def _who(by: str | None) -> str:
    """--by, else the system user; a uid without a name (containers, cron) must not crash."""
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return msg("cli.unknown_user", uid=getattr(os, "getuid", lambda: "?")())


def cmd_template(args: argparse.Namespace) -> int:
    """Write the progress workbook, every goal series and planned activity pre-filled (§4)."""
    from hdras.progress import template

    with db.session(config.database_path(args.db)) as con:
        data = template.build_template(con)
        goals, activities = len(template.goal_rows(con)), len(template.activity_rows(con))
    if not _write_output(args.out, data):
        return 1
    print(msg("template.written", path=args.out, goals=goals, activities=activities))
    return 0


def _terminal_progress(enabled: bool):
    """A one-line progress indicator on stderr (only for a person at a terminal)."""
    if not enabled:
        return None

    def show(fraction: float, text: str) -> None:
        end = "\n" if fraction >= 1 else ""
        print(f"\r{int(fraction * 100):3d} % {text:<70}", end=end, file=sys.stderr, flush=True)
    return show


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a workbook and, unless --dry-run, store it as one batch (design §3).

    Exit 0 accepted, 1 rejected or database busy (nothing stored), 2 usage (no such file, or
    one that cannot be read).
    ``--json`` prints ``hdras.progress.preview.import_report`` (its docstring lists the summary keys).
    """
    import time
    from hdras.progress import preview as import_preview, reading as importer
    from hdras.core.errors import DatabaseBusyError

    path = Path(args.file)
    if not path.is_file():
        print(msg("import.file_missing", path=path), file=sys.stderr)
        return 2
    try:
        with path.open("rb") as handle:  # one byte past the limit: enough to reject a huge file
            data = handle.read(config.MAX_UPLOAD_BYTES + 1)
        size = path.stat().st_size
    except OSError as exc:
        print(msg("file.read_error", path=path, detail=exc.strerror or exc), file=sys.stderr)
        return 2
    started, by = time.perf_counter(), _who(args.by)
    try:
        with db.session(config.database_path(args.db)) as con:
            reference = importer.PlanReference.from_db(con)
        progress = _terminal_progress(not args.json and sys.stderr.isatty())
        result = importer.read_workbook(data, path.name, reference=reference, progress=progress,
                                        size=max(size, len(data)))
        preview = batch_id = None
        if result.ok:
            with db.session(config.database_path(args.db)) as con:
                preview = import_preview.build_preview(con, result)
                if not args.dry_run:
                    batch_id = import_preview.commit_import(con, result, by)
    except DatabaseBusyError as exc:
        if not args.json:
            raise
        _print_json(import_preview.busy_report(path.name, str(exc)))
        return 1
    report = import_preview.import_report(result, preview, batch_id, dry_run=args.dry_run,
                                         imported_by=by, seconds=time.perf_counter() - started)
    if args.json:
        _print_json(report)
    else:
        _print_import(result, preview, batch_id, by)
    return 0 if result.ok else 1


def _print_import(result, preview, batch_id: int | None, by: str) -> None:
    from hdras.progress import preview as import_preview, reading as importer

    print(result.summary_message())
    if result.problems:
        print(importer.problems_frame(result.problems).drop(columns="Código").to_string(
            index=False))
    if preview is not None:
        for sheet, counts in (("Metas", preview.counts["goals"]),
                              ("Actividades", preview.counts["activities"])):
            print(f"{sheet}: {import_preview.counts_text(counts)}")
        for note in preview.notes():
            print(note)
    if batch_id is not None:
        print(msg("import.stored", batch_id=batch_id, goals=result.rows["goals"],
                  activities=result.rows["activities"], by=by))
    elif result.ok:
        print(msg("import.dry_run"))


def cmd_history(args: argparse.Namespace) -> int:
    """List the imported batches, newest first (``--json``: {"batches": [...]})."""
    from hdras.progress import preview as import_preview, store as progress

    with db.session(config.database_path(args.db)) as con:
        batches = progress.list_batches(con)
    if args.json:
        _print_json({"batches": import_preview.batches_json(batches)})
    elif batches.empty:
        print(msg("batch.none"))
    else:
        print(import_preview.history_display(batches).to_string(index=False))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    """Mark a batch rolled back (nothing is deleted). Exit 1 when missing or already rolled back."""
    from hdras.progress import store as progress

    with db.session(config.database_path(args.db)) as con:
        changed = progress.rollback_batch(con, args.batch_id, _who(args.by))
    if not changed:
        print(msg("batch.already_rolled_back", batch_id=args.batch_id), file=sys.stderr)
        return 1
    print(msg("batch.rolled_back", batch_id=args.batch_id))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the plan, the current progress and the status of a year in one workbook."""
    from hdras.progress import export

    year = _year_argument(args)
    if year is None:
        return 2
    with db.session(config.database_path(args.db)) as con:
        data = export.build_export(con, year)
    if not _write_output(args.out, data):
        return 1
    print(msg("export.written", path=args.out, year=year))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Store a clearly fictitious batch generated from the plan (pages then say "ficticio")."""
    from hdras.progress import demo

    with db.session(config.database_path(args.db)) as con:
        batch_id, created = demo.store_demo_batch(con)
        rows = con.execute("SELECT rows_goals, rows_activities FROM import_batches "
                           "WHERE batch_id = ?", [batch_id]).fetchall()[0]
    if created:
        print(msg("demo.stored", batch_id=batch_id, goals=rows[0], activities=rows[1]))
    else:
        print(msg("demo.exists", batch_id=batch_id))
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Print the scrypt hash of an editor password (asked twice at a terminal, else read stdin)."""
    from hdras.admin import auth

    if sys.stdin.isatty():
        password = getpass.getpass("Contraseña de editor: ")
        if getpass.getpass("Repita la contraseña: ") != password:
            print(msg("auth.passwords_differ"), file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    auth.check_new_password(password)
    hashed = auth.hash_password(password)
    print(hashed)
    print(f'\n# .streamlit/secrets.toml:\neditor_password_hash = "{hashed}"\n'
          f"# o en el entorno:\nexport HDRAS_EDITOR_PASSWORD_HASH='{hashed}'", file=sys.stderr)
    return 0


COMMANDS.update({"template": cmd_template, "import": cmd_import, "history": cmd_history,
                 "rollback": cmd_rollback, "export": cmd_export, "demo": cmd_demo,
                 "hash-password": cmd_hash_password})


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code (2 for usage errors, as argparse does)."""
    with cli_text.spanish_argparse():
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
