"""Goal series as frames for charts and status: plan targets (Tabla 1) beside the reported actuals.

Also the derived views users asked for by name: reuse (Meta 2 % ↔ m³/s and the total wastewater flow
they imply), biosolids (Meta 3 % as PTAR out of 172, footnote ¹) and renewables (Meta 4 cumulative
beside the new utilities per year of 4.1 and 4.2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from hdras.core import config
from hdras.plan import queries as plan_queries
from hdras.progress import store as progress
from hdras.core.messages import msg

# Footnote ¹ of Tabla 1: "5 de 172 PTAR se reúsan biosólidos y están inscritas en el RENAPRO".
PTAR_TOTAL = 172
PTAR_REUSING_2024 = 5
RENEWABLE_PARTS = ("M4.1", "M4.2")
SERIES_COLUMNS = ["goal_code", "year", "target", "target_text", "actual", "source", "is_demo",
                  "derived"]


@dataclass(frozen=True)
class GoalData:
    """Every goal series: ``info`` (one row per code, from ``goals``) and ``series`` (long form)."""
    info: pd.DataFrame
    series: pd.DataFrame

    def goal(self, code: str) -> dict:
        """The ``goals`` row of one series as a dict."""
        return self.info[self.info["code"] == code].iloc[0].to_dict()

    def rows(self, code: str) -> pd.DataFrame:
        """Years 2024–2030 of one series: target, target_text, actual (NaN when not reported)…"""
        return self.series[self.series["goal_code"] == code].reset_index(drop=True)

    def children(self, code: str) -> list[str]:
        """Codes of the sub-series of a goal (M2 → ['M2-caudal'], M4 → ['M4.1', 'M4.2'])."""
        return self.info.loc[self.info["parent_code"] == code, "code"].tolist()

    @property
    def has_actuals(self) -> bool:
        return bool(self.series["actual"].notna().any())


def load(con: duckdb.DuckDBPyConnection) -> GoalData:
    """Read the plan's goals and the current actuals (newest value of each key, active batches)."""
    info = plan_queries.goal_series(con)
    series = assemble_series(info, plan_queries.goal_targets(con),
                             progress.current_goal_actuals(con))
    return GoalData(info=info, series=series)


def assemble_series(info: pd.DataFrame, targets: pd.DataFrame, actuals: pd.DataFrame
                    ) -> pd.DataFrame:
    """One row per (goal_code, year) of Tabla 1 with the reported actual beside the target.

    A missing Meta 4 actual is derived from 4.1 and 4.2 where both were reported that year
    (``derived`` True): the plan's own identity, M4 = baseline + new utilities of 4.1 and 4.2.
    """
    frame = targets.rename(columns={"value": "target", "value_text": "target_text"})
    reported = actuals.rename(columns={"value": "actual"})
    reported = reported[[c for c in ("goal_code", "year", "actual", "source", "is_demo")
                         if c in reported]]
    frame = frame.merge(reported, on=["goal_code", "year"], how="left")
    frame["actual"] = frame["actual"].astype("float64")
    frame["is_demo"] = frame["is_demo"].astype("boolean").fillna(False).astype(bool)
    frame["derived"] = False
    order = dict(zip(info["code"], info["sort_order"]))
    frame = frame.sort_values(["goal_code", "year"], key=lambda s: s.map(order) if
                              s.name == "goal_code" else s).reset_index(drop=True)
    return _derive_cumulative_m4(frame)[SERIES_COLUMNS]


def _derive_cumulative_m4(frame: pd.DataFrame) -> pd.DataFrame:
    if not {"M4", *RENEWABLE_PARTS} <= set(frame["goal_code"]):
        return frame
    derived = renewables_cumulative_actuals(frame)
    for year, value in derived.items():
        mask = (frame["goal_code"] == "M4") & (frame["year"] == year) & frame["actual"].isna()
        if mask.any():
            frame.loc[mask, ["actual", "derived"]] = [value, True]
            frame.loc[mask, "source"] = msg("goals.m4_derived_source")
    return frame


def renewables_cumulative_actuals(series: pd.DataFrame) -> dict[int, float]:
    """M4 implied by the reports of 4.1 and 4.2: baseline + their new utilities up to each year.

    Only for years where both sub-series have a report; a year without a report counts as 0 new.
    """
    base = _value(series, "M4", config.BASELINE_YEAR, "target")
    if base is None:
        return {}
    years = [y for y in config.PLAN_YEARS
             if all(_value(series, code, y, "actual") is not None for code in RENEWABLE_PARTS)]
    return {y: base + sum(cumulative_actual(series, code, y) or 0.0 for code in RENEWABLE_PARTS)
            for y in years}


def cumulative_actual(series: pd.DataFrame, code: str, year: int) -> float | None:
    """Sum of the reported increments of ``code`` for 2025…``year`` (None when none reported)."""
    rows = series[(series["goal_code"] == code) & (series["year"] > config.BASELINE_YEAR)
                  & (series["year"] <= year) & series["actual"].notna()]
    return float(rows["actual"].sum()) if not rows.empty else None


def _value(series: pd.DataFrame, code: str, year: int, column: str) -> float | None:
    rows = series[(series["goal_code"] == code) & (series["year"] == year)]
    if rows.empty or pd.isna(rows.iloc[0][column]):
        return None
    return float(rows.iloc[0][column])


# --- The views users asked for by name --------------------------------------------------------

def reuse_table(data: GoalData) -> pd.DataFrame:
    """Meta 2 as % and as flow per year, and the total wastewater flow each pair implies.

    total = flow / (% / 100): 3.17 m³/s is 4.0 % → 79.25 m³/s in 2024. Computed for the plan's
    pair every year, and for the reported pair where both were reported.
    """
    pct, flow = data.rows("M2"), data.rows("M2-caudal")
    table = pd.DataFrame({"year": pct["year"], "pct_target": pct["target"],
                          "flow_target": flow["target"], "pct_actual": pct["actual"],
                          "flow_actual": flow["actual"]})
    table["total_plan"] = implied_total_flow(table["flow_target"], table["pct_target"])
    table["total_actual"] = implied_total_flow(table["flow_actual"], table["pct_actual"])
    return table


def implied_total_flow(flow: pd.Series, pct: pd.Series) -> pd.Series:
    """Total wastewater flow (m³/s) implied by a reused flow and its share in %; NaN when % is 0."""
    share = pct.where(pct > 0) / 100
    return (flow / share).astype("float64")


def biosolids_table(data: GoalData, total_ptar: int = PTAR_TOTAL) -> pd.DataFrame:
    """Meta 3 % per year and what it means in PTAR out of ``total_ptar`` (footnote ¹).

    ``ptar_target`` is the exact share (2.8 % of 172 = 4.8); ``ptar_needed`` the whole number of
    plants that reaches the % (5). Assumes the universe of PTAR stays at ``total_ptar``.
    """
    rows = data.rows("M3")
    table = pd.DataFrame({"year": rows["year"], "pct_target": rows["target"],
                          "pct_actual": rows["actual"]})
    table["ptar_target"] = table["pct_target"] * total_ptar / 100
    table["ptar_needed"] = table["ptar_target"].map(_plants_needed).astype("Int64")
    table["ptar_actual"] = (table["pct_actual"] * total_ptar / 100).round(1)
    return table


def _plants_needed(exact: float) -> int | None:
    if pd.isna(exact):
        return None
    return int(math.ceil(round(exact, 6)))


def renewables_tables(data: GoalData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Meta 4: (cumulative count per year, new utilities per year by source).

    The cumulative frame carries the plan's target, the actual (reported or derived) and the check
    baseline + Σ 4.1 + Σ 4.2 computed from the plan's own increments.
    """
    cumulative = data.rows("M4")[["year", "target", "target_text", "actual", "derived"]].copy()
    base = cumulative.loc[cumulative["year"] == config.BASELINE_YEAR, "target"]
    plan_sum = pd.Series(0.0, index=cumulative.index)
    parts = []
    for code in RENEWABLE_PARTS:
        rows = data.rows(code)
        increments = rows["target"].where(rows["year"] > config.BASELINE_YEAR, 0.0).fillna(0.0)
        plan_sum = plan_sum + increments.cumsum().to_numpy()
        parts.append(pd.DataFrame({
            "year": rows["year"], "code": code, "source": data.goal(code)["title"],
            "target": rows["target"], "target_text": rows["target_text"],
            "actual": rows["actual"]})[rows["year"] > config.BASELINE_YEAR])
    cumulative["plan_check"] = (base.iloc[0] if not base.empty else float("nan")) + plan_sum
    return cumulative.reset_index(drop=True), pd.concat(parts, ignore_index=True)


