"""Commands on progress reports (design §3, §4): ``template``, ``import``, ``history``,
``rollback``, ``export``, ``reporting`` and ``demo``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hdras.cli import text
from hdras.cli.common import print_json, terminal_progress, who, write_output, year_argument
from hdras.core import config, db
from hdras.core.messages import msg


def register(sub, parent: argparse.ArgumentParser) -> None:
    """Add the progress commands to the command line."""
    p = sub.add_parser("template", parents=[parent], help="escribe el libro de avance para llenar")
    p.add_argument("out", metavar="SALIDA.xlsx", help="archivo que se escribe")
    p.add_argument("--unit", default=None, metavar="UNIDAD",
                   help="solo las actividades de una unidad responsable (DGAA, DGPRCS, PNSR, "
                        "PNSU…); las metas van completas")
    p.add_argument("--blank", action="store_true",
                   help="sin los valores ya reportados (por defecto las filas los traen)")
    p.set_defaults(handler=cmd_template)
    p = sub.add_parser("import", parents=[parent], help="valida e importa un libro de avance")
    p.add_argument("file", metavar="ARCHIVO", help="libro de avance lleno (.xlsx u .ods)")
    p.add_argument("--dry-run", action="store_true", help="solo valida; no guarda nada")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3)")
    p.add_argument("--by", default=None, metavar="NOMBRE",
                   help="quién importa (por defecto el usuario del sistema)")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("history", parents=[parent], help="lista los lotes importados")
    p.add_argument("--json", action="store_true", help="resultado en JSON")
    p.set_defaults(handler=cmd_history)
    p = sub.add_parser("rollback", parents=[parent], help="revierte un lote (no borra nada)")
    p.add_argument("batch_id", type=text.integer, metavar="LOTE", help="número del lote")
    p.add_argument("--by", default=None, metavar="NOMBRE", help="quién revierte")
    p.set_defaults(handler=cmd_rollback)
    p = sub.add_parser("export", parents=[parent], help="exporta plan, avance y estado a Excel")
    p.add_argument("out", metavar="SALIDA.xlsx", help="archivo que se escribe")
    p.add_argument("--year", type=text.integer, default=None, metavar="AÑO",
                   help="año del estado (2025–2030; por defecto el actual)")
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser("reporting", parents=[parent],
                       help="quién ha reportado: por unidad responsable, programadas, con "
                            "reporte, último reporte y códigos que faltan")
    p.add_argument("--year", type=text.integer, default=None, metavar="AÑO",
                   help="año (2025–2030; por defecto el actual)")
    p.add_argument("--json", action="store_true", help="resultado en JSON (diseño §3)")
    p.set_defaults(handler=cmd_reporting)
    p = sub.add_parser("demo", parents=[parent], help="guarda datos ficticios de demostración")
    p.set_defaults(handler=cmd_demo)


def cmd_template(args: argparse.Namespace) -> int:
    """Write the progress workbook, every goal series and planned activity pre-filled (§4);
    ``--unit``: only that responsible unit's activities (exit 2 for a unit the plan does not
    name, with the valid ones); the rows carry the values already reported unless ``--blank``."""
    from hdras.core.errors import UnknownUnitError
    from hdras.progress import template

    with db.session(config.database_path(args.db)) as con:
        try:
            unit = template.resolve_unit(con, args.unit) if args.unit is not None else None
        except UnknownUnitError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        data = template.build_template(con, unit=unit, prefill=not args.blank)
        goals, activities = len(template.goal_rows(con)), len(template.activity_rows(con, unit))
    if not write_output(args.out, data):
        return 1
    if unit:
        print(msg("template.written_unit", path=args.out, unit=unit, goals=goals,
                  activities=activities))
    else:
        print(msg("template.written", path=args.out, goals=goals, activities=activities))
    return 0


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
    started, by = time.perf_counter(), who(args.by)
    try:
        with db.session(config.database_path(args.db)) as con:
            reference = importer.PlanReference.from_db(con)
        progress = terminal_progress(not args.json and sys.stderr.isatty())
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
        print_json(import_preview.busy_report(path.name, str(exc)))
        return 1
    report = import_preview.import_report(result, preview, batch_id, dry_run=args.dry_run,
                                         imported_by=by, seconds=time.perf_counter() - started)
    if args.json:
        print_json(report)
    else:
        _print_import(result, preview, batch_id, by)
    return 0 if result.ok else 1


def _print_import(result, preview, batch_id: int | None, by: str) -> None:
    from hdras.progress import preview as import_preview, reading as importer

    print(result.summary_message())
    problems = result.problems + (preview.warnings if preview is not None else [])
    if problems:
        table = importer.problems_frame(problems).drop(columns=importer.PROBLEM_CODE)
        print(table.to_string(index=False))
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
        print_json({"batches": import_preview.batches_json(batches)})
    elif batches.empty:
        print(msg("batch.none"))
    else:
        print(import_preview.history_display(batches).to_string(index=False))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    """Mark a batch rolled back (nothing is deleted). Exit 1 when missing or already rolled back."""
    from hdras.progress import store as progress

    with db.session(config.database_path(args.db)) as con:
        changed = progress.rollback_batch(con, args.batch_id, who(args.by))
    if not changed:
        print(msg("batch.already_rolled_back", batch_id=args.batch_id), file=sys.stderr)
        return 1
    print(msg("batch.rolled_back", batch_id=args.batch_id))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the plan, the current progress and the status of a year in one workbook."""
    from hdras.progress import export

    year = year_argument(args)
    if year is None:
        return 2
    with db.session(config.database_path(args.db)) as con:
        data = export.build_export(con, year)
    if not write_output(args.out, data):
        return 1
    print(msg("export.written", path=args.out, year=year))
    return 0


def cmd_reporting(args: argparse.Namespace) -> int:
    """Who has reported for a year, per responsible unit (design §3); ``--json`` prints
    ``hdras.progress.reporting.reporting_json``."""
    from hdras.cli.common import demo_notice
    from hdras.progress import reporting

    year = year_argument(args)
    if year is None:
        return 2
    with db.session(config.database_path(args.db)) as con:
        frame = reporting.unit_reporting(reporting.reporting_rows(con), year)
        demo_notice(con, args.json)
    if args.json:
        print_json(reporting.reporting_json(frame, year))
        return 0
    print(msg("reporting.title", year=year))
    print(reporting.reporting_display(frame, year).drop(columns="Códigos sin reporte").to_string(
        index=False))
    missing = reporting.missing_table(frame)
    if missing.empty:
        print(msg("reporting.all_reported", year=year))
    for unit, rows in missing.groupby("Unidad responsable", sort=False):
        print(f"\n{msg('reporting.missing_heading', unit=unit, count=len(rows), year=year)}")
        for code, title in zip(rows["Código"], rows["Actividad"]):
            print(f"  {code}  {title if len(title) <= 90 else title[:89] + '…'}")
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
