"""«Novedades» for people: the frames of ``hdras.report.changes`` with Spanish headers, names
instead of codes, values with their units and statuses with their icons. The Novedades page, the
``changes`` command and the meeting pack all show these."""

from __future__ import annotations

import pandas as pd

from hdras.activities.schedule import STATE_CATEGORY, STATUS_STYLES
from hdras.core import config
from hdras.core.formatting import format_value
from hdras.core.messages import msg
from hdras.goals.series import goal_label
from hdras.goals.status import CATEGORIES
from hdras.core.formatting import format_moment
from hdras.report.changes import Changes

BATCH_STATUS = {"active": "✔ " + msg("batch.active"),
                "rolled_back": "↩ " + msg("batch.rolled_back_label")}


def window_text(changes: Changes) -> str:
    """'Novedades del 31/03/2026 23:59 al 15/06/2026 10:20 (hora de Perú)'."""
    return msg("changes.title", since=format_moment(changes.since),
               until=format_moment(changes.until), zone=config.timezone_label())


def batch_file(filename: str, is_demo: bool) -> str:
    """A batch's file name, marked «(ficticio)» when it holds demo data."""
    return msg("changes.demo_batch", filename=filename) if is_demo else str(filename)


def batches_table(changes: Changes) -> pd.DataFrame:
    """Batches imported in the window: number, file (ficticio marked), when, who, status."""
    b = changes.batches
    return pd.DataFrame({
        msg("changes.col_batch"): b["batch_id"].astype(int),
        msg("changes.col_file"): [batch_file(f, d) for f, d in zip(b["filename"], b["is_demo"])],
        msg("changes.col_imported"): b["imported_at"].map(format_moment),
        msg("changes.col_by"): b["imported_by"],
        msg("changes.col_status"): b["status"].map(BATCH_STATUS)})


def rollbacks_table(changes: Changes) -> pd.DataFrame:
    """Batches rolled back in the window: number, file, when, who."""
    r = changes.rollbacks
    return pd.DataFrame({
        msg("changes.col_batch"): r["batch_id"].astype(int),
        msg("changes.col_file"): [batch_file(f, d) for f, d in zip(r["filename"], r["is_demo"])],
        msg("changes.col_rolled_back"): r["at"].map(format_moment),
        msg("changes.col_by"): r["by"].fillna("—")})


def status_text(code: str) -> str:
    """A goal status with its icon: '✔ En camino'."""
    return CATEGORIES[code].text()


def goals_table(changes: Changes) -> pd.DataFrame:
    """Goal values that moved: series name, year, before → after with units, statuses."""
    g = changes.goals
    return pd.DataFrame({
        msg("changes.col_series"): g["code"].map(goal_label),
        msg("changes.col_year"): g["year"].astype(int).astype(str),
        msg("changes.col_before"): [format_value(v, u) for v, u in zip(g["before"], g["unit"])],
        msg("changes.col_after"): [format_value(v, u) for v, u in zip(g["after"], g["unit"])],
        msg("changes.col_status_before"): g["status_before"].map(status_text),
        msg("changes.col_status_after"): g["status_after"].map(status_text)})


def activity_status_text(estado: str | None) -> str:
    """A reported estado with its icon ('✓ Completada'); '– Sin reporte' when none counted."""
    if estado is None or pd.isna(estado):
        return STATUS_STYLES["no_report"].tag
    return STATUS_STYLES[STATE_CATEGORY[estado]].tag


def activities_table(changes: Changes) -> pd.DataFrame:
    """Activity statuses that moved: code, title, year, before → after with icons."""
    a = changes.activities
    return pd.DataFrame({
        msg("changes.col_activity"): a["code"], msg("changes.col_title"): a["title"].fillna("—"),
        msg("changes.col_year"): a["year"].astype(int).astype(str),
        msg("changes.col_before"): a["before"].map(activity_status_text),
        msg("changes.col_after"): a["after"].map(activity_status_text)})


def sections(changes: Changes) -> list[tuple[str, pd.DataFrame, str]]:
    """(heading with count, table, sentence when empty) for each part, in reading order."""
    return [
        (msg("changes.batches", count=len(changes.batches)), batches_table(changes),
         msg("changes.none_batches")),
        (msg("changes.rollbacks", count=len(changes.rollbacks)), rollbacks_table(changes),
         msg("changes.none_rollbacks")),
        (msg("changes.goals", count=len(changes.goals)), goals_table(changes),
         msg("changes.none_goals")),
        (msg("changes.activities", count=len(changes.activities)), activities_table(changes),
         msg("changes.none_activities")),
    ]


def changes_text(changes: Changes) -> str:
    """The ``changes`` command's plain-text answer."""
    lines = [window_text(changes), msg("changes.net_rule"), ""]
    if changes.empty:
        return "\n".join(lines + [msg("changes.nothing", since=format_moment(changes.since),
                                      until=format_moment(changes.until))])
    for heading, table, empty in sections(changes):
        if msg("changes.col_title") in table:  # a terminal line: the title in a few words
            table = table.assign(**{msg("changes.col_title"): table[msg("changes.col_title")].map(
                lambda t: t if len(t) <= 48 else t[:47] + "…")})
        lines.append(heading)
        lines.append(table.to_string(index=False) if len(table) else empty)
        lines.append("")
    return "\n".join(lines).rstrip()
