"""hdras: router and frame. Pages live in pages/; the logic in hdras/."""

import streamlit as st

from hdras import config
from pages import common

st.set_page_config(page_title="HdR-AS · Seguimiento del Plan 2025", page_icon="💧", layout="wide")

PAGES = {
    "Tablero": [
        st.Page("pages/resumen.py", title="Resumen", icon=":material/home:", default=True, url_path="resumen"),
        st.Page("pages/plan.py", title="Plan", icon=":material/account_tree:", url_path="plan"),
    ],
}

navigation = st.navigation(PAGES)

with st.sidebar:
    st.markdown("**HdR-AS · Plan de Implementación 2025**")
    common.selected_year()  # seeds the shared year before the widget reads it
    st.selectbox("Año de análisis", config.PLAN_YEARS, key=common.YEAR_KEY,
                 help="Todas las páginas muestran metas y avance para este año.")
    st.caption(f"Base de datos: `{common.database_path()}`")

navigation.run()
