"""Commands that look after the database and who may edit: ``init``, ``hash-password``,
``serve``, ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from hdras.cli import text
from hdras.core import config, db
from hdras.core.messages import msg


def register(sub, parent: argparse.ArgumentParser) -> None:
    """Add the administration commands to the command line."""
    sub.add_parser("init", parents=[parent], help="crea o actualiza la base de datos"
                   ).set_defaults(handler=cmd_init)
    sub.add_parser("hash-password", help="calcula el hash de la contraseña de editor"
                   ).set_defaults(handler=cmd_hash_password)
    p = sub.add_parser("serve", parents=[parent],
                       help="sirve el tablero a otros en modo compartido (requiere editores)")
    p.add_argument("--address", default=None, metavar="DIRECCIÓN",
                   help="dirección en la que escucha (por defecto 0.0.0.0: todas las interfaces)")
    p.add_argument("--port", type=text.integer, default=None, metavar="PUERTO",
                   help="puerto (por defecto 8501)")
    p.set_defaults(handler=cmd_serve)
    p = sub.add_parser("backup", parents=[parent],
                       help="copia completa y consistente de la base, aun con el tablero abierto")
    p.add_argument("out", nargs="?", metavar="SALIDA.duckdb", help="archivo nuevo de la copia")
    p.add_argument("--list", action="store_true",
                   help="lista las copias automáticas (antes de importar, revertir…)")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", parents=[parent],
                       help="reemplaza la base por una copia (la actual se guarda aparte)")
    p.add_argument("file", metavar="ARCHIVO.duckdb", help="la copia que se restaura")
    p.set_defaults(handler=cmd_restore)


def cmd_init(args: argparse.Namespace) -> int:
    """Create the database from data/, or refresh its plan tables (progress is kept)."""
    path = config.database_path(args.db)
    with db.session(path) as con:
        counts = db.table_counts(con)
    print(msg("db.initialized", path=path, objectives=counts["objectives"],
              lines=counts["action_lines"], actions=counts["actions"],
              activities=counts["activities"], indicators=counts["indicators"]))
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Print the scrypt hash of an editor password (asked twice at a terminal, else read stdin)."""
    from hdras.admin import auth

    if sys.stdin.isatty():
        password = getpass.getpass(msg("auth.prompt_password"))
        if getpass.getpass(msg("auth.prompt_repeat")) != password:
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


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard in shared mode (design §8); exit 1, nothing served, when no editor
    password is configured (or the port is taken, or the database cannot be opened)."""
    from hdras.admin import serve

    database = config.database_path(args.db).absolute()
    port = serve.DEFAULT_PORT if args.port is None else args.port
    launch = serve.prepare(args.address or serve.DEFAULT_ADDRESS, port, database)
    with db.session(database):  # created or migrated now, so a problem is said here
        pass
    return serve.run(launch)


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a consistent copy of the whole database (``--list``: the automatic copies)."""
    from hdras.admin import restore
    from hdras.core import backups

    database = config.database_path(args.db).absolute()
    if args.list:
        return _list_copies(database)
    if not args.out:
        print(msg("backup.need_target"), file=sys.stderr)
        return 2
    out = Path(args.out).absolute()
    if not database.is_file():
        print(msg("backup.no_database", path=database), file=sys.stderr)
        return 1
    if out == database or (out.exists() and out.samefile(database)):
        print(msg("backup.same_file", path=database), file=sys.stderr)
        return 1
    con = db.connect(database, wait_seconds=config.DB_LOCK_WAIT_SECONDS)
    try:
        backups.copy_database(con, out)
    finally:
        con.close()
    print(msg("backup.written", path=out, summary=restore.inspect_backup(out).text()))
    return 0


def _list_copies(database: Path) -> int:
    from hdras.admin import restore
    from hdras.core import backups
    from hdras.core.errors import HdrasError

    copies = backups.list_copies(database)
    folder = backups.backup_dir(database)
    if config.auto_backups_kept() == 0:
        print(msg("backup.list_off"))
    if not copies:
        print(msg("backup.list_none", path=database, folder=folder))
        return 0
    print(msg("backup.list_header", path=database, folder=folder,
              keep=config.auto_backups_kept()))
    for copy in copies:
        try:
            content = restore.inspect_backup(copy.path).text()
        except HdrasError as exc:
            content = msg("backup.summary_unreadable", detail=exc)
        detail = f" ({copy.detail})" if copy.detail else ""
        print(f"  {copy.made_at}  {msg(f'backup.kind.{copy.kind}')}{detail}\n"
              f"      {copy.path}  ·  {copy.size / 1e6:.1f} MB  ·  {content}")
    print(msg("backup.list_hint"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup after checking it is one (exit 1, nothing changed,
    when it is not); the current database is kept aside."""
    from hdras.admin import restore
    from hdras.core import schema

    target = config.database_path(args.db).absolute()
    done = restore.restore(args.file, target)
    print(msg("restore.done", target=target, path=Path(args.file).absolute(),
              summary=done.summary.text()))
    if done.migrated_from is not None:
        print(msg("restore.migrated", found=done.migrated_from, known=schema.SCHEMA_VERSION))
    if done.aside is not None:
        print(msg("restore.aside", aside=done.aside))
    print(msg("restore.dashboard"))
    return 0
