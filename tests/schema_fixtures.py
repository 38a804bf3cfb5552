"""An old-format hdras database (before schema versions), for the migration and restore tests."""

from __future__ import annotations

from pathlib import Path

import duckdb

from conftest import MINI_PLAN
from hdras.core import schema
from hdras.plan import loader

V0_SCHEMA = Path(__file__).resolve().parent / "fixtures" / "schema_v0.sql"

BATCHES = [  # batch_id, imported_at, filename, sha256, by, status, goals, acts, rb_at, rb_by, demo
    (1, "2025-07-01 10:00:00", "avance-dgaa.xlsx", "a" * 64, "Ana Pérez, DGAA", "active", 2, 2,
     None, None, False),
    (2, "2025-08-01 09:30:00", "avance-pnsu.xlsx", "b" * 64, "Luis Ramos", "rolled_back", 1, 1,
     "2025-08-02 12:00:00", "Ana Pérez", False),
    (3, "2025-09-01 08:00:00", "datos-ficticios-demo.xlsx", "c" * 64, "demo", "active", 1, 0,
     None, None, True),
]
GOALS = [("M1", 2025, 1, 14.0, "DGPPCS"), ("M2", 2025, 1, 5.0, None),
         ("M1", 2025, 2, 99.0, "typo"), ("M6", 2026, 3, 40.0, None)]
ACTIVITIES = [("1.1.1.1", 2025, 1, "Completada", 1.0, "acta", "listo"),
              ("1.2.1.1", 2025, 1, "En proceso", None, None, "=no ejecutar"),
              ("1.1.1.1", 2026, 2, "No iniciada", None, None, None)]
SCENARIOS = [("Reúso 1 m³/s", '{"v": 1}', "2025-09-02 10:00:00", "Ana Pérez")]


def build_unversioned(path: Path, drop_columns: dict[str, tuple[str, ...]] | None = None) -> None:
    """An old-format database as the code before schema versions made it (tests/fixtures/
    schema_v0.sql), with the mini plan and progress rows; optionally without some columns."""
    con = duckdb.connect(str(path))
    con.execute(V0_SCHEMA.read_text(encoding="utf-8"))
    for table in schema.PLAN_TABLES:
        frame = loader.load_plan_frames(MINI_PLAN)[table.name]
        con.register("f", frame)
        con.execute(f"INSERT INTO {table.name} SELECT * FROM f")
        con.unregister("f")
    con.execute("INSERT INTO hdras_meta VALUES ('plan_fingerprint', 'de-la-version-anterior'), "
                "('progress_version', '4')")
    con.executemany("INSERT INTO import_batches (batch_id, imported_at, filename, sha256, "
                    "imported_by, status, rows_goals, rows_activities, rolled_back_at, "
                    "rolled_back_by, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", BATCHES)
    con.executemany("INSERT INTO goal_actuals VALUES (?, ?, ?, ?, ?)", GOALS)
    con.executemany("INSERT INTO activity_progress VALUES (?, ?, ?, ?, ?, ?, ?)", ACTIVITIES)
    con.executemany("INSERT INTO scenarios VALUES (?, ?, ?, ?)", SCENARIOS)
    for table, columns in (drop_columns or {}).items():
        for column in columns:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.close()
