"""The Spanish messages of progress reports: the workbook import (one entry per
``hdras.progress.problems.ProblemCode``), the preview, batches, templates, exports and the
«who has reported» view. Part of the one catalogue: ``hdras.core.messages`` merges it, and every
text is looked up there with ``msg``.
"""

from __future__ import annotations

PROGRESS_MESSAGES: dict[str, str] = {
    # Progress workbook import (hdras.progress.reading, hdras.progress.safety): one entry per ProblemCode
    "import.file_empty": "El archivo está vacío (0 bytes).",
    "import.file_too_large": "El archivo pesa {size}; el máximo permitido es {limit}.",
    "import.not_xlsx": "El archivo no es un libro de Excel (.xlsx) ni una hoja de cálculo de "
                       "LibreOffice (.ods) ({detected}). Ábralo en Excel o LibreOffice y guárdelo "
                       "como «Libro de Excel (.xlsx)» o «Hoja de cálculo ODF (.ods)».",
    "import.legacy_xls": "El archivo está en el formato antiguo .xls (Excel 97–2003). Ábralo y "
                         "guárdelo como «Libro de Excel (.xlsx)».",
    "import.encrypted": "El archivo está protegido con contraseña de apertura (cifrado) y no se "
                        "puede leer. Quite la contraseña (en Excel: «Archivo › Información › "
                        "Proteger libro»; en LibreOffice: «Archivo › Guardar como» sin marcar "
                        "«Guardar con contraseña») y vuelva a cargarlo.",
    "import.macro_enabled": "El archivo contiene macros ({detail}). Por seguridad solo se aceptan "
                            "libros sin macros: guárdelo como «Libro de Excel (.xlsx)» o «Hoja de "
                            "cálculo ODF (.ods)» sin macros.",
    "import.file_corrupt": "El libro está dañado o incompleto ({detail}). Vuelva a guardarlo "
                           "desde Excel o LibreOffice.",
    "import.uncompressed_too_large": "El contenido del libro ocupa {size} al descomprimirlo; el "
                                     "máximo es {limit}. Quite las hojas o filas que no son del "
                                     "formulario.",
    "import.compression_ratio": "La parte «{part}» del libro se comprime {ratio} veces, algo "
                                "típico de un archivo malicioso («bomba zip»); no se procesó.",
    "import.xml_unsafe": "La parte «{part}» del libro contiene declaraciones XML no permitidas "
                         "(DTD o entidades), propias de un ataque; no se procesó.",
    "import.too_many_rows": "La hoja «{sheet}» llega hasta la fila {rows}; el máximo es {limit} "
                            "filas por hoja.",
    "import.too_many_columns": "La hoja «{sheet}» llega hasta la columna {column}; el máximo es "
                               "{limit} columnas por hoja.",
    "import.repeated_cells": "La hoja «{sheet}» repite celdas con fórmula sin valor o con formato "
                             "de porcentaje más de {limit} veces (filas o columnas repetidas): "
                             "no parece un libro de avance. Quite esas filas o columnas.",
    "import.unreadable": "No se pudo leer el libro: {detail}.",
    "import.missing_sheets": "El libro no tiene las hojas «Metas» ni «Actividades» (hojas "
                             "encontradas: {found}). Use la plantilla descargada del tablero.",
    "import.duplicate_sheet": "Hay más de una hoja que corresponde a «{sheet}»: {names}. Deje "
                              "solo una.",
    "import.no_data": "El libro no tiene ningún valor reportado: llene al menos un «valor» en "
                      "Metas o un «estado» en Actividades.",
    "import.missing_column": "Falta la columna «{column}» en la hoja «{sheet}» (columnas "
                             "encontradas: {found}).",
    "import.duplicate_column": "La columna «{column}» aparece dos veces (columnas {first} y "
                               "{second}).",
    "import.missing_value": "Falta {field}: la fila tiene datos, pero esta celda está vacía.",
    "import.unknown_goal": "«{value}» no es una serie de meta del plan. Series válidas: {valid}.",
    "import.unknown_activity": "«{value}» no es un código de actividad del plan.",
    "import.not_planned": "Aviso: la actividad {activity} no está programada en {year} según el "
                          "cronograma del plan (programada en: {periods}). Se guardará, pero no "
                          "cuenta en el avance de las actividades programadas de ese año.",
    "import.year_invalid": "«{value}» no es un año: escriba un año entre {first} y {last}.",
    "import.year_out_of_range": "El año {value} está fuera del periodo del plan ({first}–{last}).",
    "import.not_a_number": "«{value}» no es un número: escriba solo la cifra, sin texto ni "
                           "unidades, en una celda con formato de número.",
    "import.number_as_text": "«{value}» está guardado como texto, no como número: escriba la "
                             "cifra en una celda con formato de número (sin apóstrofo ni "
                             "espacios).",
    "import.negative": "El valor {value} es negativo; {field} no puede ser negativo.",
    "import.percent_over_100": "El valor {value} supera el 100 % (la serie {series} se mide en %).",
    "import.not_whole": "El valor {value} debe ser un número entero (la serie {series} cuenta {unit}).",
    "import.unknown_status": "«{value}» no es un estado válido; use uno de: {valid}.",
    "import.duplicate_key": "{key} · {year} ya aparece en la fila {first_row}; cada combinación "
                            "de código y año va una sola vez.",
    "import.formula_no_value": "La celda tiene una fórmula ({formula}) sin valor calculado. "
                               "Ábrala en Excel o LibreOffice y guarde de nuevo (así se calcula el "
                               "valor), o escriba el valor directamente.",
    "import.text_too_long": "El texto tiene {length} caracteres; el máximo es {limit}.",
    "import.percent_cell": "{cell}: celda con formato de porcentaje: se leyó {shown} como "
                           "{value} (la hoja guarda {shown} como la fracción {fraction}; la serie "
                           "{series} se mide en %). Revise que sea el porcentaje que quiso "
                           "escribir.",
    "import.percent_suspect": "{cell}: el valor {value} es menor que 1 y al menos diez veces menor "
                              "que la cifra del plan para {series} en {year} ({figure} %). ¿Lo "
                              "escribió como fracción? Si quiso decir {meant} %, escriba "
                              "{meant}; si el dato real es {value} %, puede confirmarlo así.",
    "import.percent_not_allowed": "{cell}: la celda tiene formato de porcentaje (muestra {shown}), "
                                  "pero {what} no se mide en %. Quite el formato de porcentaje de "
                                  "la celda y escriba {hint}.",
    "import.percent_what_series": "la serie {series} ({unit})",
    "import.percent_hint_series": "el valor en {unit}",
    "import.percent_what_achieved": "el avance (la cantidad lograda hacia la meta del año)",
    "import.percent_hint_achieved": "la cantidad lograda, por ejemplo 2 (reuniones, informes…)",
    "import.newer_report": "{cell}: {key} · {year} ya tiene {current}, reportado después de "
                           "generar su plantilla (lote {batch_id}, importado por {by} el "
                           "{date}). Su archivo lo cambiaría a {new}. Si no quiso cambiarlo, deje "
                           "la fila vacía o descargue una plantilla nueva.",
    "import.field.serie": "la serie",
    "import.field.codigo": "el código de actividad",
    "import.field.anio": "el año",
    "import.field.valor": "el valor",
    "import.field.estado": "el estado",
    "import.field.avance": "el avance",
    "import.progress.checking": "Verificando el archivo…",
    "import.progress.reading": "Leyendo la hoja «{sheet}»…",
    "import.progress.validating": "Revisando la hoja «{sheet}»: fila {row} de {total}…",
    "import.progress.done": "Revisión terminada.",
    "import.accepted": "Archivo válido: {goals} valores de metas y {activities} reportes de "
                       "actividades.",
    "import.rejected": "Archivo rechazado: {errors} problema(s). No se guardó nada; corrija el "
                       "libro y vuelva a cargarlo.",
    "import.stored": "Lote {batch_id} guardado: {goals} valores de metas y {activities} reportes "
                     "de actividades (importado por {by}).",
    "import.dry_run": "Validación sin guardar (--dry-run): el archivo es válido; no se guardó nada.",
    "import.stale_preview": "Los datos cambiaron desde la vista previa (otra persona importó o "
                            "revirtió un lote). Revise la vista previa actualizada y confirme de "
                            "nuevo.",
    "import.not_valid": "El archivo tiene errores y no se puede importar.",
    "import.already_imported": "Este mismo archivo (sha256 idéntico) ya se importó como lote "
                               "{batch_id} el {date}.",
    "import.file_missing": "No existe el archivo {path}.",
    "import.changes": "{new} nuevos · {changed} cambian · {unchanged} sin cambio",
    "import.change.new": "nuevo",
    "import.change.changed": "cambia",
    "import.change.unchanged": "sin cambio",
    # Batches, rollback, template, export (hdras.progress.store, hdras.progress.template, hdras.progress.export)
    "batch.rolled_back": "Lote {batch_id} revertido: sus valores dejan de contar (no se borró "
                         "nada).",
    "batch.already_rolled_back": "El lote {batch_id} ya estaba revertido.",
    "batch.is_rolled_back": "El lote {batch_id} está revertido: sus valores ya no cuentan (siguen "
                            "guardados, como el lote).",
    "batch.not_found": "No existe el lote {batch_id}.",
    "batch.none": "Aún no se ha importado ningún lote.",
    "batch.active": "Activo",
    "batch.rolled_back_label": "Revertido",
    "template.written": "Plantilla escrita en {path}: {goals} filas en Metas y {activities} en "
                        "Actividades.",
    "template.written_unit": "Plantilla de la unidad {unit} escrita en {path}: {goals} filas en "
                             "Metas y {activities} en Actividades (las actividades de las que "
                             "{unit} es responsable).",
    "template.unknown_unit": "«{unit}» no es una unidad responsable del plan. Unidades válidas: "
                             "{valid}.",
    "template.unit_scope": "Libro de la unidad {unit}: la hoja «Actividades» tiene solo las "
                           "actividades de las que {unit} es responsable (una actividad compartida "
                           "con otra unidad figura en el libro de cada una); «Metas» tiene todas "
                           "las series. Una fila que deja vacía no se importa y nunca borra lo que "
                           "otra unidad reportó.",
    "template.carried": "{carried} filas ya traen los valores reportados hasta el lote {base}: "
                        "actualice solo lo que cambió. Una fila que no cambia figura «sin cambio» "
                        "en la vista previa.",
    "reporting.title": "Quién ha reportado · {year} (por unidad responsable; una actividad con "
                       "varias unidades cuenta para cada una)",
    "reporting.all_reported": "Todas las actividades programadas en {year} tienen reporte.",
    "reporting.missing_heading": "{unit}: {count} actividad(es) programada(s) en {year} sin "
                                 "reporte:",
    "reporting.rule": "Programadas en {year}: actividades con una X en {year} en el cronograma "
                      "(en 2025, en el semestre I o II). Con reporte: tienen un estado reportado "
                      "para {year} en un lote activo (cualquier estado, también «No iniciada»). "
                      "Una actividad con varias unidades responsables cuenta para cada una. "
                      "Último reporte: la fecha de importación más reciente de esos reportes.",
    "export.written": "Libro exportado en {path} (año de análisis {year}).",
    "file.write_error": "No se pudo escribir {path}: {detail}",
    "file.read_error": "No se pudo leer {path}: {detail}",
}
