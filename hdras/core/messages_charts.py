"""Part of the Spanish catalogue (``hdras.core.messages`` merges it): the words of the charts —
axes, series, titles of the goal charts — and what charts say to people who do not see them: their
descriptions (the accessible name of each chart) and the «Ver datos» table.

Placeholders hold text already formatted by ``hdras.core.formatting``.
"""

from __future__ import annotations

CHART_MESSAGES: dict[str, str] = {
    # Goal charts (hdras.goals.charts, views/metas.py)
    "chart.flow_label": "{goal} (caudal)",
    "chart.axis_pct": "Porcentaje (%)",
    "chart.axis_flow": "Caudal (m³/s)",
    "chart.axis_eps": "Prestadores (EPS)",
    "chart.axis_year": "Año",
    "chart.axis_total_flow": "Caudal total de agua residual (m³/s)",
    "chart.axis_ptar": "PTAR que reúsan biosólidos (de {total})",
    "chart.axis_new_eps": "Nuevos prestadores en el año (EPS)",
    "chart.series_baseline": "Línea base 2024",
    "chart.series_plan": "Meta del plan",
    "chart.series_actual": "Avance reportado",
    "chart.series_derived": "Derivado de 4.1 + 4.2",
    "chart.source_plan": "Tabla 1 del Plan de Implementación 2025",
    "chart.tooltip_series": "Serie",
    "chart.tooltip_value": "Valor",
    "chart.tooltip_source": "Fuente",
    "chart.tooltip_pct": "Porcentaje",
    "chart.tooltip_ptar_exact": "PTAR equivalentes",
    "chart.tooltip_ptar_needed": "PTAR enteras necesarias",
    "chart.title_goal": "{label} · {title}",
    "chart.subtitle_goal": "Línea base 2024 y metas anuales del plan (discontinua), avance "
                           "reportado (continua); banda gris: año de análisis",
    "chart.target_final": "Meta 2030: {value}",
    "chart.selected_year": "Año de análisis: {year}",
    "chart.note_plan": "Nota del plan · {label}: {note}",
    "chart.note_reading": "Nota sobre los datos · {label}: {note}",
    "chart.total_plan": "Implícito en las metas del plan",
    "chart.total_actual": "Implícito en lo reportado",
    "chart.total_flow_title": "Meta 2 · caudal total de agua residual que implica el plan",
    "chart.total_flow_subtitle": "Caudal reutilizado ÷ (% de reúso / 100), año por año",
    "chart.ptar_title": "Meta 3 expresada en PTAR (de {total})",
    "chart.ptar_subtitle": "Barras: PTAR equivalentes a la meta (% × {total} / 100); etiqueta: "
                           "PTAR enteras necesarias; rombos: lo reportado.",
    "chart.ptar_plan": "Meta del plan (PTAR equivalentes)",
    "chart.ptar_actual": "Reportado (PTAR equivalentes)",
    "chart.ptar_label": "{n} PTAR",
    "chart.legend_source": "Fuente de energía",
    "chart.increments_title": "4.1 y 4.2 · nuevos prestadores POR AÑO",
    "chart.increments_subtitle": "Incremento anual por fuente, no acumulado. Barras: meta del "
                                 "plan; rombos: nuevos reportados.",
    "chart.cumulative_title": "Meta 4 · prestadores con energía renovable, ACUMULADO",
    "chart.cumulative_subtitle": "Acumulado: 1 EPS en 2024 + los nuevos de 4.1 y 4.2 de cada año",
    # Shown under every chart (views/present.chart_data)
    "chart.see_data": "Ver datos",
    "chart.data_region": "Datos del gráfico",  # the name of the table «Ver datos» opens
    "chart.no_data": "{title}: gráfico sin datos que mostrar.",
    "chart.no_data_screen": "Este gráfico no tiene datos que mostrar.",
    # Goals (hdras.goals.chart_text)
    "describe.trajectory": "{label}: línea base {baseline} en {base_year}, meta {final_year} "
                           "{final}, último dato {latest} en {latest_year}{demo}; {status}.",
    "describe.trajectory_no_data": "{label}: línea base {baseline} en {base_year}, meta "
                                   "{final_year} {final}; sin avance reportado hasta {year}.",
    "describe.demo": " (ficticio)",
    "describe.total_flow": "Meta 2, caudal total de agua residual implícito: en las metas del "
                           "plan, de {first} en {first_year} a {last} en {last_year}; {reported}.",
    "describe.total_flow_actual": "en lo reportado, {value} en {year}",
    "describe.total_flow_no_actual": "sin un % y un caudal reportados del mismo año",
    "describe.ptar": "Meta 3 en PTAR de {total}: el plan pide {first} PTAR en {first_year} y "
                     "{last} PTAR en {last_year}; {reported}.",
    "describe.ptar_actual": "reportado: {value} PTAR equivalentes ({pct}) en {year}",
    "describe.no_actual": "sin avance reportado",
    "describe.increments": "Nuevos prestadores con energía renovable por año, no acumulado. "
                           "{parts}.",
    "describe.increments_part": "{label} ({source}): meta {plan}, {total} en total; {reported}",
    "describe.reported": "reportado {values}",
    "describe.value_in_year": "{value} en {year}",
    # Activities (hdras.activities.chart_text)
    "describe.gantt": "Cronograma de {activities} actividades, de {first} a {last}: {cells} "
                      "periodos programados. En {year}, {planned} actividades programadas: "
                      "{counts}.{overdue}",
    "describe.gantt_overdue": " Periodos vencidos antes de {year}: {count}.",
    "describe.gantt_title": "Cronograma de actividades",
    "describe.completion_years": "Actividades programadas por año y su estado: {years}.",
    "describe.completion_years_title": "Actividades programadas por año",
    "describe.breakdown": "Actividades programadas en el año de análisis, por {group}: {groups}.",
    "describe.planned_counts": "{label}: {planned} programadas ({counts})",
    "describe.count": "{label} {count}",
    # Scenarios (hdras.scenarios.charts)
    "describe.projection": "{title}: {plan_label} {plan} en {final_year}; {scenario_label} "
                           "{scenario} en {final_year}{reported}.",
    "describe.projection_reported": "; último valor reportado {value} en {year}",
    "describe.projection_name": "{title}: {plan_label} {plan} en {final_year}{reported}. La "
                                "línea «{scenario_label}» sigue los supuestos; sus valores, bajo "
                                "el gráfico y en «Ver datos».",
    "describe.comparison_name": "{title}: {plan}, frente a {scenarios}; sus valores en 2030, en la "
                                "tabla de comparación y en «Ver datos».",
    "describe.delay_completion_name": "Actividades terminadas (acumulado) por año: plan {plan} "
                                      "en {final_year}; la línea del escenario sigue los "
                                      "retrasos elegidos; sus valores, en «Ver datos».",
    "describe.comparison": "{title}, valores en {final_year}: {values}.",
    "describe.delay_completion": "Actividades terminadas (acumulado) por año: en {final_year}, "
                                 "plan {plan} y escenario {scenario}{later}.",
    "describe.delay_later": "; el escenario llega a {share} en {year}",
}
