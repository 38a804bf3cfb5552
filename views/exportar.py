"""Exportar: one workbook with the plan, the current progress and the status of the year."""

import streamlit as st

from hdras.progress import export
from views import common

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

year = common.selected_year()


def _export_bytes() -> bytes:
    with common.database() as con:
        return export.build_export(con, year)


st.title("Exportar")
st.markdown(f"Un libro de Excel con el estado de **{year}** (el año de análisis de la barra "
            "lateral) y todo lo que el tablero sabe:")
st.markdown("- **Léame**: fecha, año y versión de los datos.\n"
            f"- **Estado {year}** y **Actividades {year}**: estado de cada serie de meta (con su "
            "etiqueta) y actividades programadas por estado.\n"
            "- **Metas**: meta del plan y valor reportado vigente por serie y año (2024–2030).\n"
            "- **Actividades**: estado, avance, evidencia y comentario vigentes por año.\n"
            "- **Acciones**: la estructura del plan (objetivo, línea, acción, actividad).\n"
            "- **Lotes**: el historial de cargas.")
st.caption("Los textos que empiezan con =, +, - o @ se guardan con un apóstrofo delante para que "
           "la hoja de cálculo los muestre y no los ejecute.")
st.download_button(f"Descargar exportación {year} (.xlsx)", data=_export_bytes, mime=XLSX,
                   file_name=f"hdras-exportacion-{year}.xlsx", key="export_download",
                   type="primary", icon=":material/download:")
