"""The progress workbook users download, fill and upload (design §4), built with openpyxl.

Sheets: Instrucciones (Spanish, how to fill and the allowed values), Metas (one row per goal series
and year 2025–2030), Actividades (one row per activity and planned year), and a hidden «Listas»
sheet whose named ranges feed the dropdowns (Excel refuses inline lists longer than 255
characters). The sheets are protected without a password, only against accidents: headers and the
reference columns are locked; the columns to fill are not.

A workbook for one responsible unit (design §3, ``template --unit``) keeps only the activity rows
that unit is responsible for (an activity shared by two units is in both workbooks) and every
Metas row. Rows may carry the values already reported (real batches only, never the fictitious
demo), so a unit updates instead of retyping; «Listas» then records the newest batch when the
workbook was made (``lote_base``), and the preview warns about a row that would replace a report
imported after that (``hdras.progress.preview``).
"""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hdras.core import config, schema
from hdras.core.errors import UnknownUnitError
from hdras.core.messages import msg
from hdras.plan import queries as plan_queries
from hdras.core.formatting import period_label
from hdras.progress.sheets import ACTIVITIES_SHEET, BASE_HEADER, GOALS_SHEET, LISTS_SHEET
from hdras.core.text import neutralize
from hdras.progress.safety import column_letter

EXTRA_ROWS = 100  # unlocked rows under the pre-filled ones, for reports the template did not plan
HEADER_FILL = PatternFill("solid", fgColor="0B6E99")
REFERENCE_FILL = PatternFill("solid", fgColor="EEF1F4")
REFERENCE_HEADER_FILL = PatternFill("solid", fgColor="5F6B7A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
REFERENCE_FONT = Font(italic=True, color="4B5563")

GOAL_REFERENCE = ("Meta del plan (referencia)", "Unidad (referencia)", "Descripción (referencia)")
ACTIVITY_REFERENCE = ("Título (referencia)", "Meta del año (referencia)",
                      "Cronograma (referencia)", "Responsable (referencia)")
_WIDTHS = {GOALS_SHEET.name: (12, 8, 12, 40, 16, 12, 60),
           ACTIVITIES_SHEET.name: (12, 8, 16, 12, 40, 40, 70, 40, 30, 22)}


def goal_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per goal series and year 2025–2030 with the plan's target (number, else its text)."""
    frame = con.execute("""
        SELECT g.code AS serie, t.year AS "año", t.value, t.value_text, g.unit, g.short_title
        FROM goals g JOIN goal_targets t ON t.goal_code = g.code
        WHERE t.year BETWEEN ? AND ? ORDER BY g.sort_order, t.year""",
                        [config.PLAN_YEARS[0], config.PLAN_YEARS[-1]]).df()
    frame["target"] = [v if pd.notna(v) else text for v, text in zip(frame["value"],
                                                                        frame["value_text"])]
    return frame[["serie", "año", "target", "unit", "short_title"]]


def activity_rows(con: duckdb.DuckDBPyConnection, unit: str | None = None) -> pd.DataFrame:
    """One row per activity and year in which the schedule plans it (2025: semester I or II);
    with ``unit``, only the activities whose responsible column names that unit."""
    table = plan_queries.activity_table(con)
    if unit:
        table = table[table["responsible"].map(lambda r: plan_queries.names_unit(r, unit))]
    targets = con.execute("SELECT activity_code, year, target_text FROM activity_targets").df()
    target_text = {(c, int(y)): t for c, y, t in targets.itertuples(index=False)}
    rows = []
    for activity in table.itertuples():
        years = sorted({int(p[:4]) for p in activity.periods})
        schedule = ", ".join(period_label(p) for p in activity.periods)
        for year in years:
            rows.append({"código": activity.code, "año": year, "title": activity.title,
                         "target": target_text.get((activity.code, year), "—"),
                         "schedule": schedule, "responsible": activity.responsible or "—"})
    return pd.DataFrame(rows, columns=["código", "año", "title", "target", "schedule",
                                       "responsible"])


def resolve_unit(con: duckdb.DuckDBPyConnection, text: str) -> str:
    """The plan's spelling of the responsible unit ``text`` names ('pnsu' → 'PNSU').

    Raises UnknownUnitError, whose Spanish message lists the valid units, when the plan has none.
    """
    units = plan_queries.responsible_units(con)
    unit = plan_queries.find_unit(units, text)
    if unit is None:
        raise UnknownUnitError(msg("template.unknown_unit", unit=text, valid=", ".join(units)))
    return unit


def template_filename(unit: str | None = None) -> str:
    """'hdras-plantilla-avance.xlsx', or with the unit: 'hdras-plantilla-avance-DGAA.xlsx'."""
    suffix = "-" + "".join(ch if ch.isalnum() else "-" for ch in unit) if unit else ""
    return f"hdras-plantilla-avance{suffix}.xlsx"


def reported_values(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict]:
    """The newest value of each key among active batches that are not demo data: goals
    {(code, year): (value, source)} and activities {(code, year): (status, achieved, evidence,
    comment)}; the template's rows carry them."""
    newest = """SELECT {key}, year, {columns} FROM (
        SELECT p.*, row_number() OVER (PARTITION BY p.{key}, p.year ORDER BY p.batch_id DESC) rn
        FROM {table} p JOIN import_batches b USING (batch_id)
        WHERE b.status = 'active' AND NOT coalesce(b.is_demo, false)) WHERE rn = 1"""
    goals = con.execute(newest.format(key="goal_code", columns="value, source",
                                      table="goal_actuals")).fetchall()
    acts = con.execute(newest.format(key="activity_code", columns="status, achieved, evidence, "
                                     "comment", table="activity_progress")).df()
    acts = acts.astype(object).where(acts.notna(), None)
    return ({(code, int(year)): (value, source) for code, year, value, source in goals},
            {(a.activity_code, int(a.year)): (a.status, a.achieved, a.evidence, a.comment)
             for a in acts.itertuples(index=False)})


def build_template(con: duckdb.DuckDBPyConnection, today: dt.date | None = None,
                   unit: str | None = None, prefill: bool = True) -> bytes:
    """The .xlsx bytes of the progress workbook, every code and year pre-filled.

    Parameters: ``unit`` (as ``resolve_unit`` returns it) keeps only that responsible unit's
    activity rows, every Metas row stays; ``prefill`` puts the values already reported
    (``reported_values``) in the rows to fill.
    """
    goals, activities = goal_rows(con), activity_rows(con, unit)
    goal_values, activity_values = reported_values(con) if prefill else ({}, {})
    base = con.execute("SELECT coalesce(max(batch_id), 0) FROM import_batches").fetchall()[0][0]
    workbook = Workbook()
    carried = (sum((r.serie, r.año) in goal_values for r in goals.itertuples(index=False))
               + sum((r.código, r.año) in activity_values
                     for r in activities.itertuples(index=False)))
    _instructions(workbook.active, today or config.now().date(), goals, len(activities),
                  {"unit": unit, "carried": carried, "base": base})
    _lists(workbook, con, base)
    metas = workbook.create_sheet(GOALS_SHEET.name, 1)
    _fill(metas, GOALS_SHEET, GOAL_REFERENCE,
          [[r.serie, r.año, *goal_values.get((r.serie, r.año), (None, None)), r.target, r.unit,
            r.short_title] for r in goals.itertuples(index=False)])
    _validations(metas, {"A": "serie", "B": "año"}, len(goals))
    _number_validation(metas, "C", len(goals), "Valor de la serie en el año (número ≥ 0; "
                       "los % entre 0 y 100).")
    acts = workbook.create_sheet(ACTIVITIES_SHEET.name, 2)
    _fill(acts, ACTIVITIES_SHEET, ACTIVITY_REFERENCE,
          [[r.código, r.año, *activity_values.get((r.código, r.año), (None,) * 4), r.title,
            r.target, r.schedule, r.responsible] for r in activities.itertuples(index=False)])
    _validations(acts, {"A": "código", "B": "año", "C": "estado"}, len(activities))
    _number_validation(acts, "D", len(activities), "Cantidad lograda hacia la meta del año "
                       "(número ≥ 0, opcional).")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(ws: Worksheet, spec, reference: tuple[str, ...], rows: list[list]) -> None:
    inputs = [f.header for f in spec.fields]
    ws.append(inputs + list(reference))
    for row in rows:
        ws.append([neutralize(v) for v in row])
    for index, cell in enumerate(ws[1], start=1):
        is_reference = index > len(inputs)
        cell.fill = REFERENCE_HEADER_FILL if is_reference else HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    last_row = len(rows) + 1 + EXTRA_ROWS
    for row in ws.iter_rows(min_row=2, max_row=last_row, max_col=len(inputs) + len(reference)):
        for cell in row:
            if cell.column <= len(inputs):
                cell.protection = Protection(locked=False)
            else:
                cell.fill, cell.font = REFERENCE_FILL, REFERENCE_FONT
                cell.alignment = Alignment(vertical="top", wrap_text=cell.column_letter in "GH")
    for index, width in enumerate(_WIDTHS[spec.name], start=1):
        ws.column_dimensions[column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{column_letter(len(inputs) + len(reference))}{len(rows) + 1}"
    _protect(ws)


def _protect(ws: Worksheet) -> None:
    """Protect against accidents only (no password): locked cells are the header and references."""
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False
    protection.sort = False


_LIST_COLUMNS = {"serie": ("A", "lista_series"), "código": ("B", "lista_codigos"),
                 "año": ("C", "lista_anios"), "estado": ("D", "lista_estados")}
_PROMPTS = {"serie": "Elija la serie de la meta (M1 … M6).",
            "código": "Elija el código de la actividad.",
            "año": "Elija el año (2025–2030).",
            "estado": "Elija: No iniciada, En proceso, Completada o Reprogramada."}


def _lists(workbook: Workbook, con: duckdb.DuckDBPyConnection, base: int) -> None:
    ws = workbook.create_sheet(LISTS_SHEET)
    ws["F1"], ws["F2"] = BASE_HEADER, int(base)
    codes = plan_queries.sort_by_code(con.execute("SELECT code FROM activities").df(), "code")
    values = {
        "serie": [r[0] for r in con.execute("SELECT code FROM goals ORDER BY sort_order"
                                            ).fetchall()],
        "código": codes["code"].tolist(),
        "año": list(config.PLAN_YEARS),
        "estado": list(schema.ACTIVITY_STATES),
    }
    for header, (letter, name) in _LIST_COLUMNS.items():
        ws[f"{letter}1"] = header
        for i, value in enumerate(values[header], start=2):
            ws[f"{letter}{i}"] = value
        last = max(len(values[header]) + 1, 2)
        workbook.defined_names[name] = DefinedName(
            name, attr_text=f"{LISTS_SHEET}!${letter}$2:${letter}${last}")
    ws.sheet_state = "hidden"
    _protect(ws)


def _validations(ws: Worksheet, columns: dict[str, str], rows: int) -> None:
    last = rows + 1 + EXTRA_ROWS
    for letter, header in columns.items():
        validation = DataValidation(
            type="list", formula1=_LIST_COLUMNS[header][1], allow_blank=True,
            showErrorMessage=True, errorStyle="stop", errorTitle="Valor no permitido",
            error="Elija un valor de la lista.", showInputMessage=True,
            promptTitle=header, prompt=_PROMPTS[header])
        validation.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(validation)


def _number_validation(ws: Worksheet, letter: str, rows: int, prompt: str) -> None:
    validation = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle="Número no válido",
        error="Escriba un número mayor o igual que 0, sin texto ni unidades.",
        showInputMessage=True, promptTitle="Número", prompt=prompt)
    validation.add(f"{letter}2:{letter}{rows + 1 + EXTRA_ROWS}")
    ws.add_data_validation(validation)


INSTRUCTIONS = (
    ("title", "Libro de avance del Plan de Implementación 2025 de la HdR-AS"),
    ("text", "Generado el {today} por el tablero de seguimiento. Contiene {goals} filas de metas y "
             "{activities} filas de actividades, ya llenas con los códigos y años del plan."),
    ("heading", "Cómo llenarlo"),
    ("text", "1. En la hoja «Metas», escriba en «valor» el valor logrado de cada serie en el año "
             "(solo la cifra: 12.5, no «12.5 %»). «fuente» es opcional: de dónde sale el dato. Si "
             "una celda de una serie en % tiene formato de porcentaje, se lee el porcentaje que "
             "se ve (3,5 % se guarda como 3.5) y la vista previa lo avisa."),
    ("text", "2. En la hoja «Actividades», elija el «estado» de cada actividad en el año. "
             "«avance» (opcional) es la cantidad lograda hacia la meta del año; «evidencia» y "
             "«comentario» son texto libre."),
    ("text", "3. Deje vacía la fila de lo que no reporta: una fila sin «valor» (Metas) o sin "
             "«estado» (Actividades) no se importa ni cambia nada."),
    ("text", "4. Guarde como «Libro de Excel (.xlsx)» (o, en LibreOffice, también como «Hoja de "
             "cálculo ODF (.ods)») y cárguelo en la página «Cargar avance» del "
             "tablero. Verá todos los problemas a la vez y una vista previa antes de confirmar."),
    ("heading", "Valores permitidos"),
    ("text", "serie: {series} (las series de la Tabla 1 del plan)."),
    ("text", "año: 2025 a 2030."),
    ("text", "valor y avance: números mayores o iguales que 0; las series en % ({percent}) no "
             "pasan de 100; las series en EPS ({eps}) son números enteros. M4.1 y M4.2 son "
             "prestadores nuevos en el año; M4 es el total acumulado."),
    ("text", "estado: No iniciada, En proceso, Completada o Reprogramada."),
    ("heading", "Reglas de la importación"),
    ("text", "Todo o nada: si hay un solo error, no se guarda nada y el tablero le ofrece su "
             "propio libro con cada celda con problema resaltada y un comentario que dice qué "
             "corregir."),
    ("text", "Cada combinación de código y año va una sola vez. Los nombres de las columnas "
             "pueden ir en mayúsculas o sin tildes, pero no cambie su sentido."),
    ("text", "Puede reportar una actividad en un año en que el plan no la programa (añada una "
             "fila al final): se guarda con un aviso, pero no cuenta en el avance de ese año."),
    ("text", "Las fórmulas se aceptan si el libro se guardó con su resultado calculado (Excel y "
             "LibreOffice lo hacen al guardar)."),
    ("text", "No se aceptan: libros .xls antiguos, libros con macros (.xlsm), libros protegidos "
             "con contraseña de apertura ni archivos de más de {max_mb} MB."),
    ("text", "Las columnas «(referencia)» están bloqueadas: repiten el plan para ayudarle y no se "
             "importan. La protección de las hojas no tiene contraseña; evita cambios por error."),
)


def _instructions(ws: Worksheet, today: dt.date, goals: pd.DataFrame, activities: int,
                  scope: dict) -> None:
    """``scope``: the unit (or None), how many rows carry reported values, the base batch."""
    ws.title = "Instrucciones"
    ws.column_dimensions["A"].width = 120
    units = goals.drop_duplicates("serie").set_index("serie")["unit"]
    params = {"today": today.strftime("%d/%m/%Y"), "goals": len(goals), "activities": activities,
              "max_mb": config.MAX_UPLOAD_BYTES // 1_048_576,
              "series": ", ".join(units.index), "percent": ", ".join(units.index[units == "%"]),
              "eps": ", ".join(units.index[units == "EPS"]), **scope}
    fonts = {"title": Font(bold=True, size=14, color="0B6E99"), "heading": Font(bold=True, size=12),
             "text": Font(size=11)}
    lines = [(kind, text.format(**params)) for kind, text in INSTRUCTIONS]
    if scope["unit"]:
        lines[0] = ("title", f"{lines[0][1]} · Unidad {scope['unit']}")
        lines.insert(2, ("text", msg("template.unit_scope", unit=scope["unit"])))
    if scope["carried"]:
        lines.insert(2, ("text", msg("template.carried", carried=scope["carried"],
                                     base=scope["base"])))
    for row, (kind, text) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=neutralize(text))
        cell.font = fonts[kind]
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    _protect(ws)
