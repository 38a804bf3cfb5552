"""The app's own settings: paths and limits. Streamlit's settings live in .streamlit/config.toml."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "hdras.duckdb"

PLAN_YEARS = tuple(range(2025, 2031))
BASELINE_YEAR = 2024
FINAL_YEAR = 2030
PERIODS = ("2025-I", "2025-II", "2026", "2027", "2028", "2029", "2030")


def period_year(period: str) -> int:
    """The year of a schedule period: '2025-I' and '2025-II' are 2025, '2026' is 2026."""
    return int(str(period)[:4])


def scheduled_years(periods) -> list[int]:
    """Years with an X among ``periods`` (2025-I and 2025-II both give 2025), in order, once each."""
    return sorted({period_year(p) for p in (periods if periods is not None else [])})

# Upload safety limits (see design §4 and tech-notes: zip bombs).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ROWS_PER_SHEET = 20_000

# How long the command line waits for a database held by another process.
DB_LOCK_WAIT_SECONDS = 5.0


def ui_db_wait_seconds() -> float:
    """How long a page waits for the database file ($HDRAS_DB_WAIT_SECONDS, default 10 s)."""
    return float(os.environ.get("HDRAS_DB_WAIT_SECONDS", "10"))


# The users' clock: times are stored and shown in Peru's time, whatever the server's zone.
DEFAULT_TIMEZONE = "America/Lima"


def timezone() -> ZoneInfo:
    """The zone of stored and shown times: $HDRAS_TIMEZONE (an IANA name), else America/Lima."""
    try:
        return ZoneInfo(os.environ.get("HDRAS_TIMEZONE") or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def now() -> dt.datetime:
    """The wall-clock time in ``timezone()``, without zone (as the TIMESTAMP columns hold it)."""
    return dt.datetime.now(timezone()).replace(tzinfo=None, microsecond=0)


def timezone_label() -> str:
    """How the pages name the zone of the times they show."""
    name = timezone().key
    return "hora de Perú" if name == DEFAULT_TIMEZONE else f"hora de {name}"


def default_year(today: dt.date | None = None) -> int:
    """The year shown when none is chosen: this year (in Peru), within the plan's 2025–2030."""
    today = today or now().date()
    return min(max(today.year, PLAN_YEARS[0]), PLAN_YEARS[-1])


def data_dir() -> Path:
    """The curated plan folder: $HDRAS_DATA_DIR (tests use a small fixture plan), else data/."""
    env = os.environ.get("HDRAS_DATA_DIR")
    return Path(env) if env else DATA_DIR


def editor_password_hash() -> str | None:
    """The configured editor password hash ($HDRAS_EDITOR_PASSWORD_HASH), if any; see hdras.admin.auth."""
    return os.environ.get("HDRAS_EDITOR_PASSWORD_HASH") or None


# Shared mode (design §8): set by `hdras serve` for the dashboard it starts; never local mode then.
SHARED_MODE_ENV = "HDRAS_SHARED_MODE"


def shared_mode() -> bool:
    """Is this dashboard served to others by ``hdras serve``? ($HDRAS_SHARED_MODE=1)"""
    return os.environ.get(SHARED_MODE_ENV) == "1"


# Automatic copies of the database before every import and rollback (hdras.core.backups).
AUTO_BACKUPS_KEPT = 10


def auto_backups_kept() -> int:
    """How many automatic copies to keep: $HDRAS_AUTO_BACKUPS (0 turns them off), default 10."""
    try:
        return max(0, int(os.environ.get("HDRAS_AUTO_BACKUPS", AUTO_BACKUPS_KEPT)))
    except ValueError:
        return AUTO_BACKUPS_KEPT


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """Return the database path: explicit argument, else $HDRAS_DB, else the project's var/ file."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("HDRAS_DB")
    return Path(env) if env else DEFAULT_DB_PATH
