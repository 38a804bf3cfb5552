"""Reading the curated plan (data/*.csv) into typed frames, one per plan table, and the fingerprint
that says when data/ changed. ``hdras.core.db.ensure_schema`` writes them into the database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from hdras.core import config, schema
from hdras.core.errors import PlanDataError
from hdras.core.messages import msg

_TERM_BY_PERIOD = {"2025-I": "C", "2025-II": "C", "2026": "C", "2027": "M", "2028": "M",
                   "2029": "L", "2030": "L"}


def data_fingerprint(data_dir: Path) -> str:
    """A hash of every plan CSV and the schema version: a change means the plan tables are rebuilt."""
    digest = hashlib.sha256(str(schema.SCHEMA_VERSION).encode())
    sources = [t.source for t in schema.PLAN_TABLES] + [s[0] for s in schema.SUPPLEMENTS.values()]
    for source in sources:
        path = data_dir / source
        digest.update(source.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def read_plan_csv(data_dir: Path, table: schema.Table) -> pd.DataFrame:
    """Read one curated CSV as typed columns in the schema's order, supplements merged in."""
    frame = _read_typed(data_dir / table.source, table, _own_columns(table))
    if table.name in schema.SUPPLEMENTS:
        source, key, columns = schema.SUPPLEMENTS[table.name]
        extra = _read_typed(data_dir / source, table, columns, key=key)
        unknown = set(extra[key]) - set(frame["code"])
        if unknown:
            raise PlanDataError(msg("plan.data_unknown_codes", file=source, table=table.source,
                                      codes=", ".join(sorted(unknown))))
        frame = frame.drop(columns=list(columns)).merge(
            extra.rename(columns={key: "code"}), on="code", how="left")
    return frame[table.column_names]


def _own_columns(table: schema.Table) -> tuple[str, ...]:
    foreign = set(schema.DERIVED_COLUMNS.get(table.name, ()))
    if table.name in schema.SUPPLEMENTS:
        foreign |= set(schema.SUPPLEMENTS[table.name][2])
    return tuple(c for c in table.column_names if c not in foreign)


def _read_typed(path: Path, table: schema.Table, columns: tuple[str, ...],
                key: str | None = None) -> pd.DataFrame:
    """Read ``path``; check its header holds ``columns`` (plus ``key``) exactly; type by the schema."""
    if not path.exists():
        raise PlanDataError(msg("plan.data_missing_file", path=path))
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    expected = ([key] if key else []) + list(columns)
    if sorted(raw.columns) != sorted(expected):
        raise PlanDataError(msg("plan.data_columns", file=path.name, found=", ".join(raw.columns),
                                  expected=", ".join(expected)))
    by_name = {c.name: c for c in table.columns}
    frame = pd.DataFrame(index=raw.index)
    for name in expected:
        col = by_name.get(name) or schema.Column(name, "VARCHAR", False)
        frame[name] = _typed(raw[name].str.strip().replace("", None), col, path.name)
    for name in ([] if key else table.column_names):
        if name not in frame:
            frame[name] = pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame


def _typed(values: pd.Series, col: schema.Column, source: str) -> pd.Series:
    if col.type == "BOOLEAN":
        mapped = values.map({"true": True, "false": False, "1": True, "0": False, None: None})
        return mapped.astype("boolean")
    if col.type in ("INTEGER", "DOUBLE"):
        numbers = pd.to_numeric(values, errors="coerce")
        bad = values.notna() & numbers.isna()
        if bad.any():
            raise PlanDataError(msg("plan.data_not_numeric", file=source, column=col.name,
                                      values=", ".join(list(values[bad])[:3])))
        return numbers.astype("Int64" if col.type == "INTEGER" else "Float64")
    return values.astype("string")


def derive_terms(schedule: pd.DataFrame, activities: pd.DataFrame) -> pd.Series:
    """Term (C/M/L) of each action from its activities' latest scheduled period (design §2)."""
    merged = schedule.merge(activities[["code", "action_code"]], left_on="activity_code",
                            right_on="code")
    order = {p: i for i, p in enumerate(config.PERIODS)}
    latest = merged.assign(rank=merged["period"].map(order)).groupby("action_code")["rank"].max()
    return latest.map(lambda r: _TERM_BY_PERIOD[config.PERIODS[int(r)]])


def load_plan_frames(data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """All plan tables as DataFrames, typed as the schema says, with derived columns filled."""
    data_dir = data_dir or config.data_dir()
    frames = {t.name: read_plan_csv(data_dir, t) for t in schema.PLAN_TABLES}
    terms = derive_terms(frames["activity_schedule"], frames["activities"])
    actions = frames["actions"]
    actions["term"] = actions["code"].map(terms).astype("string")
    actions["term_derived"] = pd.Series(True, index=actions.index, dtype="boolean")
    return frames
