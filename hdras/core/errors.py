"""Exceptions for programmer and environment errors. Bad user data is reported, never raised."""


class HdrasError(Exception):
    """Root of hdras exceptions; its message is safe to show to a user (Spanish)."""


class DatabaseBusyError(HdrasError, RuntimeError):
    """Another process (usually the running dashboard) holds the database file."""


class DatabaseFileError(HdrasError, OSError):
    """The database path cannot be opened: not a DuckDB file, a folder, or an unwritable place."""


class PlanDataError(HdrasError, ValueError):
    """The curated files in data/ are inconsistent."""


class InvalidScenarioError(HdrasError, ValueError):
    """A scenario's parameters are out of range or refer to unknown codes."""


class UnknownCodeError(HdrasError, KeyError):
    """A goal or activity code that the plan does not contain."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""


class BatchNotFoundError(HdrasError, LookupError):
    """A batch id that does not exist."""


class StalePreviewError(HdrasError, RuntimeError):
    """The data changed between an import's preview and its confirmation."""


class InvalidImportError(HdrasError, ValueError):
    """An attempt to store a workbook that has blocking problems (a programming error)."""


class PasswordHashError(HdrasError, ValueError):
    """A configured editor password hash that cannot be read, or a new password that is too weak."""


class UnknownUnitError(HdrasError, LookupError):
    """A responsible unit that the plan does not name (the message lists the valid ones)."""

    def __str__(self) -> str:  # LookupError is fine, but keep the message as written
        return str(self.args[0]) if self.args else ""


class SchemaVersionError(HdrasError, RuntimeError):
    """A database made by a newer hdras than this code, or one a migration cannot bring forward."""


class BackupError(HdrasError, OSError):
    """A copy of the database could not be written (nothing was changed)."""


class NotABackupError(HdrasError, ValueError):
    """A file given to ``restore`` that is not an hdras database this code can read."""


class ServeError(HdrasError, RuntimeError):
    """``hdras serve`` cannot start: no editor password, a port in use, an unreadable secrets file."""


class InvalidDateError(HdrasError, ValueError):
    """A date or moment given by a user (``changes --since``) that cannot be read."""


class ReportError(HdrasError, ValueError):
    """A meeting pack that cannot be built as asked (output format, scenario name)."""
