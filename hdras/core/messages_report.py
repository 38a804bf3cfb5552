"""The Spanish sentences of the meeting pack and of «Novedades» (design §9). Part of the one
catalogue: ``hdras.core.messages`` merges them, and ``msg`` is still the only way to read them."""

from __future__ import annotations

REPORT_MESSAGES: dict[str, str] = {
    # Dates given to `changes` and `report` (design §3)
    "changes.bad_date": "La fecha «{value}» de {option} no es válida: escriba AAAA-MM-DD (por "
                        "ejemplo 2026-03-31, hasta el final de ese día) o AAAA-MM-DDTHH:MM "
                        "(por ejemplo 2026-03-31T18:30), en hora de Perú.",
    "changes.since_after_until": "La fecha de inicio ({since}) es posterior a la fecha de fin "
                                 "({until}): elija un inicio anterior.",
    "changes.title": "Novedades del {since} al {until} ({zone})",
    "changes.window": "Estado al final del {since} frente al estado al {until} ({zone}).",
    "changes.nothing": "Nada cambió entre el {since} y el {until}: no se importó ni revirtió "
                       "ningún lote y ningún valor ni estado se movió.",
    "changes.net_rule": "Solo cambios netos: un valor importado y luego revertido dentro del "
                        "periodo, o que vuelve a su valor anterior, no es un cambio. El estado de "
                        "una meta es el de su año, calculado como en Metas.",
    "changes.batches": "Lotes importados ({count})",
    "changes.rollbacks": "Lotes revertidos ({count})",
    "changes.goals": "Metas cuyo valor o estado cambió ({count})",
    "changes.activities": "Actividades cuyo estado cambió en un año ({count})",
    "changes.none_batches": "Ningún lote importado en el periodo.",
    "changes.none_rollbacks": "Ningún lote revertido en el periodo.",
    "changes.none_goals": "Ningún valor de meta cambió.",
    "changes.none_activities": "Ningún estado de actividad cambió.",
    "changes.col_batch": "Lote",
    "changes.col_file": "Archivo",
    "changes.col_imported": "Importado el",
    "changes.col_by": "Por",
    "changes.col_status": "Estado al final",
    "changes.col_rolled_back": "Revertido el",
    "changes.col_series": "Serie",
    "changes.col_year": "Año",
    "changes.col_before": "Antes",
    "changes.col_after": "Después",
    "changes.col_status_before": "Estado antes",
    "changes.col_status_after": "Estado después",
    "changes.col_activity": "Actividad",
    "changes.col_title": "Título",
    "changes.demo_batch": "{filename} (ficticio)",
    "changes.quick_since": "Desde el {day} ({events})",
    "changes.quick_import": "lote {batch_id} importado",
    "changes.quick_rollback": "lote {batch_id} revertido",
    # The meeting pack (design §9)
    "report.title": "Informe para la reunión",
    "report.plan_name": "Plan de Implementación 2025 de la Hoja de Ruta hacia una Economía "
                        "Circular en Agua Potable y Saneamiento al 2030 (HdR-AS)",
    "report.publisher": "Ministerio de Vivienda, Construcción y Saneamiento (MVCS) · Comisión de "
                        "Economía Circular en Agua Potable y Saneamiento (CECAS)",
    "report.year": "Año de análisis: {year}",
    "report.generated": "Generado el {when} ({zone})",
    "report.since": "Novedades desde el {since}",
    "report.batches_title": "Lotes de avance incluidos",
    "report.contents": "Contenido",
    "report.batch_line": "Lote {batch_id} · {filename} · importado el {when} por {by}",
    "report.no_batches": "Ningún lote de avance: el informe muestra solo el plan.",
    "report.demo": "FICTICIO: este informe incluye datos ficticios de demostración (lote "
                   "{batch_ids}); no los use como avance real.",
    "report.demo_mark": "FICTICIO",
    "report.page": "Página {page} de {total}",
    "report.goals_title": "Las seis metas · {year}",
    "report.goals_intro": "Tabla 1 del plan con el estado de cada serie para {year} (§5: razón de "
                          "trayectoria R y categoría; el icono acompaña siempre a la palabra).",
    "report.plan_table": "Tabla 1 del plan: línea base 2024 y metas anuales (como las escribe "
                         "el plan)",
    "report.col_goal": "Meta",
    "report.col_status": "Estado",
    "report.col_baseline": "Línea base 2024",
    "report.col_target": "Meta {year}",
    "report.col_latest": "Último dato",
    "report.col_final": "Meta 2030",
    "report.col_ratio": "R",
    "report.col_actual": "Avance {year}",
    "report.latest_value": "{value} ({year})",
    "report.increment_note": "Metas 4.1 y 4.2 son nuevos prestadores por año: su estado se "
                             "calcula sobre el acumulado desde 2024, como en Metas.",
    "report.latest_none": "sin dato",
    "report.charts_title": "Trayectorias de las metas",
    "report.charts_intro": "Plan (gris, discontinuo) y avance reportado (azul, continuo) de cada "
                           "serie; la banda gris marca {year}.",
    "report.activities_title": "Actividades: avance por año y por objetivo",
    "report.by_year": "Actividades programadas y su estado, 2025–2030",
    "report.by_objective": "Actividades de {year} por objetivo estratégico",
    "report.units_title": "Unidades responsables · {year}",
    "report.scorecard": "Cuadro por unidad responsable · {year}",
    "report.overdue": "Actividades vencidas antes de {year}",
    "report.no_overdue": "Ninguna actividad vencida antes de {year}.",
    "report.milestones_title": "Hitos alcanzados",
    "report.milestones_intro": "{reached} de {total} hitos de acción alcanzados según el avance "
                               "reportado (regla en la página Hitos).",
    "report.no_milestones": "Aún no se alcanza ningún hito.",
    "report.changes_title": "Novedades",
    "report.scenarios_title": "Escenarios frente al plan",
    "report.scenarios_intro": "Valor 2030 de cada meta en los escenarios guardados elegidos, con "
                              "su brecha frente a la meta del plan (✓ llega a tiempo, ⚠ no).",
    "report.scenario_assumptions": "Supuestos del escenario «{name}»",
    "report.col_objective": "Objetivo",
    "report.col_unit": "Unidad",
    "report.scenario_assumption": "Supuesto",
    "report.col_action": "Acción",
    "report.col_milestone": "Hito",
    "report.col_how": "Cómo se alcanzó",
    "report.col_responsible": "Responsable",
    "report.col_years_late": "Años vencidos",
    "report.col_planned": "Programadas",
    "report.col_share": "% completadas",
    "report.col_overdue": "Vencidas",
    "report.col_series": "Serie",
    "report.continued": "{title} (continuación)",
    "report.bad_extension": "El archivo de salida «{path}» debe terminar en .pdf o .pptx.",
    "report.unknown_scenario": "No existe un escenario guardado «{name}». Escenarios guardados: "
                               "{names}.",
    "report.no_scenarios": "ninguno",
    "report.written": "Informe escrito en {path} ({kind}, año {year}, novedades desde el "
                      "{since}).",
    "report.failed": "No se pudo componer el informe: {detail}",
    "report.kind_pdf": "PDF",
    "report.kind_pptx": "diapositivas",
}
