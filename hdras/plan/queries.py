"""Read-only views of the plan for the pages and the command line (no progress data here)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from hdras.core import config
from hdras.core.errors import UnknownCodeError
from hdras.core.frames import filter_rows
from hdras.core.messages import msg
from hdras.core.text import fold


def plan_size(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many objectives, lines, actions, activities and indicators the plan has."""
    names = {"objectives": "objectives", "lines": "action_lines", "actions": "actions",
             "activities": "activities", "indicators": "indicators"}
    return {key: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            for key, table in names.items()}


def goal_series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per goal series (design §2 codes) in the plan's order."""
    return con.execute("SELECT * FROM goals ORDER BY sort_order").df()


def goal_targets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Tabla 1 in long form: goal_code, year (2024 = baseline), value, value_text."""
    return con.execute("SELECT goal_code, year, value, value_text FROM goal_targets "
                       "ORDER BY goal_code, year").df()


def goals_overview(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """Per series: baseline (2024), the target for ``year``, the 2030 target, unit and footnote."""
    return con.execute("""
        SELECT g.code, g.short_title, g.title, g.unit, g.kind, g.parent_code, g.footnote,
               b.value AS baseline, b.value_text AS baseline_text,
               y.value AS target_year, y.value_text AS target_year_text,
               f.value AS target_2030, f.value_text AS target_2030_text
        FROM goals g
        LEFT JOIN goal_targets b ON b.goal_code = g.code AND b.year = ?
        LEFT JOIN goal_targets y ON y.goal_code = g.code AND y.year = ?
        LEFT JOIN goal_targets f ON f.goal_code = g.code AND f.year = ?
        ORDER BY g.sort_order""", [config.BASELINE_YEAR, year, config.FINAL_YEAR]).df()


def goals_display_table(overview: pd.DataFrame, year: int) -> pd.DataFrame:
    """``goals_overview`` as the plan prints it, with Spanish headers (the values' original text);
    in 2030 the year's target is the 2030 target, shown once."""
    columns = {"code": "Serie", "short_title": "Meta", "baseline_text": "Línea base 2024",
               "target_year_text": f"Meta {year}", "target_2030_text": "Meta 2030",
               "footnote": "Nota"}
    if year == config.FINAL_YEAR:
        del columns["target_year_text"]
    return overview[list(columns)].rename(columns=columns)


def subseries_caption(sub, year: int) -> str:
    """One line for a sub-series under its goal card; yearly increments are said to be per year."""
    from hdras.core.formatting import format_value
    if sub.kind == "increment":
        return (f"▪ {sub.short_title}: {format_value(sub.target_year, sub.unit)} nuevos en {year}, "
                f"{format_value(sub.target_2030, sub.unit)} nuevos en 2030 (incremento anual, "
                f"no acumulado)")
    return (f"▪ {sub.short_title}: {format_value(sub.baseline, sub.unit)} (2024) → "
            f"{format_value(sub.target_year, sub.unit)} ({year}) → "
            f"{format_value(sub.target_2030, sub.unit)} (2030)")


def activity_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per activity with its objective, line and action, and its scheduled periods."""
    frame = con.execute("""
        SELECT h.*,
               list(s.period ORDER BY s.period) FILTER (WHERE s.period IS NOT NULL) AS periods
        FROM activity_hierarchy h LEFT JOIN activity_schedule s ON s.activity_code = h.code
        GROUP BY ALL""").df()
    frame["periods"] = frame["periods"].map(_ordered_periods)
    return sort_by_code(frame, "code")


def _ordered_periods(periods) -> list[str]:
    have = set(periods) if periods is not None else set()
    return [p for p in config.PERIODS if p in have]


def code_sort_key(code: str) -> tuple:
    """'1.10.2' sorts after '1.9.1'; 'OE2' after 'OE1'."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", code.replace("OE", "")))


def sort_by_code(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows in the plan's order of ``column``."""
    order = sorted(frame[column], key=code_sort_key)
    rank = {c: i for i, c in enumerate(order)}
    return frame.sort_values(column, key=lambda s: s.map(rank)).reset_index(drop=True)


def split_units(text: str | None) -> list[str]:
    """'DGPRCS y DGAA, PNSU' → ['DGPRCS', 'DGAA', 'PNSU'] (the plan joins units with ',' and 'y')."""
    if not text or (isinstance(text, float)) or pd.isna(text):
        return []
    parts = re.split(r",|;|\s+y\s+", str(text))
    return [p.strip() for p in parts if p.strip()]


def unit_options(frame: pd.DataFrame, column: str) -> list[str]:
    """The distinct units named in ``column`` of an activity table, sorted; spellings that differ
    only in case ('Cooperación Internacional' / 'internacional') are listed once."""
    seen: dict[str, str] = {}
    for text in frame[column]:
        for unit in split_units(text):
            seen.setdefault(unit.casefold(), unit)
    return sorted(seen.values(), key=str.casefold)


def responsible_units(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The units the plan names as responsible for its activities (DGAA, DGPRCS, PNSR, PNSU),
    sorted; an activity may name several."""
    return unit_options(con.execute("SELECT responsible FROM activities").df(), "responsible")


def find_unit(units: list[str], text: str) -> str | None:
    """The unit of ``units`` that ``text`` names, case and accents ignored ('dgaa' → 'DGAA')."""
    wanted = fold(text)
    return next((unit for unit in units if fold(unit) == wanted), None)


def names_unit(responsible: str | None, unit: str) -> bool:
    """True when a responsible column ('DGAA, DGPRCS') names ``unit`` (case and accents ignored)."""
    return fold(unit) in {fold(u) for u in split_units(responsible)}


def _names_any(text: str | None, wanted: list[str]) -> bool:
    return bool({u.casefold() for u in split_units(text)} & {w.casefold() for w in wanted})


def filter_activities(frame: pd.DataFrame, text: str = "", responsible: list[str] | None = None,
                      participants: list[str] | None = None, periods: list[str] | None = None,
                      objectives: list[str] | None = None, lines: list[str] | None = None
                      ) -> pd.DataFrame:
    """Rows of ``activity_table`` matching every given filter (text is accent- and case-insensitive)."""
    needle = fold(text) if text.strip() else None
    searched = frame.assign(_text=frame["code"] + " " + frame["title"] + " "
                            + frame["action_title"].fillna("") + " " + frame["action_code"])
    return filter_rows(searched, {
        "_text": (lambda hay: needle in fold(hay)) if needle else None,
        "responsible": (lambda t: _names_any(t, responsible)) if responsible else None,
        "participants": (lambda t: _names_any(t, participants)) if participants else None,
        "periods": (lambda ps: bool(set(ps) & set(periods))) if periods else None,
        "objective_code": objectives or None, "line_code": lines or None,
    }).drop(columns="_text")




@dataclass
class ActivityDetail:
    """Everything the plan says about one activity, for the Plan page."""
    activity: dict
    action: dict
    indicators: pd.DataFrame
    indicators_s22: pd.DataFrame
    targets: pd.DataFrame
    semester_targets: pd.DataFrame
    periods: list[str]
    variants: pd.DataFrame = field(default_factory=pd.DataFrame)


def activity_detail(con: duckdb.DuckDBPyConnection, code: str) -> ActivityDetail:
    """The activity ``code`` with indicators, targets, schedule, its action and other wordings."""
    rows = con.execute("SELECT * FROM activities WHERE code = ?", [code]).df()
    if rows.empty:
        raise UnknownCodeError(msg("plan.unknown_activity", code=code))
    activity = rows.iloc[0].to_dict()
    action = con.execute("SELECT * FROM actions WHERE code = ?",
                         [activity["action_code"]]).df().iloc[0].to_dict()
    q = lambda sql: con.execute(sql, [code]).df()  # noqa: E731 - four one-line queries
    return ActivityDetail(
        activity=activity, action=action,
        indicators=q("SELECT code, text, roadmap_indicator FROM indicators "
                     "WHERE activity_code = ? ORDER BY code"),
        indicators_s22=q("SELECT seq, code, text FROM indicators_s22 WHERE activity_code = ? "
                         "ORDER BY seq"),
        targets=q("SELECT year, target, target_text, source_text FROM activity_targets "
                  "WHERE activity_code = ? ORDER BY year"),
        semester_targets=q("SELECT semester, target, target_text FROM semester_targets "
                           "WHERE activity_code = ? ORDER BY semester"),
        periods=_ordered_periods(q("SELECT period FROM activity_schedule WHERE activity_code = ?")
                                 ["period"].tolist()),
        variants=con.execute("SELECT section, title FROM title_variants WHERE code = ? "
                             "ORDER BY section", [code]).df(),
    )


@dataclass
class Node:
    """One level of the plan hierarchy for display."""
    code: str
    title: str
    children: list = field(default_factory=list)
    term: str | None = None
    milestone: str | None = None
    activities: pd.DataFrame | None = None


TERM_NAMES = {"C": "corto plazo (2025–2026)", "M": "mediano plazo (2027–2028)",
              "L": "largo plazo (2029–2030)"}


def term_label(term: str | None) -> str:
    """'L' → 'L · largo plazo (2029–2030), derivado del cronograma' (design §2: the PDF's mark was lost)."""
    if not isinstance(term, str) or term not in TERM_NAMES:
        return "—"
    return f"{term} · {TERM_NAMES[term]}, derivado de la última marca del cronograma"


def hierarchy(frame: pd.DataFrame) -> list[Node]:
    """Objectives → lines → actions, each action with its activities as a display table."""
    objectives: list[Node] = []
    for (o_code, o_title), o_rows in _groups(frame, "objective_code", "objective_title"):
        objective = Node(o_code, o_title)
        for (l_code, l_title), l_rows in _groups(o_rows, "line_code", "line_title"):
            line = Node(l_code, l_title)
            for (a_code, a_title), a_rows in _groups(l_rows, "action_code", "action_title"):
                first = a_rows.iloc[0]
                line.children.append(Node(a_code, a_title, term=first["term"],
                                          milestone=first["milestone"],
                                          activities=activity_display(a_rows)))
            objective.children.append(line)
        objectives.append(objective)
    return objectives


def _groups(frame: pd.DataFrame, code_col: str, title_col: str):
    codes = sorted(frame[code_col].unique(), key=code_sort_key)
    for code in codes:
        rows = frame[frame[code_col] == code]
        yield (code, rows.iloc[0][title_col]), rows


def activity_display(rows: pd.DataFrame) -> pd.DataFrame:
    """Activities of one action as the Plan page shows them."""
    from hdras.core.formatting import period_label
    return pd.DataFrame({
        "Código": rows["code"], "Actividad": rows["title"], "Responsable": rows["responsible"],
        "Cronograma": rows["periods"].map(lambda ps: ", ".join(period_label(p) for p in ps)),
    })


def indicator_display(detail: ActivityDetail) -> pd.DataFrame:
    """Indicators of one activity (section 1), roadmap ones marked."""
    ind = detail.indicators
    return pd.DataFrame({
        "Indicador": ind["code"], "Texto": ind["text"],
        "De la Hoja de Ruta": ind["roadmap_indicator"].map({True: "Sí", False: "No"}),
    })


def targets_display(detail: ActivityDetail) -> pd.DataFrame:
    """Yearly targets: the number read (if any) and the plan's wording."""
    t = detail.targets
    return pd.DataFrame({"Año": t["year"].astype(str), "Meta (número)": t["target"],
                         "Meta (texto del plan)": t["target_text"], "Texto original": t["source_text"]})


def semester_display(detail: ActivityDetail) -> pd.DataFrame:
    """2025 targets by semester (section 2.3)."""
    s = detail.semester_targets
    return pd.DataFrame({"Semestre": "2025-" + s["semester"], "Meta (número)": s["target"],
                         "Meta (texto)": s["target_text"]})


def variants_display(detail: ActivityDetail) -> pd.DataFrame:
    """The activity's wording in section 1 and in the other sections, and section 2.2 indicators."""
    rows = [{"Sección": "1 (título usado)", "Redacción": detail.activity["title"]}]
    rows += [{"Sección": r.section, "Redacción": r.title} for r in detail.variants.itertuples()]
    rows += [{"Sección": "2.2 indicador", "Redacción": f"{r.code or 's/c'} {r.text}"}
             for r in detail.indicators_s22.itertuples()]
    return pd.DataFrame(rows)
