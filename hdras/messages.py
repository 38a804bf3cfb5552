"""The Spanish catalogue of every sentence shown to users. Domain code returns codes and parameters.

Add entries here (one per code); ``tests/test_messages.py`` checks that each is well-formed.
"""

from __future__ import annotations

import string

MESSAGES: dict[str, str] = {
    # Database and command line
    "db.busy": "La base de datos está en uso por otro proceso. Intente de nuevo en unos segundos.",
    "db.initialized": "Base de datos lista en {path}: {objectives} objetivos, {lines} líneas, "
                      "{actions} acciones, {activities} actividades, {indicators} indicadores.",
    "cli.unexpected": "Error inesperado: {detail}",
    # Status categories (design §5)
    "status.en_camino": "En camino",
    "status.requiere_aceleracion": "Requiere aceleración",
    "status.progreso_limitado": "Progreso limitado",
    "status.retroceso": "Retroceso",
    "status.meta_alcanzada": "Meta alcanzada",
    "status.sin_datos": "Sin datos",
    # Demo data
    "demo.label": "Datos ficticios de demostración",
}


def msg(code: str, **params: object) -> str:
    """The Spanish sentence for ``code`` with its placeholders filled."""
    return MESSAGES[code].format(**params)


def placeholders(code: str) -> set[str]:
    """Names of the placeholders a message expects."""
    return {name for _, name, _, _ in string.Formatter().parse(MESSAGES[code]) if name}
