"""The «Informe para la reunión» button (design §9): both formats of the meeting pack, built only
when downloaded. Shared by pages, not a page itself."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from hdras.core import config
from hdras.report import changes, output
from views import common


def _builder(fmt: str, year: int, since: dt.datetime, names: list[str]):
    def build() -> bytes:
        with common.database() as con:
            return output.build_report(con, fmt, year, since, names)
    return build


def pack_button(year: int, scenario_names: list[str]) -> None:
    """A popover: Novedades since (default: 90 days), scenarios to compare, PDF and slides."""
    with st.popover("Informe para la reunión", icon=":material/description:", width="stretch",
                    help="PDF y diapositivas con lo que muestra el tablero, para llevar y "
                         "enviar."):
        today = config.now().date()
        since_day = st.date_input("Novedades desde el final del día",
                                  today - dt.timedelta(days=changes.DEFAULT_DAYS),
                                  max_value=today, format="DD/MM/YYYY", key="pack_since")
        names = st.multiselect("Escenarios guardados frente al plan", scenario_names,
                               key="pack_scenarios", placeholder="Ninguno")
        since = changes.end_of_day(since_day)
        stamp = f"hdras-informe-{year}-{today:%Y%m%d}"
        st.download_button("PDF (A4)", _builder(".pdf", year, since, names),
                           file_name=f"{stamp}.pdf", mime=output.FORMATS[".pdf"],
                           key="pack_pdf", icon=":material/picture_as_pdf:", on_click="ignore",
                           width="stretch")
        st.download_button("Diapositivas (PPTX)", _builder(".pptx", year, since, names),
                           file_name=f"{stamp}.pptx", mime=output.FORMATS[".pptx"],
                           key="pack_pptx", icon=":material/slideshow:", on_click="ignore",
                           width="stretch")
        st.caption(f"Año de análisis {year} (barra lateral). El archivo se arma al descargarlo "
                   "(unos segundos).")
