"""The Spanish catalogue of every sentence shown to users. Domain code returns codes and parameters.

Add entries here (one per code), in ``messages_progress.py`` for progress reports, or in
``messages_admin.py`` for who may edit, serving, copies, restores and schema versions;
``tests/core/test_messages.py`` checks that each is well-formed and defined once.
"""

from __future__ import annotations

import string

from hdras.core.messages_admin import ADMIN_MESSAGES
from hdras.core.messages_charts import CHART_MESSAGES
from hdras.core.messages_progress import PROGRESS_MESSAGES
from hdras.core.messages_report import REPORT_MESSAGES
from hdras.core.messages_scenarios import SCENARIO_MESSAGES

MESSAGES: dict[str, str] = {
    # Database and command line
    "plan.unknown_activity": "La actividad {code} no existe en el plan.",
    "plan.data_unknown_codes": "{file}: códigos que no están en {table}: {codes}",
    "plan.data_missing_file": "Falta el archivo del plan: {path}",
    "plan.data_columns": "{file}: columnas {found}; se esperaban {expected}",
    "plan.data_not_numeric": "{file}: «{column}» no numérico: {values}",
    "db.busy": "La base de datos {path} está en uso por otro proceso (probablemente el tablero "
               "abierto con `make run`). Espere a que termine la operación en curso o use otra "
               "base con --db.",
    "db.initialized": "Base de datos lista en {path}: {objectives} objetivos, {lines} líneas, "
                      "{actions} acciones, {activities} actividades, {indicators} indicadores.",
    "app.unexpected": "Esta página tuvo un error inesperado y no se pudo mostrar completa. No se "
                      "guardó nada a medias. Pruebe otra vez o abra otra página; si se repite, "
                      "avise al equipo técnico (el detalle quedó en el registro del servidor).",
    "cli.unexpected": "Error inesperado: {detail}. No se guardó nada a medias; si se repite, "
                      "avise con este mensaje (HDRAS_DEBUG=1 muestra el detalle técnico).",
    "cli.unknown_user": "usuario sin nombre (uid {uid})",
    "db.unreadable": "No se pudo abrir la base de datos {path}: {reason}. Indique otro archivo con "
                     "--db o con la variable HDRAS_DB.",
    "db.reason_not_duckdb": "el archivo existe pero no es una base de datos DuckDB",
    "db.reason_directory": "la ruta es una carpeta, no un archivo",
    # Status categories (design §5)
    "status.en_camino": "En camino",
    "status.requiere_aceleracion": "Requiere aceleración",
    "status.progreso_limitado": "Progreso limitado",
    "status.retroceso": "Retroceso",
    "status.meta_alcanzada": "Meta alcanzada",
    "status.sin_datos": "Sin datos",
    # Goal status explained (hdras.goals.status; design §5)
    "status.col_series": "Serie",
    "status.card": "{badge} · R = {ratio} · último dato: {value} ({year})",
    "status.card_no_ratio": "{badge} · último dato: {value} ({year})",
    "status.card_no_data": "{badge} · sin avance reportado",
    "status.col_goal": "Meta",
    "status.col_status": "Estado",
    "status.col_target": "Meta {year}",
    "status.col_actual": "Avance {year}",
    "status.col_attainment": "Logro del hito",
    "status.col_latest": "Último dato",
    "status.col_ratio": "Razón R",
    "status.col_pace": "Ritmo necesario",
    "status.col_reach": "Llega a la meta 2030",
    "status.help_attainment": "(A − B) / (T − B) del año de análisis; «—» si no hay dato ese año "
                              "o si la meta del año es igual a la línea base.",
    "status.help_latest": "Último año con avance reportado hasta el año de análisis (t) y su valor.",
    "status.help_ratio": "Ritmo observado desde 2024 ÷ ritmo que pide el plan para llegar a la "
                         "meta 2030. En camino desde 0.95.",
    "status.help_pace": "Cambio por año necesario desde t para llegar a la meta 2030.",
    "status.help_reach": "Año en que se llega a la meta 2030 si se mantiene el ritmo observado.",
    "status.per_year": "{value} por año",
    "status.pace_none": "ninguno (meta alcanzada)",
    "reach.already": "✓ ya alcanzada ({year})",
    "reach.on_time": "✓ en {year}",
    "reach.late": "⚠ en {year} (después de 2030)",
    "reach.after": "⚠ después de {year}",
    "reach.never": "✗ no se alcanza",
    "reach.not_before": "✗ no antes de {year}",
    "status.reach_far": "después de {year}",
    "status.met": "cumplido",
    "status.not_met": "no cumplido",
    "status.describe_no_data": "{label}: sin avance reportado hasta {year}. El estado se calcula "
                               "cuando exista al menos un dato.",
    "status.increment_basis": "Serie de incremento anual: el estado se calcula sobre el acumulado "
                              "de nuevos prestadores desde 2024 ({latest} hasta {year}, frente a "
                              "{final} al 2030).",
    "status.attainment_line": "Logro del hito {year}: {value} (avance {actual} frente a la meta "
                              "{target}, con línea base {baseline}).",
    "status.attainment_flat": "Hito {year}: la meta del año ({target}) es igual a la línea base, "
                              "así que no hay porcentaje de logro; el hito está {verdict}.",
    "status.attainment_missing": "Sin dato para {year}: el estado usa el último dato, de {latest}.",
    "status.ratio_line": "Razón de trayectoria R = {ratio}: ritmo observado {observed} por año "
                         "frente a {needed} por año que pide el plan desde 2024.",
    "status.pace_line": "Ritmo necesario desde {year}: {pace} por año hasta 2030.",
    "status.reach_line": "Al ritmo observado, la meta 2030 ({final}) se alcanza en {year}.",
    "status.reach_never": "Al ritmo observado, la meta 2030 ({final}) no se alcanza.",
    "status.reached_already": "La meta 2030 ({final}) ya se alcanzó ({year}).",
    "status.method_title": "Cómo se calcula el estado (fórmulas y fuente)",
    "status.method_intro": "Notación: B = línea base 2024, T_y = meta del año y, A_y = avance "
                           "reportado del año y, t = último año con dato hasta el año de análisis.",
    "status.method_attainment": "**Logro del hito** del año y: cuánto del avance que pedía la meta "
                                "del año se logró. No se calcula cuando la meta del año es igual "
                                "a la línea base (por ejemplo, Meta 6 en 2025: 37 EPS).",
    "status.method_ratio": "**Razón de trayectoria** R: ritmo observado desde 2024 dividido entre "
                           "el ritmo que el plan necesita para llegar a la meta 2030. Es la "
                           "medida de progreso de Statistics Canada integrada en Open SDG, en su "
                           "variante lineal (cambio por año en vez de crecimiento compuesto) "
                           "porque varias líneas base son 0 o pequeñas.",
    "status.method_thresholds": "**Categorías:** ⚑ Meta alcanzada si A_t ya llegó a la meta "
                                "2030; ✔ En camino si R ≥ 0.95; ➚ Requiere aceleración si "
                                "0.60 ≤ R < 0.95; ⚠ Progreso limitado si 0 ≤ R < 0.60; "
                                "▼ Retroceso si R < 0; ○ Sin datos mientras no haya avance "
                                "reportado.",
    "status.method_pace": "**Ritmo necesario** desde t y **año en que se alcanza** la meta 2030 "
                          "si se mantiene el ritmo observado (redondeado al año entero siguiente).",
    "status.method_increment": "**Metas 4.1 y 4.2** son nuevos prestadores por año (incrementos), "
                               "no un nivel: su estado se calcula sobre el acumulado desde 2024 "
                               "(línea base 0 nuevos; la línea base «nd» de 4.2 no impide el "
                               "cálculo) frente a la suma de sus metas anuales (4.1: 3 y 4.2: 16 "
                               "al 2030). Un año sin dato cuenta como 0 nuevos. Comparar un solo "
                               "año con la meta de 2030 no tendría sentido: 4.2 prevé 7 nuevos "
                               "solo en 2030.",
    "status.method_source": "Fuente: Statistics Canada, *Progress Measurement Methodology for the "
                            "Sustainable Development Goals*, documentada en Open SDG: {url}",
    # Goal views (hdras.goals.series, hdras.goals.charts, views/metas.py)
    "goals.notes_title": "Notas del plan y de los datos",
    "goals.no_actuals": "Aún no hay avances reportados: las metas muestran solo el plan y el estado "
                        "es «Sin datos». Los avances llegan con la importación del libro de avance.",
    "goals.view_M1": "Meta 1 · Inversiones",
    "goals.view_M2": "Meta 2 · Reúso",
    "goals.view_M3": "Meta 3 · Biosólidos",
    "goals.view_M4": "Meta 4 · Energía renovable",
    "goals.view_M5": "Meta 5 · Circularidad",
    "goals.view_M6": "Meta 6 · Fuentes de agua",
    "goals.m4_derived_source": "Derivado: línea base + nuevos reportados en 4.1 y 4.2",
    "goals.reuse_total_note": "Caudal total implícito = caudal reutilizado ÷ (% de reúso / 100). "
                              "En 2024: {flow} m³/s son el {pct} % → {total} m³/s. Las metas del "
                              "plan implican entre {low} y {high} m³/s según el año: el plan supone "
                              "un caudal total casi constante.",
    "goals.ptar_note": "Nota ¹ del plan: en {n} de {total} PTAR se reúsan biosólidos (inscritas en "
                       "el RENAPRO); {n} de {total} son el {share} %, el plan parte de 2.8 %. "
                       "La meta 2030 equivale a {final} PTAR si el total sigue en {total}.",
    "goals.m4_identity_ok": "Comprobado: cada año, la meta acumulada de Meta 4 es igual a 1 EPS "
                            "(línea base) + la suma de los nuevos de 4.1 y 4.2 hasta ese año.",
    "goals.m4_identity_broken": "Atención: la meta acumulada de Meta 4 no coincide en algún año con "
                                "1 EPS + los nuevos de 4.1 y 4.2 (ver la columna de comprobación "
                                "del CSV).",
    "goals.increment_status_note": "Meta 4 (izquierda) es el **acumulado** de prestadores; 4.1 y "
                                   "4.2 (derecha) son los **nuevos por año**. El estado de 4.1 y "
                                   "4.2 se calcula sobre su acumulado desde 2024.",
    # Goal charts and what every chart says to those who cannot see it: in messages_charts.py
    **CHART_MESSAGES,
    "csv.series": "serie",
    "csv.year": "año",
    "csv.unit": "unidad",
    "csv.target": "meta_plan",
    "csv.target_text": "meta_texto_plan",
    "csv.actual": "avance_reportado",
    "csv.source": "fuente",
    "csv.derived": "derivado",
    "csv.demo": "ficticio",
    "csv.pct_target": "meta_porcentaje",
    "csv.flow_target": "meta_caudal_m3s",
    "csv.total_plan": "caudal_total_implicito_plan_m3s",
    "csv.pct_actual": "avance_porcentaje",
    "csv.flow_actual": "avance_caudal_m3s",
    "csv.total_actual": "caudal_total_implicito_avance_m3s",
    "csv.ptar_target": "meta_ptar_equivalentes",
    "csv.ptar_needed": "meta_ptar_enteras",
    "csv.ptar_actual": "avance_ptar_equivalentes",
    "csv.m4_target": "meta4_acumulado_plan",
    "csv.m4_check": "comprobacion_1_mas_nuevos_4_1_y_4_2",
    "csv.m4_actual": "meta4_acumulado_avance",
    "csv.new_target": "{series}_nuevos_plan",
    "csv.new_actual": "{series}_nuevos_avance",
    # The same columns in words, as «Ver datos» shows them (chart_text.data_headers): one
    # data.* for each csv.* above, with the same placeholders
    "data.series": "Serie",
    "data.year": "Año",
    "data.unit": "Unidad",
    "data.target": "Meta del plan",
    "data.target_text": "Meta (texto del plan)",
    "data.actual": "Avance reportado",
    "data.source": "Fuente",
    "data.derived": "Derivado",
    "data.demo": "Ficticio",
    "data.pct_target": "Meta (%)",
    "data.flow_target": "Meta (m³/s)",
    "data.total_plan": "Caudal total implícito, plan (m³/s)",
    "data.pct_actual": "Avance (%)",
    "data.flow_actual": "Avance (m³/s)",
    "data.total_actual": "Caudal total implícito, avance (m³/s)",
    "data.ptar_target": "Meta (PTAR equivalentes)",
    "data.ptar_needed": "Meta (PTAR enteras)",
    "data.ptar_actual": "Avance (PTAR equivalentes)",
    "data.m4_target": "Meta 4 acumulada, plan",
    "data.m4_check": "Comprobación: 1 + nuevos de 4.1 y 4.2",
    "data.m4_actual": "Meta 4 acumulada, avance",
    "data.new_target": "{series}: nuevos por año, plan",
    "data.new_actual": "{series}: nuevos por año, avance",
    "cli.status_title": "Estado de las metas · año {year} (t = último año con dato hasta {year})",
    "cli.status_activities": "Actividades {year}: {planned} programadas · {completed} completadas · "
                             "{in_progress} en proceso · {rescheduled} reprogramadas · "
                             "{not_started} no iniciadas o sin reporte",
    "cli.interrupted": "Interrumpido. Lo que estaba a medio guardar no se guardó.",
    "cli.not_an_integer": "«{text}» no es un número entero",
    "cli.not_a_number": "«{text}» no es un número",
    "cli.bad_year": "El año {year} está fuera del plan: use un año entre {first} y {last}.",
    # Activity status for a year (design §5; the labels are the workbook's estados)
    "activity.completed": "Completada",
    "activity.in_progress": "En proceso",
    "activity.rescheduled": "Reprogramada",
    "activity.not_started": "No iniciada",
    "activity.no_report": "Sin reporte",
    "activity.not_planned": "No programada en el año",
    # Schedule rules shown beside the activity views (hdras.activities.schedule)
    "schedule.current_status_rule": "Estado de una actividad en un año: el reporte más reciente "
                                    "para esa actividad y ese año entre los lotes activos (los "
                                    "lotes revertidos no cuentan).",
    "schedule.planned_rule": "Programadas en {year}: actividades con una X en {year} en el "
                             "cronograma (sección 2.1); en 2025 basta una X en el semestre I o II "
                             "y la actividad cuenta una sola vez. Un reporte para un año en que "
                             "la actividad no está programada no se cuenta. Completadas + en "
                             "proceso + reprogramadas + no iniciadas = programadas; «no iniciada» "
                             "incluye a las actividades sin reporte.",
    "schedule.no_report_counts": "Incluye las actividades programadas sin reporte para el año "
                                 "(celdas «– Sin reporte» del cronograma).",
    "schedule.overdue_rule": "Vencida: programada en un año anterior a {year} (el año de análisis "
                             "elegido en la barra lateral) y cuyo estado para ese año no es "
                             "«Completada». Se usa el año de análisis y no la fecha de hoy para "
                             "que una reunión que revisa un año vea siempre las mismas cifras; por "
                             "defecto el año de análisis es el año en curso.",
    "schedule.units_rule": "Una actividad con varias unidades responsables (p. ej. «DGAA, "
                           "DGPRCS») cuenta para cada una de ellas.",
    "schedule.semester_counts": "{first} con meta en sem. I · {second} en sem. II",
    "schedule.semester_note": "El libro de avance se reporta por año, no por semestre: las metas "
                              "semestrales de 2025 (sección 2.3) se muestran como referencia junto "
                              "al estado de 2025.",
    # Milestones (hdras.activities.milestones)
    "milestone.reached": "Alcanzado",
    "milestone.in_progress": "En avance",
    "milestone.overdue": "Con atraso",
    "milestone.pending": "Sin avance",
    "milestone.rule_every_year": "Todas sus actividades completadas en todos sus años",
    "milestone.rule_last_year": "Todas sus actividades reportadas «Completada» en su último año "
                                "programado",
    "milestone.rule": "El libro de avance no tiene una columna de hitos, por lo que el hito de una "
                      "acción se da por alcanzado cuando (1) todas sus actividades están "
                      "«Completada» en cada año en que están programadas, o (2) todas sus "
                      "actividades están reportadas «Completada» para su último año programado "
                      "(se lee como hito marcado alcanzado). Si no, el hito está «con atraso» si "
                      "alguna actividad está vencida antes de {year}, «en avance» si alguna "
                      "actividad reporta «Completada» o «En proceso», y «sin avance» en otro caso.",
    # Progress reports (hdras.progress): in hdras/core/messages_progress.py
    **PROGRESS_MESSAGES,
    "demo.stored": "Lote {batch_id} con datos ficticios guardado ({goals} valores de metas, "
                   "{activities} reportes de actividades). Quítelo con `hdras rollback "
                   "{batch_id}`.",
    "demo.exists": "Ya hay datos ficticios activos (lote {batch_id}); no se agregó otro.",
    "demo.banner": "Datos ficticios de demostración (lote {batch_ids}). Revierta ese lote en "
                   "Historial antes de usar el tablero con datos reales.",
    "demo.banner_help": "Datos ficticios de demostración, creados con `python -m hdras demo`. "
                        "Todo lo que se calcula con ellos (estados, gráficos, informes) lleva "
                        "la marca «ficticio».",
    # Demo data
    "demo.label": "Datos ficticios de demostración",
    **ADMIN_MESSAGES,  # editors, serving, copies, restores, schema versions, the server's log
}
# Parts of the catalogue kept in their own files (each file stays readable):
MESSAGES.update(SCENARIO_MESSAGES)  # what-if scenarios (design §6)
MESSAGES.update(REPORT_MESSAGES)  # the meeting pack and «Novedades» (design §9)


def msg(code: str, /, **params: object) -> str:
    """The Spanish sentence for ``code`` with its placeholders filled."""
    return MESSAGES[code].format(**params)


def placeholders(code: str) -> set[str]:
    """Names of the placeholders a message expects."""
    return {name for _, name, _, _ in string.Formatter().parse(MESSAGES[code]) if name}
