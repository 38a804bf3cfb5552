"""hdras: router and frame. The views live in views/ (not pages/, see tests/test_browser.py);
the logic in hdras/."""

import streamlit as st

from hdras.core import config
from views import access, common

st.set_page_config(page_title="HdR-AS · Seguimiento del Plan 2025", page_icon="💧", layout="wide")

PAGES = {
    "Tablero": [
        st.Page("views/resumen.py", title="Resumen", icon=":material/home:", default=True),
        st.Page("views/novedades.py", title="Novedades", icon=":material/update:",
                url_path="novedades"),
        st.Page("views/metas.py", title="Metas", icon=":material/flag_circle:", url_path="metas"),
        st.Page("views/plan.py", title="Plan", icon=":material/account_tree:", url_path="plan"),
    ],
    "Actividades": [
        st.Page("views/cronograma.py", title="Cronograma", icon=":material/view_timeline:",
                url_path="cronograma"),
        st.Page("views/avance.py", title="Avance por año", icon=":material/stacked_bar_chart:",
                url_path="avance"),
        st.Page("views/hitos.py", title="Hitos", icon=":material/flag:", url_path="hitos"),
        st.Page("views/responsables.py", title="Responsables", icon=":material/groups:",
                url_path="responsables"),
    ],
    "Análisis": [
        st.Page("views/escenarios.py", title="Escenarios", icon=":material/tune:",
                url_path="escenarios"),
    ],
    "Datos": [
        st.Page("views/importar.py", title="Cargar avance", icon=":material/upload_file:",
                url_path="cargar"),
        st.Page("views/historial.py", title="Historial", icon=":material/history:",
                url_path="historial"),
        st.Page("views/exportar.py", title="Exportar", icon=":material/download:",
                url_path="exportar"),
    ],
}

unknown_address = common.redirect_unknown_address(PAGES)
navigation = st.navigation(PAGES)
common.compact_frame()  # the one style block: views/style.css
common.unknown_address_notice(unknown_address)

with st.sidebar:
    st.markdown("**HdR-AS · Plan de Implementación 2025**")
    common.selected_year()  # seeds the shared year before the widget reads it
    st.selectbox("Año de análisis", config.PLAN_YEARS, key=common.YEAR_KEY,
                 help="Todas las páginas muestran metas y avance para este año.")
    if not access.shared_mode():  # the server's folders are nobody else's business
        st.caption(f"Base de datos: `{common.database_path()}`")
    access.access_sidebar()
    common.page_language()

common.demo_banner()
common.run_page(navigation)
