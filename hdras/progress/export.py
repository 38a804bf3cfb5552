"""One workbook with the plan, the current progress and the status for a year (``hdras export``).

Every text cell goes through ``neutralize``: plan text and what users typed (comments, evidence,
file names) may start with =, +, - or @, and a spreadsheet must show it, never run it.
"""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from hdras.core import config, db
from hdras.goals import series as goals, status
from hdras.goals.series import GoalSet
from hdras.plan import queries as plan_queries
from hdras.progress import store as progress
from hdras.core.formatting import format_moment, period_label
from hdras.core.messages import msg
from hdras.core.frames import python_value
from hdras.core.text import neutralize
from hdras.progress.safety import column_letter

HEADER_FILL = PatternFill("solid", fgColor="0B6E99")
HEADER_FONT = Font(bold=True, color="FFFFFF")
DEMO_FONT = Font(bold=True, color="B45309")


def build_export(con: duckdb.DuckDBPyConnection, year: int, now: dt.datetime | None = None
                 ) -> bytes:
    """The export workbook's bytes for analysis year ``year``."""
    workbook = Workbook()
    goal_set = goals.load(con)
    report = status.status_report(con, year)
    _readme(workbook.active, con, year, now or config.now())
    _write_table(workbook.create_sheet(f"Estado {year}"), goal_status_frame(goal_set, report),
                 formats={"Logro del hito": "0%", "Razón de trayectoria": "0.00"})
    _write_table(workbook.create_sheet(f"Actividades {year}"), activity_summary_frame(report))
    _write_table(workbook.create_sheet("Metas"), goals_frame(goal_set))
    _write_table(workbook.create_sheet("Actividades"), activities_frame(con))
    _write_table(workbook.create_sheet("Acciones"), actions_frame(con))
    _write_table(workbook.create_sheet("Lotes"), batches_frame(con))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def goal_status_frame(goal_set: GoalSet, report: dict) -> pd.DataFrame:
    """The ``status --json`` goals of the year with the series' names and units (Spanish), and
    the latest value the status rests on, as the pages show it («último dato»), marked when it is
    fictitious demo data."""
    year = report["year"]
    rows = []
    for goal in report["goals"]:
        series = goal_set[goal["code"]]
        latest = status.evaluate_series(series, year)
        used = series.reports.get(latest.latest_year) if latest.latest_year else None
        rows.append({"Serie": goal["code"], "Meta": series.short_title, "Unidad": series.unit,
                     "Línea base 2024": goal["baseline"], f"Meta {year}": goal["target"],
                     f"Valor {year}": goal["actual"], "Último dato": latest.latest_actual,
                     "Año del último dato": latest.latest_year,
                     "Ficticio": ("sí (ficticio)" if used.is_demo else "no") if used else None,
                     "Logro del hito": goal["attainment"], "Razón de trayectoria": goal["ratio"],
                     "Estado": status.CATEGORIES[goal["status"]].text()})
    return pd.DataFrame(rows)


def activity_summary_frame(report: dict) -> pd.DataFrame:
    labels = {"planned": "Programadas", "completed": "Completadas", "in_progress": "En proceso",
              "rescheduled": "Reprogramadas", "not_started": "No iniciadas"}
    activities = report["activities"]
    rows = [{"Ámbito": "Todo el plan", **{labels[k]: activities.get(k) for k in labels}}]
    for item in activities.get("by_objective", []):
        rows.append({"Ámbito": item["objective_code"], **{labels[k]: item.get(k) for k in labels}})
    return pd.DataFrame(rows)


def goals_frame(goal_set: GoalSet) -> pd.DataFrame:
    """Every series and year 2024–2030: the plan's target beside the current reported value (a
    Meta 4 worked out from 4.1 and 4.2 is marked as derived)."""
    rows = []
    for series in goal_set.values():
        for year in range(config.BASELINE_YEAR, config.FINAL_YEAR + 1):
            report = series.reports.get(year)
            rows.append({
                "Serie": series.code, "Meta": series.short_title, "Unidad": series.unit,
                "Año": year, "Meta del plan": series.targets.get(year),
                "Meta del plan (texto)": series.target_texts.get(year),
                "Valor reportado": report.value if report else None,
                "Fuente": report.source if report else None,
                "Lote": report.batch_id if report else None,
                "Importado el": report.imported_at if report else None,
                "Derivado": ("sí (línea base + 4.1 + 4.2)" if report.derived else "no")
                if report else None,
                "Ficticio": ("sí (ficticio)" if report.is_demo else "no") if report else None})
    return pd.DataFrame(rows)


def activities_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per activity and year it is planned or reported, with its current report."""
    frame = con.execute("""
        WITH years AS (
            SELECT activity_code, year FROM activity_years
            UNION SELECT activity_code, year FROM current_activity_progress)
        SELECT t.objective_code AS "Objetivo", t.line_code AS "Línea",
               t.action_code AS "Acción", t.code AS "Código", t.title AS "Actividad",
               t.responsible AS "Responsable", y.year AS "Año",
               CASE WHEN EXISTS (SELECT 1 FROM activity_years s WHERE s.activity_code = t.code
                                 AND s.year = y.year)
                    THEN 'sí' ELSE 'no' END AS "Programada",
               g.target_text AS "Meta del año", p.status AS "Estado", p.achieved AS "Avance",
               p.evidence AS "Evidencia", p.comment AS "Comentario", p.batch_id AS "Lote",
               CASE WHEN p.is_demo THEN 'sí (ficticio)' WHEN p.status IS NULL THEN NULL
                    ELSE 'no' END AS "Ficticio"
        FROM years y JOIN activity_hierarchy t ON t.code = y.activity_code
        LEFT JOIN activity_targets g ON g.activity_code = t.code AND g.year = y.year
        LEFT JOIN current_activity_progress p ON p.activity_code = t.code AND p.year = y.year
        """).df()
    order = {c: i for i, c in enumerate(sorted(set(frame["Código"]),
                                               key=plan_queries.code_sort_key))}
    return (frame.assign(_order=frame["Código"].map(order)).sort_values(["_order", "Año"])
            .drop(columns="_order").reset_index(drop=True))


def actions_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    table = plan_queries.activity_table(con)
    table["Cronograma"] = table["periods"].map(lambda ps: ", ".join(period_label(p) for p in ps))
    columns = {"objective_code": "Objetivo", "objective_title": "Objetivo (título)",
               "line_code": "Línea", "line_title": "Línea (título)", "action_code": "Acción",
               "action_title": "Acción (título)", "term": "Plazo (derivado)",
               "milestone": "Hito", "code": "Actividad", "title": "Actividad (título)",
               "responsible": "Responsable", "participants": "Entidades participantes",
               "funding_source": "Fuente de financiamiento", "Cronograma": "Cronograma"}
    return table[list(columns)].rename(columns=columns)


def batches_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    from hdras.progress.preview import history_display  # the same table the Historial page shows

    frame = history_display(progress.list_batches(con))
    return frame.assign(sha256=progress.list_batches(con)["sha256"])


def _readme(ws: Worksheet, con: duckdb.DuckDBPyConnection, year: int, now: dt.datetime) -> None:
    ws.title = "Léame"
    ws.column_dimensions["A"].width = 120
    lines = [
        ("Seguimiento del Plan de Implementación 2025 de la HdR-AS — exportación", Font(bold=True,
                                                                                        size=14)),
        (f"Generado el {format_moment(now)} ({config.timezone_label()}) · año de análisis {year} · versión de datos "
         f"{db.data_version(con)}", None),
        ("Hojas: Estado y Actividades del año, Metas "
         "(plan y valor reportado vigente por serie y año), Actividades (estado vigente por año), "
         "Acciones (estructura del plan) y Lotes (historial de importaciones).", None),
        ("Valor vigente: el más reciente de cada serie/actividad y año entre los lotes activos; "
         "los lotes revertidos no cuentan. Los textos que empiezan con =, +, - o @ llevan un "
         "apóstrofo para que la hoja de cálculo no los ejecute.", None),
    ]
    if progress.has_demo_data(con):
        lines.append(("ATENCIÓN: " + msg("demo.label") + ". Los valores marcados como ficticios "
                      "no son datos reales.", DEMO_FONT))
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=neutralize(text))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            cell.font = font


def _write_table(ws: Worksheet, frame: pd.DataFrame, formats: dict[str, str] | None = None
                 ) -> None:
    """``frame`` as a sheet: a coloured header, widths, filters; ``formats`` gives a column's
    Excel number format (a ratio 0.904762 shows as 90 %, as on the pages)."""
    ws.append([neutralize(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    for name, number_format in (formats or {}).items():
        index = list(frame.columns).index(name) + 1
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
    for cell in ws[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for index, column in enumerate(frame.columns, start=1):
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)
                                          if v is not None]) if len(frame) else len(str(column))
        ws.column_dimensions[column_letter(index)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = f"A1:{column_letter(len(frame.columns))}{len(frame) + 1}"


def _cell(value: object) -> object:
    """A DataFrame value as an openpyxl cell value: NA → empty, numpy → Python, text neutralised."""
    value = python_value(value)
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralize(value)
