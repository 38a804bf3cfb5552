"""Fixture actuals for the goal tests: one report per series that lands in every status category.

Tests put actuals in through hdras.progress.store.record_batch (what the Excel import calls too).
Expected categories (any year ≥ 2025; all reports are for 2025), worked by hand from Tabla 1:
  M1 14.0 %     R = 1.9 / (7.9/6)  = 1.44  en_camino
  M2 5.0 %      R = 1 / (16/6)     = 0.375 progreso_limitado
  M2-caudal 4.6 R = 1.43 / (12.73/6) = 0.67 requiere_aceleracion
  M3 16 %       past the 2030 target 15 %  meta_alcanzada
  M4 (derived 1 + 0 + 1 = 2 EPS)   R = 1 / (19/6) = 0.32 progreso_limitado
  M4.1 0 new    running total 0 of 3        progreso_limitado (R = 0)
  M4.2 1 new    running total 1 of 16: R = 1 / (16/6) = 0.375 progreso_limitado
  M5 no report                              sin_datos
  M6 36 EPS     below the 37 baseline: R = −2 retroceso
"""

from __future__ import annotations

import pandas as pd

from hdras.core import db
from hdras.progress import store as progress

ACTUALS_2025 = pd.DataFrame(
    [("M1", 2025, 14.0, "DGPPCS"), ("M2", 2025, 5.0, None), ("M2-caudal", 2025, 4.6, None),
     ("M3", 2025, 16.0, "RENAPRO"), ("M4.1", 2025, 0.0, None), ("M4.2", 2025, 1.0, None),
     ("M6", 2025, 36.0, None)],
    columns=["goal_code", "year", "value", "source"])

EXPECTED = {"M1": "en_camino", "M2": "progreso_limitado", "M2-caudal": "requiere_aceleracion",
            "M3": "meta_alcanzada", "M4": "progreso_limitado", "M4.1": "progreso_limitado",
            "M4.2": "progreso_limitado", "M5": "sin_datos", "M6": "retroceso"}


def store_actuals(con, frame: pd.DataFrame = ACTUALS_2025) -> int:
    """Record ``frame`` as one batch on an open connection; returns the batch id."""
    return progress.record_batch(con, frame, None, filename="fixture.xlsx", sha256="0" * 64,
                                 imported_by="pytest")


def store_actuals_in_file(path, frame: pd.DataFrame = ACTUALS_2025) -> int:
    """Create the database file at ``path`` (from $HDRAS_DATA_DIR) and record ``frame``."""
    with db.session(path) as con:
        return store_actuals(con, frame)
