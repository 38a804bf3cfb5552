"""The Spanish sentences of the what-if scenarios (hdras.scenarios; design §6). Part of the one
catalogue: ``hdras.core.messages`` merges them, and ``msg`` is still the only way to read them."""

from __future__ import annotations

SCENARIO_MESSAGES: dict[str, str] = {
    "scenario.unknown_goal": "La serie «{goal}» no existe. Series válidas: {codes}.",
    "scenario.invalid_model": "Modelo «{model}» no válido: use «linear» (incremento por año) o "
                              "«growth» (% de crecimiento por año).",
    "scenario.invalid_rate": "La tasa «{rate}» no es un número.",
    "scenario.linear_rate_range": "La tasa {rate} no es válida para el modelo lineal: debe ser un "
                                  "número entre {low} y {high} (incremento por año en la unidad "
                                  "de la serie).",
    "scenario.growth_rate_range": "La tasa {rate} no es válida para el modelo de crecimiento: debe "
                                  "ser un porcentaje anual entre {low} y {high}.",
    "scenario.invalid_total": "El caudal total de agua residual debe ser mayor que 0 (se recibió "
                              "{total}).",
    "scenario.growth_from_zero": "El punto de partida es 0: un crecimiento porcentual no lo mueve. "
                                 "Use el modelo lineal (incremento por año).",
    "scenario.m2_percent_newer": "Hay un % de reúso reportado para {year}, pero el caudal (m³/s) "
                                 "más reciente es de {flow_year}: la proyección parte del caudal.",
    "scenario.m3_footnote": "Nota ¹ del plan: «{n} de {total} PTAR» reúsan biosólidos; {n} ÷ {total} "
                            "= {share} %, y el plan escribe 2.8 % para 2025.",
    "scenario.m4_plan_mode": "Nuevos prestadores por año según Tabla 1 (filas 4.1 y 4.2); el "
                             "plan no fija incorporaciones después de 2030.",
    "scenario.m4_constant_mode": "Cada año se suman {biogas} prestadores con biogás y {other} con "
                                 "otras fuentes.",
    "scenario.not_a_scenario": "El escenario guardado no tiene un formato reconocible.",
    "scenario.not_found": "No existe un escenario guardado con el nombre «{name}».",
    "scenario.name_empty": "Escriba un nombre para el escenario.",
    "scenario.name_too_long": "El nombre del escenario debe tener como máximo {limit} caracteres.",
    "scenario.name_invalid": "El nombre del escenario contiene caracteres no permitidos.",
    "scenario.name_exists": "Ya existe un escenario llamado «{name}». Marque «Reemplazar» para "
                            "sobrescribirlo o use otro nombre.",
    "scenario.link_version": "El enlace es de la versión {version} de los escenarios; este tablero "
                             "lee la versión {supported}. Se usó lo que se pudo leer.",
    "scenario.link_ignored": "Se ignoró el parámetro «{key}={value}» del escenario: valor no "
                             "válido; se usa el valor del plan.",
    "scenario.link_unknown_codes": "Se ignoraron códigos que el plan no tiene en «{key}»: {codes}.",
    "scenario.saved": "Escenario «{name}» guardado.",
    "scenario.deleted": "Escenario «{name}» eliminado.",
    "scenario.loaded": "Escenario «{name}» cargado.",
    "scenario.reset": "Se restablecieron los supuestos del plan.",
    "scenario.editors_only": "Solo los editores pueden guardar o eliminar escenarios para todos. "
                             "Puede compartir este escenario con el enlace.",
    "scenario.start_actual": "Parte del valor reportado en {year}: {value}.",
    "scenario.start_baseline": "Parte de la línea base {year}: {value} (aún no hay valores "
                               "reportados).",
    "scenario.start_flow_actual": "Parte del caudal reportado en {year}: {flow}, el {value} del "
                                  "caudal total supuesto.",
    "scenario.start_flow_baseline": "Parte del caudal de la línea base {year}: {flow}, el {value} "
                                    "del caudal total supuesto (aún no hay valores reportados).",
    "scenario.start_reported_parts": "Parte de {value} en {year}: línea base más los nuevos "
                                     "prestadores reportados en 4.1 y 4.2.",
    "scenario.start_derived": "Parte de {value} en {year}: la línea base es «nd» y se deduce de "
                              "la fila acumulada (Meta 4 − Meta 4.1).",
    "scenario.m2_total_implied": "Caudal total implícito en Tabla 1: {total} m³/s (ajuste de los "
                                 "7 pares % ↔ m³/s; 3.17 m³/s = 4.0 % da 79.25). Con él, el % de "
                                 "cada año se reproduce a {max_diff} puntos o menos.",
    "scenario.delay_definition": "Cómo se cuenta: el año de término de una actividad es el último "
                                 "año con X en su cronograma (2025-I y 2025-II cuentan como 2025). "
                                 "La completitud al año y es la proporción de las {total} "
                                 "actividades con cronograma cuyo año de término es ≤ y. En el "
                                 "escenario, las actividades elegidas terminan N años después, "
                                 "salvo las ya reportadas «Completada» en su último año "
                                 "programado (o después), que terminan en ese año. «Programadas "
                                 "en el año» cuenta, como en Avance por año, las actividades con X "
                                 "en ese año; al correrse una actividad se corren sus X.",
    "scenario.delay_selection": "Actividades que se corren {years} año(s): **{shifted}**. Elegidas "
                                "pero ya completadas (no se corren): **{kept}**. Se eligen las "
                                "actividades que cumplen todos los filtros marcados.",
    "scenario.delay_none": "Elija objetivos, líneas o unidades responsables para correr sus "
                           "actividades.",
    "scenario.delay_after_2030": "Actividades que terminarían después de 2030: {count}.",
    "scenario.unscheduled": "Actividades sin marcas en el cronograma (no se cuentan): {count}.",
}
