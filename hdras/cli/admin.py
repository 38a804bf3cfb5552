"""Commands that look after the database and who may edit: ``init`` and ``hash-password``."""

from __future__ import annotations

import argparse
import getpass
import sys

from hdras.core import config, db
from hdras.core.messages import msg


def register(sub, parent: argparse.ArgumentParser) -> None:
    """Add the administration commands to the command line."""
    sub.add_parser("init", parents=[parent], help="crea o actualiza la base de datos"
                   ).set_defaults(handler=cmd_init)
    sub.add_parser("hash-password", help="calcula el hash de la contraseña de editor"
                   ).set_defaults(handler=cmd_hash_password)


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
